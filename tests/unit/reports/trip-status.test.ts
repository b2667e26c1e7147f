// @vitest-environment node
// Issue 9 defect 5: a trip entered after it happened keeps the default "planned";
// no report may print "planned" for a trip whose last day has passed unless the
// user confirms it, and the pre-export check asks them to.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captions } from '../../../src/main/reports/labels'
import { checkTripReport } from '../../../src/main/reports/report-check'
import { tripWorkbook } from '../../../src/main/reports/trip-workbook'
import type { TripReportInput } from '../../../src/main/reports/collect'
import { enumLabel } from '../../../src/shared/enums'
import type { Lang } from '../../../src/shared/enums'
import { endedUnconfirmed } from '../../../src/shared/tripStatus'
import { openSampleTrip } from './fixtures'
import type { SampleTrip } from './fixtures'

describe('endedUnconfirmed', () => {
  it('is true only for a planned or ongoing trip whose last day is before today', () => {
    expect(endedUnconfirmed({ status: 'planned', endDate: '2026-03-05' }, '2026-03-06')).toBe(true)
    expect(endedUnconfirmed({ status: 'ongoing', endDate: '2026-03-05' }, '2026-03-06')).toBe(true)
    // the last day itself still belongs to the trip
    expect(endedUnconfirmed({ status: 'planned', endDate: '2026-03-05' }, '2026-03-05')).toBe(false)
    expect(endedUnconfirmed({ status: 'completed', endDate: '2026-03-05' }, '2026-03-06')).toBe(false)
    expect(endedUnconfirmed({ status: 'cancelled', endDate: '2026-03-05' }, '2026-03-06')).toBe(false)
  })
})

async function statusCells(input: TripReportInput, lang: Lang, asOf: string): Promise<[unknown, unknown]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await tripWorkbook(input, { lang, asOf })) as unknown as ArrayBuffer)
  const t = captions(lang).tripWorkbook
  const ws = wb.getWorksheet(t.sheets.overview)
  let found: [unknown, unknown] = [undefined, undefined]
  ws?.eachRow((row) => {
    if (row.getCell(1).value === t.overview.status) found = [row.getCell(2).value, row.getCell(3).value]
  })
  return found
}

describe.each(['zh-CN', 'en'] as const)('a past trip still marked planned (%s)', (lang) => {
  let s: SampleTrip
  let planned: TripReportInput
  beforeAll(async () => {
    s = await openSampleTrip(lang)
    planned = { ...s.input, trip: { ...s.input.trip, status: 'planned' } }
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('the workbook says the status is to be confirmed, not "planned", once the end date has passed', async () => {
    const t = captions(lang).tripWorkbook.overview
    const [value, detail] = await statusCells(planned, lang, '2025-12-06')
    expect(value).toBe(t.statusUnconfirmed)
    expect(String(detail)).toContain('2025-12-05')
    expect(value).not.toBe(enumLabel('tripStatus', 'planned', lang))
  })

  it('the workbook prints the stored status while the trip has not ended, and whatever the user confirmed after', async () => {
    expect((await statusCells(planned, lang, '2025-12-05'))[0]).toBe(enumLabel('tripStatus', 'planned', lang))
    expect((await statusCells(s.input, lang, '2026-06-01'))[0]).toBe(enumLabel('tripStatus', 'completed', lang))
  })

  it('the pre-export check lists the unconfirmed status with the trip to fix, and only for a report dated after the trip', () => {
    const gap = { collection: 'trips', id: planned.trip.id, field: 'status', problem: 'missing' }
    expect(checkTripReport(planned, { lang, kind: 'news', date: '2025-12-07' })).toContainEqual(expect.objectContaining(gap))
    expect(checkTripReport(planned, { lang, kind: 'news', date: '2025-12-05' })).not.toContainEqual(expect.objectContaining(gap))
    expect(checkTripReport(s.input, { lang, kind: 'news', date: '2025-12-07' })).not.toContainEqual(expect.objectContaining(gap))
  })
})
