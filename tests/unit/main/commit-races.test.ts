// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { openApp } from '../../../src/main/app'
import { dbSchema } from '../../../src/main/db/schema'
import type { DbData } from '../../../src/main/db/schema'
import { AppError } from '../../../src/main/errors'
import { createBatchService } from '../../../src/main/services/batch'
import type { BatchOp } from '../../../src/main/services/batch'
import { plainCodec } from '../../../src/main/store/file-codec'
import type { Ctx } from '../../../src/main/services/context'
import { createRecordService } from '../../../src/main/services/records'
import { createSystemService } from '../../../src/main/services/system'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { fakeSchema, note, tempDir } from '../store/fake-schema'
import type { FakeDb } from '../store/fake-schema'
import { recordingFs } from '../store/recording-fs'
import { RESOURCES } from '../helpers'
import { journalGate } from './commit-gate'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

async function heldStore() {
  const t = await tempDir('head')
  const fs = recordingFs()
  const store: Store<FakeDb> = await openStore({ dir: t.dir, schema: fakeSchema(), backupOnOpen: false, fs })
  cleanups.push(async () => {
    await store.close().catch(() => undefined)
    await t.cleanup()
  })
  return { store, gate: journalGate(fs), dir: t.dir }
}

/** Settles without throwing, so a test can look at how each queued call ended. */
function outcome<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: Error) => ({ ok: false as const, error }),
  )
}

describe('store head: preconditions see queued writes', () => {
  it('a precondition sees a write that is queued but not durable; readers see durable state only', async () => {
    const { store, gate } = await heldStore()
    const reached = gate.hold()
    const a = store.commit({ puts: [note('a', 'queued')] })
    await reached
    let seen: unknown
    const b = store.transact((head) => {
      seen = head.get('notes', 'a')
      return { tx: { puts: [note('b')] }, result: [...head.all('notes')].map((n) => n.id) }
    })
    expect(seen).toEqual({ id: 'a', text: 'queued' })
    expect(store.get('notes', 'a')).toBeUndefined()
    gate.release()
    await a
    expect(await b).toEqual(['a'])
    expect(store.data.notes.map((n) => n.id)).toEqual(['a', 'b'])
  })

  it('a precondition that throws queues nothing', async () => {
    const { store } = await heldStore()
    await expect(store.transact(() => { throw new Error('no') })).rejects.toThrow('no')
    await store.commit({ puts: [note('x')] })
    expect(store.data.notes.map((n) => n.id)).toEqual(['x'])
  })

  it('a failed write rejects the checked writes queued behind it, with its error; unchecked ones are written', async () => {
    const { store, gate, dir } = await heldStore()
    await store.commit({ puts: [note('base')] })
    const reached = gate.hold()
    const failing = outcome(store.commit({ puts: [note('a')] }))
    await reached
    const dependent = outcome(store.transact((head) => {
      if (!head.get('notes', 'a')) throw new Error('a should be in the head')
      return { tx: { puts: [note('b', 'relies on a')] }, result: 'b' }
    }))
    const plain = outcome(store.commit({ puts: [note('c')] }))
    const disk = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })
    gate.release(disk)
    const [f, d, p] = await Promise.all([failing, dependent, plain])
    expect(f).toMatchObject({ ok: false, error: disk })
    expect(d).toMatchObject({ ok: false, error: disk })
    expect(p).toMatchObject({ ok: true })
    expect(store.data.notes.map((n) => n.id)).toEqual(['base', 'c'])
    // The head forgot the failed writes: a new check does not see them.
    expect(await store.transact((head) => ({ tx: { puts: [] }, result: head.get('notes', 'a') ?? null }))).toBeNull()
    await store.close()
    const again = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    expect(again.data.notes.map((n) => n.id)).toEqual(['base', 'c'])
    await again.close()
  })

  it('writes queued while a state is replaced are rejected if they were checked against the old state', async () => {
    const { store, gate } = await heldStore()
    const reached = gate.hold()
    const first = store.commit({ puts: [note('a')] })
    await reached
    const replaced = store.replaceAll({ schemaVersion: 1, settings: {}, notes: [{ id: 'r', text: 'restored' }], tags: [] })
    const checked = outcome(store.transact((head) => ({ tx: { puts: [note('b')] }, result: head.get('notes', 'a') })))
    const plain = outcome(store.commit({ puts: [note('c')] }))
    gate.release()
    await first
    await replaced
    expect((await checked).ok).toBe(false)
    expect((await plain).ok).toBe(true)
    expect(store.data.notes.map((n) => n.id)).toEqual(['r', 'c'])
  })

  it('settings queued in the head merge in queue order', async () => {
    const { store, gate } = await heldStore()
    const reached = gate.hold()
    const a = store.commit({ puts: [], settings: { lang: 'zh', theme: 'dark' } })
    await reached
    const b = store.commit({ puts: [], settings: { lang: 'en' } })
    const seen = store.transact((head) => ({ tx: { puts: [] }, result: head.settings }))
    expect(await seen).toEqual({ lang: 'en', theme: 'dark' })
    gate.release()
    await Promise.all([a, b])
    expect(store.data.settings).toEqual({ lang: 'en', theme: 'dark' })
  })
})

