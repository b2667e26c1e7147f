// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryState, STAGE_AFTER } from '../../../src/main/store/memory'
import type { JournalEntry } from '../../../src/main/store/journal-read'
import { openStore } from '../../../src/main/store'
import type { StoredRecord } from '../../../src/main/store'
import { FAKE_COLLECTIONS, fakeSchema, note, tempFolders } from './fake-schema'
import type { FakeDb } from './fake-schema'

const rec = (id: string, text: string): StoredRecord => ({ id, text }) as StoredRecord
const state = (notes: string[]): MemoryState<FakeDb> =>
  new MemoryState<FakeDb>({ schemaVersion: 1, settings: {}, notes: notes.map((id) => rec(id, 'old')), tags: [] } as unknown as FakeDb, FAKE_COLLECTIONS)

describe('a large entry staged before it is applied', () => {
  it('ends as the same state as applying it at once, whatever the puts (new, replaced, twice in one entry, two collections)', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')
    const put = fc.tuple(fc.constantFrom('notes', 'tags'), id, fc.string({ maxLength: 3 }))
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 4 }), fc.array(put, { maxLength: 12 }), (existing, puts) => {
        const entry: JournalEntry = { seq: 1, puts: puts.map(([c, i, t]) => [c, rec(i, t)]) }
        const plain = state(existing)
        const staged = state(existing)
        const before = staged.data.notes.length
        for (const _ of staged.stage(entry)) {
          // Staged ids are not visible: nothing to get, the collections as they were.
        }
        for (const [c, r] of entry.puts) if (!(existing as string[]).includes(r.id) || c === 'tags') expect(staged.get(c, r.id)).toBeUndefined()
        expect(staged.data.notes.length).toBe(before)
        const a = plain.apply(entry)
        const b = staged.apply(entry)
        expect(b).toEqual(a)
        expect(staged.data).toEqual(plain.data)
        for (const c of FAKE_COLLECTIONS) for (const r of staged.data[c]) expect(staged.get(c, r.id)).toBe(r)
      }),
      { numRuns: 300 },
    )
  })
})

const { folder, cleanups } = tempFolders('stage')

describe('a commit large enough to be staged', () => {
  it('shows its records all at once when it resolves, with the commits queued behind it after them', async () => {
    const dir = await folder()
    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    cleanups.push(() => store.close())
    const n = STAGE_AFTER + 1500
    const seen: number[] = []
    const big = store.commit({ puts: Array.from({ length: n }, (_, i) => note(`n${i}`)) })
    // Looked at while the batch is being taken in: nothing of it, then all of it.
    const watch = setInterval(() => seen.push(store.data.notes.length), 0)
    const small = store.commit({ puts: [note('after')] })
    await Promise.all([big, small])
    clearInterval(watch)
    expect(new Set(seen.filter((x) => x !== 0 && x !== n && x !== n + 1))).toEqual(new Set())
    expect(store.data.notes.length).toBe(n + 1)
    expect(store.position('notes', 'after')).toBe(n)
    expect(store.get('notes', `n${n - 1}`)).toMatchObject({ id: `n${n - 1}` })
    await store.close()
    const again = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    expect(again.data.notes.map((r) => r.id)).toEqual(store.data.notes.map((r) => r.id))
    await again.close()
  })
})
