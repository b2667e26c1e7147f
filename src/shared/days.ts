// Calendar arithmetic on yyyy-MM-dd strings, in the local day of whoever calls it.
// The renderer uses it for display flags (overdue, expiring) and the date-range filters its lists send;
// the main side takes the expiry window from here, so both flag the same agreements.

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

const pad = (n: number): string => String(n).padStart(2, '0')

function toIso(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function fromIso(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d)
}

/** Today in local time, yyyy-MM-dd. */
export function todayIso(now: Date = new Date()): string {
  return toIso(now)
}

export function addDaysIso(day: string, days: number): string {
  const d = fromIso(day)
  d.setDate(d.getDate() + days)
  return toIso(d)
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((fromIso(to).getTime() - fromIso(from).getTime()) / 86_400_000)
}

/** Monday to Sunday of the week that holds `day`. */
export function weekRange(day: string): { from: string; to: string } {
  const d = fromIso(day)
  const offset = (d.getDay() + 6) % 7 // Monday = 0
  const from = addDaysIso(day, -offset)
  return { from, to: addDaysIso(from, 6) }
}

/** First to last day of the month that holds `day`. */
export function monthRange(day: string): { from: string; to: string } {
  const d = fromIso(day)
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0)
  return { from: `${day.slice(0, 7)}-01`, to: toIso(last) }
}

/** Agreements ending within this many days are flagged as expiring. */
export const EXPIRY_WINDOW_DAYS = 90

export type ExpiryState = 'expired' | 'expiring' | 'ok' | 'none'

/** An agreement's end date against today: past, within the window, later, or no end date. */
export function expiryOf(endDate: string | null | undefined, status: string, today: string = todayIso()): ExpiryState {
  if (!endDate || !ISO_DAY.test(endDate) || status === 'terminated') return 'none'
  if (endDate < today) return 'expired'
  if (daysBetween(today, endDate) <= EXPIRY_WINDOW_DAYS) return 'expiring'
  return 'ok'
}

/** A follow-up is overdue when its due date has passed and it is still open or in progress. */
export function isOverdue(dueDate: string | null | undefined, status: string, today: string = todayIso()): boolean {
  return !!dueDate && ISO_DAY.test(dueDate) && dueDate < today && (status === 'open' || status === 'inProgress')
}

/** "2026/3/1", "2026.3.1", "20260301" -> "2026-03-01"; anything else is left for the schema to judge. */
export function normalizeDate(text: string): string {
  const s = text.trim()
  const m = /^(\d{4})[-/.年\s]?(\d{1,2})[-/.月\s]?(\d{1,2})日?$/.exec(s)
  if (!m) return s
  const [, y, mo, d] = m
  if (s.length === 8 || /[-/.年\s]/.test(s)) return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`
  return s
}
