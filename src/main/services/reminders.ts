// What is due: follow-ups due within a few days or overdue, internship bases ending soon.
// Pure over the store's data and a local day, so the Electron notifier, the browser
// page panel and the tests all see the same list.
import type { Agreement, FollowUp, Organization } from '../../shared/domain'
import { addDaysIso, daysBetween, todayIso } from '../../shared/days'
import { AGREEMENT_REMINDER_DAYS, FOLLOW_UP_REMINDER_DAYS } from '../../shared/reminders'
import type { Reminder, ReminderList } from '../../shared/reminders'
import type { Ctx } from './context'

interface ReminderData {
  followUps: readonly FollowUp[]
  agreements: readonly Agreement[]
  organizations: readonly Organization[]
}

const OPEN_FOLLOW_UP = new Set(['open', 'inProgress'])
// An agreement still marked signed or active is in force; one past its end date in that state
// keeps being reminded until someone renews it or marks it expired.
const IN_FORCE = new Set(['signed', 'active'])

const byDate = (a: Reminder, b: Reminder) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title)

export function computeReminders(data: ReminderData, today: string): Omit<ReminderList, 'enabled'> {
  const orgName = new Map(data.organizations.filter((o) => o.deletedAt === null).map((o) => [o.id, o.name]))
  const reminder = (collection: Reminder['collection'], r: { id: string; title: string; organizationId: string | null }, date: string): Reminder => ({
    collection,
    id: r.id,
    title: r.title,
    date,
    daysLeft: daysBetween(today, date),
    organizationName: (r.organizationId && orgName.get(r.organizationId)) || '',
  })
  const followUpLimit = addDaysIso(today, FOLLOW_UP_REMINDER_DAYS)
  const agreementLimit = addDaysIso(today, AGREEMENT_REMINDER_DAYS)
  const followUps = data.followUps
    .filter((f) => f.deletedAt === null && OPEN_FOLLOW_UP.has(f.status) && f.dueDate !== null && f.dueDate <= followUpLimit)
    .map((f) => reminder('followUps', f, f.dueDate as string))
    .sort(byDate)
  const agreements = data.agreements
    .filter((a) => a.deletedAt === null && a.kind === 'internshipBase' && IN_FORCE.has(a.status) && a.endDate !== null && a.endDate <= agreementLimit)
    .map((a) => reminder('agreements', a, a.endDate as string))
    .sort(byDate)
  return { today, followUps, agreements }
}

export function createReminderService(ctx: Ctx) {
  return {
    /** Reminders for `today` (the caller's local day), else for the local day of the app's clock. */
    list(today?: string): ReminderList {
      const day = today ?? todayIso(ctx.now())
      return { ...computeReminders(ctx.store.data, day), enabled: ctx.store.data.settings.remindersEnabled }
    },
  }
}
