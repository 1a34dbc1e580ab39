/** What the loader hands the lazily loaded panel, and what the panel hands back. Types only. */

export type WidgetLang = 'sv' | 'en'

export interface PanelHost {
  /** The widget's open shadow root; the panel renders into `container` and adds its styles here. */
  root: ShadowRoot
  container: HTMLElement
  launcher: HTMLButtonElement
  lang: WidgetLang
  /** Origin the script came from: the FAQ API lives there too. */
  apiBase: string
  /** Called when the panel closes itself (Escape, close button) so the loader can update the launcher. */
  onClosed(): void
}

export interface PanelControls {
  open(): void
  close(): void
  search(text: string): void
  isOpen(): boolean
}

/** The panel chunk's one export. */
export type MountPanel = (host: PanelHost) => PanelControls

/** A call queued on the `window.SmsDesk = window.SmsDesk || []` stub before the loader ran. */
export type QueuedCall = readonly ['open'] | readonly ['close'] | readonly ['search', string]

/** `window.SmsDesk` once the loader has run. */
export interface SmsDeskApi {
  open(): void
  close(): void
  search(text: string): void
  /** Same as calling the method: lets stub-style code (`SmsDesk.push(['open'])`) keep working after load. */
  push(call: QueuedCall): void
  readonly version: string
}
