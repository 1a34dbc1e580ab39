/** What `npm run build` compiles and how `ensure-build` tells whether the build is older than its sources. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..')

/** Entry points per workspace; the widget's Node side goes to `lib/`, since its `dist/` is the browser build. */
export const PACKAGES = {
  core: { entries: ['index.ts', 'status/index.ts', 'faq/index.ts', 'testing.ts'], outdir: 'dist' },
  bot: { entries: ['index.ts', 'testing/index.ts'], outdir: 'dist' },
  widget: { entries: ['index.ts'], outdir: 'lib' },
  server: { entries: ['index.ts', 'main.ts', 'migrate.ts', 'operator-main.ts'], outdir: 'dist' },
}

/** Written last by a build that finished; its time is the build's. */
export const BUILD_STAMP = join(ROOT, 'packages/server/dist/.built')

/** The newest modification time (ms) among the files a build reads. */
export function newestInput() {
  let newest = 0
  const visit = (path) => {
    const s = statSync(path, { throwIfNoEntry: false })
    if (!s) return
    if (s.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name))
    } else if (s.mtimeMs > newest) newest = s.mtimeMs
  }
  for (const name of Object.keys(PACKAGES)) {
    visit(join(ROOT, 'packages', name, 'src'))
    visit(join(ROOT, 'packages', name, 'package.json'))
  }
  visit(join(ROOT, 'packages/widget/vite.config.ts'))
  visit(join(ROOT, 'scripts/build.mjs'))
  return newest
}

/** When the last finished build was made (ms), or null if there is none. */
export function builtAt() {
  return statSync(BUILD_STAMP, { throwIfNoEntry: false })?.mtimeMs ?? null
}
