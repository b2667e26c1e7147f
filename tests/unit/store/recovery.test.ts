// @vitest-environment node
import { readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NewerSchemaError, openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { fakeSchema, note, tempFolders } from './fake-schema'
import type { FakeDb } from './fake-schema'

const { folder } = tempFolders('recovery')

const NOW = new Date('2024-05-01T10:00:00.000Z')
const DAMAGED = 'db.json.damaged-2024-05-01T10-00-00-000Z'
function open(dir: string, extra: Partial<Parameters<typeof openStore<FakeDb>>[0]> = {}): Promise<Store<FakeDb>> {
  return openStore({ dir, schema: fakeSchema(), backupOnOpen: false, now: () => NOW, ...extra })
}
const ids = (s: Store<FakeDb>): string[] => s.data.notes.map((n) => n.id)

/** Session 1 commits "a"; session 2 opens (backup with "a"), commits "b". */
async function folderWithBackup(keepJournal: boolean): Promise<{ dir: string; backup: string }> {
  const dir = await folder()
  const s1 = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
  await s1.commit({ puts: [note('a')] })
  await s1.close()
  const s2 = await openStore({ dir, schema: fakeSchema(), compactOnCloseMaxBytes: keepJournal ? 0 : undefined })
  await s2.commit({ puts: [note('b')] })
  await s2.close()
  const backups = await s2.listBackups()
  expect(backups).toHaveLength(1)
  return { dir, backup: backups[0].name }
}

const damages: Array<[string, (good: Buffer) => Buffer]> = [
  ['an empty file', () => Buffer.alloc(0)],
  ['a truncated file', (good) => good.subarray(0, Math.floor(good.length / 2))],
  ['a NUL-filled file', (good) => Buffer.alloc(good.length)],
  ['a file the schema rejects', () => Buffer.from(JSON.stringify({ schemaVersion: 1, journalSeq: 0, settings: {}, notes: [{ id: 'x' }], tags: [] }))],
  ['a file with duplicate ids', () => Buffer.from(JSON.stringify({ schemaVersion: 1, settings: {}, notes: [{ id: 'x', text: '' }, { id: 'x', text: '' }], tags: [] }))],
]

describe('a damaged db.json is never overwritten', () => {
  for (const [what, damage] of damages) {
    it(`${what}: moved aside byte-identical, newest backup plus the journal since it loaded, reported`, async () => {
      const { dir, backup } = await folderWithBackup(false)
      const bad = damage(await readFile(join(dir, 'db.json')))
      await writeFile(join(dir, 'db.json'), bad)
      const store = await open(dir)
      // "b" was compacted into db.json at close, but its journal segment is kept until a backup holds it.
      expect(ids(store)).toEqual(['a', 'b'])
      expect(store.status().recovered).toEqual({ damagedFiles: [DAMAGED], loadedBackup: backup, at: NOW.toISOString(), skippedEntries: [], missingEntries: [] })
      expect((await readFile(join(dir, DAMAGED))).equals(bad)).toBe(true)
      await store.commit({ puts: [note('c')] })
      await store.close()
      const again = await open(dir)
      expect(ids(again)).toEqual(['a', 'b', 'c'])
      // The banner stays until the user dismisses it, across restarts.
      expect(again.status().recovered?.damagedFiles).toEqual([DAMAGED])
      await again.dismissRecovery()
      expect(again.status().recovered).toBeNull()
      expect((await readFile(join(dir, DAMAGED))).equals(bad)).toBe(true)
      await again.close()
    })

    it(`${what}, no backup: starts empty and still keeps the damaged file`, async () => {
      const dir = await folder()
      const s = await open(dir)
      await s.commit({ puts: [note('a')] })
      await s.close()
      const bad = damage(await readFile(join(dir, 'db.json')))
      await writeFile(join(dir, 'db.json'), bad)
      // With the journal gone too, nothing is left to rebuild from.
      for (const name of await readdir(dir)) if (name.startsWith('journal')) await rm(join(dir, name))
      const store = await open(dir)
      expect(ids(store)).toEqual([])
      expect(store.status().recovered).toEqual({ damagedFiles: [DAMAGED], loadedBackup: null, at: NOW.toISOString(), skippedEntries: [], missingEntries: [] })
      await store.close()
      expect((await readFile(join(dir, DAMAGED))).equals(bad)).toBe(true)
    })
  }

  it('replays the journal on top of the backup when it continues from it', async () => {
    const { dir, backup } = await folderWithBackup(true)
    await writeFile(join(dir, 'db.json'), '{"schemaVersion":1,"notes":[')
    const store = await open(dir)
    expect(ids(store)).toEqual(['a', 'b'])
    expect(store.status().recovered).toMatchObject({ damagedFiles: [DAMAGED], loadedBackup: backup })
    await store.close()
  })

  it('skips a damaged backup and takes the next newest', async () => {
    const dir = await folder()
    const s1 = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    await s1.commit({ puts: [note('a')] })
    await s1.close()
    const s2 = await openStore({ dir, schema: fakeSchema(), now: () => new Date('2024-04-01T10:00:00Z') })
    await s2.close()
    const s3 = await openStore({ dir, schema: fakeSchema(), now: () => new Date('2024-04-02T10:00:00Z') })
    await s3.close()
    const [newest, older] = await s3.listBackups()
    await writeFile(join(dir, 'backups', newest.name), '{"schemaVersion":1,')
    await writeFile(join(dir, 'db.json'), '')
    const store = await open(dir)
    expect(ids(store)).toEqual(['a'])
    expect(store.status().recovered?.loadedBackup).toBe(older.name)
    await store.close()
  })

  it('a journal entry that breaks validation is skipped alone: the journal is set aside, the good entries kept', async () => {
    const dir = await folder()
    const s = await open(dir, { compactOnCloseMaxBytes: 0 })
    await s.commit({ puts: [note('a')] })
    // The store does not validate records on commit (the services do): simulate one that slipped through.
    await s.commit({ puts: [{ collection: 'notes', record: { id: 'bad' } }] })
    await s.commit({ puts: [note('c')] })
    await s.close()
    const store = await open(dir)
    expect(ids(store)).toEqual(['a', 'c'])
    const rec = store.status().recovered
    expect(rec?.damagedFiles).toEqual(['journal.jsonl.damaged-2024-05-01T10-00-00-000Z'])
    expect(rec?.skippedEntries).toEqual([
      { file: 'journal.jsonl.damaged-2024-05-01T10-00-00-000Z', line: 2, seq: 2, reason: expect.stringMatching(/^schema: notes\.0\.text/) as unknown },
    ])
    expect(rec?.loadedBackup).toBeNull()
    expect(await readdir(dir)).toContain('db.json')
    await store.close()
  })
})

describe('a file from a newer app', () => {
  it('is refused with a clear error, left byte-identical, and the lock is released', async () => {
    const dir = await folder()
    const content = JSON.stringify({ schemaVersion: 7, journalSeq: 0, settings: {}, notes: [], tags: [] })
    await writeFile(join(dir, 'db.json'), content)
    await expect(open(dir)).rejects.toThrow(NewerSchemaError)
    await expect(open(dir)).rejects.toThrow(/schema version 7.*only knows up to 1/)
    expect(await readFile(join(dir, 'db.json'), 'utf8')).toBe(content)
    expect((await readdir(dir)).sort()).toEqual(['backups', 'db.json'])
  })
})

describe('validation at open', () => {
  it('trusts a snapshot only while its bytes match what the store wrote', async () => {
    const dir = await folder()
    const s = await open(dir, { compactOnCloseMaxBytes: Infinity })
    await s.commit({ puts: [note('a')] })
    await s.close()
    // Valid JSON, but a record the schema refuses: the sidecar no longer matches,
    // so the file is validated in full and set aside.
    const good = await readFile(join(dir, 'db.json'), 'utf8')
    const tampered = good.replace(/"text":"[^"]*"/, '"text":7')
    expect(tampered).not.toBe(good)
    await writeFile(join(dir, 'db.json'), tampered)
    const store = await open(dir)
    expect(store.status().recovered?.damagedFiles).toEqual([DAMAGED])
    await store.close()
    expect(await readFile(join(dir, DAMAGED), 'utf8')).toBe(tampered)
  })

  it('hashes a large snapshot in a worker beside the parse: trusted while its bytes match, validated once they do not', async () => {
    const dir = await folder()
    const s = await open(dir, { compactOnCloseMaxBytes: Infinity })
    // Over 8 MB, so that the hash runs beside the parse (snapshot-adapter.ts).
    const notes = Array.from({ length: 12_000 }, (_, i) => note(`n${i}`, `${i} ${'长'.repeat(300)}`))
    await s.commit({ puts: notes })
    await s.close()
    const good = await readFile(join(dir, 'db.json'), 'utf8')
    expect(Buffer.byteLength(good)).toBeGreaterThan(8 << 20)
    let validations = 0
    const counting = { ...fakeSchema(), validate: (raw: unknown) => ((validations += 1), fakeSchema().validate(raw)) }
    const trusted = await open(dir, { schema: counting })
    expect(trusted.data.notes).toHaveLength(12_000)
    expect(trusted.get('notes', 'n11999')).toEqual(notes[11_999].record)
    await trusted.close()
    expect(validations).toBe(0)
    // Still JSON, laid out as the store writes it, but one record the schema refuses: not trusted, validated, set aside.
    const tampered = good.replace('"text":"0 ', '"text":0,"was":"')
    expect(tampered).not.toBe(good)
    await writeFile(join(dir, 'db.json'), tampered)
    const store = await open(dir, { schema: counting })
    expect(validations).toBeGreaterThan(0)
    expect(store.status().recovered?.damagedFiles).toEqual([DAMAGED])
    await store.close()
  })

  it('still validates what the journal adds on top of a trusted snapshot', async () => {
    const dir = await folder()
    const s = await open(dir, { compactOnCloseMaxBytes: Infinity })
    await s.commit({ puts: [note('a')] })
    await s.close()
    await writeFile(join(dir, 'journal.jsonl'), `${JSON.stringify({ seq: 2, puts: [['notes', { id: 'bad', text: 7 }]] })}\n`)
    const store = await open(dir)
    expect(ids(store)).toEqual(['a'])
    expect(store.status().recovered?.damagedFiles.some((f) => f.startsWith('journal'))).toBe(true)
    await store.close()
  })
})
