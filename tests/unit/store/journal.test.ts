// @vitest-environment node
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { fakeSchema, note, tempFolders } from './fake-schema'
import type { FakeDb } from './fake-schema'
import { recordingFs } from './recording-fs'

const { folder } = tempFolders('journal')
function open(dir: string, extra: Partial<Parameters<typeof openStore<FakeDb>>[0]> = {}): Promise<Store<FakeDb>> {
  return openStore({ dir, schema: fakeSchema(), backupOnOpen: false, ...extra })
}

/** Files as a crash could leave them. */
async function writeDb(dir: string, journalSeq: number, notes: Array<{ id: string; text: string }> = []): Promise<void> {
  await writeFile(join(dir, 'db.json'), JSON.stringify({ schemaVersion: 1, journalSeq, settings: {}, notes, tags: [] }))
}
function line(seq: number, ...ids: string[]): string {
  return `${JSON.stringify({ seq, puts: ids.map((id) => ['notes', { id, text: `t-${id}` }]) })}\n`
}
const ids = (s: Store<FakeDb>): string[] => s.data.notes.map((n) => n.id)

describe('journal commits', () => {
  it('1,000 concurrent commits: all acknowledged, grouped into far fewer writes, all there after reopening', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const store = await open(dir, { fs })
    fs.log.length = 0
    await Promise.all(Array.from({ length: 1000 }, (_, i) => store.commit({ puts: [note(`n${i}`)] })))
    expect(store.data.notes).toHaveLength(1000)
    const syncs = fs.log.filter((l) => l === 'datasync journal.jsonl').length
    expect(syncs).toBeGreaterThan(0)
    expect(syncs).toBeLessThan(100) // group commit: one fdatasync per batch, not per commit
    await store.close()

    const again = await open(dir)
    expect(new Set(ids(again))).toEqual(new Set(Array.from({ length: 1000 }, (_, i) => `n${i}`)))
    expect(again.status().recovered).toBeNull()
    await again.close()
  })

  it('applies a transaction atomically and in commit order, and merges settings', async () => {
    const dir = await folder()
    const store = await open(dir)
    const a = store.commit({ puts: [note('a', 'one'), note('b')], settings: { theme: 'dark' } })
    const b = store.commit({ puts: [note('a', 'two')], settings: { lang: 'zh' } })
    await Promise.all([a, b])
    expect(store.get('notes', 'a')).toEqual({ id: 'a', text: 'two' })
    expect(store.data.settings).toEqual({ theme: 'dark', lang: 'zh' })
    expect(ids(store)).toEqual(['a', 'b'])
    await store.close()
    const again = await open(dir)
    expect(again.get('notes', 'a')).toEqual({ id: 'a', text: 'two' })
    expect(again.data.settings).toEqual({ theme: 'dark', lang: 'zh' })
    await again.close()
  })

  it('tells listeners what each put replaced, the first put of an id twice in one transaction included', async () => {
    const dir = await folder()
    const store = await open(dir)
    await store.commit({ puts: [note('a', 'stored')] })
    const seen: Array<[string, string | undefined]> = []
    store.subscribe((change) => {
      if (change.kind === 'puts') for (const p of change.puts) seen.push([String(p.record.text), p.previous?.text as string | undefined])
    })
    await store.commit({ puts: [note('a', 'one'), note('b', 'new'), note('a', 'two'), note('b', 'newer')] })
    expect(seen).toEqual([
      ['one', 'stored'],
      ['new', undefined],
      ['two', 'one'],
      ['newer', 'new'],
    ])
    expect(ids(store)).toEqual(['a', 'b'])
    await store.close()
  })

  it('keeps what was committed, not what the caller changed afterwards', async () => {
    const dir = await folder()
    const store = await open(dir)
    const rec = { id: 'a', text: 'before' }
    const p = store.commit({ puts: [{ collection: 'notes', record: rec }] })
    rec.text = 'after'
    await p
    expect(store.get('notes', 'a')).toEqual({ id: 'a', text: 'before' })
    await store.close()
  })

  it('rejects malformed transactions without writing', async () => {
    const dir = await folder()
    const store = await open(dir)
    await expect(store.commit({ puts: [{ collection: 'nope', record: { id: 'x' } }] })).rejects.toThrow('Unknown collection')
    await expect(store.commit({ puts: [{ collection: 'notes', record: { id: '' } }] })).rejects.toThrow('string id')
    await store.commit({ puts: [] })
    await store.close()
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8').catch(() => '')).toBe('')
  })

  it('a failed append rejects, leaves memory unchanged, and leaves no garbage for the next commit', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const store = await open(dir, { fs })
    await store.commit({ puts: [note('a')] })
    fs.fault = (op) => (op === 'datasync' ? new Error('EIO: simulated fsync failure') : undefined)
    await expect(store.commit({ puts: [note('b'), note('a', 'changed')] })).rejects.toThrow('EIO')
    expect(ids(store)).toEqual(['a'])
    expect(store.get('notes', 'a')?.text).toBe('text of a')
    fs.fault = (op) => (op === 'write' ? new Error('ENOSPC: simulated') : undefined)
    await expect(store.commit({ puts: [note('c')] })).rejects.toThrow('ENOSPC')
    fs.fault = undefined
    await store.commit({ puts: [note('d')] })
    expect(ids(store)).toEqual(['a', 'd'])
    await store.close()
    const again = await open(dir)
    expect(ids(again)).toEqual(['a', 'd'])
    expect(again.status().recovered).toBeNull()
    await again.close()
  })

  it('rejects commits after close', async () => {
    const dir = await folder()
    const store = await open(dir)
    const pending = store.commit({ puts: [note('a')] })
    const closing = store.close()
    await expect(store.commit({ puts: [note('b')] })).rejects.toThrow('closed')
    await pending
    await closing
    const again = await open(dir)
    expect(ids(again)).toEqual(['a'])
    await again.close()
  })

  it('close compacts a small database, so the journal is empty afterwards', async () => {
    const dir = await folder()
    const store = await open(dir)
    await store.commit({ puts: [note('a')] })
    await store.close()
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe('')
    const db = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')) as Record<string, unknown>
    expect(db.journalSeq).toBe(1)
  })
})

