/**
 * Two builds into `dist/`: `vite build` makes the hashed panel chunk (`widget/panel-<hash>.js`, ES module,
 * Preact and CSS inlined), then `vite build --mode loader` makes `widget.js`, a classic-script IIFE that
 * knows the panel's hashed name. `npm run build` runs both, always as a production build (a server started
 * from a test runner inherits NODE_ENV=test, which would otherwise bundle development code).
 */
import { readdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin, type UserConfig } from 'vite'

const dist = fileURLToPath(new URL('./dist', import.meta.url))
const shared: UserConfig = {
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
}

/**
 * The panel build does not empty `dist/`: a server already running (another test, another process) keeps serving
 * while a rebuild writes the very same files again. Panels of earlier builds are removed once the new one is
 * written, so the loader build finds exactly one.
 */
function removeStalePanels(): Plugin {
  return {
    name: 'smsdesk-remove-stale-panels',
    writeBundle(_options, bundle) {
      const written = new Set(Object.keys(bundle))
      for (const name of readdirSync(`${dist}/widget`)) {
        if (/^panel-[\w-]+\.js$/.test(name) && !written.has(`widget/${name}`))
          rmSync(`${dist}/widget/${name}`)
      }
    },
  }
}

function panelBuild(): UserConfig {
  return {
    ...shared,
    plugins: [removeStalePanels()],
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2020',
      modulePreload: false,
      rolldownOptions: {
        input: fileURLToPath(new URL('./src/panel/main.tsx', import.meta.url)),
        preserveEntrySignatures: 'strict',
        output: {
          format: 'es',
          entryFileNames: 'widget/panel-[hash].js',
          chunkFileNames: 'widget/[name]-[hash].js',
        },
      },
    },
  }
}

function loaderBuild(): UserConfig {
  const panel = readdirSync(`${dist}/widget`).find((name) => /^panel-[\w-]+\.js$/.test(name))
  if (!panel) throw new Error('build the panel first: `vite build` before `vite build --mode loader`')
  return {
    ...shared,
    define: { __SMSDESK_PANEL__: JSON.stringify(`widget/${panel}`) },
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2020',
      modulePreload: false,
      rolldownOptions: {
        input: fileURLToPath(new URL('./src/loader/loader.ts', import.meta.url)),
        output: { format: 'iife', entryFileNames: 'widget.js' },
      },
    },
  }
}

export default defineConfig(({ mode }) => (mode === 'loader' ? loaderBuild() : panelBuild()))
