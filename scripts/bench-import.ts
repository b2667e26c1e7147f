// npx tsx scripts/bench-import.ts [--rows 100000]   (also run by `npm run bench`, or alone: npm run bench -- --only import)
// A 100,000-row, 15-column alumni workbook (made from the data generator's contacts) from file to
// committed records through the real router: import.open (the parse child process), preview, commit.
// Reported beside a baseline measured in the same run: SheetJS reading the same file in-process.
// Peak memory is the highest summed RSS of the measuring process and its children (the parser),
// sampled from /proc by a separate watcher process so a busy main thread cannot hide a peak.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import * as XLSX from '@e965/xlsx'
import { openApp } from '../src/main/app'
import { generate } from './gen'
import { xlsx } from './make-import-fixtures'
import type { FixtureCell } from './make-import-fixtures'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const self = fileURLToPath(import.meta.url)
const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`

const HEADER = ['序号', '姓名', '性别', '届别', '专业', '学历', '工作单位', '职务', '手机号', '邮箱', '微信', '所在城市', 'QQ', '籍贯', '备注']
const DEGREE: Record<string, string> = { bachelor: '本科', master: '硕士', doctorate: '博士', associate: '专科', other: '其他', unknown: '' }

/** The generator's contacts as an office's alumni directory: phones as numbers, class years as "2019届". */
export function alumniWorkbook(rows: number): Buffer {
  const data = generate({ contacts: rows })
  const orgName = new Map(data.organizations.map((o) => [o.id, o.name]))
  const body: FixtureCell[][] = data.contacts.map((c, i) => {
    const digits = c.phone.replace(/\D/g, '')
    return [
      i + 1, c.name, i % 2 === 0 ? '男' : '女', c.alumni?.classYear ? `${c.alumni.classYear}届` : '', c.alumni?.major ?? '', DEGREE[c.alumni?.degree ?? 'unknown'] ?? '',
      c.organizationId ? (orgName.get(c.organizationId) ?? '') : '', c.position, /^1\d{10}$/.test(digits) ? Number(digits) : c.phone, c.email, c.wechat, c.city,
      10000 + i, '江西', c.notes.slice(0, 60),
    ]
  })
  return xlsx({ sheets: [{ name: '校友名录', rows: [HEADER, ...body] }], sharedStrings: true })
}

/** Highest summed RSS of `pid` and its descendants, read from /proc every 20 ms until stdin closes. */
const WATCHER = `
const fs = require('fs')
const pid = Number(process.argv[1])
let peak = 0
function tree() {
  const kids = new Map()
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(d)) continue
    try {
      const stat = fs.readFileSync('/proc/' + d + '/stat', 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!kids.has(ppid)) kids.set(ppid, [])
      kids.get(ppid).push(Number(d))
    } catch {}
  }
  const out = [pid]
  for (let i = 0; i < out.length; i++) for (const k of kids.get(out[i]) || []) out.push(k)
  return out
}
function rss(p) {
  try { return Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/' + p + '/status', 'utf8'))[1]) * 1024 } catch { return 0 }
}
const timer = setInterval(() => { let s = 0; for (const p of tree()) s += rss(p); if (s > peak) peak = s }, 20)
process.stdin.on('end', () => { clearInterval(timer); process.stdout.write(String(peak)) })
process.stdin.resume()
`

interface Measured {
  ms: number
  peakBytes: number
  maxBlockMs: number
  detail: string
}

function watch(pid: number): { stop: () => Promise<number> } {
  const w = spawn(process.execPath, ['-e', WATCHER, String(pid)], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  w.stdout.on('data', (c: Buffer) => (out += c.toString()))
  return {
    stop: () =>
      new Promise((res) => {
        w.on('exit', () => res(Number(out)))
        w.stdin.end()
      }),
  }
}

/** SheetJS reading the file in this process, dense, to rows: what any import must at least do. */
async function baseline(file: string): Promise<Measured> {
  const w = watch(process.pid)
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const t = performance.now()
  const book = XLSX.read(await readFile(file), { dense: true, cellDates: false })
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1 })
  const elapsed = performance.now() - t
  loop.disable()
  return { ms: elapsed, peakBytes: await w.stop(), maxBlockMs: loop.max / 1e6, detail: `${rows.length - 1} rows` }
}

/** file -> committed records through the app's router, into an empty data folder. */
async function importRun(file: string, dir: string): Promise<Measured> {
  const core = await openApp({ dataDir: dir, resourcesDir: resolve(root, 'resources'), appVersion: 'bench' })
  try {
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.router.call(method, input)
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
      return r.data as T
    }
    const w = watch(process.pid)
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
      ms: elapsed, peakBytes: await w.stop(), maxBlockMs: loop.max / 1e6,
      detail: `${live} contacts committed (${batch.createdCount} records with new organisations; preview said create ${preview.counts.create}, errors ${preview.counts.error}); ${steps.join(', ')}`,
    }
  } finally {
    await core.close()
  }
}

/** Each measure in its own process, so one's garbage and caches do not weigh on the other. */
function inChild(args: string[]): Measured {
  const r = spawnSync(process.execPath, [...process.execArgv, self, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (r.status !== 0) throw new Error(`bench-import ${args.join(' ')} failed: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Measured
}

export async function benchImport(add: (label: string, value: string) => void, rows = 100_000): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'liaison-bench-import-'))
  try {
    const file = join(work, 'alumni.xlsx')
    process.stdout.write(`import: generating a ${rows}-row, ${HEADER.length}-column alumni workbook\n`)
    const book = alumniWorkbook(rows)
    await writeFile(file, book)
    add('alumni workbook', `${rows} rows × ${HEADER.length} columns, ${mb(book.length)}`)
    const base = inChild(['--baseline', file])
    add('SheetJS read in-process, dense, to rows (baseline)', `${ms(base.ms)}, peak ${mb(base.peakBytes)}`)
    const run = inChild(['--import', file, join(work, 'data')])
    add('import file → committed records (target ≤ 10 s)', ms(run.ms))
    add('  peak memory, app + parse child (target ≤ 500 MB)', mb(run.peakBytes))
    add('  longest main-thread block during the import (target ≤ 50 ms)', ms(run.maxBlockMs))
    add('  steps', run.detail)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const i = (name: string) => args.indexOf(`--${name}`)
  if (i('baseline') >= 0) {
    process.stdout.write(`\n${JSON.stringify(await baseline(args[i('baseline') + 1]))}\n`)
    return
  }
  if (i('import') >= 0) {
    process.stdout.write(`\n${JSON.stringify(await importRun(args[i('import') + 1], args[i('import') + 2]))}\n`)
    return
  }
  const rows = i('rows') >= 0 ? Number(args[i('rows') + 1]) : 100_000
  await benchImport((label, value) => process.stdout.write(`  ${label}: ${value}\n`), rows)
}

if (process.argv[1] === self) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  })
}
