// @vitest-environment node
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectTripReportInput } from '../../../src/main/reports/collect'
import { captions } from '../../../src/main/reports/labels'
import { tripWorkbook } from '../../../src/main/reports/trip-workbook'
import { LANGS } from '../../../src/shared/enums'
import type { Lang } from '../../../src/shared/enums'
import { openSampleTrip, SAMPLE_TRIP_ID, zipEntry } from './fixtures'
import type { SampleTrip } from './fixtures'

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}`)
  return ws
}

function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  return (ws.getRow(n).values as unknown[]).slice(1)
}

describe.each(LANGS)('trip summary workbook (%s)', (lang: Lang) => {
  let s: SampleTrip
  let wb: ExcelJS.Workbook
  let bytes: Buffer
  const t = captions(lang).tripWorkbook
  beforeAll(async () => {
    s = await openSampleTrip(lang)
    bytes = await tripWorkbook(s.input, { lang })
    wb = await read(bytes)
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('has the six sheets in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(t.sheets))
  })

  it('prints every sheet on A4 landscape, one page wide, header rows repeated, page numbers in the footer', () => {
    for (const ws of wb.worksheets) {
      const header = ws.name === t.sheets.overview ? 2 : 1
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape')
      expect(ws.pageSetup.paperSize).toBe(9)
      expect(ws.pageSetup.fitToPage).toBe(true)
      expect(ws.pageSetup.fitToWidth).toBe(1)
      expect(ws.pageSetup.fitToHeight).toBe(0)
      expect(ws.pageSetup.printTitlesRow).toBe(`1:${header}`)
      expect(ws.headerFooter.oddFooter).toMatch(/&P.*&N/)
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header })
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${header}:[A-Z]+\\d+$`))
      // header cells: bold, filled, bordered
      const cell = ws.getRow(header).getCell(1)
      expect(cell.font?.bold).toBe(true)
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' })
      expect(cell.border?.top?.style).toBe('thin')
      // body cells: bordered, text wrapped
      ws.getRow(header + 1).eachCell((c) => {
        expect(c.border?.left?.style).toBe('thin')
        if (typeof c.value === 'string' && !ws.getColumn(c.col).hidden) expect(c.alignment?.wrapText, `${ws.name}!${c.address}`).toBe(true)
      })
    }
  })

  it('opens the overview with a merged title of school and trip, real dates and the totals as live formulas over the detail sheets', () => {
    const ws = sheet(wb, t.sheets.overview)
    expect((ws.model as { merges?: string[] }).merges).toContain('A1:C1')
    expect(ws.getCell('A1').value).toContain(s.input.trip.title)
    expect(ws.getCell('A1').value).toContain(s.input.settings.school)
    expect(rowValues(ws, 2)).toEqual(t.overview.headers)
    const byItem = new Map<string, unknown>()
    const formulas = new Map<string, string>()
    ws.eachRow((row, n) => {
      if (n <= 2) return
      const v = row.getCell(2).value
      const formula = v && typeof v === 'object' && 'formula' in v ? (v as { formula: string; result: number }) : null
      byItem.set(String(row.getCell(1).value), formula ? formula.result : v)
      if (formula) formulas.set(String(row.getCell(1).value), formula.formula)
    })
    const q = (name: string) => `'${name}'!`
    expect(formulas.get(t.overview.enterprisesVisited)).toMatch(new RegExp(`^COUNTIF\\(${q(t.sheets.organizations)}\\$F\\$2:\\$F\\$\\d+,"`))

    expect(formulas.get(t.overview.peopleMet)).toContain(q(t.sheets.people))
    expect(formulas.get(t.overview.followUpsOpen)).toContain(q(t.sheets.followUps))
    // Nobody recorded positions on the sample: the figure sums nothing, and the detail says how many visits are not counted.
    expect(byItem.get(t.overview.positionsOffered)).toBe(captions(lang).unrecorded)
    expect(byItem.get(t.overview.startDate)).toEqual(new Date('2025-12-02T00:00:00Z'))
    expect(byItem.get(t.overview.endDate)).toEqual(new Date('2025-12-05T00:00:00Z'))
    expect(byItem.get(t.overview.days)).toBe(4)
    expect(byItem.get(t.overview.enterprisesVisited)).toBe(8)
    expect(byItem.get(t.overview.internshipBases)).toBe(1)
    expect(byItem.get(t.overview.alumniGroupsFounded)).toBe(2)
    expect(byItem.get(t.overview.followUpsOpen)).toBe(5)
    expect(byItem.get(t.overview.leader)).toBe(s.input.leader?.name)
    const date = ws.getRow(5).getCell(2)
    expect(date.type).toBe(ExcelJS.ValueType.Date)
    expect(date.numFmt).toBe('yyyy-mm-dd')
  })

  it('lists the itinerary by date and period with dates, numbers and a totals row of formulas', () => {
    const ws = sheet(wb, t.sheets.itinerary)
    expect(rowValues(ws, 1)).toEqual([...t.itinerary, 'ID'])
    const n = s.input.activities.length
    expect(ws.rowCount).toBe(n + 2)
    const dates: Date[] = []
    for (let r = 2; r <= n + 1; r++) {
      const row = ws.getRow(r)
      expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Date)
      expect(row.getCell(1).numFmt).toBe('yyyy-mm-dd')
      // Positions nobody recorded are "not recorded", never 0.
      const a = s.input.activities[r - 2]
      expect(row.getCell(11).value).toBe(a.kind === 'enterpriseVisit' || a.kind === 'meeting' ? captions(lang).unrecorded : null)
      dates.push(row.getCell(1).value as Date)
    }
    expect(dates.map((d) => d.toISOString().slice(0, 10))).toEqual(s.input.activities.map((a) => a.date))
    expect([...dates].sort((a, b) => a.getTime() - b.getTime())).toEqual(dates)
    const totals = ws.getRow(n + 2)
    expect(totals.getCell(1).value).toBe(captions(lang).total)
    // No visit of the sample recorded its positions: the total says so instead of 0.
    expect(totals.getCell(11).value).toBe(captions(lang).unrecorded)
    // SUBTOTAL follows the autofilter: a filtered list totals what it shows.
    expect(totals.getCell(5).value).toEqual({ formula: `SUBTOTAL(103,E2:E${n + 1})`, result: n })
    // The forum's consensus is labelled once, not "Consensus: Unanimous consensus…".
    const outcomes = Array.from({ length: n }, (_, i) => String(ws.getRow(i + 2).getCell(10).value ?? ''))
    expect(outcomes.some((o) => /共识|consensus/i.test(o))).toBe(true)
    for (const o of outcomes) expect(o).not.toMatch(/共识：[^\n]*共识|Consensus: [^\n]*consensus/i)
    // the ID column is last and hidden
    expect(ws.getColumn(13).hidden).toBe(true)
    expect(ws.getRow(2).getCell(13).value).toBe(s.input.activities[0].id)
  })

  it('writes the cached result of every formula', async () => {
    const xml = await zipEntry(bytes, 'xl/worksheets/sheet2.xml')
    const n = s.input.activities.length
    expect(xml).toContain(`<f>SUBTOTAL(103,E2:E${n + 1})</f><v>${n}</v>`)
  })

  it('counts the organisations visited as the trip totals do', () => {
    const ws = sheet(wb, t.sheets.organizations)
    const names: string[] = []
    ws.eachRow((row, r) => {
      if (r > 1 && r < ws.rowCount) names.push(String(row.getCell(1).value))
    })
    const visited = ws.getRow(ws.rowCount).getCell(6).value as { formula: string; result: number }
    expect(visited.formula).toMatch(/^SUMPRODUCT\(SUBTOTAL\(103,OFFSET\(F2,ROW\(F2:F\d+\)-ROW\(F2\),0\)\)\*\(F2:F\d+="[^"]+"\)\)$/)
    expect(visited.result).toBe(s.input.totals.enterprisesVisited)
    for (const a of s.input.activities) {
      for (const id of a.organizationIds) expect(names).toContain(s.input.organizations.find((o) => o.id === id)?.name)
    }
  })

  it('lists the people met, the outcomes and the follow-ups', () => {
    expect(sheet(wb, t.sheets.people).rowCount - 1).toBe(s.input.totals.peopleMet)
    const outcomes = sheet(wb, t.sheets.outcomes)
    expect(outcomes.rowCount - 1).toBe(s.input.agreements.length + s.input.alumniGroups.length)
    const fu = sheet(wb, t.sheets.followUps)
    expect(fu.rowCount - 1).toBe(s.input.followUps.length)
    s.input.followUps.forEach((f, i) => {
      expect(fu.getRow(i + 2).getCell(1).value).toBe(i + 1)
      expect(fu.getRow(i + 2).getCell(2).value).toBe(f.title)
      expect(fu.getRow(i + 2).getCell(3).value).toBe(f.notes)
    })
  })
})

