// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { linkedIds, links } from '../../../src/shared/collections'
import type { AnyRecord, CollectionName } from '../../../src/shared/collections'
import type { Mergeable } from '../../../src/shared/domain/merges'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'
import { runToEnd } from '../../../src/main/turns'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})


/** Two of each mergeable kind, and one record of every linking kind pointing at the second ("other") of each. */
async function world() {
  const orgA = await app.call('organizations.create', { name: '江西铜业股份有限公司', city: '南昌' })
  app.tick()
  const orgB = await app.call('organizations.create', { name: '江西铜业集团有限公司', industry: '有色金属', website: 'https://jxcc.com' })
  const conA = await app.call('contacts.create', { name: '张伟', phone: '13807910001', organizationId: orgA.id })
  const conB = await app.call('contacts.create', { name: '张 伟', phone: '+86 138-0791-0001', organizationId: orgB.id, email: 'zw@jxcc.com' })
  const stA = await app.call('staff.create', { name: '李老师', department: '党政办' })
  const stB = await app.call('staff.create', { name: '李老师', department: '党政办', phone: '0791-83969999' })
  const trip = await app.call('trips.create', { title: '长三角访企拓岗', startDate: '2025-07-01', endDate: '2025-07-03', leaderId: stB.id, members: [{ staffId: stA.id }, { staffId: stB.id }] })
  const agreement = await app.call('agreements.create', { title: '实习基地', organizationId: orgB.id, ownerId: stB.id, partnerContactId: conB.id })
  const group = await app.call('alumniGroups.create', { name: '上海校友会', hostOrganizationId: orgB.id, leaderContactId: conB.id, memberContactIds: [conA.id, conB.id] })
  const activity = await app.call('activities.create', {
    tripId: trip.id, date: '2025-07-01', period: 'morning', kind: 'enterpriseVisit', title: '走访江铜',
    organizationIds: [orgA.id, orgB.id], contactIds: [conB.id], staffIds: [stB.id], agreementIds: [agreement.id], alumniGroupIds: [group.id],
  })
  await app.call('followUps.create', { title: '落实岗位', category: 'recruitment', organizationId: orgB.id, ownerId: stB.id, tripId: trip.id, activityId: activity.id })
  for (const [recordType, recordId] of [['organizations', orgB.id], ['contacts', conB.id], ['staff', stB.id]] as const) {
    await app.call('attachments.add', { recordType, recordId, fileName: 'x.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') })
  }
  return { organizations: [orgA, orgB], contacts: [conA, conB], staff: [stA, stB] } as Record<Mergeable, [AnyRecord, AnyRecord]>
}

const live = (c: CollectionName) => (app.core.store.data[c] as AnyRecord[]).filter((r) => r.deletedAt === null)
const holders = (def: (typeof links)[number], id: string) => live(def.from).filter((r) => linkedIds(r, def.path).some((l) => l.id === id))

