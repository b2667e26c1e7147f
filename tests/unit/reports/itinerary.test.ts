// @vitest-environment node
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectTripReportInput } from '../../../src/main/reports/collect'
import type { TripReportInput } from '../../../src/main/reports/collect'
import { itineraryDocx, itineraryWorkbook } from '../../../src/main/reports/itinerary'
import { captions } from '../../../src/main/reports/labels'
import { LANGS } from '../../../src/shared/enums'
import type { Lang } from '../../../src/shared/enums'
import { docText, openSampleTrip, SAMPLE_TRIP_ID, zipEntry } from './fixtures'
import type { SampleTrip } from './fixtures'

describe.each(LANGS)('itinerary for printing (%s)', (lang: Lang) => {
  let s: SampleTrip
  let input: TripReportInput
  beforeAll(async () => {
    s = await openSampleTrip(lang)
    // The sample has no phone numbers; the itinerary's point is to carry them.
    await s.app.call('contacts.update', { id: 'ctc-shu-xueyan', changes: { phone: '139 1234 5678', email: 'shu@example.com' } })
    await s.app.call('staff.update', { id: 'stf-liu-jun', changes: { phone: '138 0000 1111' } })
    const totals = await s.app.call('trips.totals', { id: SAMPLE_TRIP_ID })
    input = collectTripReportInput(s.app.core.store.data, SAMPLE_TRIP_ID, totals)
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('Word: the schedule by day and period with people, phones and the delegation', async () => {
    const bytes = await itineraryDocx(input, { lang })
    const xml = await zipEntry(bytes, 'word/document.xml')
    const text = docText(xml)
    for (const a of input.activities) expect(text).toContain(a.title)
    expect(text).toContain('139 1234 5678')
    expect(text).toContain('138 0000 1111')
    expect(text).toContain(lang === 'zh-CN' ? '12月3日（星期三）' : 'December 3 (Wednesday)')
    expect(text).toContain(input.members[0].staff.name)
    // the header row of the schedule repeats on every page
    expect(xml).toContain('<w:tblHeader/>')
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(await zipEntry(bytes, 'word/footer1.xml')).toContain('PAGE')
  })

  it('Excel: one row per activity with a merged title, dates and a hidden ID column', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await itineraryWorkbook(input, { lang })) as unknown as ArrayBuffer)
    const it = captions(lang).itinerary
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(it.sheets))
    const ws = wb.worksheets[0]
    expect((ws.model as { merges?: string[] }).merges?.[0]).toMatch(/^A1:/)
    expect(String(ws.getCell('A1').value)).toContain(input.trip.title)
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([...it.schedule, 'ID'])
    expect(ws.rowCount).toBe(input.activities.length + 2)
    expect(ws.getCell('A3').value).toEqual(new Date('2025-12-03T00:00:00Z'))
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    expect(ws.pageSetup.printTitlesRow).toBe('1:2')
    const shu = [...Array(ws.rowCount).keys()].map((r) => String(ws.getRow(r + 1).getCell(8).value ?? '')).find((v) => v.includes('139 1234 5678'))
    expect(shu).toBeDefined()
    expect(wb.worksheets[1].rowCount).toBe(input.members.length + 1)
    expect(wb.worksheets[2].rowCount).toBe(input.totals.peopleMet + 1)
  })
})
