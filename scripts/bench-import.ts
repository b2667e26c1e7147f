// npx tsx scripts/bench-import.ts [--rows 100000]   (also run by `npm run bench`, or alone: npm run bench -- --only import)
// A 100,000-row, 15-column alumni workbook (made from the data generator's contacts) from file to
// committed records through the real router: import.open (the parse child process), preview, commit.
// Reported beside a baseline measured in the same run: SheetJS reading the same file in-process.
// Both are measured in plain-node processes built from the sources (bench-import-run.ts), as the app
// ships them. Peak memory is the highest summed RSS of the measured process and its children (the
// parser), sampled from /proc by a separate watcher process so a busy main thread cannot hide a peak.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
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

/**
 * Highest summed RSS of `pid` and its descendants, read from /proc every 20 ms until stdin closes, with
 * each process's share at that peak. The watcher is started by the bench, not by the measured process,
 * so it is not in the tree it sums.
 */
const WATCHER = `
const fs = require('fs')
const pid = Number(process.argv[1])
let peak = 0
let parts = []
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
const timer = setInterval(() => {
  const now = tree().map((p) => [p, rss(p)])
  const s = now.reduce((a, [, r]) => a + r, 0)
  if (s > peak) { peak = s; parts = now }
}, 20)
process.stdin.on('end', () => { clearInterval(timer); process.stdout.write(JSON.stringify({ peak, parts: parts.map(([, r]) => r) })) })
process.stdin.resume()
`

interface Measured {
  ms: number
  maxBlockMs: number
  detail: string
}

interface Watched extends Measured {
  peakBytes: number
  /** RSS of each process at the peak: the measured process first, then its children */
  partsBytes: number[]
}

/** Builds the measured side (and the parse child it forks) to plain JavaScript, as the app ships them. */
async function buildRunner(): Promise<{ runner: string; parseChild: string }> {
  const outdir = join(root, 'out/bench')
  await build({
    entryPoints: { 'import-run': join(root, 'scripts/bench-import-run.ts'), 'parse-child': join(root, 'src/main/import/parse-child.ts') },
    outdir, outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node24', packages: 'external', logLevel: 'warning',
  })
  return { runner: join(outdir, 'import-run.mjs'), parseChild: join(outdir, 'parse-child.mjs') }
}

/** Runs one measure in its own plain-node process, watched from outside from its first line to its exit. */
async function watched(runner: string, args: string[]): Promise<Watched> {
  const child = spawn(process.execPath, [runner, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
  const w = spawn(process.execPath, ['-e', WATCHER, String(child.pid)], { stdio: ['pipe', 'pipe', 'inherit'] })
  let seen = ''
  w.stdout.on('data', (c: Buffer) => (seen += c.toString()))
  const watcherDone = new Promise<void>((res) => w.on('exit', () => res()))
  child.stdin.write('go\n')
  const code = await exited
  w.stdin.end()
  await watcherDone
  if (code !== 0) throw new Error(`bench-import ${args[0]} failed: ${err}`)
  const { peak, parts } = JSON.parse(seen) as { peak: number; parts: number[] }
  return { ...(JSON.parse(out.trim().split('\n').pop() ?? '') as Measured), peakBytes: peak, partsBytes: parts }
}

export async function benchImport(add: (label: string, value: string) => void, rows = 100_000): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'liaison-bench-import-'))
  try {
    const file = join(work, 'alumni.xlsx')
    process.stdout.write(`import: generating a ${rows}-row, ${HEADER.length}-column alumni workbook\n`)
    const book = alumniWorkbook(rows)
    await writeFile(file, book)
    add('alumni workbook', `${rows} rows × ${HEADER.length} columns, ${mb(book.length)}`)
    const { runner, parseChild } = await buildRunner()
    const base = await watched(runner, ['--baseline', file])
    add('SheetJS read in-process, dense, to rows (baseline)', `${ms(base.ms)}, peak ${mb(base.peakBytes)}`)
    const run = await watched(runner, ['--import', file, join(work, 'data'), parseChild, resolve(root, 'resources')])
    add('import file → committed records (target ≤ 10 s)', ms(run.ms))
    add('  peak memory, app + parse child (target ≤ 500 MB)', `${mb(run.peakBytes)} (app ${mb(run.partsBytes[0] ?? 0)}, children ${run.partsBytes.slice(1).map(mb).join(' + ') || 'none'})`)
    add('  longest main-thread block during the import (target ≤ 50 ms)', ms(run.maxBlockMs))
    add('  steps', run.detail)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const i = args.indexOf('--rows')
  await benchImport((label, value) => process.stdout.write(`  ${label}: ${value}\n`), i >= 0 ? Number(args[i + 1]) : 100_000)
}

if (process.argv[1] === self) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  })
}
