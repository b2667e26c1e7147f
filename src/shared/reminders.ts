import { z } from 'zod'
import { isoDate } from './domain/common'

/** Follow-ups due within this many days (or already overdue) are reminded. */
export const FOLLOW_UP_REMINDER_DAYS = 3
/** Internship-base agreements ending within this many days are reminded. */
export const AGREEMENT_REMINDER_DAYS = 30

export interface Reminder {
  collection: 'followUps' | 'agreements'
  id: string
  title: string
  /** the follow-up's due date or the agreement's end date */
  date: string
  /** days from today to `date`: negative when overdue or already ended */
  daysLeft: number
  /** the linked organisation's name; '' when none is linked */
  organizationName: string
}

export interface ReminderList {
  /** the local day the list was computed for */
  today: string
  /** Settings → reminders: the list is computed either way, the notifier and the page panel obey this */
  enabled: boolean
  followUps: Reminder[]
  agreements: Reminder[]
}

/** `today` is the caller's local day; without it the main side uses its own clock's local day. */
export const remindersInput = z.strictObject({ today: isoDate.optional() }).default({})

export type ReminderWording = 'overdue' | 'overdueOne' | 'dueToday' | 'dueInOne' | 'dueIn' | 'ended' | 'endedOne' | 'endsToday' | 'endsInOne' | 'endsIn'

/** Which phrase says when a reminder falls due (both the notifications and the page use it), and its day count. */
export function reminderWording(r: Pick<Reminder, 'collection' | 'daysLeft'>): { key: ReminderWording; days: number } {
  const d = r.daysLeft
  const f = r.collection === 'followUps'
  const key: ReminderWording =
    d < -1 ? (f ? 'overdue' : 'ended') : d === -1 ? (f ? 'overdueOne' : 'endedOne') : d === 0 ? (f ? 'dueToday' : 'endsToday') : d === 1 ? (f ? 'dueInOne' : 'endsInOne') : f ? 'dueIn' : 'endsIn'
  return { key, days: Math.abs(d) }
}

/** The in-app route of a reminded record, or of its register when no id is given. */
export function reminderPath(collection: Reminder['collection'], id?: string): string {
  const route = collection === 'followUps' ? '/follow-ups' : '/agreements'
  return id === undefined ? route : `${route}?open=${encodeURIComponent(id)}`
}
