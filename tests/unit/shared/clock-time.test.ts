import { describe, expect, it } from 'vitest'
import { normalizeClockTime } from '../../../src/shared/clockTime'

describe('normalizeClockTime', () => {
  it('reads the ways a time is typed as HH:mm', () => {
    expect(normalizeClockTime('9:30')).toBe('09:30')
    expect(normalizeClockTime('930')).toBe('09:30')
    expect(normalizeClockTime('1430')).toBe('14:30')
    expect(normalizeClockTime('14.30')).toBe('14:30')
    expect(normalizeClockTime('１４：３０')).toBe('14:30')
    expect(normalizeClockTime('9')).toBe('09:00')
    expect(normalizeClockTime(' ')).toBe('')
  })
  it('leaves what is not a time as typed, for the schema to refuse', () => {
    expect(normalizeClockTime('25:00')).toBe('25:00')
    expect(normalizeClockTime('9:75')).toBe('9:75')
    expect(normalizeClockTime('noon')).toBe('noon')
  })
})
