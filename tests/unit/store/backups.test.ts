// @vitest-environment node
import { createHash } from 'node:crypto'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import type { Store, StoreEvent, StoreFs } from '../../../src/main/store'
import { nodeFs } from '../../../src/main/store/fs-port'
import { verifySnapshotFile } from '../../../src/main/store/verify-worker'
import { fakeSchema, note, tempFolders } from './fake-schema'
import type { FakeDb } from './fake-schema'

const { folder } = tempFolders('backups')
const ids = (s: Store<FakeDb>): string[] => s.data.notes.map((n) => n.id)

/** A settable clock and a way to wait for the store's background events. */
function harness(start: Date): {
  clock: { now: Date }
  now: () => Date
  onEvent: (e: StoreEvent) => void
  next: (type: StoreEvent['type']) => Promise<StoreEvent>
  events: StoreEvent[]
} {
  const clock = { now: start }
  const events: StoreEvent[] = []
  const waiters: Array<{ type: StoreEvent['type']; resolve: (e: StoreEvent) => void }> = []
  return {
    clock,
    now: () => clock.now,
    events,
    onEvent: (e) => {
      events.push(e)
      for (const w of waiters.splice(0)) {
        if (w.type === e.type || e.type === 'error') w.resolve(e)
        else waiters.push(w)
      }
    },
    next: (type) => new Promise((resolve) => waiters.push({ type, resolve })),
  }
}
const minutes = (d: Date, m: number): Date => new Date(d.getTime() + m * 60000)

