// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SearchIndex, SortedOrders, compareValues, searchIndexFor, stopSearchIndex } from '../../../src/main/search-index'
import { recordText } from '../../../src/main/search-index/record-text'
import type { AnyRecord } from '../../../src/shared/collections'
import { mulberry32 } from '../../../scripts/prng'
import { openTestApp } from '../helpers'
import { createTurns } from '../../../src/main/turns'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})

/**
 * Turns run only when the test says, and each turn does exactly one step (the clock jumps past the
 * budget). After a turn, the runners' continuations (promise callbacks) are let through, so the
 * next slice they ask for is queued before the test looks.
 */
function manual() {
  const queue: Array<() => void> = []
  let t = 0
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve))
  return {
    opts: createTurns({ schedule: (fn: () => void) => queue.push(fn), clock: () => (t += 100), budgetMs: 1 }),
    runOne: async () => {
      queue.shift()?.()
      await settle()
    },
    runAll: async () => {
      while (queue.length > 0) {
        queue.shift()?.()
        await settle()
      }
    },
    get pending() {
      return queue.length
    },
  }
}

const SURNAMES = '张王李赵刘陈杨黄周吴'
const GIVEN = '伟芳娜敏静丽强磊军洋'

async function seed(n: number) {
  const rand = mulberry32(42)
  const ops = Array.from({ length: n }, (_, i) => ({
    op: 'create' as const,
    collection: 'contacts' as const,
    input: { name: `${SURNAMES[Math.floor(rand() * 10)]}${GIVEN[Math.floor(rand() * 10)]}`, phone: `138${String(i).padStart(8, '0')}` },
  }))
  // One batch, as an import commits.
  const store = app.core.store
  const now = new Date().toISOString()
  await store.commit({
    puts: ops.map((o, i) => ({
      collection: 'contacts',
      record: { id: `c${i}`, createdAt: now, updatedAt: now, updatedBy: 't', deletedAt: null, tags: [], notes: '', organizationId: null, position: '', honorific: '', positionEn: '', email: '', wechat: '', city: '', alumni: null, ...o.input },
    })),
  })
}

/** A second batch with its own ids (m0…), as a second import commits. */
async function seedMore(n: number) {
  const now = new Date().toISOString()
  await app.core.store.commit({
    puts: Array.from({ length: n }, (_, i) => ({
      collection: 'contacts',
      record: { id: `m${i}`, createdAt: now, updatedAt: now, updatedBy: 't', deletedAt: null, tags: [], notes: '', organizationId: null, position: '', honorific: '', positionEn: '', email: '', wechat: '', city: '', alumni: null, name: `${SURNAMES[i % 10]}${GIVEN[(i * 7) % 10]}`, phone: `139${String(i).padStart(8, '0')}` },
    })),
  })
}

