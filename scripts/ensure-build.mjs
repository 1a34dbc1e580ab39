/**
 * `prestart` and `pretest`: builds only when there is no build or the sources are newer than it. A tree
 * installed with `npm ci --omit=dev` has no build tools: it starts the build it has, or says how to make one.
 */
import { execFileSync } from 'node:child_process'
import { builtAt, newestInput, ROOT } from './build-inputs.mjs'

const built = builtAt()
if (built === null || newestInput() > built) {
  let canBuild = true
  try {
    await import('esbuild')
  } catch {
    canBuild = false
  }
  if (canBuild) {
    console.error(built === null ? 'smsdesk: no build yet, building' : 'smsdesk: sources changed, rebuilding')
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' })
  } else if (built === null) {
    console.error(
      'smsdesk: there is no build (packages/server/dist) and no build tools (dev dependencies) to make one. ' +
        'Run `npm install && npm run build` first, then `npm ci --omit=dev` if you want a lean tree.',
    )
    process.exit(1)
  } else {
    console.error(
      'smsdesk: sources look newer than the build, but the build tools are not installed; starting the build as is',
    )
  }
}
