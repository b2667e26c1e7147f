// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { addDaysIso, daysBetween, expiryOf, isOverdue, monthRange, normalizeDate, todayIso, weekRange } from '../../../src/shared/days'

describe('day arithmetic for the registers', () => {
  it('gives today, day offsets and whole-day differences in yyyy-MM-dd', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
    expect(addDaysIso('2025-12-30', 3)).toBe('2026-01-02')
    expect(addDaysIso('2024-03-01', -1)).toBe('2024-02-29')
    expect(daysBetween('2026-01-05', '2026-02-04')).toBe(30)
    expect(daysBetween('2026-01-05', '2026-01-01')).toBe(-4)
  })

  it('finds the week (Monday to Sunday) and the month of a day', () => {
    expect(weekRange('2026-01-05')).toEqual({ from: '2026-01-05', to: '2026-01-11' }) // a Monday
    expect(weekRange('2026-01-11')).toEqual({ from: '2026-01-05', to: '2026-01-11' }) // a Sunday
    expect(weekRange('2026-01-01')).toEqual({ from: '2025-12-29', to: '2026-01-04' })
    expect(monthRange('2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(monthRange('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
  })

  it('flags agreements that ended or end within 90 days, never terminated or open-ended ones', () => {
    const today = '2026-01-05'
    expect(expiryOf('2026-01-04', 'active', today)).toBe('expired')
    expect(expiryOf('2026-01-05', 'active', today)).toBe('expiring')
    expect(expiryOf('2026-04-05', 'active', today)).toBe('expiring') // day 90
    expect(expiryOf('2026-04-06', 'active', today)).toBe('ok')
    expect(expiryOf(null, 'active', today)).toBe('none')
    expect(expiryOf('2025-01-01', 'terminated', today)).toBe('none')
    expect(expiryOf('2026-1', 'active', today)).toBe('none') // half-typed
  })

  it('flags follow-ups past their due date while open or in progress', () => {
    const today = '2026-01-05'
    expect(isOverdue('2026-01-04', 'open', today)).toBe(true)
    expect(isOverdue('2026-01-04', 'inProgress', today)).toBe(true)
    expect(isOverdue('2026-01-04', 'done', today)).toBe(false)
    expect(isOverdue('2026-01-05', 'open', today)).toBe(false)
    expect(isOverdue(null, 'open', today)).toBe(false)
  })

  it('reads typed dates in the usual Chinese and numeric forms', () => {
    expect(normalizeDate('2026/3/1')).toBe('2026-03-01')
    expect(normalizeDate('2026.03.01')).toBe('2026-03-01')
    expect(normalizeDate('2026年3月1日')).toBe('2026-03-01')
    expect(normalizeDate('20260301')).toBe('2026-03-01')
    expect(normalizeDate(' 2026-03-01 ')).toBe('2026-03-01')
    expect(normalizeDate('March 1')).toBe('March 1')
    expect(normalizeDate('')).toBe('')
  })
})