describe('background build', () => {
  it('takes changes made while it runs, and serves nothing until complete', async () => {
    await seed(300)
    const m = manual()
    const index = new SearchIndex(app.core.store, m.opts)
    index.start()
    await m.runOne()
    await m.runOne()
    expect(index.isReady).toBe(false)
    // c299 is not indexed yet: the build will meet its old version in its copy and must keep the new one.
    const old = app.core.store.get('contacts', 'c299') as AnyRecord
    await app.core.store.commit({ puts: [{ collection: 'contacts', record: { ...old, name: '欧阳修', phone: '18600000000' } }] })
    await m.runAll()
    expect(index.isReady).toBe(true)
    const contacts = index.collection('contacts')
    expect([...contacts.matches(['oyx'])].map((r) => r.id)).toEqual(['c299'])
    expect([...contacts.matches(['00000299'])]).toEqual([])
    expect(contacts.live).toBe(300)
    index.stop()
  })

  it('stops when its folder closes: no more slices, and a search waiting for the texts gets an error instead of waiting for ever', async () => {
    await seed(300)
    const m = manual()
    const index = new SearchIndex(app.core.store, m.opts)
    index.start()
    await m.runOne()
    const waiting = index.ready()
    index.stop()
    await waiting
    expect(() => index.collection('contacts')).toThrow(/closed/)
    await m.runAll()
    expect(index.isReady).toBe(false)
  })

  it('says when it is built, grams and all, which is later than when it serves', async () => {
    await seed(600)
    const m = manual()
    const index = new SearchIndex(app.core.store, m.opts)
    index.start()
    let built = false
    void index.built().then(() => (built = true))
    while (!index.isReady) await m.runOne()
    await m.runOne()
    expect(built).toBe(false)
    await m.runAll()
    expect(built).toBe(true)
    expect(index.stats.buildMs).not.toBeNull()
    // Built already: at once.
    await index.built()
    index.stop()
  })

  it('is released when the app closes, so a closed folder\'s records are not held by its build', async () => {
    const store = app.core.store
    const opened = searchIndexFor(store)
    await app.close()
    const after = searchIndexFor(store)
    expect(after).not.toBe(opened)
    stopSearchIndex(store)
  })

  it('serves once the texts are in, and answers exactly the same while the grams are still being listed', async () => {
    await seed(600)
    const m = manual()
    const index = new SearchIndex(app.core.store, m.opts)
    index.start()
    while (!index.isReady) await m.runOne()
    expect(index.stats.buildMs).toBeNull()
    const contacts = index.collection('contacts')
    const needles = [['张'], ['张伟'], ['zw'], ['zhangwei'], ['0000012'], ['138', '13800000'], ['伟芳'], ['x']]
    const ask = () => needles.map((n) => [[...contacts.matches(n)].map((r) => r.id), contacts.ranked(n, 8, () => true).map((r) => r.id)])
    const halfway: unknown[] = []
    // Part listed, part not; an edit meanwhile goes to the part not listed yet.
    for (let i = 0; i < 3; i += 1) await m.runOne()
    const old = app.core.store.get('contacts', 'c5') as AnyRecord
    await app.core.store.commit({ puts: [{ collection: 'contacts', record: { ...old, name: '张伟芳' } }] })
    halfway.push(ask())
    await m.runAll()
    expect(index.stats.buildMs).not.toBeNull()
    expect(ask()).toEqual(halfway[0])
    expect([...contacts.matches(['张伟芳'])].map((r) => r.id)).toEqual(['c5'])
    index.stop()
  })

  it('keeps each record\'s own text exactly when a build joins the texts into large strings', async () => {
    // Enough text for several joined strings and a remainder: each record's text must be its own, no
    // character lost or taken from its neighbour, whichever part of a joined string it is.
    const n = 3000
    const now = new Date().toISOString()
    await app.core.store.commit({
      puts: Array.from({ length: n }, (_, i) => ({
        collection: 'contacts',
        record: {
          id: `c${i}`, createdAt: now, updatedAt: now, updatedBy: 't', deletedAt: null, tags: [], organizationId: null, position: '', honorific: '', positionEn: '',
          email: '', wechat: '', city: '', alumni: null, phone: '', name: `甲${i}乙`, notes: `走访记录第${i}条，${'合作意向良好'.repeat(15)}尾`,
        },
      })),
    })
    const m = manual()
    const index = new SearchIndex(app.core.store, m.opts)
    index.start()
    await m.runAll()
    const contacts = index.collection('contacts')
    const found = (needle: string) => [...contacts.matches([needle])].map((r) => r.id)
    for (let i = 0; i < n; i += 1) {
      expect(found(`甲${i}乙`)).toEqual([`c${i}`])
      expect(found(`第${i}条`)).toEqual([`c${i}`])
    }
    // Every text as long as its record's own, and a text's end followed by the next one's start in none.
    const own = app.core.store.data.contacts.reduce((sum, r) => sum + recordText('contacts', r as unknown as AnyRecord).text.length, 0)
    expect(contacts.textChars()).toBe(own)
    expect(found('尾甲')).toEqual([])
    expect(found(`良好尾`)).toHaveLength(n)
    index.stop()
  })

  it('sorts in the background and keeps the order through creates, renames and deletes', async () => {
    await seed(700)
    const m = manual()
    const orders = new SortedOrders(app.core.store, m.opts)
    orders.start([['contacts', 'name', 'asc'], ['contacts', 'name', 'desc']])
    await m.runOne()
    const rand = mulberry32(9)
    const store = app.core.store
    const edit = async () => {
      const list = store.data.contacts
      const r = list[Math.floor(rand() * list.length)]
      const roll = rand()
      const record =
        roll < 0.3
          ? { ...r, id: `n${list.length}`, name: `${GIVEN[Math.floor(rand() * 10)]}${SURNAMES[Math.floor(rand() * 10)]}` }
          : roll < 0.8
            ? { ...r, name: `${SURNAMES[Math.floor(rand() * 10)]}${GIVEN[Math.floor(rand() * 10)]}` }
            : { ...r, deletedAt: '2026-01-05T08:00:00.000Z' }
      await store.commit({ puts: [{ collection: 'contacts', record }] })
    }
    // Half of the edits while the sort runs, half after.
    for (let i = 0; i < 100; i += 1) {
      await edit()
      await m.runOne()
    }
    await m.runAll()
    expect(orders.isReady('contacts', 'name', 'asc')).toBe(true)
    for (let i = 0; i < 100; i += 1) await edit()
    for (const dir of ['asc', 'desc'] as const) {
      const sign = dir === 'desc' ? -1 : 1
      // What a stable sort of the whole collection gives, ties in collection order.
      const expected = [...store.data.contacts].sort((a, b) => sign * compareValues(a.name, b.name)).map((r) => r.id)
      expect(orders.get('contacts', 'name', dir).map((r) => r.id), dir).toEqual(expected)
    }
    orders.stop()
  })

  it('wakes a sort held by a call in progress when a deep page starts waiting for it', async () => {
    await seed(50)
    const m = manual()
    const orders = new SortedOrders(app.core.store, m.opts)
    const release = m.opts.hold()
    // The first page is picked in one pass and starts the sort as idle work, which the call holds.
    orders.firstPage('contacts', 'name', 'desc', app.core.store.data.contacts as AnyRecord[], () => true, 0, 10)
    await m.runAll()
    expect(m.pending).toBe(0)
    expect(orders.isReady('contacts', 'name', 'desc')).toBe(false)
    let ready = false
    const waiting = orders.whenReady('contacts', 'name', 'desc').then(() => (ready = true))
    // Waiting wakes it: a turn is armed, and the sort goes on although the call still holds.
    expect(m.pending).toBe(1)
    while (!ready) {
      await m.runAll()
      await new Promise((resolve) => setTimeout(resolve, 15))
    }
    await waiting
    release()
    orders.stop()
  })

  it('indexes and sorts a big commit (an import) in slices, and searches wait for it', async () => {
    await seed(10)
    const m = manual()
    const index = new SearchIndex(app.core.store, m.opts)
    const orders = new SortedOrders(app.core.store, m.opts)
    index.start()
    orders.start([['contacts', 'name', 'asc']])
    await m.runAll()
    expect(index.isReady).toBe(true)
    // 600 contacts in one commit: more than BIG_CHANGE, so nothing of it is done inside the notification.
    const before = m.pending
    await seedMore(600)
    expect(index.isReady).toBe(false)
    expect(orders.isReady('contacts', 'name', 'asc')).toBe(false)
    expect(m.pending).toBeGreaterThan(before)
    let answered = false
    const waiting = index.ready().then(() => (answered = true))
    await m.runOne()
    await Promise.resolve()
    expect(answered).toBe(false)
    // A small edit behind the big one lands after it, so the newer name wins.
    const last = app.core.store.get('contacts', 'm599') as AnyRecord
    await app.core.store.commit({ puts: [{ collection: 'contacts', record: { ...last, name: '欧阳修' } }] })
    await m.runAll()
    await waiting
    const contacts = index.collection('contacts')
    expect(contacts.live).toBe(610)
    expect([...contacts.matches(['oyx'])].map((r) => r.id)).toEqual(['m599'])
    const sorted = orders.get('contacts', 'name', 'asc').map((r) => r.id)
    expect(sorted).toEqual([...app.core.store.data.contacts].sort((a, b) => compareValues(a.name, b.name)).map((r) => r.id))
    index.stop()
    orders.stop()
  })

  it('in one commit, sorts a collection with many puts again and places the few of another at once', async () => {
    await seed(10)
    const store = app.core.store
    const now = new Date().toISOString()
    const org = (id: string, name: string) => ({ collection: 'organizations', record: { id, createdAt: now, updatedAt: now, updatedBy: 't', deletedAt: null, tags: [], notes: '', aliases: [], name } })
    await store.commit({ puts: [org('o1', '乙公司'), org('o2', '丙公司'), org('o3', '甲公司')] })
    const m = manual()
    const orders = new SortedOrders(store, m.opts)
    orders.start([['contacts', 'name', 'asc'], ['organizations', 'name', 'asc']])
    await m.runAll()
    const expected = (c: 'contacts' | 'organizations') => [...store.data[c]].sort((a, b) => compareValues(a.name, b.name)).map((r) => r.id)
    // An import's shape: 600 contacts, then one record of another collection.
    const many = Array.from({ length: 600 }, (_, i) => ({
      collection: 'contacts',
      record: { id: `m${i}`, createdAt: now, updatedAt: now, updatedBy: 't', deletedAt: null, tags: [], notes: '', organizationId: null, position: '', honorific: '', positionEn: '', email: '', wechat: '', city: '', alumni: null, name: `${SURNAMES[i % 10]}${GIVEN[(i * 7) % 10]}`, phone: '' },
    }))
    await store.commit({ puts: [...many, org('o3', '阿公司')] })
    expect(orders.isReady('contacts', 'name', 'asc')).toBe(false)
    expect(orders.isReady('organizations', 'name', 'asc')).toBe(true)
    expect(orders.get('organizations', 'name', 'asc').map((r) => r.id)).toEqual(expected('organizations'))
    await m.runAll()
    expect(orders.get('contacts', 'name', 'asc').map((r) => r.id)).toEqual(expected('contacts'))
    orders.stop()
  })

  it('answers a sorted list request before the background got to it', async () => {
    await seed(50)
    const m = manual()
    const orders = new SortedOrders(app.core.store, m.opts)
    orders.start([])
    const expected = [...app.core.store.data.contacts].sort((a, b) => compareValues(a.phone, b.phone)).map((r) => r.id)
    expect(orders.get('contacts', 'phone', 'asc').map((r) => r.id)).toEqual(expected)
    orders.stop()
  })

  it('picks any page of an order not sorted yet exactly as the sorted order has it, and sorts it in the background', async () => {
    await seed(300)
    const m = manual()
    const orders = new SortedOrders(app.core.store, m.opts)
    orders.start([])
    const all = app.core.store.data.contacts as unknown as AnyRecord[]
    const nameOf = (r: AnyRecord) => (r as unknown as { name: string }).name
    // Many equal names: ties must keep collection order, as the stable sort does.
    const keep = (r: AnyRecord) => !nameOf(r).startsWith('王')
    for (const dir of ['asc', 'desc'] as const) {
      const sign = dir === 'asc' ? 1 : -1
      const expected = all.filter(keep).sort((a, b) => sign * compareValues(nameOf(a), nameOf(b)))
      for (const [offset, limit] of [[0, 25], [0, 1], [40, 25], [260, 50], [expected.length, 10], [0, 0]]) {
        const page = orders.firstPage('contacts', 'name', dir, all, keep, offset, limit)
        expect(page.total).toBe(expected.length)
        expect(page.items.map((r) => r.id)).toEqual(expected.slice(offset, offset + limit).map((r) => r.id))
      }
    }
    expect(orders.isReady('contacts', 'name', 'asc')).toBe(false)
    await m.runAll()
    expect(orders.isReady('contacts', 'name', 'asc')).toBe(true)
    expect(orders.isReady('contacts', 'name', 'desc')).toBe(true)
    orders.stop()
  })
})

