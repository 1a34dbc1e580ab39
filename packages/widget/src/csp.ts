/** The Content-Security-Policy a page needs to embed the widget, stated once for the docs and the demo page. */

/**
 * Directives to add for a widget served from `origin`. Styles go in as constructable stylesheets, which
 * `style-src` does not govern, so no 'unsafe-inline' and no style hash is needed; the script uses no eval.
 */
export function widgetCspDirectives(origin: string): { 'script-src': string; 'connect-src': string } {
  return { 'script-src': origin, 'connect-src': origin }
}