/** The real services on a real store whose journal fdatasync a test can hold. */
async function heldApp() {
  const t = await tempDir('races')
  const fs = recordingFs()
  const open = () => openStore<DbData>({ dir: t.dir, schema: dbSchema, backupOnOpen: false, fs })
  const store = await open()
  const clock = new Date('2026-01-05T08:00:00.000Z')
  const ctx: Ctx = { store, now: () => clock, deviceLabel: () => 'test', deviceId: () => 'test-device', appVersion: 'test', resourcesDir: RESOURCES, dataDir: t.dir, codec: () => plainCodec }
  cleanups.push(async () => {
    await store.close().catch(() => undefined)
    await t.cleanup()
  })
  return {
    store,
    gate: journalGate(fs),
    records: createRecordService(ctx),
    batch: createBatchService(ctx),
    system: createSystemService(ctx),
    /** closes and opens the folder again: what is there now is what was durable */
    async reopen() {
      await store.close()
      const again = await open()
      cleanups.push(() => again.close().catch(() => undefined))
      return again
    },
  }
}
type App = Awaited<ReturnType<typeof heldApp>>

function codeOf(r: { ok: boolean; error?: Error }): string | undefined {
  return r.ok ? undefined : r.error instanceof AppError ? r.error.code : r.error?.message
}

function fieldErrorsOf(r: { ok: boolean; error?: Error }): Record<string, string[]> {
  return !r.ok && r.error instanceof AppError ? r.error.fieldErrors : {}
}

/** Every live link in the data points at a live record. */
function danglingLinks(app: App): string[] {
  const out: string[] = []
  for (const c of ['contacts', 'activities', 'followUps'] as const) {
    for (const r of app.store.data[c]) {
      if (r.deletedAt !== null) continue
      const ids = c === 'activities' ? (r as DbData['activities'][number]).organizationIds : [(r as { organizationId: string | null }).organizationId]
      for (const id of ids) if (id !== null && app.store.get('organizations', id)?.deletedAt !== null) out.push(`${c} ${r.id} -> ${id}`)
    }
  }
  return out
}

