// Calendar arithmetic on yyyy-MM-dd strings, in the local day of whoever calls it.
// The renderer uses it for display flags (overdue, expiring) and the date-range filters its lists send;
// the main side takes the expiry window from here, so both flag the same agreements.

import { MAX_MONTHS } from './dateBounds'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * Day arithmetic on whole day numbers (days since 1970-01-01, proleptic Gregorian), not on Date:
 * no time zone or DST can shift a day, and years below 100 are not mapped to 19xx as Date does.
 * Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil).
 */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function civil(day: number): { y: number; m: number; d: number } {
  const z = day + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 }
}

function toIso(day: number): string {
  if (!Number.isFinite(day)) return 'NaN-NaN-NaN'
  const { y, m, d } = civil(day)
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

function fromIso(day: string): number {
  const [y, m, d] = day.split('-').map(Number)
  return dayNumber(y, m, d)
}

/** Today in local time, yyyy-MM-dd. */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export function addDaysIso(day: string, days: number): string {
  return toIso(fromIso(day) + days)
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return fromIso(to) - fromIso(from)
}

/** Monday to Sunday of the week that holds `day`. */
export function weekRange(day: string): { from: string; to: string } {
  const offset = (((fromIso(day) + 3) % 7) + 7) % 7 // day 0 (1970-01-01) was a Thursday; Monday = 0
  const from = addDaysIso(day, -offset)
  return { from, to: addDaysIso(from, 6) }
}

/** First to last day of the month that holds `day`. */
export function monthRange(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number)
  const next = m === 12 ? dayNumber(y + 1, 1, 1) : dayNumber(y, m + 1, 1)
  return { from: `${day.slice(0, 7)}-01`, to: toIso(next - 1) }
}

/**
 * Every month (yyyy-MM) from the month of `from` to the month of `to`, counted on integers and
 * capped at MAX_MONTHS, so no input can make the loop run long or stop on a formatting quirk.
 */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number)
  const [ty, tm] = to.split('-').map(Number)
  const first = fy * 12 + (fm - 1)
  const count = Math.min(MAX_MONTHS, ty * 12 + (tm - 1) - first + 1)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const n = first + i
    out.push(`${pad(Math.floor(n / 12), 4)}-${pad((n % 12) + 1)}`)
  }
  return out
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
