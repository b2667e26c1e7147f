import { afterEach, describe, expect, it } from 'vitest'
import { COLLECTION_NAMES } from '../../../src/shared/collections'
import { openTestApp } from '../helpers'

type App = Awaited<ReturnType<typeof openTestApp>>
const apps: App[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.destroy()
})

/** What the status must say: every live record counted afresh. */
function counted(app: App): Record<string, number> {
  return Object.fromEntries(COLLECTION_NAMES.map((c) => [c, app.core.store.data[c].filter((r) => r.deletedAt === null).length]))
}

describe('system.status', () => {
  it('keeps its counts through a batch, creates, deletes, restores and a whole-state replace', async () => {
    const app = await openTestApp()
    apps.push(app)
    expect((await app.call('system.status', {})).empty).toBe(true)
    // A batch of many records (the sample trip), counted from the change feed.
    await app.call('sample.load', {})
    let status = await app.call('system.status', {})
    expect(status.empty).toBe(false)
    expect(status.counts).toEqual(counted(app))
    const before = status.counts.contacts

    const org = await app.call('organizations.create', { name: '江西铜业集团有限公司' })
    const a = await app.call('contacts.create', { name: '张伟', organizationId: org.id })
    await app.call('contacts.create', { name: '李娜' })
    expect((await app.call('system.status', {})).counts.contacts).toBe(before + 2)

    await app.call('contacts.delete', { id: a.id })
    expect((await app.call('system.status', {})).counts.contacts).toBe(before + 1)
    // Restored, then edited: counted once.
    await app.call('contacts.restore', { id: a.id })
    await app.call('contacts.update', { id: a.id, changes: { position: '总经理' } })
    status = await app.call('system.status', {})
    expect(status.counts.contacts).toBe(before + 2)
    expect(status.counts).toEqual(counted(app))

    // A whole-state replace (what a backup restore does): counted afresh, not adjusted.
    const data = structuredClone(app.core.store.data)
    data.contacts = data.contacts.filter((c) => c.id !== a.id)
    data.organizations = []
    data.contacts = data.contacts.map((c) => ({ ...c, organizationId: null }))
    await app.core.store.replaceAll(data)
    status = await app.call('system.status', {})
    expect(status.counts).toEqual(counted(app))
    expect(status.counts.organizations).toBe(0)
    expect(status.counts.contacts).toBe(before + 1)
  })
})