describe('records: checks run inside the serialised commit', () => {
  it('create-linking-to-X against delete-X: exactly one wins and no link dangles, every round, either order, held writer or not', async () => {
    const app = await heldApp()
    for (let round = 0; round < 40; round += 1) {
      const org = await app.records.create('organizations', { name: `Org ${round}` })
      // Half the rounds run while an unrelated write holds the journal, so both calls wait in the queue.
      const held = round % 2 === 1
      const reached = held ? app.gate.hold() : null
      const unrelated = held ? app.records.create('staff', { name: `Staff ${round}` }) : null
      if (reached) await reached
      const create = () => outcome(app.records.create('contacts', { name: `Contact ${round}`, organizationId: org.id }))
      const remove = () => outcome(app.records.delete('organizations', org.id))
      const calls = round % 4 < 2 ? [create(), remove()] : [remove(), create()].reverse()
      if (held) app.gate.release()
      await unrelated
      const [created, deleted] = await Promise.all(calls)
      expect([created.ok, deleted.ok].filter(Boolean), `round ${round}`).toHaveLength(1)
      expect(created.ok ? codeOf(deleted) : codeOf(created)).toBe(created.ok ? 'LINKED' : 'MISSING_LINK')
    }
    expect(danglingLinks(app)).toEqual([])
  })

  it('a delete issued while the create linking to it waits for the disk is refused, and names the linker', async () => {
    const app = await heldApp()
    const org = await app.records.create('organizations', { name: '上海艾森特环境科技有限公司' })
    const reached = app.gate.hold()
    const contact = app.records.create('contacts', { name: '李四', organizationId: org.id })
    await reached
    const deleted = outcome(app.records.delete('organizations', org.id))
    app.gate.release()
    await contact
    const d = await deleted
    expect(codeOf(d)).toBe('LINKED')
    expect(d.ok ? [] : (d.error as AppError).links?.map((l) => l.name)).toEqual(['李四'])
    expect(danglingLinks(app)).toEqual([])
  })

  it('two updates read at the same version: exactly one is accepted, the other is a CONFLICT', async () => {
    const app = await heldApp()
    for (let round = 0; round < 20; round += 1) {
      const org = await app.records.create('organizations', { name: `Org ${round}` })
      const held = round % 2 === 1
      const reached = held ? app.gate.hold() : null
      const unrelated = held ? app.records.create('staff', { name: `Staff ${round}` }) : null
      if (reached) await reached
      const results = [1, 2].map((n) =>
        outcome(app.records.update('organizations', { id: org.id, changes: { city: `City ${n}` }, expectedUpdatedAt: org.updatedAt })),
      )
      if (held) app.gate.release()
      await unrelated
      const [a, b] = await Promise.all(results)
      expect([a.ok, b.ok], `round ${round}`).toEqual([true, false])
      expect(codeOf(b)).toBe('CONFLICT')
      expect(app.store.get('organizations', org.id)).toMatchObject({ city: 'City 1' })
    }
  })

  it('delete X against restore of a record linking to X: exactly one wins, in either order', async () => {
    const app = await heldApp()
    for (let round = 0; round < 20; round += 1) {
      const org = await app.records.create('organizations', { name: `Org ${round}` })
      const activity = await app.records.create('activities', { title: `Visit ${round}`, date: '2026-01-05', organizationIds: [org.id] })
      await app.records.delete('activities', activity.id)
      const reached = app.gate.hold()
      const unrelated = app.records.create('staff', { name: `Staff ${round}` })
      await reached
      const restore = () => outcome(app.records.restore('activities', activity.id))
      const remove = () => outcome(app.records.delete('organizations', org.id))
      const [first, second] = round % 2 === 0 ? [restore(), remove()] : [remove(), restore()]
      app.gate.release()
      await unrelated
      const results = await Promise.all([first, second])
      expect(results.map((r) => r.ok), `round ${round}`).toEqual([true, false])
      expect(codeOf(results[1])).toBe(round % 2 === 0 ? 'LINKED' : 'MISSING_LINK')
    }
    expect(danglingLinks(app)).toEqual([])
  })

  it('a failed write rejects the writes checked against it: no record links to what never reached the disk', async () => {
    const app = await heldApp()
    const reached = app.gate.hold()
    const org = outcome(app.records.create('organizations', { name: 'Written to a failing disk' }))
    await reached
    // The org is only in the head (an empty transaction reads it without queueing anything);
    // a contact may link to it, and so depends on it.
    const pendingId = await app.store.transact((head) => ({ tx: { puts: [] }, result: [...head.all('organizations')][0].id }))
    expect(app.store.get('organizations', pendingId)).toBeUndefined()
    const contact = outcome(app.records.create('contacts', { name: '王五', organizationId: pendingId }))
    const disk = Object.assign(new Error('ENOSPC: no space left on device, fdatasync'), { code: 'ENOSPC' })
    app.gate.release(disk)
    expect(await org).toMatchObject({ ok: false, error: disk })
    expect(await contact).toMatchObject({ ok: false, error: disk })
    expect(app.store.data.contacts).toEqual([])
    // The next edit is checked against what is really there.
    expect(codeOf(await outcome(app.records.create('contacts', { name: '王五', organizationId: pendingId })))).toBe('MISSING_LINK')
    const again = await app.reopen()
    expect(again.data.organizations).toEqual([])
    expect(again.data.contacts).toEqual([])
  })
})