describe('backups', () => {
  it('one at open, verified: same bytes as db.json, listed with time and size', async () => {
    const dir = await folder()
    const h = harness(new Date('2024-05-01T08:00:00.000Z'))
    const s = await openStore({ dir, schema: fakeSchema(), now: h.now, onEvent: h.onEvent, backupOnOpen: false })
    await s.commit({ puts: [note('a')] })
    await s.close()
    const store = await openStore({ dir, schema: fakeSchema(), now: h.now, onEvent: h.onEvent })
    const ev = await h.next('backup')
    expect(ev).toMatchObject({ type: 'backup', name: 'db-2024-05-01T08-00-00-000Z.json', reason: 'open' })
    const list = await store.listBackups()
    expect(list).toEqual([{ name: 'db-2024-05-01T08-00-00-000Z.json', createdAt: '2024-05-01T08:00:00.000Z', size: expect.any(Number) }])
    const copy = await readFile(join(dir, 'backups', list[0].name))
    expect(copy.length).toBe(list[0].size)
    expect(copy.equals(await readFile(join(dir, 'db.json')))).toBe(true)
    expect(JSON.parse(copy.toString('utf8'))).toMatchObject({ schemaVersion: 1, notes: [{ id: 'a' }] })
    await store.close()
  })

  it('at open, a db.json this store wrote and nothing since is copied as it is, not written again', async () => {
    const dir = await folder()
    const h = harness(new Date('2024-05-01T08:00:00.000Z'))
    const s = await openStore({ dir, schema: fakeSchema(), now: h.now, backupOnOpen: false })
    await s.commit({ puts: [note('a')] })
    await s.close()
    const before = await stat(join(dir, 'db.json'))
    const store = await openStore({ dir, schema: fakeSchema(), now: h.now, onEvent: h.onEvent })
    await h.next('backup')
    // Writing a 70 MB db.json again at every start held the first screen's requests back by seconds.
    expect(h.events.filter((e) => e.type === 'compaction')).toEqual([])
    const after = await stat(join(dir, 'db.json'))
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
    // A commit after it still reaches db.json at the next compaction.
    await store.commit({ puts: [note('b')] })
    await store.close()
    expect(JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'))).toMatchObject({ notes: [{ id: 'a' }, { id: 'b' }] })
  })

  it('while editing: at most one per interval, taken after a commit once the last is older', async () => {
    const dir = await folder()
    const start = new Date('2024-05-01T08:00:00.000Z')
    const h = harness(start)
    const store = await openStore({ dir, schema: fakeSchema(), now: h.now, onEvent: h.onEvent })
    await h.next('backup')
    h.clock.now = minutes(start, 10)
    await store.commit({ puts: [note('a')] })
    h.clock.now = minutes(start, 14)
    await store.commit({ puts: [note('b')] })
    expect(await store.listBackups()).toHaveLength(1)
    h.clock.now = minutes(start, 16)
    const next = h.next('backup')
    await store.commit({ puts: [note('c')] })
    expect(await next).toMatchObject({ name: 'db-2024-05-01T08-16-00-000Z.json', reason: 'interval' })
    const newest = JSON.parse(await readFile(join(dir, 'backups', 'db-2024-05-01T08-16-00-000Z.json'), 'utf8')) as FakeDb
    expect(newest.notes.map((n) => n.id)).toEqual(['a', 'b', 'c'])
    await store.close()
  })

  it('applies retention over days (3 today, 1 per earlier day, 10 at most)', async () => {
    const dir = await folder()
    for (let day = 1; day <= 12; day += 1) {
      for (const hour of [9, 12]) {
        const s = await openStore({ dir, schema: fakeSchema(), now: () => new Date(2024, 4, day, hour) })
        await s.close()
      }
    }
    for (const hour of [13, 14, 15]) {
      const s = await openStore({ dir, schema: fakeSchema(), now: () => new Date(2024, 4, 12, hour) })
      await s.close()
    }
    const s = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    const list = await s.listBackups()
    await s.close()
    expect(list).toHaveLength(10)
    const local = list.map((b) => new Date(b.createdAt))
    expect(local.slice(0, 3).map((d) => [d.getDate(), d.getHours()])).toEqual([
      [12, 15],
      [12, 14],
      [12, 13],
    ])
    expect(local.slice(3).map((d) => [d.getDate(), d.getHours()])).toEqual([11, 10, 9, 8, 7, 6, 5].map((d) => [d, 12]))
  })

  it('a backup that does not verify is deleted and nothing older is rotated away', async () => {
    const dir = await folder()
    const day = (hour: number) => new Date(2024, 4, 1, hour)
    for (const hour of [8, 9, 10]) {
      const s = await openStore({ dir, schema: fakeSchema(), now: () => day(hour) })
      await s.close()
    }
    const before = (await readdir(join(dir, 'backups'))).sort()
    expect(before).toHaveLength(3)
    // A copy that silently differs from its source (a bad disk, say).
    const corrupting: StoreFs = {
      ...nodeFs,
      copyFile: async (from, to) => {
        await nodeFs.copyFile(from, to)
        await writeFile(to, (await readFile(to, 'utf8')).replace('"notes":[', '"notes":[ '))
      },
    }
    const h = harness(day(11))
    const store = await openStore({ dir, schema: fakeSchema(), now: h.now, onEvent: h.onEvent, fs: corrupting })
    const ev = await h.next('backup')
    expect(ev.type).toBe('error')
    expect(ev.type === 'error' && ev.error.message).toMatch(/differs from the snapshot/)
    await store.close()
    expect((await readdir(join(dir, 'backups'))).sort()).toEqual(before)
  })

  it('the worker re-reads a file, hashes the bytes and checks the structure', async () => {
    const dir = await folder()
    const good = JSON.stringify({ schemaVersion: 1, journalSeq: 3, settings: {}, notes: [{ id: 'a', text: '' }], tags: [] })
    await writeFile(join(dir, 'good.json'), good)
    const r = await verifySnapshotFile(join(dir, 'good.json'), ['notes', 'tags'])
    expect(r).toEqual({ sha256: createHash('sha256').update(good).digest('hex'), bytes: good.length, records: 1 })
    await writeFile(join(dir, 'noid.json'), good.replace('"id":"a",', ''))
    await expect(verifySnapshotFile(join(dir, 'noid.json'), ['notes', 'tags'])).rejects.toThrow('notes item 0 has no string id')
    await writeFile(join(dir, 'cut.json'), good.slice(0, 30))
    await expect(verifySnapshotFile(join(dir, 'cut.json'), ['notes', 'tags'])).rejects.toThrow('Backup check failed')
    await expect(verifySnapshotFile(join(dir, 'good.json'), ['notes', 'tags', 'missing'])).rejects.toThrow('missing is not an array')
  })

  it('with the hash of the snapshot it copied, the worker compares bytes and does not parse them again', async () => {
    const dir = await folder()
    // Not JSON at all: a parse would reject it, so resolving shows that only the hash was compared.
    const bytes = 'not json, but the same bytes as the snapshot'
    await writeFile(join(dir, 'copy.json'), bytes)
    const sha = createHash('sha256').update(bytes).digest('hex')
    expect(await verifySnapshotFile(join(dir, 'copy.json'), ['notes'], undefined, sha)).toEqual({ sha256: sha, bytes: bytes.length, records: null })
    await expect(verifySnapshotFile(join(dir, 'copy.json'), ['notes'], undefined, sha.replace(/^./, (c) => (c === '0' ? '1' : '0')))).rejects.toThrow(
      'the copy differs from the snapshot it was copied from',
    )
  })
})

describe('restoreBackup', () => {
  it('backs up the current state first, then makes the named backup current, durably', async () => {
    const dir = await folder()
    const h = harness(new Date('2024-05-01T08:00:00.000Z'))
    const s1 = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    await s1.commit({ puts: [note('a')] })
    await s1.close()
    const store = await openStore({ dir, schema: fakeSchema(), now: h.now, onEvent: h.onEvent })
    await h.next('backup')
    const [first] = await store.listBackups()
    await store.commit({ puts: [note('b')], settings: { x: 1 } })
    h.clock.now = new Date('2024-05-01T08:05:00.000Z')
    await store.restoreBackup(first.name)
    expect(ids(store)).toEqual(['a'])
    expect(store.data.settings).toEqual({})
    const list = await store.listBackups()
    // The safety copy of the state before, then one of the restored state the journal now builds on.
    expect(list.map((b) => b.name).sort()).toEqual([first.name, 'db-2024-05-01T08-05-00-000Z-1.json', 'db-2024-05-01T08-05-00-000Z.json'])
    const read = async (name: string) => (JSON.parse(await readFile(join(dir, 'backups', name), 'utf8')) as FakeDb).notes.map((n) => n.id)
    expect(await read('db-2024-05-01T08-05-00-000Z.json')).toEqual(['a', 'b'])
    expect(await read('db-2024-05-01T08-05-00-000Z-1.json')).toEqual(['a'])
    await store.commit({ puts: [note('c')] })
    await store.close()
    const again = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    expect(ids(again)).toEqual(['a', 'c'])
    await again.close()
  })

  it('refuses bad names, missing and invalid backups, and leaves the state alone', async () => {
    const dir = await folder()
    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    await store.commit({ puts: [note('a')] })
    await expect(store.restoreBackup('../db.json')).rejects.toThrow('not a backup name')
    await expect(store.restoreBackup('db-2024-05-01T08-00-00-000Z.json')).rejects.toThrow('no backup named')
    await writeFile(join(dir, 'backups', 'db-2024-05-01T08-00-00-000Z.json'), JSON.stringify({ schemaVersion: 1, settings: {}, notes: [{ id: 'x' }], tags: [] }))
    await expect(store.restoreBackup('db-2024-05-01T08-00-00-000Z.json')).rejects.toThrow('notes.0.text')
    expect(ids(store)).toEqual(['a'])
    await store.close()
  })
})
