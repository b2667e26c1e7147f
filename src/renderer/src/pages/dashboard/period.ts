// The dashboard's period; the definitions of years and terms live in src/shared/periods.ts.
import { formatDate } from '../../format'

export { defaultYear, PERIOD_SCOPES as SCOPES, rangeOf, yearChoices } from '../../../../shared/periods'
export type { Period, PeriodScope as Scope } from '../../../../shared/periods'

/** Today's date on this computer, yyyy-MM-dd. */
export function localToday(): string {
  return formatDate(new Date().toISOString())
}
