// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})

describe('follow-up list filters', () => {
  it('narrows by a due-date range (this week / this month) and by overdue', async () => {
    await app.call('followUps.create', { title: 'A', dueDate: '2026-01-02' })
    await app.call('followUps.create', { title: 'B', dueDate: '2026-01-07' })
    await app.call('followUps.create', { title: 'C', dueDate: '2026-01-30', status: 'done' })
    await app.call('followUps.create', { title: 'D' })
    const titles = async (filter: Record<string, string>) =>
      (await app.call('followUps.list', { filter, sort: { field: 'title', dir: 'asc' } })).items.map((f) => f.title)
    expect(await titles({ dueFrom: '2026-01-05', dueTo: '2026-01-11' })).toEqual(['B'])
    expect(await titles({ dueFrom: '2026-01-01', dueTo: '2026-01-31' })).toEqual(['A', 'B', 'C'])
    expect(await titles({ dueTo: '2026-01-05' })).toEqual(['A'])
    expect(await titles({ overdueOn: '2026-01-31' })).toEqual(['A', 'B'])
    const r = await app.raw('followUps.list', { filter: { dueFrom: '2026-1-5' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})
