/** Types for Vite's `?inline` CSS imports and the constants the build defines. */
/// <reference types="vite/client" />

/** Path of the hashed panel chunk relative to `widget.js`, filled in by the loader build. */
declare const __SMSDESK_PANEL__: string
