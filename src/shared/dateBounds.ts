// The calendar range the office's records may use. A typo like 9999 or 0202 is refused at the
// boundary instead of making every per-month or per-year loop run for thousands of steps.

export const YEAR_MIN = 1900
export const YEAR_MAX = 2199
export const DATE_MIN = `${YEAR_MIN}-01-01`
export const DATE_MAX = `${YEAR_MAX}-12-31`

/** Months from January YEAR_MIN to December YEAR_MAX: the most any per-month series can hold. */
export const MAX_MONTHS = (YEAR_MAX - YEAR_MIN + 1) * 12

export function clampYear(year: number): number {
  return Math.min(YEAR_MAX, Math.max(YEAR_MIN, year))
}

/** The year of a yyyy-MM-dd (or ISO date-time) string, NaN if it does not start with four digits. */
export function yearOf(iso: string): number {
  return /^\d{4}-/.test(iso) ? Number(iso.slice(0, 4)) : Number.NaN
}

/** True for a yyyy… string whose year lies within the bounds (format checks are the schema's job). */
export function yearInBounds(iso: string): boolean {
  const y = yearOf(iso)
  return y >= YEAR_MIN && y <= YEAR_MAX
}
