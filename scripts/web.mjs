// npm run web -- [--port <n>] [--data <folder>] [--no-build]
// Builds the renderer for the browser, then serves it with the API on 127.0.0.1.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const noBuild = args.includes('--no-build')
const rest = args.filter((a) => a !== '--no-build')

if (!noBuild) {
  for (const step of [
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'],
    [join(root, 'scripts/build-web-server.mjs')],
  ]) {
    const build = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }
}
// The bundled server (npm run build:web makes it) starts in a fraction of the time tsx takes to
// transpile the sources; without a build, the sources run through tsx.
const bundle = join(root, 'out/web-server/main.mjs')
const entry = existsSync(bundle) ? [bundle] : ['--import', 'tsx', join(root, 'src/web/server/main.ts')]
const server = spawn(process.execPath, [...entry, ...rest], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
