// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
  await app.call('settings.update', { language: 'en' })
  await app.call('sample.load', {})
})
afterEach(async () => {
  await app.destroy()
})

const tripId = async () => (await app.call('trips.list', {})).items[0].id

describe('trip totals', () => {
  it('agree with the reference report for the sample trip', async () => {
    const t = await app.call('trips.totals', { id: await tripId() })
    expect(t.enterprisesVisited).toBe(8)
    expect(t.internshipBases).toBe(1)
    expect(t.alumniGroupsFounded).toBe(2)
    expect(t.activitiesByKind.forum).toBe(2)
    expect(t.followUpsOpen).toBe(5)
    expect(t.alumniMet).toBeGreaterThanOrEqual(1)
  })

  it('follow a change to the records', async () => {
    const id = await tripId()
    const visit = (await app.call('activities.list', { filter: { tripId: id, kind: 'enterpriseVisit' } })).items[0]
    await app.call('activities.update', { id: visit.id, changes: { positionsOffered: 12 } })
    expect((await app.call('trips.totals', { id })).positionsOffered).toBe(12)
  })
})

describe('global search', () => {
  it('finds people, organisations and agreements by any part of their text', async () => {
    const hits = await app.call('search.global', { query: 'luo xiaoqiu' })
    expect(hits.some((h) => h.collection === 'contacts' && h.name.includes('Luo Xiaoqiu'))).toBe(true)
    const naham = await app.call('search.global', { query: 'Naham' })
    expect(naham.map((h) => h.collection)).toContain('organizations')
    const offices = await app.call('search.global', { query: 'liaison office' })
    expect(offices.filter((h) => h.collection === 'alumniGroups')).toHaveLength(2)
    expect(await app.call('search.global', { query: 'no such thing at all' })).toEqual([])
  })

  it('finds Chinese text', async () => {
    await app.call('contacts.create', { name: '詹益斌', position: '博士' })
    expect((await app.call('search.global', { query: '益斌' })).map((h) => h.name)).toContain('詹益斌')
  })
})

describe('dashboard', () => {
  it('counts the year of the sample trip', async () => {
    const d = await app.call('dashboard.summary', { from: '2025-01-01', to: '2025-12-31', today: '2026-01-10' })
    expect(d.kpis.trips).toBe(1)
    expect(d.kpis.enterprisesVisited).toBe(8)
    expect(d.kpis.activeInternshipBases).toBe(1)
    expect(d.visitsPerMonth).toHaveLength(12)
    expect(d.visitsPerMonth.find((m) => m.month === '2025-12')?.visits).toBeGreaterThanOrEqual(8)
    expect(d.organizationsByCity.reduce((n, c) => n + c.count, 0)).toBe(8)
  })

  it('lists the years that have trips or activities, whatever the range asked for', async () => {
    const d = await app.call('dashboard.summary', { from: '2026-01-01', to: '2026-12-31', today: '2026-11-23' })
    expect(d.years).toEqual([2025])
    expect(d.kpis.enterprisesVisited).toBe(0)
    const staffId = (await app.call('staff.list', {})).items[0].id
    await app.call('trips.create', { title: 'New Year trip', startDate: '2026-12-30', endDate: '2027-01-02', leaderId: staffId })
    expect((await app.call('dashboard.summary', { from: '2026-01-01', to: '2026-12-31', today: '2026-11-23' })).years).toEqual([2027, 2026, 2025])
  })

  it('opens on the latest year with data when the current year has none, in one request', async () => {
    const opening = { from: '2026-01-01', to: '2026-12-31', today: '2026-11-23', latestYearIfEmpty: true }
    const d = await app.call('dashboard.summary', opening)
    expect([d.from, d.to]).toEqual(['2025-01-01', '2025-12-31'])
    expect(d.kpis.enterprisesVisited).toBe(8)
    // Without the flag, the range asked for, empty as it is.
    expect((await app.call('dashboard.summary', { ...opening, latestYearIfEmpty: false })).kpis.enterprisesVisited).toBe(0)
    const staffId = (await app.call('staff.list', {})).items[0].id
    await app.call('trips.create', { title: 'This year', startDate: '2026-03-02', endDate: '2026-03-04', leaderId: staffId })
    const now = await app.call('dashboard.summary', opening)
    expect([now.from, now.to, now.kpis.trips]).toEqual(['2026-01-01', '2026-12-31', 1])
  })

  it('flags overdue follow-ups', async () => {
    const f = (await app.call('followUps.list', {})).items[0]
    await app.call('followUps.update', { id: f.id, changes: { dueDate: '2026-01-01' } })
    const d = await app.call('dashboard.summary', { from: '2025-01-01', to: '2025-12-31', today: '2026-01-10' })
    expect(d.overdueFollowUps.map((o) => o.id)).toEqual([f.id])
    expect(d.kpis.followUpsOverdue).toBe(1)
  })

  it('rejects a range that ends before it starts, naming the field', async () => {
    const r = await app.raw('dashboard.summary', { from: '2025-12-31', to: '2025-01-01', today: '2026-01-10' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { to: expect.any(Array) } } })
  })
})
