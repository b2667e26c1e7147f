// @vitest-environment node
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import type { Store, StoreEvent } from '../../../src/main/store'
import { streamJson } from '../../../src/main/store/snapshot-stream'
import { fakeSchema, note, sleep, tempFolders } from './fake-schema'
import type { FakeDb } from './fake-schema'
import { recordingFs } from './recording-fs'

const { folder } = tempFolders('compact')
const ids = (s: Store<FakeDb>): string[] => s.data.notes.map((n) => n.id)
const journalFiles = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((n) => n.startsWith('journal')).sort()

describe('streamed snapshot', () => {
  it('writes the same JSON as one stringify would, in chunks, yielding to the event loop between them', async () => {
    const notes = Array.from({ length: 5500 }, (_, i) => ({ id: `n${i}`, text: `第${i}条 "quoted" \\ ${'x'.repeat(i % 50)}`, n: i }))
    const doc = { schemaVersion: 1, journalSeq: 9, settings: { a: [1, 2] }, notes, tags: [], skipped: undefined }
    const chunks: Buffer[] = []
    let ticks = 0
    const ticker = setInterval(() => {
      ticks += 1
    }, 0)
    const result = await streamJson(doc, async (c) => {
      chunks.push(Buffer.from(c))
      await sleep(1)
    }, { collections: new Set(['notes', 'tags']), recordsPerChunk: 1000 })
    clearInterval(ticker)
    const text = Buffer.concat(chunks).toString('utf8')
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)))
    expect(result.bytes).toBe(Buffer.byteLength(text))
    expect(chunks.length).toBeGreaterThanOrEqual(6)
    expect(ticks).toBeGreaterThan(3)
  })
})

describe('compaction', () => {
  it('after N entries: new snapshot at that seq; old segments kept until a backup covers them; state unchanged on reopen', async () => {
    const dir = await folder()
    const events: StoreEvent[] = []
    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, compactAfterEntries: 10, compactOnCloseMaxBytes: 0, onEvent: (e) => events.push(e) })
    for (let i = 0; i < 25; i += 1) await store.commit({ puts: [note(`n${i}`)] })
    await store.close()
    const compactions = events.filter((e) => e.type === 'compaction')
    expect(compactions.length).toBeGreaterThanOrEqual(2)
    const db = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')) as { journalSeq: number; notes: unknown[] }
    expect(db.journalSeq).toBeGreaterThanOrEqual(20)
    expect(db.notes).toHaveLength(db.journalSeq)
    // No backup holds these entries yet: if db.json were damaged now, only the segments could rebuild it.
    expect((await journalFiles(dir)).length).toBeGreaterThan(1)
    const again = await openStore({ dir, schema: fakeSchema() })
    expect(ids(again)).toEqual(Array.from({ length: 25 }, (_, i) => `n${i}`))
    await again.close()
    // The backup taken at open covers everything: now the segments may go.
    expect(await journalFiles(dir)).toEqual(['journal.jsonl'])
  })

  it('after N bytes of journal', async () => {
    const dir = await folder()
    const events: StoreEvent[] = []
    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, compactAfterBytes: 4000, onEvent: (e) => events.push(e) })
    for (let i = 0; i < 5; i += 1) await store.commit({ puts: [note(`n${i}`, 'y'.repeat(1000))] })
    await store.close()
    expect(events.some((e) => e.type === 'compaction' && e.reason === 'journal')).toBe(true)
  })

  it('commits made while the snapshot is being written go to the new segment and survive', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const store = await openStore({ dir, schema: fakeSchema(), fs, backupOnOpen: false, compactAfterEntries: 3, compactOnCloseMaxBytes: 0 })
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => {
      release = r
    })
    let holding = false
    fs.gate = (op, path) => {
      if (op === 'write' && path.endsWith('.tmp')) {
        holding = true
        return held
      }
      return undefined
    }
    for (const id of ['a', 'b', 'c']) await store.commit({ puts: [note(id)] })
    while (!holding) await sleep(1)
    // The snapshot of seq 3 is stuck mid-write; commits go on and are durable in journal.jsonl.
    await Promise.all(['d', 'e', 'f'].map((id) => store.commit({ puts: [note(id)] })))
    await store.commit({ puts: [note('a', 'changed after the view')] })
    expect(await journalFiles(dir)).toEqual(['journal-000000000003.jsonl', 'journal.jsonl'])
    fs.gate = undefined
    release()
    await store.close()
    const db = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')) as FakeDb & { journalSeq: number }
    expect(db.journalSeq).toBeGreaterThanOrEqual(3)
    const again = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    expect(ids(again)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(again.get('notes', 'a')?.text).toBe('changed after the view')
    await again.close()
  })

  it('a failed compaction loses nothing: segments stay until a later one succeeds', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const events: StoreEvent[] = []
    const store = await openStore({ dir, schema: fakeSchema(), fs, backupOnOpen: false, compactAfterEntries: 3, compactOnCloseMaxBytes: 0, onEvent: (e) => events.push(e) })
    fs.fault = (op, path) => (op === 'sync' && path.endsWith('.tmp') ? new Error('EIO: simulated') : undefined)
    for (let i = 0; i < 4; i += 1) await store.commit({ puts: [note(`n${i}`)] })
    await sleep(50)
    expect(events.some((e) => e.type === 'error' && e.op === 'compaction')).toBe(true)
    expect((await journalFiles(dir)).length).toBeGreaterThanOrEqual(2)
    fs.fault = undefined
    for (let i = 4; i < 12; i += 1) await store.commit({ puts: [note(`n${i}`)] })
    await store.close()
    expect(events.some((e) => e.type === 'compaction')).toBe(true)
    const again = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    expect(ids(again)).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`))
    expect(again.status().recovered).toBeNull()
    await again.close()
  })
})
