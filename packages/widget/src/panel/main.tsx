/** The lazily loaded panel chunk: renders the help panel into the loader's shadow root. */
import { render } from 'preact'
import type { MountPanel, PanelControls } from '../contract.ts'
import { adoptCss } from '../loader/styles.ts'
import { createApi } from './api.ts'
import { Panel } from './Panel.tsx'
import panelCss from './panel.css?inline'

export const mountPanel: MountPanel = (host) => {
  adoptCss(host.root, panelCss)
  const controls: { current: PanelControls | null } = { current: null }
  render(<Panel host={host} api={createApi(host.apiBase)} controls={controls} />, host.container)
  // Escape while the launcher has focus closes too, not only inside the dialog.
  host.root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && controls.current?.isOpen()) controls.current.close()
  })
  return {
    open: () => controls.current?.open(),
    close: () => controls.current?.close(),
    search: (text) => controls.current?.search(text),
    isOpen: () => controls.current?.isOpen() ?? false,
  }
}
