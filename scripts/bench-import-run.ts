// The measured side of `bench-import.ts`, bundled by it with esbuild and run with plain node: measured
// under tsx, the processes also held tsx's transpiler and an esbuild service each (some 60 MB apiece),
// which the app does not carry. The parse child is bundled beside it, as the browser-mode server ships it.
//   node out/bench/import-run.mjs --baseline <file>
//   node out/bench/import-run.mjs --import <file> <dataDir> <parseChild.mjs> <resourcesDir>
import { readFile } from 'node:fs/promises'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import * as XLSX from '@e965/xlsx'
import { openApp } from '../src/main/app'
import { forkLauncher } from '../src/main/import/parse-runner'

export interface Measured {
  ms: number
  maxBlockMs: number
  detail: string
}

const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`

/** SheetJS reading the file in this process, dense, to rows: what any import must at least do. */
async function baseline(file: string): Promise<Measured> {
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const t = performance.now()
  const book = XLSX.read(await readFile(file), { dense: true, cellDates: false })
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1 })
  const elapsed = performance.now() - t
  loop.disable()
  return { ms: elapsed, maxBlockMs: loop.max / 1e6, detail: `${rows.length - 1} rows` }
}

/** file -> committed records through the app's router, into an empty data folder. */
async function importRun(file: string, dir: string, parseChild: string, resourcesDir: string): Promise<Measured> {
  const core = await openApp({ dataDir: dir, resourcesDir, appVersion: 'bench', importLauncher: forkLauncher({ entry: parseChild }) })
  try {
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.router.call(method, input)
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
      return r.data as T
    }
    const loop = monitorEventLoopDelay({ resolution: 5 })
    const steps: string[] = []
    let t = performance.now()
    const start = t
    const step = (name: string) => {
      const now = performance.now()
      steps.push(`${name} ${ms(now - t)}`)
      t = now
    }
    // Timed, but not watched for blocks: in the app the renderer reads and encodes the file, not the main process.
    const data = (await readFile(file)).toString('base64')
    loop.enable()
    const opened = await call<{ sessionId: string; sheets: Array<{ name: string }> }>('import.open', { fileName: 'alumni-100k.xlsx', target: 'contacts', data })
    step('open+parse')
    const plan = { sessionId: opened.sessionId, target: 'contacts', sheets: [{ name: opened.sheets[0].name }] }
    const preview = await call<{ counts: Record<string, number> }>('import.preview', { ...plan, limit: 50 })
    step('preview')
    const batch = await call<{ createdCount: number }>('import.commit', plan)
    step('commit')
    const elapsed = performance.now() - start
    loop.disable()
    const live = core.store.data.contacts.filter((c) => c.deletedAt === null).length
    return {
      ms: elapsed, maxBlockMs: loop.max / 1e6,
      detail: `${live} contacts committed (${batch.createdCount} records with new organisations; preview said create ${preview.counts.create}, errors ${preview.counts.error}); ${steps.join(', ')}`,
    }
  } finally {
    await core.close()
  }
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2)
  // The parent starts its memory watcher on this pid, then says go: the watcher sees the whole run.
  await new Promise<void>((res) => process.stdin.once('data', () => res()))
  const result = mode === '--baseline' ? await baseline(rest[0]) : await importRun(rest[0], rest[1], rest[2], rest[3])
  process.stdout.write(`\n${JSON.stringify(result)}\n`)
  process.stdin.pause()
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
