/** Agreements ending within this many days are flagged as expiring (one value, shared with the renderer). */
export { EXPIRY_WINDOW_DAYS } from '../../shared/days'

export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
