// @vitest-environment node
// Every date the schemas accept goes through every date helper and every dashboard range correctly
// and in bounded time; every date they refuse is refused with the range message.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATE_MAX, DATE_MIN, MAX_MONTHS, YEAR_MAX, YEAR_MIN } from '../../../src/shared/dateBounds'
import { addDaysIso, daysBetween, expiryOf, isOverdue, monthRange, monthsBetween, weekRange } from '../../../src/shared/days'
import { isoDate } from '../../../src/shared/domain/common'
import { MESSAGES } from '../../../src/shared/messages'
import { PERIOD_SCOPES, rangeOf, yearChoices } from '../../../src/shared/periods'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

const SEED = 20261126
const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** The oracle: the JavaScript Date in UTC, with setUTCFullYear so years below 100 stay themselves. */
function oracle(y: number, m: number, d: number): Date | null {
  const t = new Date(0)
  t.setUTCFullYear(y, m - 1, d)
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? t : null
}
const isoOf = (t: Date) => `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`

/** Any yyyy-MM-dd-shaped string with a four-digit year, real calendar date or not. */
const dateShaped = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
/** Dates the schema accepts, spread over the whole range. */
const accepted = fc.integer({ min: 0, max: daysBetween(DATE_MIN, DATE_MAX) }).map((n) => addDaysIso(DATE_MIN, n))

describe('date bounds in the shared schemas', () => {
  it('accept exactly the real calendar dates from 1900-01-01 to 2199-12-31', () => {
    fc.assert(
      fc.property(dateShaped, ([y, m, d]) => {
        const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`
        const real = oracle(y, m, d) !== null
        const r = isoDate.safeParse(s)
        expect(r.success, s).toBe(real && y >= YEAR_MIN && y <= YEAR_MAX)
        if (!r.success && real) expect(r.error.issues.map((i) => i.message)).toEqual([MESSAGES.dateRange])
      }),
      { seed: SEED, numRuns: 5000 },
    )
    for (const edge of [DATE_MIN, DATE_MAX, '2000-02-29', '2100-02-28']) expect(isoDate.safeParse(edge).success, edge).toBe(true)
    for (const edge of ['1899-12-31', '2200-01-01', '2100-02-29', '1900-02-29']) expect(isoDate.safeParse(edge).success, edge).toBe(false)
  })
})

describe('date helpers over every accepted date', () => {
  it('add and count days as the calendar does', () => {
    fc.assert(
      fc.property(accepted, fc.integer({ min: -200_000, max: 200_000 }), (day, n) => {
        const [y, m, d] = day.split('-').map(Number)
        const t = oracle(y, m, d)!
        t.setUTCDate(t.getUTCDate() + n)
        const later = addDaysIso(day, n)
        if (t.getUTCFullYear() >= 0) expect(later).toBe(isoOf(t))
        expect(daysBetween(day, later)).toBe(n)
        expect(addDaysIso(later, -n)).toBe(day)
      }),
      { seed: SEED, numRuns: 5000 },
    )
  })

  it('find the Monday-to-Sunday week and the month of a day', () => {
    fc.assert(
      fc.property(accepted, (day) => {
        const [y, m, d] = day.split('-').map(Number)
        const week = weekRange(day)
        expect(week.from <= day && day <= week.to).toBe(true)
        expect(daysBetween(week.from, week.to)).toBe(6)
        const [fy, fm, fd] = week.from.split('-').map(Number)
        expect(oracle(fy, fm, fd)!.getUTCDay()).toBe(1)
        const month = monthRange(day)
        expect(month.from).toBe(`${day.slice(0, 7)}-01`)
        expect(month.to.slice(0, 7)).toBe(day.slice(0, 7))
        expect(addDaysIso(month.to, 1).slice(8)).toBe('01')
        expect(oracle(y, m, d)).not.toBeNull()
        expect(['expired', 'expiring', 'ok', 'none']).toContain(expiryOf(day, 'active', DATE_MIN))
        expect(typeof isOverdue(day, 'open', DATE_MAX)).toBe('boolean')
      }),
      { seed: SEED, numRuns: 3000 },
    )
  })

  it('list every month between two dates, counted on integers and never more than the range holds', () => {
    fc.assert(
      fc.property(accepted, accepted, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a]
        const months = monthsBetween(from, to)
        const [fy, fm] = from.split('-').map(Number)
        const [ty, tm] = to.split('-').map(Number)
        expect(months).toHaveLength((ty - fy) * 12 + (tm - fm) + 1)
        expect(months.length).toBeLessThanOrEqual(MAX_MONTHS)
        expect(months[0]).toBe(from.slice(0, 7))
        expect(months.at(-1)).toBe(to.slice(0, 7))
        expect(months.every((month, i) => i === 0 || month > months[i - 1])).toBe(true)
      }),
      { seed: SEED, numRuns: 300 },
    )
    expect(monthsBetween('0001-01-01', '9999-12-31')).toHaveLength(MAX_MONTHS)
    expect(monthsBetween('2025-05-01', '2025-04-01')).toEqual([])
  })

  it('gives every period of every offered year as a range the schema accepts', () => {
    for (let year = YEAR_MIN; year <= YEAR_MAX; year++) {
      for (const scope of PERIOD_SCOPES) {
        const { from, to } = rangeOf({ year, scope })
        expect(isoDate.safeParse(from).success && isoDate.safeParse(to).success, `${year} ${scope}`).toBe(true)
        expect(from <= to).toBe(true)
      }
    }
    expect(yearChoices([1899, 1900, 2199, 2200, 9999], 2026, 2026)).toEqual([2199, 2026, 1900])
  })
})

describe('every dashboard range', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await openTestApp()
    await app.call('sample.load', {})
  })
  afterAll(async () => {
    await app.destroy()
  })

  it('answers for any accepted range, with one entry per month', async () => {
    await fc.assert(
      fc.asyncProperty(accepted, accepted, accepted, async (a, b, today) => {
        const [from, to] = a <= b ? [a, b] : [b, a]
        const r = await app.raw('dashboard.summary', { from, to, today })
        expect(r.ok).toBe(true)
        if (!r.ok) return
        const s = r.data as { visitsPerMonth: unknown[]; years: number[] }
        expect(s.visitsPerMonth).toHaveLength(monthsBetween(from, to).length)
        expect(s.years.every((y) => y >= YEAR_MIN && y <= YEAR_MAX)).toBe(true)
      }),
      { seed: SEED, numRuns: 100 },
    )
  })

  it('answers every period the year picker can offer', async () => {
    for (let year = YEAR_MIN; year <= YEAR_MAX; year += 7) {
      for (const scope of PERIOD_SCOPES) {
        const r = await app.raw('dashboard.summary', { ...rangeOf({ year, scope }), today: '2026-01-05' })
        expect(r.ok, `${year} ${scope}`).toBe(true)
      }
    }
    for (const scope of PERIOD_SCOPES) expect((await app.raw('dashboard.summary', { ...rangeOf({ year: YEAR_MAX, scope }), today: DATE_MAX })).ok).toBe(true)
  })
})
