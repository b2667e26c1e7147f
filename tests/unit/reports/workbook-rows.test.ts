// @vitest-environment node
// Every generated workbook read back: wrapped rows keep automatic heights (no
// customHeight, so Excel and WPS fit them to their text) while storing the
// height LibreOffice's PDF conversion needs, and every column is wide enough
// for each whole word of its header and values in the report's language.
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bufferSink } from '../../../src/main/reports/buffer-sink'
import { errorRowsWorkbook } from '../../../src/main/reports/error-rows'
import { itineraryWorkbook } from '../../../src/main/reports/itinerary'
import { writeAlumniDirectory, writeAlumniGroups, writeFollowUps, writeInternshipBases, writeVisitsLedger } from '../../../src/main/reports/registers'
import type { RegisterResult } from '../../../src/main/reports/registers'
import { tripWorkbook } from '../../../src/main/reports/trip-workbook'
import { linesHeight, textUnits, words, wrappedLines } from '../../../src/main/reports/xlsx-measure'
import { LANGS } from '../../../src/shared/enums'
import type { Lang } from '../../../src/shared/enums'
import { rowProblem } from '../../../src/shared/import'
import type { PlanRow } from '../../../src/shared/import'
import { openSampleTrip, zipEntry } from './fixtures'
import type { SampleTrip } from './fixtures'

async function streamed(write: (out: Writable) => Promise<RegisterResult>): Promise<Buffer> {
  const sink = bufferSink()
  await write(sink.stream)
  return sink.bytes()
}

/** Each sheet's `<row>` opening tags by row number, from the package itself (exceljs does not read customHeight back). */
async function rowTags(bytes: Buffer, sheets: number): Promise<Array<Map<number, string>>> {
  const out: Array<Map<number, string>> = []
  for (let i = 1; i <= sheets; i++) {
    const xml = await zipEntry(bytes, `xl/worksheets/sheet${i}.xml`)
    out.push(new Map([...xml.matchAll(/<row [^>]*>/g)].map((m) => [Number(/ r="(\d+)"/.exec(m[0])?.[1]), m[0]])))
  }
  return out
}

const errorRows: PlanRow[] = [
  {
    key: 'S:2',
    sheet: 'S',
    row: 2,
    action: 'error',
    targetId: null,
    targetName: '',
    matchedBy: '',
    changes: [],
    conflicts: [],
    organization: null,
    cells: { 姓名: '甲', 手机: '1.38E+10', 备注: 'Met at the alumni forum in Shanghai; asked for the internship programme details and the contact of the placement office' },
    problems: [rowProblem('error', 'phoneScientific', {}, { column: '手机', letter: 'B' }), rowProblem('error', 'notDate', { value: 'x' }, { column: '备注', letter: 'C' })],
  },
]

describe.each(LANGS)('every workbook (%s)', (lang: Lang) => {
  let s: SampleTrip
  const books: Array<{ name: string; bytes: Buffer }> = []
  beforeAll(async () => {
    s = await openSampleTrip(lang)
    const data = s.data
    books.push(
      { name: 'trip summary', bytes: await tripWorkbook(s.input, { lang }) },
      { name: 'itinerary', bytes: await itineraryWorkbook(s.input, { lang }) },
      { name: 'visits ledger', bytes: await streamed((out) => writeVisitsLedger(data, { lang }, out)) },
      { name: 'internship bases', bytes: await streamed((out) => writeInternshipBases(data, { lang, asOf: '2026-11-20' }, out)) },
      { name: 'alumni directory', bytes: await streamed((out) => writeAlumniDirectory(data, { lang }, out)) },
      { name: 'alumni organisations', bytes: await streamed((out) => writeAlumniGroups(data, { lang }, out)) },
      { name: 'follow-ups', bytes: await streamed((out) => writeFollowUps(data, { lang, asOf: '2026-11-20' }, out)) },
      { name: 'import error rows', bytes: await errorRowsWorkbook(['姓名', '手机', '备注'], errorRows, lang) },
    )
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('fixes no row height but a merged title\'s, and stores the height each wrapped row needs', async () => {
    let wrappedRows = 0
    for (const { name, bytes } of books) {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(bytes as unknown as ArrayBuffer)
      const tags = await rowTags(bytes, wb.worksheets.length)
      wb.worksheets.forEach((ws, i) => {
        const titled = ws.model.merges.some((m) => m.startsWith('A1:'))
        ws.eachRow((row, n) => {
          const tag = tags[i].get(n) ?? ''
          const where = `${name} / ${ws.name} row ${n}`
          if (titled && n === 1) {
            // No application fits a merged cell: the title alone keeps a fixed height.
            expect(tag, where).toContain('customHeight="1"')
            return
          }
          expect(tag, where).not.toContain('customHeight')
          // The tallest cell of the row, wrapped as LibreOffice wraps it.
          let most = { lines: 1, wide: false }
          row.eachCell((cell, col) => {
            if (typeof cell.value !== 'string' || ws.getColumn(col).hidden) return
            expect(cell.alignment?.wrapText, `${where} col ${col}`).toBe(true)
            const m = wrappedLines(cell.value, ws.getColumn(col).width ?? 10, 10, cell.font?.bold === true)
            if (m.lines > most.lines) most = m
          })
          if (most.lines === 1) return
          wrappedRows += 1
          expect(row.height, where).toBeGreaterThanOrEqual(linesHeight(most.lines, 10, most.wide))
          // …and not a line more: twice the height pushed sheets onto extra pages.
          expect(row.height, where).toBeLessThan(Math.max(linesHeight(most.lines + 1, 10, false), 18.5))
        })
      })
    }
    // The sample trip has long outcomes and topic notes: the check above saw real wrapping.
    expect(wrappedRows).toBeGreaterThan(10)
  })

  it('makes every column wide enough for each whole word of its header and values', async () => {
    for (const { name, bytes } of books) {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(bytes as unknown as ArrayBuffer)
      for (const ws of wb.worksheets) {
        const headerRow = ws.model.merges.some((m) => m.startsWith('A1:')) ? 2 : 1
        ws.columns.forEach((col, i) => {
          if (col.hidden) return
          const width = col.width ?? 0
          const header = String(ws.getRow(headerRow).getCell(i + 1).value ?? '')
          for (const w of words(header)) expect(textUnits(w, true) + 1, `${name} / ${ws.name} header "${w}"`).toBeLessThanOrEqual(width)
          ws.eachRow((row, n) => {
            if (n <= headerRow) return
            const v = row.getCell(i + 1).value
            const text = typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : ''
            for (const w of words(text)) expect(Math.min(textUnits(w), 60) + 1, `${name} / ${ws.name} "${w}"`).toBeLessThanOrEqual(width)
          })
        })
      }
    }
  })
})

it('sizes the same column to its language: English periods wider than Chinese ones', async () => {
  const widths: Record<string, number> = {}
  for (const lang of LANGS) {
    const s = await openSampleTrip(lang)
    try {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load((await tripWorkbook(s.input, { lang })) as unknown as ArrayBuffer)
      widths[lang] = wb.worksheets[1].getColumn(2).width ?? 0
    } finally {
      await s.app.destroy()
    }
  }
  expect(widths.en).toBeGreaterThanOrEqual(textUnits('Afternoon') + 1)
  expect(widths['zh-CN']).toBeLessThan(widths.en)
})
