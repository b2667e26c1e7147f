// The dashboard's period; the definitions of years and terms live in src/shared/periods.ts.
import { todayIso } from '../../../../shared/days'

export { defaultYear, PERIOD_SCOPES as SCOPES, rangeOf, yearChoices } from '../../../../shared/periods'
export type { Period, PeriodScope as Scope } from '../../../../shared/periods'

/** Today's date on this computer, yyyy-MM-dd (the local day, not UTC's). */
export function localToday(): string {
  return todayIso()
}
