// @vitest-environment node
// Reminders are computed for the user's local day: pin the zone the office works in, whatever the machine says.
process.env.TZ = 'Asia/Shanghai'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

// The helper's clock starts at 2026-01-05T08:00Z, which is 16:00 on 5 January in Shanghai.
const TODAY = '2026-01-05'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})

async function followUp(title: string, dueDate: string | null, status: 'open' | 'inProgress' | 'done' | 'dropped' = 'open') {
  return app.call('followUps.create', { title, dueDate, status })
}

async function base(title: string, endDate: string | null, extra: { status?: 'negotiating' | 'signed' | 'active' | 'expired' | 'terminated'; kind?: 'internshipBase' | 'research' } = {}) {
  const org = await app.call('organizations.create', { name: `${title} 公司` })
  return app.call('agreements.create', { title, organizationId: org.id, endDate, status: extra.status ?? 'active', kind: extra.kind ?? 'internshipBase' })
}

const titles = (list: Array<{ title: string }>) => list.map((r) => r.title)

describe('follow-up reminders', () => {
  it('list open follow-ups that are overdue or due within 3 days, soonest first', async () => {
    await followUp('due in 4 days', '2026-01-09')
    await followUp('due in exactly 3 days', '2026-01-08')
    await followUp('due today', TODAY)
    await followUp('overdue', '2026-01-01', 'inProgress')
    await followUp('no due date', null)
    const r = await app.call('reminders.list', { today: TODAY })
    expect(titles(r.followUps)).toEqual(['overdue', 'due today', 'due in exactly 3 days'])
    expect(r.followUps.map((f) => f.daysLeft)).toEqual([-4, 0, 3])
    expect(r.today).toBe(TODAY)
  })

  it('leave out follow-ups that are done, dropped or deleted', async () => {
    await followUp('done', '2026-01-02', 'done')
    await followUp('dropped', '2026-01-02', 'dropped')
    const deleted = await followUp('deleted', '2026-01-02')
    await app.call('followUps.delete', { id: deleted.id })
    await followUp('kept', '2026-01-02')
    expect(titles((await app.call('reminders.list', { today: TODAY })).followUps)).toEqual(['kept'])
  })

  it('drop a follow-up as soon as it is marked done', async () => {
    const f = await followUp('call back', '2026-01-06')
    expect((await app.call('reminders.list', { today: TODAY })).followUps).toHaveLength(1)
    await app.call('followUps.update', { id: f.id, changes: { status: 'done' } })
    expect((await app.call('reminders.list', { today: TODAY })).followUps).toHaveLength(0)
  })
})

describe('internship-base reminders', () => {
  it('list bases in force ending within 30 days, and those past their end that nobody renewed', async () => {
    await base('ends in 31 days', '2026-02-05')
    await base('ends in exactly 30 days', '2026-02-04', { status: 'signed' })
    await base('ended yesterday', '2026-01-04')
    await base('open-ended', null)
    const r = await app.call('reminders.list', { today: TODAY })
    expect(titles(r.agreements)).toEqual(['ended yesterday', 'ends in exactly 30 days'])
    expect(r.agreements.map((a) => a.daysLeft)).toEqual([-1, 30])
    expect(r.agreements[1].organizationName).toBe('ends in exactly 30 days 公司')
  })

  it('leave out other kinds of agreement, bases not in force, and deleted ones', async () => {
    await base('research', '2026-01-20', { kind: 'research' })
    await base('expired', '2026-01-20', { status: 'expired' })
    await base('terminated', '2026-01-20', { status: 'terminated' })
    await base('negotiating', '2026-01-20', { status: 'negotiating' })
    const gone = await base('deleted', '2026-01-20')
    await app.call('agreements.delete', { id: gone.id })
    await base('kept', '2026-01-20')
    expect(titles((await app.call('reminders.list', { today: TODAY })).agreements)).toEqual(['kept'])
  })
})

describe('the day reminders are computed for', () => {
  it("is the local day of the app's clock when the caller gives none: Shanghai's midnight, not UTC's", async () => {
    await followUp('due on the 9th', '2026-01-09')
    app.tick(8 * 3_600_000 - 1000) // 2026-01-05T15:59:59Z = 23:59:59 in Shanghai
    const before = await app.call('reminders.list', {})
    expect(before.today).toBe('2026-01-05')
    expect(before.followUps).toEqual([])
    app.tick(1000) // 16:00Z: UTC is still on the 5th, Shanghai is on the 6th
    const after = await app.call('reminders.list', {})
    expect(after.today).toBe('2026-01-06')
    expect(titles(after.followUps)).toEqual(['due on the 9th'])
    expect(after.followUps[0].daysLeft).toBe(3)
  })

  it('refuses a malformed day or an unknown field, naming it', async () => {
    const bad = await app.raw('reminders.list', { today: '2026-13-01' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(Object.keys(bad.error.fieldErrors)).toEqual(['today'])
    const extra = await app.raw('reminders.list', { today: TODAY, days: 5 })
    expect(extra.ok).toBe(false)
  })
})

describe('the Settings switch', () => {
  it('is on by default and tells the notifier and the page when it is turned off', async () => {
    await followUp('overdue', '2026-01-01')
    expect((await app.call('reminders.list', { today: TODAY })).enabled).toBe(true)
    await app.call('settings.update', { remindersEnabled: false })
    const off = await app.call('reminders.list', { today: TODAY })
    expect(off.enabled).toBe(false)
    // The list itself is still what is due: turning the switch off silences, it does not claim nothing is due.
    expect(off.followUps).toHaveLength(1)
  })
})
