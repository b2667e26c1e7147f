// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AnyRecord } from '../../../src/shared/collections'
import type { SyncMeta } from '../../../src/shared/domain/sync'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
afterEach(async () => app?.destroy())

const syncOf = (r: unknown) => (r as AnyRecord).sync as SyncMeta

describe('every write path stamps the merge version and the history', () => {
  it('create, edit, delete and restore through the router, each by this laptop, in order', async () => {
    app = await openTestApp()
    const device = JSON.parse(await readFile(join(app.dataDir, 'device.json'), 'utf8')) as { id: string }
    const org = await app.call('organizations.create', { name: '上海卓然', kind: 'enterprise' })
    expect(syncOf(org).vv).toEqual({ [device.id]: 1 })
    app.tick()
    const edited = await app.call('organizations.update', { id: org.id, changes: { city: '上海' } })
    expect(syncOf(edited).f).toEqual({ city: [device.id, 2, edited.updatedAt] })
    app.tick()
    await app.call('organizations.delete', { id: org.id })
    app.tick()
    const back = await app.call('organizations.restore', { id: org.id })
    const h = syncOf(back).h ?? []
    expect(h.map((e) => e.k)).toEqual(['edit', 'delete', 'restore'])
    expect(h.every((e) => e.d[0] === device.id)).toBe(true)
    expect(h[0].ch).toEqual({ city: ['', '上海'] })
    // what the router returned is what the store holds
    expect(back).toEqual(app.core.store.get('organizations', org.id))
  })

  it('the sample trip (a batch) is stamped, and the stamps survive a restart', async () => {
    app = await openTestApp()
    await app.call('sample.load', {})
    const trips = app.core.store.data.trips
    expect(trips.length).toBeGreaterThan(0)
    expect(syncOf(trips[0]).vv).toEqual({ [syncOf(trips[0]).d[0]]: 1 })
    await app.call('trips.update', { id: trips[0].id, changes: { theme: '访企拓岗' } })
    const dir = app.dataDir
    await app.close()
    app = await openTestApp(dir)
    expect(syncOf(app.core.store.data.trips[0]).h?.map((e) => e.k)).toEqual(['edit'])
  })

  it('puts serialised ahead of their commit (a 100,000-row import) are stamped too, as the import', async () => {
    app = await openTestApp()
    const org = await app.call('organizations.create', { name: '上海卓然' })
    const steps = app.core.store.preparePuts([{ collection: 'organizations', record: { ...app.core.store.get('organizations', org.id)!, city: '上海', updatedAt: '2026-01-05T09:00:00.000Z' } }], { kind: 'import' })
    let r = steps.next()
    while (!r.done) r = steps.next()
    await app.core.store.commit({ puts: [], prepared: r.value })
    const h = syncOf(app.core.store.get('organizations', org.id)).h ?? []
    expect(h.map((e) => [e.k, e.ch])).toEqual([['import', { city: ['', '上海'] }]])
  })
})
