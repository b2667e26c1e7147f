// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../../src/shared/contract'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})

const snapshot = () => JSON.stringify(app.core.store.data)

describe('router validation', () => {
  it('rejects malformed input to every method with a field-level message and leaves the data unchanged', async () => {
    await app.call('sample.load', {})
    const before = snapshot()
    for (const m of METHOD_NAMES) {
      for (const bad of [{ bogusField: 1 }, 'not an object', [1, 2]]) {
        const r = await app.raw(m, bad)
        expect(r.ok, `${m} accepted ${JSON.stringify(bad)}`).toBe(false)
        if (r.ok) continue
        expect(r.error.code).toBe('VALIDATION')
        expect(Object.keys(r.error.fieldErrors).length, m).toBeGreaterThan(0)
        if (typeof bad === 'object' && !Array.isArray(bad)) expect(Object.keys(r.error.fieldErrors), m).not.toContain('_')
      }
    }
    expect(snapshot()).toBe(before)
  })

  it('names the field that is wrong', async () => {
    const r = await app.raw('organizations.create', { name: '', kind: 'spaceship', website: 7 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.error.fieldErrors).sort()).toEqual(['kind', 'name', 'website'])
  })

  it('refuses unknown methods', async () => {
    const r = await app.raw('organizations.drop', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
  })
})

describe('records', () => {
  it('creates, updates part of a record without resetting the rest, deletes and restores', async () => {
    const org = await app.call('organizations.create', { name: '上海卓然工程技术股份有限公司', kind: 'enterprise', city: '上海', industry: '环保科技' })
    expect(org).toMatchObject({ name: '上海卓然工程技术股份有限公司', deletedAt: null, tags: [], notes: '' })
    app.tick()
    const edited = await app.call('organizations.update', { id: org.id, changes: { city: 'Shanghai' } })
    expect(edited).toMatchObject({ name: org.name, industry: '环保科技', city: 'Shanghai', createdAt: org.createdAt })
    expect(edited.updatedAt > org.updatedAt).toBe(true)

    await app.call('organizations.delete', { id: org.id })
    expect((await app.call('organizations.list', {})).total).toBe(0)
    expect((await app.call('organizations.list', { includeDeleted: true })).total).toBe(1)
    const back = await app.call('organizations.restore', { id: org.id })
    expect(back.deletedAt).toBeNull()
    expect((await app.call('organizations.list', {})).items.map((o) => o.city)).toEqual(['Shanghai'])
  })

  it('refuses a stale edit', async () => {
    const org = await app.call('organizations.create', { name: 'A' })
    app.tick()
    await app.call('organizations.update', { id: org.id, changes: { name: 'B' } })
    const r = await app.raw('organizations.update', { id: org.id, changes: { name: 'C' }, expectedUpdatedAt: org.updatedAt })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('checks cross-field rules on the merged record', async () => {
    const trip = await app.call('trips.create', { title: 'Shanghai', startDate: '2025-12-02', endDate: '2025-12-05' })
    const r = await app.raw('trips.update', { id: trip.id, changes: { endDate: '2025-12-01' } })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.fieldErrors).toHaveProperty(['changes.endDate'])
  })

  it('rejects links to missing or deleted records, naming the field', async () => {
    const r = await app.raw('contacts.create', { name: 'Zhan Yibin', organizationId: 'nope' })
    expect(r).toMatchObject({ ok: false, error: { code: 'MISSING_LINK', fieldErrors: { organizationId: [expect.stringContaining('nope')] } } })
    const org = await app.call('organizations.create', { name: 'Gone' })
    await app.call('organizations.delete', { id: org.id })
    const r2 = await app.raw('activities.create', { title: 'Visit', date: '2025-12-03', organizationIds: [org.id] })
    expect(r2).toMatchObject({ ok: false, error: { code: 'MISSING_LINK', fieldErrors: { 'organizationIds.0': expect.any(Array) } } })
  })

  it('will not delete a record others link to, and says which ones', async () => {
    const org = await app.call('organizations.create', { name: 'Naham' })
    const person = await app.call('contacts.create', { name: 'Luo Xiaoqiu', organizationId: org.id })
    const before = snapshot()
    const r = await app.raw('organizations.delete', { id: org.id })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('LINKED')
    expect(r.error.links).toEqual([{ collection: 'contacts', id: person.id, name: 'Luo Xiaoqiu', field: 'organizationId' }])
    expect(snapshot()).toBe(before)
    expect(await app.call('links.find', { collection: 'organizations', id: org.id })).toHaveLength(1)
    // Once the contact is gone the organisation can go, and the contact cannot come back pointing at nothing.
    await app.call('contacts.delete', { id: person.id })
    await app.call('organizations.delete', { id: org.id })
    const r2 = await app.raw('contacts.restore', { id: person.id })
    expect(r2).toMatchObject({ ok: false, error: { code: 'MISSING_LINK' } })
  })

  it('searches Chinese and Latin text, filters, sorts and pages on the main side', async () => {
    for (const [name, city] of [['江苏申储新材料有限公司', '南通'], ['Shanghai Naham Fluid Technology', '上海'], ['Jiangdong Electronic Materials', '南通']]) {
      await app.call('organizations.create', { name, city })
    }
    expect((await app.call('organizations.list', { search: '申储' })).items.map((o) => o.name)).toEqual(['江苏申储新材料有限公司'])
    expect((await app.call('organizations.list', { search: 'naham' })).total).toBe(1)
    expect((await app.call('organizations.list', { filter: { city: '南通' } })).total).toBe(2)
    const desc = await app.call('organizations.list', { sort: { field: 'name', dir: 'desc' } })
    const asc = await app.call('organizations.list', { sort: { field: 'name', dir: 'asc' } })
    expect(asc.items.map((o) => o.name)).toEqual(desc.items.map((o) => o.name).reverse())
    const page = await app.call('organizations.list', { sort: { field: 'name', dir: 'desc' }, limit: 2, offset: 1 })
    expect(page.total).toBe(3)
    expect(page.items.map((o) => o.name)).toEqual(desc.items.slice(1, 3).map((o) => o.name))
  })

  it('re-sorts after a change, though sorted lists are cached', async () => {
    const a = await app.call('organizations.create', { name: 'Alpha' })
    await app.call('organizations.create', { name: 'Beta' })
    const names = async () => (await app.call('organizations.list', { sort: { field: 'name', dir: 'asc' } })).items.map((o) => o.name)
    expect(await names()).toEqual(['Alpha', 'Beta'])
    await app.call('organizations.update', { id: a.id, changes: { name: 'Gamma' } })
    expect(await names()).toEqual(['Beta', 'Gamma'])
    await app.call('organizations.create', { name: 'Aardvark' })
    expect(await names()).toEqual(['Aardvark', 'Beta', 'Gamma'])
  })

  it('keeps acknowledged data across a reopen of the folder', async () => {
    const org = await app.call('organizations.create', { name: '如东经济开发区管委会', kind: 'devZoneCommittee' })
    await app.close()
    const again = await openTestApp(app.dataDir)
    try {
      expect(await again.call('organizations.get', { id: org.id })).toEqual(org)
    } finally {
      await again.close()
    }
    app = await openTestApp(app.dataDir)
  })
})

describe('settings and sample', () => {
  it('updates settings partially and validates them', async () => {
    await app.call('settings.update', { school: '资源与环境学院', signatures: { editor: '刘军' } })
    const s = await app.call('settings.update', { signatures: { reviewer: '王立坤' } })
    expect(s).toMatchObject({ school: '资源与环境学院', language: 'zh-CN', signatures: { editor: '刘军', reviewer: '王立坤' } })
    const r = await app.raw('settings.update', { language: 'fr' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { language: expect.any(Array) } } })
  })

  it('loads the sample trip once, into an empty database only', async () => {
    expect((await app.call('system.status', {})).empty).toBe(true)
    const status = await app.call('sample.load', {})
    expect(status.empty).toBe(false)
    expect(status.counts.trips).toBe(1)
    expect(status.counts.organizations).toBeGreaterThanOrEqual(8)
    expect(await app.raw('sample.load', {})).toMatchObject({ ok: false, error: { code: 'STATE' } })
  })
})
