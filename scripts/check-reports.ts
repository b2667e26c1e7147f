// npx tsx scripts/check-reports.ts --out <folder> [--date yyyy-MM-dd]
// Writes every report of the sample trip, in both languages, into <folder>; then,
// when LibreOffice is installed, converts each to PDF and each PDF page to a PNG
// (pdftoppm -png -r 110: legible Chinese at A4), so the layout can be looked at without Word or Excel.
// Besides the sample trip in each language, it writes the work report, and the
// Chinese-entered trip exported in English (what an office gets before filling in English fields).
import { execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { openApp } from '../src/main/app'
import type { DbData } from '../src/main/db/schema'
import type { TripTotals } from '../src/shared/contract'
import {
  collectTripReportInput, itineraryDocx, itineraryWorkbook, tripReportDocx, tripWorkbook,
  writeAlumniDirectory, writeAlumniGroups, writeFollowUps, writeInternshipBases, writeVisitsLedger,
} from '../src/main/reports'
import type { RegisterResult } from '../src/main/reports'
import { LANGS } from '../src/shared/enums'
import type { Lang } from '../src/shared/enums'

const run = promisify(execFile)
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SAMPLE_TRIP_ID = 'trp-2025-12-shanghai-nantong'

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

async function toFile(path: string, write: (out: Writable) => Promise<RegisterResult>): Promise<number> {
  const out = createWriteStream(path)
  const closed = new Promise<void>((res, rej) => {
    out.on('close', res)
    out.on('error', rej)
  })
  const { rows } = await write(out)
  await closed
  return rows
}

interface Sample {
  data: DbData
  totals: TripTotals
  close: () => Promise<void>
}

/** The sample trip loaded through the real app core into a throw-away data folder. */
async function sampleData(lang: Lang): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'check-reports-'))
  const core = await openApp({ dataDir: dir, resourcesDir: join(ROOT, 'resources'), appVersion: 'check' })
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const r = await core.router.call(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
    return r.data
  }
  await call('settings.update', { language: lang })
  await call('sample.load', {})
  const totals = (await call('trips.totals', { id: SAMPLE_TRIP_ID })) as TripTotals
  return {
    data: core.store.data,
    totals,
    close: async () => {
      await core.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function has(cmd: string, versionFlag: string): Promise<boolean> {
  try {
    await run(cmd, [versionFlag], { timeout: 60_000 })
    return true
  } catch {
    return false
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const outArg = argValue(args, 'out')
  if (!outArg) {
    process.stderr.write('usage: npx tsx scripts/check-reports.ts --out <folder> [--date yyyy-MM-dd]\n')
    process.exit(2)
  }
  const out = resolve(outArg)
  const date = argValue(args, 'date')
  await mkdir(out, { recursive: true })
  const written: string[] = []
  const say = (s: string) => process.stdout.write(`${s}\n`)

  for (const lang of LANGS) {
    const sample = await sampleData(lang)
    try {
      const input = collectTripReportInput(sample.data, SAMPLE_TRIP_ID, sample.totals)
      const files: Array<[string, () => Promise<Buffer>]> = [
        [`trip-summary.${lang}.xlsx`, () => tripWorkbook(input, { lang })],
        [`trip-report.${lang}.docx`, () => tripReportDocx(input, { lang, date })],
        [`work-report.${lang}.docx`, () => tripReportDocx(input, { lang, date, kind: 'work' })],
        ...(lang === 'zh-CN' ? ([[`trip-report.zh-entered.en.docx`, () => tripReportDocx(input, { lang: 'en', date })]] as Array<[string, () => Promise<Buffer>]>) : []),
        [`itinerary.${lang}.docx`, () => itineraryDocx(input, { lang })],
        [`itinerary-sheet.${lang}.xlsx`, () => itineraryWorkbook(input, { lang })],
      ]
      for (const [name, make] of files) {
        const t0 = performance.now()
        await writeFile(join(out, name), await make())
        written.push(name)
        say(`wrote ${name} (${(performance.now() - t0).toFixed(0)} ms)`)
      }
      const registers: Array<[string, (o: Writable) => Promise<RegisterResult>]> = [
        [`visits-ledger.${lang}.xlsx`, (o) => writeVisitsLedger(sample.data, { lang }, o)],
        [`internship-bases.${lang}.xlsx`, (o) => writeInternshipBases(sample.data, { lang, asOf: date }, o)],
        [`alumni-directory.${lang}.xlsx`, (o) => writeAlumniDirectory(sample.data, { lang }, o)],
        [`alumni-groups.${lang}.xlsx`, (o) => writeAlumniGroups(sample.data, { lang }, o)],
        [`follow-ups.${lang}.xlsx`, (o) => writeFollowUps(sample.data, { lang, asOf: date }, o)],
      ]
      for (const [name, write] of registers) {
        const rows = await toFile(join(out, name), write)
        written.push(name)
        say(`wrote ${name} (${rows} rows)`)
      }
    } finally {
      await sample.close()
    }
  }

  if (!(await has('soffice', '--version'))) {
    say('soffice not found: skipping PDF and PNG pages')
    return
  }
  say('converting to PDF with LibreOffice…')
  // One LibreOffice run for all files: starting it costs several seconds.
  await run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, ...written.map((f) => join(out, f))], { timeout: 600_000 })
  if (!(await has('pdftoppm', '-v'))) {
    say('pdftoppm not found: PDFs only')
    return
  }
  for (const name of written) {
    const base = name.replace(/\.(xlsx|docx)$/, '')
    await run('pdftoppm', ['-png', '-r', '110', join(out, `${base}.pdf`), join(out, base)], { timeout: 120_000 })
  }
  const pngs = (await readdir(out)).filter((f) => f.endsWith('.png')).sort()
  for (const name of written) {
    const base = name.replace(/\.(xlsx|docx)$/, '')
    const pages = pngs.filter((p) => p.startsWith(`${base}-`))
    say(`${base}.pdf: ${pages.length} page(s) ${pages.join(' ')}`)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
