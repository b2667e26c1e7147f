// What the desktop shows for the reminders: one system notification per batch (follow-ups,
// internship bases), and when to look again. Pure, so the wording and the once-a-day rule are
// tested under Node; src/main/index.ts only turns a notice into an Electron Notification.
import { todayIso } from '../shared/days'
import type { Lang } from '../shared/enums'
import { reminderPath, reminderWording } from '../shared/reminders'
import type { Reminder, ReminderList } from '../shared/reminders'
import { desktopText } from './desktop-text'

export interface Notice {
  title: string
  body: string
  /** where a click on the notification takes the page */
  path: string
}

const LINES = 3

function when(lang: Lang, r: Reminder): string {
  const { key, days } = reminderWording(r)
  return desktopText(lang, key, { days })
}

function batch(lang: Lang, items: Reminder[], kind: 'followUps' | 'agreements'): Notice | null {
  if (items.length === 0) return null
  const one = items.length === 1
  const title = one
    ? desktopText(lang, kind === 'followUps' ? 'followUpsTitleOne' : 'agreementsTitleOne', { title: items[0].title })
    : desktopText(lang, kind === 'followUps' ? 'followUpsTitle' : 'agreementsTitle', { count: items.length })
  const sep = lang === 'zh-CN' ? '，' : ', '
  const lines = items.slice(0, LINES).map((r) => [one ? '' : r.title, r.organizationName, when(lang, r)].filter(Boolean).join(sep))
  if (items.length > LINES) lines.push(desktopText(lang, 'more', { count: items.length - LINES }))
  // One record opens that record; several open their register, where all of them are listed.
  return { title, body: lines.join('\n'), path: one ? reminderPath(kind, items[0].id) : reminderPath(kind) }
}

/** The notifications for one reminder list: none when reminders are off or nothing is due. */
export function reminderNotices(list: ReminderList, lang: Lang): Notice[] {
  if (!list.enabled) return []
  return [batch(lang, list.followUps, 'followUps'), batch(lang, list.agreements, 'agreements')].filter((n): n is Notice => n !== null)
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

/**
 * Runs `run` now and then once per local calendar day while the app runs. The day is checked every
 * `everyMs` (an hour by default) rather than by one timer to midnight, because a laptop that sleeps
 * through midnight fires a long timer late or never.
 */
export function everyLocalDay(o: { now: () => Date; run: (today: string) => void; everyMs?: number; timers?: Timers }): () => void {
  const timers: Timers = o.timers ?? { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>) }
  let last = todayIso(o.now())
  o.run(last)
  const handle = timers.setInterval(() => {
    const today = todayIso(o.now())
    if (today === last) return
    last = today
    o.run(today)
  }, o.everyMs ?? 3_600_000)
  return () => timers.clearInterval(handle)
}
