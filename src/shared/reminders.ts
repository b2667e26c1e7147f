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