describe('user text that looks like a formula', () => {
  let s: SampleTrip
  beforeAll(async () => {
    s = await openSampleTrip('en')
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('is written as text, never as a formula', async () => {
    const evil = ['=HYPERLINK("http://example.com/x","click")', '+1', '-2', '@SUM(A1)']
    const org = await s.app.call('organizations.create', { name: evil[1], industry: evil[3], city: evil[2] })
    const person = await s.app.call('contacts.create', { name: evil[2], position: evil[0], organizationId: org.id })
    await s.app.call('activities.create', {
      tripId: SAMPLE_TRIP_ID, date: '2025-12-05', period: 'evening', kind: 'enterpriseVisit', title: evil[0],
      organizationIds: [org.id], contactIds: [person.id], topics: evil[3], outcomes: evil[1], positionsOffered: 3,
    })
    await s.app.call('followUps.create', { tripId: SAMPLE_TRIP_ID, title: evil[3], organizationId: org.id })
    const totals = await s.app.call('trips.totals', { id: SAMPLE_TRIP_ID })
    const input = collectTripReportInput(s.app.core.store.data, SAMPLE_TRIP_ID, totals)
    const bytes = await tripWorkbook(input, { lang: 'en' })
    const wb = await read(bytes)
    let seen = 0
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          const v = cell.value
          if (typeof v === 'string' && evil.some((e) => v.includes(e))) {
            seen += 1
            expect(cell.type, `${ws.name}!${cell.address}`).toBe(ExcelJS.ValueType.String)
          }
          if (v && typeof v === 'object' && 'formula' in v) expect(String(v.formula)).not.toMatch(/HYPERLINK|@SUM|example\.com/)
        })
      })
    }
    expect(seen).toBeGreaterThanOrEqual(8)
    // And in the file itself: no formula element holds user text.
    for (let i = 1; i <= wb.worksheets.length; i++) {
      const xml = await zipEntry(bytes, `xl/worksheets/sheet${i}.xml`)
      const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1])
      for (const f of formulas) expect(f).not.toMatch(/HYPERLINK|@SUM|^\+1|^-2/)
    }
    const itinerary = wb.getWorksheet('Itinerary')
    const row = itinerary?.getRow(itinerary.rowCount - 1)
    expect(row?.getCell(5).value).toBe(evil[0])
    expect(row?.getCell(11).value).toBe(3)
    expect(itinerary?.getRow(itinerary.rowCount).getCell(11).value).toMatchObject({ result: 3 })
    // Formula-like text keeps the Text format and quotePrefix, so editing it in Excel does not turn it into a formula.
    expect(row?.getCell(5).numFmt).toBe('@')
    const styles = await zipEntry(bytes, 'xl/styles.xml')
    expect(styles).toMatch(/<xf [^>]*numFmtId="49"[^>]*quotePrefix="1"/)
    expect(styles.match(/quotePrefix="1"/g)?.length).toBe(styles.match(/<cellXfs[\s\S]*<\/cellXfs>/)?.[0].match(/numFmtId="49"/g)?.length)
  })
})
