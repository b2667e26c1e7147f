import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openDesk } from '../../main/desk'
import type { Desk } from '../../main/desk'
import { workerThumbnailer } from '../../main/attachments/thumbnails'
import { workerSheets } from '../../main/reports/sheet-runner'
import { forkLauncher } from '../../main/import/parse-runner'
import { describeOpenFailure } from '../../main/store'
import { startWebServer } from './http-server'

const here = dirname(fileURLToPath(import.meta.url))

/** The project folder: the nearest one up with a package.json (src/web/server, or out/web-server when bundled). */
function projectRoot(from: string): string {
  let dir = from
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error(`No package.json above ${from}`)
    dir = up
  }
  return dir
}
const root = projectRoot(here)
/** Bundled (scripts/build-web-server.mjs), the parsing child sits beside this file as JavaScript. */
const bundledChild = join(here, 'parse-child.mjs')
const bundledThumbWorker = join(here, 'thumb-worker.mjs')
const bundledSheetWorker = join(here, 'sheet-worker.mjs')
const bundledSeedWorker = join(here, 'seed-worker.mjs')

/** A clock that starts at `start` (an ISO instant) and runs at real speed; the real clock without one. */
function clockFrom(start: string | undefined): (() => Date) | undefined {
  if (start === undefined) return undefined
  const origin = Date.parse(start)
  if (Number.isNaN(origin)) throw new Error(`--now must be an ISO date and time, got ${start}`)
  const began = Date.now()
  return () => new Date(origin + (Date.now() - began))
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      data: { type: 'string', default: join(homedir(), 'LiaisonDesk', 'data') },
      // For tests: the clock starts at this instant and runs on from there.
      now: { type: 'string' },
    },
    allowPositionals: false,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`)
  const dataDir = resolve(values.data)
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }

  // The server starts first (it reads the built page into memory), then the folder is opened.
  let open: (desk: Promise<Desk>) => void = () => undefined
  const opening = new Promise<Desk>((resolve) => (open = resolve))
  // Handled below; without this a failed open would count as unhandled while the server starts.
  opening.catch(() => undefined)
  const token = randomBytes(24).toString('base64url')
  // Listening before the folder is open: the browser loads the page while db.json is read and parsed.
  const server = await startWebServer({ app: opening, staticDir: join(root, 'out', 'web'), token, port })
  // No keychain in browser mode: an encrypted folder always asks for its passphrase.
  open(openDesk({
    dataDir,
    resourcesDir: join(root, 'resources'),
    appVersion: pkg.version,
    now: clockFrom(values.now),
    ...(existsSync(bundledChild) ? { importLauncher: forkLauncher({ entry: bundledChild }) } : {}),
    ...(existsSync(bundledThumbWorker) ? { thumbnailer: workerThumbnailer(bundledThumbWorker) } : {}),
    ...(existsSync(bundledSheetWorker) ? { sheetWriter: workerSheets(bundledSheetWorker) } : {}),
    ...(existsSync(bundledSeedWorker) ? { indexCache: { entry: bundledSeedWorker } } : {}),
  }))

  let closing = false
  const shutdown = async () => {
    if (closing) return
    closing = true
    await server.close()
    await (await opening.catch(() => null))?.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
  console.log(`Liaison Desk: ${server.url}`)
  console.log(`Data folder: ${dataDir}`)
  try {
    await opening
  } catch (e) {
    closing = true
    await server.close()
    throw e
  }
}

main().catch((e: unknown) => {
  console.error(describeOpenFailure(e))
  process.exit(1)
})