describe('journal replay at open', () => {
  it('drops a torn last line (no newline) and appends after the valid prefix', async () => {
    const dir = await folder()
    await writeDb(dir, 0)
    const torn = '{"seq":3,"puts":[["notes",{"id":"c","te'
    await writeFile(join(dir, 'journal.jsonl'), line(1, 'a') + line(2, 'b') + torn)
    const store = await open(dir)
    expect(ids(store)).toEqual(['a', 'b'])
    expect(store.status().recovered).toBeNull()
    await store.commit({ puts: [note('d')] })
    await store.close()
    const again = await open(dir)
    expect(ids(again)).toEqual(['a', 'b', 'd'])
    await again.close()
  })

  it('a NUL-filled tail is not a torn append: the journal is kept aside and the loss reported', async () => {
    const dir = await folder()
    await writeDb(dir, 0)
    const content = Buffer.concat([Buffer.from(line(1, 'a')), Buffer.alloc(4096)])
    await writeFile(join(dir, 'journal.jsonl'), content)
    const store = await open(dir, { compactOnCloseMaxBytes: 0 })
    expect(ids(store)).toEqual(['a'])
    const rec = store.status().recovered
    expect(rec?.skippedEntries).toEqual([{ file: rec?.damagedFiles[0], line: 2, seq: null, reason: 'incomplete' }])
    expect((await readFile(join(dir, rec?.damagedFiles[0] ?? ''))).equals(content)).toBe(true)
    await store.commit({ puts: [note('b')] })
    await store.close()
    const again = await open(dir)
    expect(ids(again)).toEqual(['a', 'b'])
    await again.close()
  })

  it('a garbage last line that ends in a newline is damage, not a torn write', async () => {
    const dir = await folder()
    await writeDb(dir, 0)
    await writeFile(join(dir, 'journal.jsonl'), `${line(1, 'a')}{"seq":2,"pu\n`)
    const store = await open(dir)
    expect(ids(store)).toEqual(['a'])
    expect(store.status().recovered?.skippedEntries).toMatchObject([{ line: 2, seq: 2, reason: 'not-json' }])
    await store.close()
  })

  it('a bad line in the middle: keeps every valid entry, sets the journal aside byte-identical, reports it', async () => {
    const dir = await folder()
    await writeDb(dir, 0)
    const content = `${line(1, 'a')}${line(2, 'b')}not json at all\n${line(4, 'd')}`
    await writeFile(join(dir, 'journal.jsonl'), content)
    const store = await open(dir)
    expect(ids(store)).toEqual(['a', 'b', 'd'])
    const rec = store.status().recovered
    expect(rec).not.toBeNull()
    expect(rec?.loadedBackup).toBeNull()
    expect(rec?.damagedFiles).toHaveLength(1)
    expect(rec?.damagedFiles[0]).toMatch(/^journal\.jsonl\.damaged-\d{4}-\d{2}-\d{2}T[\d-]+Z$/)
    expect(await readFile(join(dir, rec?.damagedFiles[0] ?? ''), 'utf8')).toBe(content)
    await store.commit({ puts: [note('e')] })
    await store.close()
    // The valid entries were made durable in db.json; the damaged file is not replayed again.
    const again = await open(dir)
    expect(ids(again)).toEqual(['a', 'b', 'd', 'e'])
    expect(again.status().recovered?.skippedEntries).toEqual([{ file: rec?.damagedFiles[0], line: 3, seq: null, reason: 'not-json' }])
    await again.close()
  })

  it('a gap in sequence numbers is reported, and the entries after it kept', async () => {
    const dir = await folder()
    await writeDb(dir, 0)
    await writeFile(join(dir, 'journal.jsonl'), line(1, 'a') + line(2, 'b') + line(5, 'e'))
    const store = await open(dir)
    expect(ids(store)).toEqual(['a', 'b', 'e'])
    expect(store.status().recovered?.damagedFiles[0]).toMatch(/^journal\.jsonl\.damaged-/)
    expect(store.status().recovered?.missingEntries).toEqual([{ from: 3, to: 4 }])
    await store.close()
  })

  it('skips entries already in the snapshot (seq <= journalSeq) when the snapshot holds them', async () => {
    const dir = await folder()
    await writeDb(dir, 2, [{ id: 'a', text: 't-a' }, { id: 'b', text: 't-b' }])
    await writeFile(join(dir, 'journal.jsonl'), line(1, 'a') + line(2, 'b') + line(3, 'c'))
    const store = await open(dir)
    expect(ids(store)).toEqual(['a', 'b', 'c'])
    expect(store.status().recovered).toBeNull()
    await store.close()
  })

  it('does not let a snapshot it did not write hide journal entries it claims but lacks', async () => {
    const dir = await folder()
    // Claims entries 1 and 2, but holds another "a" and no "b": trusting it would lose both writes.
    await writeDb(dir, 2, [{ id: 'a', text: 'from snapshot' }])
    await writeFile(join(dir, 'journal.jsonl'), line(1, 'a') + line(2, 'b') + line(3, 'c'))
    const store = await open(dir)
    expect(store.data.notes).toEqual([
      { id: 'a', text: 't-a' },
      { id: 'b', text: 't-b' },
      { id: 'c', text: 't-c' },
    ])
    expect(store.status().recovered?.damagedFiles).toEqual([expect.stringMatching(/^db\.json\.damaged-/)])
    await store.close()
  })

  it('crash after rotation, before the new snapshot: old snapshot + segment + new journal', async () => {
    const dir = await folder()
    await writeDb(dir, 0)
    await writeFile(join(dir, 'journal-000000000002.jsonl'), line(1, 'a') + line(2, 'b'))
    await writeFile(join(dir, 'journal.jsonl'), line(3, 'c'))
    const store = await open(dir)
    expect(ids(store)).toEqual(['a', 'b', 'c'])
    expect(store.status().recovered).toBeNull()
    await store.close()
  })

  it('crash after the new snapshot, before segments were deleted: they are skipped, and removed once a backup covers them', async () => {
    const dir = await folder()
    await writeDb(dir, 2, [
      { id: 'a', text: 't-a' },
      { id: 'b', text: 't-b' },
    ])
    await writeFile(join(dir, 'journal-000000000002.jsonl'), line(1, 'a') + line(2, 'b'))
    await writeFile(join(dir, 'journal.jsonl'), line(3, 'c'))
    const store = await open(dir, { compactOnCloseMaxBytes: 0 })
    expect(ids(store)).toEqual(['a', 'b', 'c'])
    await store.close()
    expect((await readdir(dir)).filter((n) => n.startsWith('journal'))).toEqual(['journal-000000000002.jsonl', 'journal.jsonl'])
    const withBackup = await open(dir, { backupOnOpen: true })
    expect(ids(withBackup)).toEqual(['a', 'b', 'c'])
    await withBackup.close()
    expect((await readdir(dir)).filter((n) => n.startsWith('journal'))).toEqual(['journal.jsonl'])
  })
})

