// Where the Electron binary is, if it was downloaded. Importing the `electron` package would try to
// download it, so its path file is read directly; CI machines without it skip the Electron tests.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron')
  const pkg = join(root, 'node_modules/electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

export const SKIP_REASON = 'The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD): run `npx install-electron` or `npm ci` without it on a Windows or macOS machine to run the desktop tests.'
