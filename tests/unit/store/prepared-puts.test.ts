// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ACTIVE_JOURNAL } from '../../../src/main/store/journal-files'
import { decodeLine, writeChunks } from '../../../src/main/store/journal-line'
import { openStore } from '../../../src/main/store'
import type { PreparedPuts, Store, Tx } from '../../../src/main/store'
import { fakeSchema, note, tempDir } from './fake-schema'
import { recordingFs } from './recording-fs'
import type { FakeDb } from './fake-schema'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})
async function open(dir?: string, fs = recordingFs()): Promise<{ store: Store<FakeDb>; dir: string }> {
  let d = dir
  if (!d) {
    const t = await tempDir('prepared')
    cleanups.push(t.cleanup)
    d = t.dir
  }
  return { store: await openStore({ dir: d, schema: fakeSchema(), fs, backupOnOpen: false }), dir: d }
}
function prepare(store: Store<FakeDb>, puts: Tx['puts']): PreparedPuts {
  const steps = store.preparePuts(puts)
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

describe('puts prepared ahead of their commit (a big import)', () => {
  it('are written as one transaction with the commit own puts, durable across a reopen', async () => {
    const { store, dir } = await open()
    const puts = Array.from({ length: 300 }, (_, i) => note(`p${i}`))
    const prepared = prepare(store, puts)
    // Changing the objects after preparing cannot change what is written.
    ;(puts[0].record as { text: string }).text = 'changed later'
    await store.transact(() => ({ tx: { puts: [note('own')], prepared }, result: null }))
    expect(store.data.notes.map((n) => n.id)).toEqual([...puts.map((p) => p.record.id), 'own'])
    expect(store.data.notes[0].text).not.toBe('changed later')
    // The line on disk is sealed like any other: its CRC checks and it holds all 301 records.
    const lines = (await readFile(join(dir, ACTIVE_JOURNAL))).toString('utf8').split('\n').filter((l) => l !== '')
    const decoded = lines.map((l) => decodeLine(Buffer.from(l, 'utf8'), new Set(['notes', 'tags'])))
    expect(decoded.every((d) => d.ok)).toBe(true)
    const last = decoded[decoded.length - 1]
    expect(last.ok && last.entry.puts).toHaveLength(301)
    expect(last.ok && last.entry.puts[0]).toEqual(['notes', { id: 'p0', text: 'text of p0' }])
    await store.close()
    const again = (await open(dir)).store
    expect(again.data.notes).toHaveLength(301)
    expect(again.data.notes[0].text).not.toBe('changed later')
    await again.close()
  })

  it('tell listeners the record each one replaced, as puts committed one by one do', async () => {
    const { store } = await open()
    await store.commit({ puts: [note('a', 'first')] })
    const seen: Array<[string, string | undefined]> = []
    store.subscribe((change) => {
      if (change.kind === 'puts') for (const p of change.puts) seen.push([String(p.record.text), p.previous && String(p.previous.text)])
    })
    await store.transact(() => ({ tx: { puts: [], prepared: prepare(store, [note('a', 'second'), note('b', 'new'), note('a', 'third')]) }, result: null }))
    expect(seen).toEqual([['second', 'first'], ['new', undefined], ['third', 'second']])
    await store.close()
  })

  it('are taken once, and only by the store that prepared them', async () => {
    const { store } = await open()
    const other = (await open()).store
    const prepared = prepare(store, [note('a')])
    await expect(other.commit({ puts: [], prepared })).rejects.toThrow(/preparePuts/)
    await store.commit({ puts: [], prepared })
    await expect(store.commit({ puts: [], prepared })).rejects.toThrow(/preparePuts/)
    expect(store.data.notes.map((n) => n.id)).toEqual(['a'])
    await store.close()
    await other.close()
  })

  it('headVersion tells a batch planned in slices whether anything came between', async () => {
    const { store } = await open()
    const v0 = store.headVersion()
    expect(store.view().get('notes', 'a')).toBeUndefined()
    const writing = store.commit({ puts: [note('a')] })
    // Queued, not yet durable: the head already holds it, and the version moved.
    expect(store.headVersion()).not.toBe(v0)
    expect(store.view().get('notes', 'a')).toMatchObject({ id: 'a' })
    await writing
    const v1 = store.headVersion()
    await store.commit({ puts: [] })
    expect(store.headVersion()).toBe(v1)
    await store.close()
  })

  it('are checked as a commit checks puts', async () => {
    const { store } = await open()
    expect(() => prepare(store, [{ collection: 'nope', record: { id: 'x' } }] as unknown as Tx['puts'])).toThrow(/Unknown collection/)
    expect(() => prepare(store, [{ collection: 'notes', record: { id: '' } }] as unknown as Tx['puts'])).toThrow(/non-empty string id/)
    await store.close()
  })

  it('go out in several writes when large, with the same line a single write would hold', async () => {
    const fs = recordingFs()
    const { store, dir } = await open(undefined, fs)
    // About 12 MB: more than two write chunks.
    const puts = Array.from({ length: 3000 }, (_, i) => note(`big${i}`, `${i}`.padEnd(4000, '长')))
    await store.transact(() => ({ tx: { puts: [], prepared: prepare(store, puts) }, result: null }))
    const writes = fs.log.filter((l) => l === `write ${ACTIVE_JOURNAL}`).length
    expect(writes).toBeGreaterThan(2)
    const text = (await readFile(join(dir, ACTIVE_JOURNAL))).toString('utf8')
    expect(text.endsWith('\n')).toBe(true)
    const decoded = decodeLine(Buffer.from(text.slice(0, -1), 'utf8'), new Set(['notes', 'tags']))
    expect(decoded.ok && decoded.entry.puts.map(([, r]) => r)).toEqual(puts.map((p) => p.record))
    await store.close()
  })

  it('leave nothing behind when a later write of their line fails: not acknowledged, not in memory, not on reopen', async () => {
    const fs = recordingFs()
    const { store, dir } = await open(undefined, fs)
    await store.commit({ puts: [note('before')] })
    let journalWrites = 0
    fs.fault = (op, path) => (op === 'write' && path.endsWith(ACTIVE_JOURNAL) && ++journalWrites === 2 ? Object.assign(new Error('no space'), { code: 'ENOSPC' }) : undefined)
    const puts = Array.from({ length: 3000 }, (_, i) => note(`big${i}`, `${i}`.padEnd(4000, '长')))
    await expect(store.transact(() => ({ tx: { puts: [], prepared: prepare(store, puts) }, result: null }))).rejects.toThrow(/no space/)
    expect(journalWrites).toBe(2)
    fs.fault = undefined
    expect(store.data.notes.map((n) => n.id)).toEqual(['before'])
    await store.commit({ puts: [note('after')] })
    await store.close()
    const again = (await open(dir)).store
    expect(again.data.notes.map((n) => n.id)).toEqual(['before', 'after'])
    await again.close()
  })
})

describe('a record of megabytes among prepared puts', () => {
  it('is serialised, encoded and parsed back in turns of its own, and written whole', async () => {
    const { store } = await open()
    const steps = store.preparePuts([note('a'), note('big', 'x'.repeat(2 << 20)), note('b')])
    const yielded: number[] = []
    let r = steps.next()
    for (; !r.done; r = steps.next()) yielded.push(r.value)
    expect(yielded).toEqual([0, 1, 1])
    await store.commit({ puts: [], prepared: r.value })
    expect(store.data.notes.map((n) => [n.id, n.text.length])).toEqual([['a', 9], ['big', 2 << 20], ['b', 9]])
    await store.close()
  })
})

describe('write chunks', () => {
  it('keep every byte in order: big pieces as they are, small neighbours joined up to 64 KB', () => {
    const k = 1024
    const sizes = [1, 3, 100 * k, 1, 40 * k, 30 * k, 7, 64 * k, 2, 2]
    const pieces = sizes.map((n, i) => Buffer.alloc(n, i + 1))
    const chunks = [...writeChunks(pieces)]
    expect(Buffer.concat(chunks).equals(Buffer.concat(pieces))).toBe(true)
    expect(chunks.map((c) => c.length)).toEqual([4, 100 * k, 70 * k + 1, 7, 64 * k, 4])
    // A big piece is the caller's buffer itself, not a copy.
    expect(chunks[1]).toBe(pieces[2])
  })
})
