/** `npm run build`: every package to JavaScript with source maps (esbuild), the widget once, precompressed. */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { BUILD_STAMP, PACKAGES, ROOT } from './build-inputs.mjs'

/** Each package's entry points are bundled with code splitting, so modules shared by two entries stay one. */
async function compile() {
  for (const [name, pkg] of Object.entries(PACKAGES)) {
    const dir = join(ROOT, 'packages', name)
    rmSync(join(dir, pkg.outdir), { recursive: true, force: true })
    await build({
      entryPoints: pkg.entries.map((e) => join(dir, 'src', e)),
      outdir: join(dir, pkg.outdir),
      outbase: join(dir, 'src'),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      sourcemap: true,
      // Dependencies, the other workspaces included, are imported at run time: each is compiled on its own.
      packages: 'external',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'warning',
    })
  }
}

/** Writes `.gz` and `.br` beside every widget file, so the server sends them without compressing per request. */
function precompressWidget() {
  const dist = join(ROOT, 'packages/widget/dist')
  for (const file of walk(dist)) {
    if (/\.(gz|br)$/.test(file)) {
      const original = file.replace(/\.(gz|br)$/, '')
      if (!exists(original)) rmSync(file)
      continue
    }
    if (!/\.(js|css|html|json|svg)$/.test(file)) continue
    const body = readFileSync(file)
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }))
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    )
  }
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  )
}

function exists(path) {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}

const started = performance.now()
await compile()
execFileSync('npm', ['run', 'build', '-w', '@smsdesk/widget', '--silent'], { cwd: ROOT, stdio: 'inherit' })
precompressWidget()
writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`)
console.log(`smsdesk: built every package in ${Math.round(performance.now() - started)} ms`)
