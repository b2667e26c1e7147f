// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MESSAGES } from '../../../src/shared/messages'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})

/** A copy with an own property, as JSON.parse would make it ("__proto__" included). */
const withKey = (o: object, key: string, value: unknown) => Object.defineProperty({ ...o }, key, { value, enumerable: true })

async function fieldErrors(method: string, input: unknown): Promise<Record<string, string[]>> {
  const r = await app.raw(method, input)
  expect(r.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false)
  if (r.ok) return {}
  expect(r.error.code).toBe('VALIDATION')
  return r.error.fieldErrors
}

describe('unknown fields', () => {
  it('are refused by name on create and on update, even when named like built-in members', async () => {
    const org = await app.call('organizations.create', { name: 'Nantong Port Group' })
    for (const key of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'nickname']) {
      expect(await fieldErrors('organizations.create', withKey({ name: 'X' }, key, 1))).toEqual({ [key]: ['Unknown field'] })
      expect(await fieldErrors('organizations.update', { id: org.id, changes: withKey({ city: 'Nantong' }, key, 1) })).toEqual({ [`changes.${key}`]: ['Unknown field'] })
    }
    expect(app.core.store.data.organizations).toHaveLength(1)
    expect(app.core.store.data.organizations[0].city).toBe('')
  })

  it('are refused inside nested objects: alumni profile, trip members, follow-up log', async () => {
    const staff = await app.call('staff.create', { name: '王老师' })
    expect(await fieldErrors('contacts.create', { name: 'Li', alumni: { classYear: 2001, nickname: 'x' } })).toEqual({ 'alumni.nickname': ['Unknown field'] })
    expect(await fieldErrors('trips.create', { title: 'T', startDate: '2025-12-02', endDate: '2025-12-05', members: [{ staffId: staff.id, seat: 3 }] })).toEqual({
      'members.0.seat': ['Unknown field'],
    })
    expect(await fieldErrors('followUps.create', { title: 'F', log: [{ date: '2025-12-06', text: 'called', by: 'me' }] })).toEqual({ 'log.0.by': ['Unknown field'] })
    const person = await app.call('contacts.create', { name: 'Li', alumni: { classYear: 2001 } })
    expect(await fieldErrors('contacts.update', { id: person.id, changes: { alumni: { classYear: 2002, constructor: 1 } } })).toEqual({ 'changes.alumni.constructor': ['Unknown field'] })
    expect(await fieldErrors('settings.update', { signatures: { editor: 'Wang', toString: 'x' } })).toEqual({ 'signatures.toString': ['Unknown field'] })
  })
})

describe('dates at the boundary', () => {
  it('refuses dates outside 1900-01-01..2199-12-31, naming the field and the range', async () => {
    const bad = ['9999-12-31', '0999-06-01', '1899-12-31', '2200-01-01']
    for (const d of bad) {
      // (a date before the start also gets "end before start": both are true)
      expect((await fieldErrors('dashboard.summary', { from: '2025-01-01', to: d, today: '2025-06-01' })).to).toContain(MESSAGES.dateRange)
      expect((await fieldErrors('trips.create', { title: 'T', startDate: '2025-01-01', endDate: d })).endDate).toContain(MESSAGES.dateRange)
      expect(await fieldErrors('activities.list', { filter: { dateFrom: d } })).toEqual({ 'filter.dateFrom': [MESSAGES.dateRange] })
    }
    expect(await fieldErrors('organizations.update', { id: 'x', changes: {}, expectedUpdatedAt: '9999-01-01T00:00:00Z' })).toEqual({ expectedUpdatedAt: [MESSAGES.dateRange] })
    expect(await fieldErrors('trips.list', { filter: { year: 9999 } })).toHaveProperty(['filter.year'])
    // A malformed date gets the format message only, not a second one about the range.
    expect(await fieldErrors('followUps.create', { title: 'F', dueDate: '2025-02-30' })).toEqual({ dueDate: [expect.not.stringMatching(/1900/)] })
  })

  it('answers the whole range at once, one entry per month, and the edges of the range', async () => {
    const r = await app.call('dashboard.summary', { from: '1900-01-01', to: '2199-12-31', today: '2199-12-31' })
    expect(r.visitsPerMonth).toHaveLength(300 * 12)
    expect(r.visitsPerMonth[0].month).toBe('1900-01')
    expect(r.visitsPerMonth.at(-1)?.month).toBe('2199-12')
  })

  it('counts visits per month in the right month at the edges of the range', async () => {
    const org = await app.call('organizations.create', { name: 'Old Works' })
    for (const date of ['1900-01-01', '1900-12-31', '1901-01-01', '2199-12-31']) {
      await app.call('activities.create', { title: `Visit ${date}`, date, organizationIds: [org.id] })
    }
    const r = await app.call('dashboard.summary', { from: '1900-01-01', to: '1901-01-31', today: '1901-01-31' })
    const counts = Object.fromEntries(r.visitsPerMonth.map((m) => [m.month, m.visits]))
    expect(counts).toMatchObject({ '1900-01': 1, '1900-12': 1, '1901-01': 1 })
    expect(r.visitsPerMonth).toHaveLength(13)
    expect(r.years).toEqual([2199, 1901, 1900])
  })

  it('offers only years within the bounds even if a stored record lies outside them', async () => {
    // A record written before the bounds existed (or by hand) goes straight into the store here.
    const at = '2026-01-05T08:00:00.000Z'
    const base = { createdAt: at, updatedAt: at, updatedBy: 'old version', deletedAt: null, tags: [], notes: '' }
    await app.core.store.commit({
      puts: [{ collection: 'trips', record: { ...base, id: 'far', title: 'Typo', theme: '', startDate: '2025-12-02', endDate: '9999-12-05', destinations: [], leaderId: null, members: [], objectives: [], status: 'planned', summary: '', experience: '', outlook: '' } as never }],
    })
    const r = await app.call('dashboard.summary', { from: '2025-01-01', to: '2025-12-31', today: '2025-06-01' })
    expect(Math.max(...r.years)).toBe(2199)
    expect(Math.min(...r.years)).toBe(2025)
    expect(r.years).toHaveLength(2199 - 2025 + 1)
  })
})
