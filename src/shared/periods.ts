// Reporting periods: a calendar year, or one of its two terms.
// Spring term: February to July; autumn term: August to January of the next year.

import { DATE_MAX, YEAR_MAX, YEAR_MIN } from './dateBounds'

export type PeriodScope = 'year' | 'spring' | 'autumn'
export const PERIOD_SCOPES: readonly PeriodScope[] = ['year', 'spring', 'autumn']

export interface Period {
  year: number
  scope: PeriodScope
}

/** The first and last day (yyyy-MM-dd) of a period. */
export function rangeOf({ year, scope }: Period): { from: string; to: string } {
  switch (scope) {
    case 'spring':
      return { from: `${year}-02-01`, to: `${year}-07-31` }
    case 'autumn':
      // The last autumn term the dates can hold ends with the bounds, not a month after them.
      return { from: `${year}-08-01`, to: year >= YEAR_MAX ? DATE_MAX : `${year + 1}-01-31` }
    default:
      return { from: `${year}-01-01`, to: `${year}-12-31` }
  }
}

/**
 * The year to open on: the current one if anything happens in it, otherwise the
 * most recent past year with trips or activities (so last December's trip shows in January).
 */
export function defaultYear(years: readonly number[], current: number): number {
  if (years.length === 0 || years.includes(current)) return current
  const past = years.filter((y) => y < current)
  return past.length > 0 ? Math.max(...past) : Math.min(...years)
}

/** The years to choose from: those with data, the current one and the one shown, newest first. */
export function yearChoices(years: readonly number[], current: number, shown: number): number[] {
  return [...new Set([...years, current, shown])].filter((y) => Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX).sort((a, b) => b - a)
}
