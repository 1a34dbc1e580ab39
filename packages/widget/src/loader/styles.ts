/** Puts CSS into a shadow root without `<style>` or `style=`, so a strict `style-src` CSP does not block it. */

/**
 * Adds `css` to the shadow root as a constructable stylesheet (not subject to `style-src`). Browsers
 * without constructable stylesheets get a `<style>` element instead, which needs 'unsafe-inline' under a CSP.
 */
export function adoptCss(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    return
  }
  const style = document.createElement('style')
  style.textContent = css
  root.append(style)
}