describe('a build that fails', () => {
  it('makes searches fail with the reason instead of waiting forever, and does not end the process', async () => {
    const data: Record<string, unknown> = { settings: {}, schemaVersion: 1 }
    for (const c of ['organizations', 'contacts', 'staff', 'trips', 'activities', 'agreements', 'alumniGroups', 'followUps', 'attachments']) data[c] = []
    // Not a valid record: no tags to index.
    data.contacts = [{ id: 'broken', name: '张伟', deletedAt: null }]
    const store = { data, subscribe: () => () => undefined, position: () => 0 } as unknown as typeof app.core.store
    const m = manual()
    const index = new SearchIndex(store, m.opts)
    index.start()
    await m.runAll()
    await index.ready()
    expect(() => index.collection('contacts')).toThrow(/could not be built/)
  })

  it('makes a request waiting for a sort fail with the reason instead of waiting forever', async () => {
    const data: Record<string, unknown> = { settings: {}, schemaVersion: 1 }
    for (const c of ['organizations', 'contacts', 'staff', 'trips', 'activities', 'agreements', 'alumniGroups', 'followUps', 'attachments']) data[c] = []
    // A value no collator can read: every comparison with it throws.
    const unreadable = { toString: () => { throw new Error('unreadable name') } }
    data.contacts = Array.from({ length: 300 }, (_, i) => ({ id: `c${i}`, name: i === 150 ? unreadable : `张${i}`, deletedAt: null }))
    const position = (_c: string, id: string) => Number(id.slice(1))
    const store = { data, subscribe: () => () => undefined, position } as unknown as typeof app.core.store
    const orders = new SortedOrders(store)
    orders.start([['contacts', 'name', 'asc']])
    await orders.settled
    await expect(orders.whenReady('contacts', 'name', 'asc')).rejects.toThrow('unreadable name')
    orders.stop()
  })
})
