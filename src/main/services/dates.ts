/** Agreements ending within this many days are flagged as expiring. */
export const EXPIRY_WINDOW_DAYS = 90

export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
