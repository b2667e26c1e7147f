// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { defaultYear, rangeOf, yearChoices } from '../../../src/shared/periods'

describe('dashboard period', () => {
  it('turns a year or a term into dates', () => {
    expect(rangeOf({ year: 2025, scope: 'year' })).toEqual({ from: '2025-01-01', to: '2025-12-31' })
    expect(rangeOf({ year: 2025, scope: 'spring' })).toEqual({ from: '2025-02-01', to: '2025-07-31' })
    // The autumn term runs into January of the next year.
    expect(rangeOf({ year: 2025, scope: 'autumn' })).toEqual({ from: '2025-08-01', to: '2026-01-31' })
  })

  it('opens on the current year, or on the latest year with data when the current one is empty', () => {
    expect(defaultYear([2026, 2025], 2026)).toBe(2026)
    expect(defaultYear([2025], 2026)).toBe(2025)
    expect(defaultYear([2027, 2024, 2023], 2026)).toBe(2024) // a planned trip next year does not hide last year
    expect(defaultYear([2028], 2026)).toBe(2028)
    expect(defaultYear([], 2026)).toBe(2026)
  })

  it('offers the years with data and the current year, newest first', () => {
    expect(yearChoices([2025, 2023], 2026, 2025)).toEqual([2026, 2025, 2023])
    expect(yearChoices([], 2026, 2026)).toEqual([2026])
  })
})