describe('applyBatch: many changes as one checked transaction', () => {
  it('creates records that link to each other, in any order, with given ids, as one journal entry', async () => {
    const app = await heldApp()
    const ops: BatchOp[] = [
      // The activity comes first and links to records created after it in the same batch.
      { op: 'create', collection: 'activities', input: { title: '走访艾森特', date: '2026-01-06', organizationIds: ['org-1'], contactIds: ['c-1'] } },
      { op: 'create', collection: 'contacts', id: 'c-1', input: { name: '李四', organizationId: 'org-1' } },
      { op: 'create', collection: 'organizations', id: 'org-1', input: { name: '上海艾森特环境科技有限公司' } },
    ]
    const written = await app.batch.applyBatch(ops)
    expect(written.map((r) => r.id).slice(1)).toEqual(['c-1', 'org-1'])
    expect(written[0]).toMatchObject({ organizationIds: ['org-1'], contactIds: ['c-1'], deletedAt: null, updatedBy: 'test' })
    const again = await app.reopen()
    expect(again.get('contacts', 'c-1')).toMatchObject({ name: '李四', organizationId: 'org-1' })
    expect(again.get('activities', written[0].id)).toMatchObject({ title: '走访艾森特' })
  })

  it('updates, deletes and restores across collections; a link dropped and its target deleted in one batch is fine in either order', async () => {
    const app = await heldApp()
    const org = await app.records.create('organizations', { name: 'Old partner' })
    const contact = await app.records.create('contacts', { name: '张三', organizationId: org.id })
    const gone = await app.records.create('staff', { name: 'Retired' })
    await app.records.delete('staff', gone.id)
    const written = await app.batch.applyBatch([
      { op: 'delete', collection: 'organizations', id: org.id },
      { op: 'update', collection: 'contacts', id: contact.id, changes: { organizationId: null, city: '上海' }, expectedUpdatedAt: contact.updatedAt },
      { op: 'restore', collection: 'staff', id: gone.id },
    ])
    expect(written.map((r) => r.deletedAt === null)).toEqual([false, true, true])
    expect(app.store.get('contacts', contact.id)).toMatchObject({ organizationId: null, city: '上海', name: '张三' })
    expect(danglingLinks(app)).toEqual([])
  })

  it('refuses invalid ops before looking at the data, naming every one as ops.<i>.<field>, and writes nothing', async () => {
    const app = await heldApp()
    const org = await app.records.create('organizations', { name: 'Kept' })
    const before = JSON.stringify(app.store.data)
    const ops = [
      { op: 'create', collection: 'organizations', input: { name: 'Fine' } },
      { op: 'create', collection: 'organizations', input: { name: '', kind: 'spaceship' } },
      { op: 'update', collection: 'organizations', id: org.id, changes: { website: 7 } },
      { op: 'rename', collection: 'organizations', id: org.id },
      { op: 'delete', collection: 'planets', id: org.id },
      { op: 'create', collection: 'staff', input: { name: 'x', nickname: 'unknown fields are refused, not dropped' } },
    ] as unknown as BatchOp[]
    const r = await outcome(app.batch.applyBatch(ops))
    expect(codeOf(r)).toBe('VALIDATION')
    const keys = Object.keys(fieldErrorsOf(r)).sort()
    expect(keys).toEqual(['ops.1.kind', 'ops.1.name', 'ops.2.website', 'ops.3.op', 'ops.4.collection', 'ops.5.nickname'])
    expect(JSON.stringify(app.store.data)).toBe(before)
  })

  it('refuses the whole batch when one op fails its check against the data, naming the op; nothing is written', async () => {
    const app = await heldApp()
    const org = await app.records.create('organizations', { name: 'Linked' })
    await app.records.create('contacts', { name: '赵六', organizationId: org.id })
    const before = JSON.stringify(app.store.data)
    const cases: Array<{ ops: BatchOp[]; code: string; key: string }> = [
      {
        ops: [
          { op: 'create', collection: 'organizations', id: 'new-1', input: { name: 'New' } },
          { op: 'create', collection: 'contacts', input: { name: 'x', organizationId: 'nowhere' } },
        ],
        code: 'MISSING_LINK',
        key: 'ops.1.organizationId',
      },
      { ops: [{ op: 'delete', collection: 'organizations', id: org.id }], code: 'LINKED', key: 'ops.0' },
      { ops: [{ op: 'create', collection: 'organizations', id: org.id, input: { name: 'Same id' } }], code: 'CONFLICT', key: 'ops.0.id' },
      { ops: [{ op: 'update', collection: 'organizations', id: org.id, changes: {}, expectedUpdatedAt: '2020-01-01T00:00:00.000Z' }], code: 'CONFLICT', key: 'ops.0' },
      { ops: [{ op: 'restore', collection: 'organizations', id: org.id }], code: 'STATE', key: 'ops.0' },
      { ops: [{ op: 'update', collection: 'staff', id: 'nobody', changes: {} }], code: 'NOT_FOUND', key: 'ops.0.id' },
      {
        // Two creates of one id in the same batch: the second sees the first.
        ops: [
          { op: 'create', collection: 'staff', id: 's-1', input: { name: 'A' } },
          { op: 'create', collection: 'staff', id: 's-1', input: { name: 'B' } },
        ],
        code: 'CONFLICT',
        key: 'ops.1.id',
      },
    ]
    for (const { ops, code, key } of cases) {
      const r = await outcome(app.batch.applyBatch(ops))
      expect(codeOf(r), JSON.stringify(ops)).toBe(code)
      expect(Object.keys(fieldErrorsOf(r)), code).toContain(key)
    }
    expect(JSON.stringify(app.store.data)).toBe(before)
  })

  it('a dry run makes the same checks and returns the records it would write, writing nothing', async () => {
    const app = await heldApp()
    const before = JSON.stringify(app.store.data)
    const ops: BatchOp[] = [
      { op: 'create', collection: 'organizations', id: 'org-9', input: { name: '预览' } },
      { op: 'create', collection: 'contacts', input: { name: '预览联系人', organizationId: 'org-9' } },
    ]
    const preview = await app.batch.applyBatch(ops, { dryRun: true })
    expect(preview.map((r) => r.deletedAt)).toEqual([null, null])
    expect(preview[1]).toMatchObject({ organizationId: 'org-9' })
    const bad = await outcome(app.batch.applyBatch([ops[1]], { dryRun: true }))
    expect(codeOf(bad)).toBe('MISSING_LINK')
    expect(JSON.stringify(app.store.data)).toBe(before)
  })

  it('two batches racing on one record: the second is checked against the first, still waiting for the disk', async () => {
    const app = await heldApp()
    const org = await app.records.create('organizations', { name: 'Target' })
    const reached = app.gate.hold()
    const first = outcome(app.batch.applyBatch([{ op: 'delete', collection: 'organizations', id: org.id }]))
    await reached
    const second = outcome(app.batch.applyBatch([{ op: 'create', collection: 'contacts', input: { name: 'Late', organizationId: org.id } }]))
    app.gate.release()
    expect((await first).ok).toBe(true)
    expect(codeOf(await second)).toBe('MISSING_LINK')
  })
})

