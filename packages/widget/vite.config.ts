/**
 * Two builds into `dist/`: `vite build` makes the hashed panel chunk (`widget/panel-<hash>.js`, ES module,
 * Preact and CSS inlined), then `vite build --mode loader` makes `widget.js`, a classic-script IIFE that
 * knows the panel's hashed name. `npm run build` runs both.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type UserConfig } from 'vite'

const dist = fileURLToPath(new URL('./dist', import.meta.url))
const shared: UserConfig = {
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
}

function panelBuild(): UserConfig {
  return {
    ...shared,
    build: {
      outDir: dist,
      emptyOutDir: true,
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
