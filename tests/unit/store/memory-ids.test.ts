// @vitest-environment node
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MemoryState } from '../../../src/main/store/memory'
import { openStore } from '../../../src/main/store'
import type { StoreEvent, StoredRecord } from '../../../src/main/store'
import { FAKE_COLLECTIONS, fakeSchema, tempFolders } from './fake-schema'
import type { FakeDb } from './fake-schema'

const rec = (id: string, text: string): StoredRecord => ({ id, text }) as StoredRecord
/** More notes than one slice of the id maps (10,000), so that a deferred build stops part-way. */
const MANY = 25_000
const db = (notes: string[], tags: string[] = ['t1', 't2']): FakeDb =>
  ({ schemaVersion: 1, settings: {}, notes: notes.map((id) => rec(id, 'old')), tags: tags.map((id) => rec(id, 'tag')) }) as unknown as FakeDb
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `n${i}`)

describe('id maps built after the open (MemoryState.deferred)', () => {
  it('answers get and position as the whole maps would, when read part-way through their build', async () => {
    const eager = new MemoryState(db(ids(MANY)), FAKE_COLLECTIONS)
    const deferred = MemoryState.deferred(db(ids(MANY)), FAKE_COLLECTIONS)
    let pauses = 0
    await deferred.finishIds(async () => {
      pauses += 1
      // After the first slice: the rest of the notes and every tag are not in the maps yet.
      if (pauses === 1) {
        for (const id of ['n0', 'n9999', 'n10000', `n${MANY - 1}`, 'missing']) {
          expect(deferred.position('notes', id)).toBe(eager.position('notes', id))
          expect(deferred.get('notes', id)).toBe(deferred.data.notes[eager.position('notes', id) ?? -1])
        }
        expect(deferred.get('tags', 't2')?.id).toBe('t2')
      }
    })
    expect(pauses).toBe(1)
    for (const [i, id] of ids(MANY).entries()) expect(deferred.position('notes', id)).toBe(i)
  })

  it('replaces a record the maps had not reached yet, rather than adding it twice', () => {
    const deferred = MemoryState.deferred(db(ids(MANY)), FAKE_COLLECTIONS)
    const late = `n${MANY - 5}`
    const applied = deferred.apply({ seq: 1, puts: [['notes', rec(late, 'new')], ['notes', rec('fresh', 'new')]] })
    expect(applied[0].previous).toEqual(rec(late, 'old'))
    expect(deferred.data.notes).toHaveLength(MANY + 1)
    expect(deferred.get('notes', late)).toEqual(rec(late, 'new'))
    expect(deferred.position('notes', 'fresh')).toBe(MANY)
  })

  it('fails every read of the maps, and their build, on an id repeated past the first slice', async () => {
    const notes = ids(MANY)
    notes[15_000] = 'n3'
    const deferred = MemoryState.deferred(db(notes), FAKE_COLLECTIONS)
    await expect(deferred.finishIds(async () => undefined)).rejects.toThrow('has the id "n3" twice')
    expect(() => deferred.get('notes', 'n0')).toThrow('has the id "n3" twice')
    expect(() => deferred.apply({ seq: 1, puts: [['notes', rec('n1', 'x')]] })).toThrow('twice')
    // An eager state (an open that validates the file) refuses it at once.
    expect(() => new MemoryState(db(notes), FAKE_COLLECTIONS)).toThrow('twice')
  })
})

const { folder, cleanups } = tempFolders('ids')

/** db.json as if this store had written it: its sha256 in the sidecar, so the open trusts it. */
async function trustedFolder(data: FakeDb): Promise<string> {
  const dir = await folder()
  const bytes = Buffer.from(JSON.stringify({ ...data, journalSeq: 0 }))
  await writeFile(join(dir, 'db.json'), bytes)
  await writeFile(join(dir, 'db.json.sha256'), createHash('sha256').update(bytes).digest('hex'))
  return dir
}

describe('a store opened from a db.json it wrote', () => {
  it('is read and edited at once, its id maps whole once settled', async () => {
    const dir = await trustedFolder(db(ids(MANY)))
    const events: StoreEvent[] = []
    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, onEvent: (e) => events.push(e) })
    cleanups.push(() => store.close())
    expect(store.get('notes', `n${MANY - 1}`)?.id).toBe(`n${MANY - 1}`)
    await store.settled()
    expect(store.position('notes', 'n12345')).toBe(12345)
    await store.commit({ puts: [{ collection: 'notes', record: rec('n7', 'edited') }] })
    expect(store.data.notes).toHaveLength(MANY)
    expect(events.filter((e) => e.type === 'error')).toEqual([])
  })

  it('tells of a repeated id when its maps are built, and settles all the same', async () => {
    const notes = ids(MANY)
    notes[20_000] = 'n3'
    const dir = await trustedFolder(db(notes))
    const events: StoreEvent[] = []
    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, onEvent: (e) => events.push(e) })
    cleanups.push(() => store.close())
    await store.settled()
    const errors = events.filter((e) => e.type === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].type === 'error' && errors[0].op).toBe('id-maps')
    expect(() => store.get('notes', 'n0')).toThrow('twice')
  })
})