describe('system writes', () => {
  it('two simultaneous loads: one fills the empty database, the other is refused with STATE', async () => {
    const app = await heldApp()
    const results = await Promise.all([outcome(app.system.loadSample()), outcome(app.system.loadSample())])
    expect(results.map((r) => r.ok).sort()).toEqual([false, true])
    expect(results.map(codeOf).filter(Boolean)).toEqual(['STATE'])
    const counts = app.system.status().counts
    const again = await app.reopen()
    // Loaded exactly once: every sample record once, no duplicates.
    expect(again.data.organizations.length).toBe(counts.organizations)
    expect(new Set(again.data.organizations.map((o) => o.id)).size).toBe(counts.organizations)
  })

  it('two settings patches saved at once both survive: each merges onto the head, not onto durable settings', async () => {
    const app = await heldApp()
    const reached = app.gate.hold()
    const first = app.system.updateSettings({ office: '党政办公室' })
    await reached
    const second = app.system.updateSettings({ signatures: { editor: '王五' } })
    app.gate.release()
    await Promise.all([first, second])
    expect(app.system.getSettings()).toMatchObject({ office: '党政办公室', signatures: { editor: '王五' } })
  })
})

describe('through the router', () => {
  it('a save checked against a write that then fails on a full disk gets the same disk-full answer, and nothing dangles', async () => {
    const t = await tempDir('router-races')
    const fs = recordingFs()
    const core = await openApp({ dataDir: t.dir, resourcesDir: RESOURCES, appVersion: 'test', now: () => new Date('2026-01-05T08:00:00.000Z'), fs, log: () => undefined })
    cleanups.push(async () => {
      await core.close().catch(() => undefined)
      await t.cleanup()
    })
    await core.router.call('staff.create', { name: 'Warm-up' })
    const gate = journalGate(fs)
    const reached = gate.hold()
    const org = core.router.call('organizations.create', { name: '满盘科技' })
    await reached
    const orgId = await core.store.transact((head) => ({ tx: { puts: [] }, result: [...head.all('organizations')][0].id }))
    const contact = core.router.call('contacts.create', { name: '钱七', organizationId: orgId })
    gate.release(Object.assign(new Error('ENOSPC: no space left on device, fdatasync'), { code: 'ENOSPC' }))
    for (const r of await Promise.all([org, contact])) {
      expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', reason: 'disk-full' } })
    }
    expect(core.store.data.contacts).toEqual([])
    expect(core.store.data.organizations).toEqual([])
  })
})
