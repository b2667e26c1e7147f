// @vitest-environment node
process.env.TZ = 'Asia/Shanghai'
import { describe, expect, it } from 'vitest'
import { everyLocalDay, reminderNotices } from '../../../src/main/reminder-notices'
import type { Timers } from '../../../src/main/reminder-notices'
import type { Reminder, ReminderList } from '../../../src/shared/reminders'

const followUp = (id: string, title: string, daysLeft: number, organizationName = ''): Reminder => ({ collection: 'followUps', id, title, date: '', daysLeft, organizationName })
const base = (id: string, title: string, daysLeft: number): Reminder => ({ collection: 'agreements', id, title, date: '', daysLeft, organizationName: '南通某公司' })
const list = (over: Partial<ReminderList>): ReminderList => ({ today: '2026-01-05', enabled: true, followUps: [], agreements: [], ...over })

describe('reminder notifications', () => {
  it('show one record by name and open that record when clicked', () => {
    const [n] = reminderNotices(list({ followUps: [followUp('f1', '联系人才招聘', -2, '某科技公司')] }), 'zh-CN')
    expect(n.title).toBe('跟进事项到期：联系人才招聘')
    expect(n.body).toBe('某科技公司，已逾期 2 天')
    expect(n.path).toBe('/follow-ups?open=f1')
  })

  it('gather several records into one notification per kind that opens their register', () => {
    const notices = reminderNotices(
      list({
        followUps: [followUp('a', 'Call HR', -1), followUp('b', 'Send MoU', 0), followUp('c', 'Visit lab', 2), followUp('d', 'Book room', 3)],
        agreements: [base('x', 'Base A', 30), base('y', 'Base B', -3)],
      }),
      'en',
    )
    expect(notices).toEqual([
      { title: '4 follow-ups due', body: 'Call HR, 1 day overdue\nSend MoU, due today\nVisit lab, due in 2 days\nand 1 more', path: '/follow-ups' },
      { title: '2 internship-base agreements ending soon', body: 'Base A, 南通某公司, ends in 30 days\nBase B, 南通某公司, ended 3 days ago', path: '/agreements' },
    ])
  })

  it('show nothing when nothing is due or reminders are turned off', () => {
    expect(reminderNotices(list({}), 'en')).toEqual([])
    expect(reminderNotices(list({ enabled: false, followUps: [followUp('a', 'x', 0)] }), 'en')).toEqual([])
  })
})

describe('once a day', () => {
  function fakeTimers() {
    let tick: (() => void) | null = null
    const timers: Timers = { setInterval: (fn) => (tick = fn), clearInterval: () => (tick = null) }
    return { timers, fire: () => tick?.(), running: () => tick !== null }
  }

  it('checks at start, then again only when the local day changes', () => {
    let now = new Date('2026-01-05T08:00:00Z') // 16:00 in Shanghai
    const runs: string[] = []
    const t = fakeTimers()
    const stop = everyLocalDay({ now: () => now, run: (d) => runs.push(d), timers: t.timers })
    expect(runs).toEqual(['2026-01-05'])
    now = new Date('2026-01-05T15:59:00Z') // 23:59 in Shanghai
    t.fire()
    expect(runs).toEqual(['2026-01-05'])
    now = new Date('2026-01-05T16:01:00Z') // 00:01 on the 6th in Shanghai, still the 5th in UTC
    t.fire()
    t.fire()
    expect(runs).toEqual(['2026-01-05', '2026-01-06'])
    now = new Date('2026-01-09T01:00:00Z') // woke from sleep days later: one check, for today
    t.fire()
    expect(runs).toEqual(['2026-01-05', '2026-01-06', '2026-01-09'])
    stop()
    expect(t.running()).toBe(false)
  })
})