describe('replaceAll', () => {
  it('replaces the whole state durably and later commits apply on top', async () => {
    const dir = await folder()
    const store = await open(dir, { compactOnCloseMaxBytes: 0 })
    await store.commit({ puts: [note('old')] })
    const replacing = store.replaceAll({ schemaVersion: 1, settings: { s: 1 }, notes: [{ id: 'x', text: 'X' }], tags: [] })
    const after = store.commit({ puts: [note('y')] })
    await Promise.all([replacing, after])
    expect(ids(store)).toEqual(['x', 'y'])
    expect(store.get('notes', 'old')).toBeUndefined()
    await store.close()
    const again = await open(dir)
    expect(ids(again)).toEqual(['x', 'y'])
    expect(again.data.settings).toEqual({ s: 1 })
    await again.close()
  })

  it('refuses data that does not validate and keeps the current state', async () => {
    const dir = await folder()
    const store = await open(dir)
    await store.commit({ puts: [note('a')] })
    const bad = { schemaVersion: 1, settings: {}, notes: [{ id: 'x' }], tags: [] } as unknown as FakeDb
    await expect(store.replaceAll(bad)).rejects.toThrow('notes.0.text')
    const dup = { schemaVersion: 1, settings: {}, notes: [{ id: 'x', text: '' }, { id: 'x', text: '' }], tags: [] }
    await expect(store.replaceAll(dup)).rejects.toThrow('twice')
    expect(ids(store)).toEqual(['a'])
    await store.close()
  })
})
