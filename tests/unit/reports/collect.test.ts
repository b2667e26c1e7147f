// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { byDateAndPeriod, collectTripReportInput, visitedOrganizations } from '../../../src/main/reports/collect'
import type { Activity } from '../../../src/shared/domain'
import { openSampleTrip, SAMPLE_TRIP_ID } from './fixtures'
import type { SampleTrip } from './fixtures'

describe('collectTripReportInput', () => {
  let s: SampleTrip
  beforeAll(async () => {
    s = await openSampleTrip('en')
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('gathers the trip, its delegation and every record its activities link to', () => {
    const { input } = s
    expect(input.trip.id).toBe(SAMPLE_TRIP_ID)
    expect(input.leader?.id).toBe('stf-wang-likun')
    expect(input.members.map((m) => m.staff.id)).toEqual(['stf-wang-likun', 'stf-deng-teng', 'stf-liu-jun', 'stf-wang-qilu'])
    expect(input.activities).toHaveLength(11)
    expect(input.followUps).toHaveLength(5)
    expect(input.agreements.map((a) => a.id)).toEqual(['agr-beep-palolo-internship-base'])
    expect(input.alumniGroups).toHaveLength(3)
    expect(input.organizations.map((o) => o.id)).toEqual(expect.arrayContaining(['org-ascent', 'org-nantong-cimc', 'org-rudong-dev-zone']))
    expect(input.contacts.map((c) => c.id)).toContain('ctc-jiang-wenhua')
    expect(visitedOrganizations(input)).toHaveLength(input.totals.enterprisesVisited)
  })

  it('sorts activities by date, then all day, morning, afternoon, evening', () => {
    const mk = (date: string, period: Activity['period']) => ({ date, period }) as Activity
    const list = [mk('2025-12-04', 'evening'), mk('2025-12-04', 'morning'), mk('2025-12-03', 'afternoon'), mk('2025-12-04', 'allDay')]
    expect(list.sort(byDateAndPeriod).map((a) => `${a.date} ${a.period}`)).toEqual(['2025-12-03 afternoon', '2025-12-04 allDay', '2025-12-04 morning', '2025-12-04 evening'])
    const dates = s.input.activities.map((a) => a.date)
    expect([...dates].sort()).toEqual(dates)
  })

  it('leaves out deleted records and refuses a deleted trip', async () => {
    const data = s.app.core.store.data
    const at = '2026-01-01T00:00:00.000Z'
    const copy = {
      ...data,
      staff: data.staff.map((r) => (r.id === 'stf-deng-teng' ? { ...r, deletedAt: at } : r)),
      organizations: data.organizations.map((r) => (r.id === 'org-ascent' ? { ...r, deletedAt: at } : r)),
      alumniGroups: data.alumniGroups.map((r) => (r.id === 'alg-env-eng-liaison-office' ? { ...r, deletedAt: at } : r)),
    }
    const input = collectTripReportInput(copy, SAMPLE_TRIP_ID, s.input.totals)
    expect(input.members.map((m) => m.staff.id)).not.toContain('stf-deng-teng')
    expect(input.staff.map((m) => m.id)).not.toContain('stf-deng-teng')
    expect(input.organizations.map((o) => o.id)).not.toContain('org-ascent')
    expect(input.alumniGroups).toHaveLength(2)
    const gone = { ...data, trips: data.trips.map((t) => ({ ...t, deletedAt: at })) }
    expect(() => collectTripReportInput(gone, SAMPLE_TRIP_ID, s.input.totals)).toThrow(/No trip/)
  })
})