describe('duplicates.list', () => {
  it('proposes organisations by name, alias, credit code and similarity, and branches as part of', async () => {
    const a = await app.call('organizations.create', { name: '江西铜业股份有限公司' })
    app.tick()
    const b = await app.call('organizations.create', { name: '江西铜业（集团）有限公司' })
    const c = await app.call('organizations.create', { name: '中国瑞林工程技术股份有限公司', aliases: ['瑞林'] })
    const d = await app.call('organizations.create', { name: '瑞林' })
    const e = await app.call('organizations.create', { name: '赣锋锂业股份有限公司', creditCode: '91360500576120486A' })
    const f = await app.call('organizations.create', { name: '江西赣锋锂业集团', creditCode: '91360500576120486A' })
    const g = await app.call('organizations.create', { name: '江西铜业股份有限公司南昌分公司' })
    const h = await app.call('organizations.create', { name: '中国瑞林工程技术研究院' })
    await app.call('organizations.create', { name: '云南铜业股份有限公司' })
    const pairs = await app.call('duplicates.list', { collection: 'organizations' })
    const reasonOf = (x: AnyRecord, y: AnyRecord) => pairs.find((p) => [p.a.id, p.b.id].sort().join() === [x.id, y.id].sort().join())?.reason
    expect(reasonOf(a, b)).toBe('sameName')
    expect(reasonOf(c, d)).toBe('alias')
    expect(reasonOf(e, f)).toBe('creditCode')
    expect(reasonOf(g, a)).toBe('partOf')
    expect(reasonOf(c, h)).toBe('similarName')
    expect(pairs.some((p) => p.a.name.includes('云南') || p.b.name.includes('云南'))).toBe(false)
    // the older record is offered as the survivor
    expect(pairs.find((p) => p.reason === 'sameName')?.a.id).toBe(a.id)
    expect((await app.call('duplicates.counts', {})).organizations).toBe(pairs.filter((p) => p.level !== 'partOf').length)
  })

  it('people: same mobile and name is a match, same mobile another name a warning, name + class year + major a candidate, name alone nothing', async () => {
    const p1 = await app.call('contacts.create', { name: '王磊', phone: '13807910002' })
    const p2 = await app.call('contacts.create', { name: '王磊', phone: '0086 13807910002' })
    const p3 = await app.call('contacts.create', { name: '王蕾', phone: '138 0791 0002' })
    const p4 = await app.call('contacts.create', { name: '陈静', alumni: { classYear: 2019, major: '环境工程' } })
    const p5 = await app.call('contacts.create', { name: '陈静', alumni: { classYear: 2019, major: '环境工程' } })
    await app.call('contacts.create', { name: '陈静', alumni: { classYear: 2020, major: '环境工程' } })
    const pairs = await app.call('duplicates.list', { collection: 'contacts' })
    const got = pairs.map((p) => [[p.a.id, p.b.id].sort().join(), p.reason, p.level])
    expect(got).toEqual(expect.arrayContaining([
      [[p1.id, p2.id].sort().join(), 'samePhoneAndName', 'match'],
      [[p1.id, p3.id].sort().join(), 'samePhoneOtherName', 'warning'],
      [[p4.id, p5.id].sort().join(), 'sameProfile', 'candidate'],
    ]))
    expect(pairs).toHaveLength(4) // p2-p3 too; the 2020 陈静 is in no pair
    expect(pairs[0].level).toBe('match')
  })

  it('remembers "not duplicates" and never proposes that pair again', async () => {
    const a = await app.call('organizations.create', { name: '华为技术有限公司' })
    const b = await app.call('organizations.create', { name: '华为技术 有限公司' })
    expect(await app.call('duplicates.list', { collection: 'organizations' })).toHaveLength(1)
    await app.call('duplicates.markDistinct', { collection: 'organizations', ids: [b.id, a.id] })
    await app.call('duplicates.markDistinct', { collection: 'organizations', ids: [a.id, b.id] })
    expect(app.core.store.data.distinctPairs).toHaveLength(1)
    expect(await app.call('duplicates.list', { collection: 'organizations' })).toEqual([])
    expect((await app.call('duplicates.counts', {})).organizations).toBe(0)
    // and after a restart
    const dir = app.dataDir
    await app.close()
    app = await openTestApp(dir)
    expect(await app.call('duplicates.list', { collection: 'organizations' })).toEqual([])
  })

  it('a cluster of look-alike names proposes each name with at most its 3 closest, not every pair', async () => {
    const { organizationPairs } = await import('../../../src/main/import/duplicate-pairs')
    const orgs = Array.from({ length: 60 }, (_, i) => ({ id: `o${i}`, name: `Schneider Electric Branch Office ${String.fromCharCode(65 + (i % 26))}${i}`, aliases: [], creditCode: '' }))
    const pairs = runToEnd(organizationPairs(orgs, new Set()))
    expect(pairs.length).toBeGreaterThan(0)
    expect(pairs.length).toBeLessThanOrEqual(3 * orgs.length)
    expect(pairs.every((p) => p.reason === 'similarName' && p.level === 'candidate')).toBe(true)
  })

  it('finds the pairs among 100,000 contacts without comparing all pairs', async () => {
    const contacts = Array.from({ length: 100_000 }, (_, i) => ({
      id: `c${i}`, name: `校友${i % 50_000}`, phone: `138${String(i % 50_000).padStart(8, '0')}`, alumni: null, deletedAt: null,
    }))
    const { contactPairs } = await import('../../../src/main/import/duplicate-pairs')
    const started = performance.now()
    const pairs = runToEnd(contactPairs(contacts, new Set()))
    expect(pairs).toHaveLength(50_000)
    // generous: all-pairs would take hours; bucketing takes well under a second here
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('hands the event loop back every few hundred records, so the app runs the search in slices', async () => {
    const contacts = Array.from({ length: 20_000 }, (_, i) => ({
      id: `c${i}`, name: `校友${i % 10_000}`, phone: `138${String(i % 10_000).padStart(8, '0')}`, alumni: null, deletedAt: null,
    }))
    const orgs = Array.from({ length: 3_000 }, (_, i) => ({ id: `o${i}`, name: `江西第${i % 1_500}机械有限公司`, aliases: [], creditCode: '' }))
    const { contactPairs, organizationPairs } = await import('../../../src/main/import/duplicate-pairs')
    for (const [steps, expected] of [[contactPairs(contacts, new Set()), 10_000], [organizationPairs(orgs, new Set()), 1_500]] as const) {
      let yields = 0
      let r = steps.next()
      for (; !r.done; r = steps.next()) yields += 1
      // one yield per 512 records a pass at most apart: no step holds more than that
      expect(yields).toBeGreaterThan(20)
      expect(r.value.filter((p) => p.reason === 'samePhoneAndName' || p.reason === 'sameName')).toHaveLength(expected)
    }
  })
})

describe('duplicates.merge', () => {
  it.each(['organizations', 'contacts', 'staff'] as const)('%s: re-points every link kind of the link map to the survivor and keeps a tombstone', async (c) => {
    const [survivor, other] = (await world())[c]
    const defs = links.filter((d) => d.to === c)
    // A new link kind without a linker in world() fails here, so it cannot go untested.
    for (const def of defs) expect(holders(def, other.id), `${def.from}.${def.path}`).not.toHaveLength(0)
    const result = await app.call('duplicates.merge', { collection: c, survivorId: survivor.id, otherId: other.id })
    for (const def of defs) {
      expect(holders(def, other.id), `${def.from}.${def.path}`).toHaveLength(0)
      expect(holders(def, survivor.id), `${def.from}.${def.path}`).not.toHaveLength(0)
    }
    expect(live('attachments').filter((a) => (a as { recordId: string }).recordId === survivor.id)).toHaveLength(1)
    // a list that named both keeps the survivor once
    for (const def of defs.filter((d) => d.path.includes('*'))) {
      for (const r of live(def.from)) {
        const ids = linkedIds(r, def.path).map((l) => l.id)
        expect(new Set(ids).size, `${def.from}.${def.path}`).toBe(ids.length)
      }
    }
    const tomb = app.core.store.get(c, other.id) as AnyRecord
    expect(tomb.deletedAt).not.toBeNull()
    expect(tomb.mergedInto).toBe(survivor.id)
    expect(result.relinked).toBeGreaterThan(0)
    expect(app.core.store.data.merges).toHaveLength(1)
  })

  it('fills the survivor\'s empty fields from the other, takes chosen fields, and keeps the other name as an alias', async () => {
    const { organizations: [a, b] } = await world()
    await app.call('duplicates.merge', { collection: 'organizations', survivorId: a.id, otherId: b.id, fields: { city: 'other' } })
    const s = app.core.store.get('organizations', a.id) as Record<string, unknown>
    expect(s).toMatchObject({ name: '江西铜业股份有限公司', industry: '有色金属', website: 'https://jxcc.com', city: '', aliases: ['江西铜业集团有限公司'] })
    const hits = await app.call('search.global', { query: '江西铜业集团' })
    expect(hits.filter((h) => h.collection === 'organizations').map((h) => h.id)).toEqual([a.id])
  })

  it('undo puts every record back as it was', async () => {
    const { contacts: [a, b] } = await world()
    const before = structuredClone(app.core.store.data)
    app.tick()
    const { mergeId } = await app.call('duplicates.merge', { collection: 'contacts', survivorId: a.id, otherId: b.id })
    expect(app.core.store.get('contacts', a.id)).toMatchObject({ email: 'zw@jxcc.com' })
    app.tick()
    expect(await app.call('duplicates.undoMerge', { mergeId })).toEqual({ restored: expect.any(Number) })
    // The values come back; the versions move on, and the history says what happened.
    expect((app.core.store.get('contacts', b.id) as AnyRecord | undefined)?.sync?.h?.map((e) => e.k)).toEqual(['merge', 'undo'])
    const strip = (r: AnyRecord) => ({ ...r, updatedAt: '', updatedBy: '', mergedInto: null, sync: undefined })
    for (const c of ['contacts', 'organizations', 'activities', 'agreements', 'alumniGroups', 'attachments'] as const) {
      expect((app.core.store.data[c] as AnyRecord[]).map(strip), c).toEqual((before[c] as AnyRecord[]).map(strip))
    }
    const again = await app.raw('duplicates.undoMerge', { mergeId })
    expect(again).toMatchObject({ ok: false, error: { code: 'STATE', fieldErrors: { mergeId: ['Already undone'] } } })
  })

  it('undo is refused once a record it touched was edited, and nothing changes', async () => {
    const { organizations: [a, b] } = await world()
    const { mergeId } = await app.call('duplicates.merge', { collection: 'organizations', survivorId: a.id, otherId: b.id })
    app.tick()
    await app.call('organizations.update', { id: a.id, changes: { city: '上饶' } })
    const r = await app.raw('duplicates.undoMerge', { mergeId })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    if (!r.ok) expect(r.error.fieldErrors.mergeId[0]).toContain('江西铜业股份有限公司')
    expect(app.core.store.get('organizations', b.id)?.deletedAt).not.toBeNull()
  })

  it('refuses a record already merged, a stale dialog, the same record twice and unknown fields, naming the field', async () => {
    const { organizations: [a, b] } = await world()
    const stale = await app.raw('duplicates.merge', { collection: 'organizations', survivorId: a.id, otherId: b.id, expectedUpdatedAt: { survivor: a.updatedAt, other: '2020-01-01T00:00:00.000Z' } })
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', fieldErrors: { 'expectedUpdatedAt.other': ['Changed since'] } } })
    const same = await app.raw('duplicates.merge', { collection: 'organizations', survivorId: a.id, otherId: a.id })
    expect(same).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { otherId: ['Choose two different records'] } } })
    const field = await app.raw('duplicates.merge', { collection: 'organizations', survivorId: a.id, otherId: b.id, fields: { phone: 'other' } })
    expect(field).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { 'fields.phone': ['No field phone on organizations'] } } })
    await app.call('duplicates.merge', { collection: 'organizations', survivorId: a.id, otherId: b.id })
    const twice = await app.raw('duplicates.merge', { collection: 'organizations', survivorId: a.id, otherId: b.id })
    expect(twice).toMatchObject({ ok: false, error: { code: 'STATE' } })
    if (!twice.ok) expect(twice.error.fieldErrors.otherId[0]).toMatch(/already merged/)
    const back = await app.raw('duplicates.merge', { collection: 'organizations', survivorId: b.id, otherId: a.id })
    expect(back).toMatchObject({ ok: false, error: { code: 'STATE', fieldErrors: { survivorId: [expect.stringMatching(/already merged/)] } } })
    // a plain restore cannot bring back a merged record with its links gone
    const restore = await app.raw('organizations.restore', { id: b.id })
    expect(restore).toMatchObject({ ok: false, error: { code: 'STATE' } })
  })
})
