// The dashboard's period; the definitions of years and terms live in src/shared/periods.ts.
import type { ApiInput } from '../../../../shared/contract'
import { todayIso } from '../../../../shared/days'
import { rangeOf } from '../../../../shared/periods'

export { defaultYear, PERIOD_SCOPES as SCOPES, rangeOf, yearChoices } from '../../../../shared/periods'
export type { Period, PeriodScope as Scope } from '../../../../shared/periods'

/** Today's date on this computer, yyyy-MM-dd (the local day, not UTC's). */
export function localToday(): string {
  return todayIso()
}

/**
 * The dashboard's first request: the current year, or the latest year with data when the current
 * one holds none. main.tsx asks it before React mounts, so both must build exactly this input.
 */
export function openingSummaryInput(today: string): ApiInput<'dashboard.summary'> {
  return { ...rangeOf({ year: Number(today.slice(0, 4)), scope: 'year' }), today, latestYearIfEmpty: true }
}
