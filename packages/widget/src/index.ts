/** @smsdesk/widget on the Node side: where the built files are, for the server to serve. */
import { fileURLToPath } from 'node:url'

/** Absolute path of the build output (`widget.js` and `widget/*.js` chunks); `npm run build -w @smsdesk/widget` fills it. */
export const widgetDistDir = fileURLToPath(new URL('../dist/', import.meta.url))

/** The stable loader file name, served at `/widget.js`. */
export const WIDGET_LOADER_FILE = 'widget.js'

/** Folder of hashed, immutable chunks inside `widgetDistDir`, served at `/widget/<file>`. */
export const WIDGET_CHUNK_DIR = 'widget'

export type { WidgetLang } from './contract.ts'
export { widgetCspDirectives } from './csp.ts'
export { demoPageCsp, demoPageHtml } from './demo-page.ts'
