// @vitest-environment node
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NewerSchemaError, migrateToCurrent, openStore } from '../../../src/main/store'
import type { Migration } from '../../../src/main/store'
import { fakeSchema, tempDir } from './fake-schema'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

type Raw = Record<string, unknown>
type Rec = Record<string, unknown>

/** v1 -> v2: notes' "body" became "text". */
const toV2: Migration = (d) => ({
  ...d,
  notes: (d.notes as Rec[]).map(({ body, ...rest }) => ({ ...rest, text: body })),
})
/** v2 -> v3: the tags collection was added. */
const toV3: Migration = (d) => ({ ...d, tags: [] })

function counted(calls: number[], version: number, m: Migration): Migration {
  return (d) => {
    calls.push(version)
    return m(d)
  }
}

describe('migration runner', () => {
  const v1: Raw = { schemaVersion: 1, settings: {}, notes: [{ id: 'a', body: 'hello' }] }

  it('migrations[2] alone turns v1 into v2', () => {
    const schema = fakeSchema(2, { 2: toV2 })
    const { data, from } = migrateToCurrent({ ...v1 }, schema)
    expect(from).toBe(1)
    expect(data).toEqual({ schemaVersion: 2, settings: {}, notes: [{ id: 'a', text: 'hello' }] })
  })

  it('migrations[3] alone turns v2 into v3', () => {
    const schema = fakeSchema(3, { 2: toV2, 3: toV3 })
    const calls: number[] = []
    const s = { ...schema, migrations: { 2: counted(calls, 2, toV2), 3: counted(calls, 3, toV3) } }
    const { data } = migrateToCurrent({ schemaVersion: 2, settings: {}, notes: [] }, s)
    expect(calls).toEqual([3])
    expect(data).toEqual({ schemaVersion: 3, settings: {}, notes: [], tags: [] })
  })

  it('runs every step in order from the file version, and sets schemaVersion after each', () => {
    const calls: number[] = []
    const seen: unknown[] = []
    const schema = fakeSchema(3, {
      2: counted(calls, 2, (d) => {
        seen.push(d.schemaVersion)
        return toV2(d)
      }),
      3: counted(calls, 3, (d) => {
        seen.push(d.schemaVersion)
        return toV3(d)
      }),
    })
    const { data, from } = migrateToCurrent({ ...v1 }, schema)
    expect(calls).toEqual([2, 3])
    expect(seen).toEqual([1, 2])
    expect(from).toBe(1)
    expect(schema.validate(data)).toEqual({ schemaVersion: 3, settings: {}, notes: [{ id: 'a', text: 'hello' }], tags: [] })
  })

  it('runs nothing for a file at the current version', () => {
    const calls: number[] = []
    const schema = fakeSchema(3, { 2: counted(calls, 2, toV2), 3: counted(calls, 3, toV3) })
    const doc = { schemaVersion: 3, settings: {}, notes: [], tags: [] }
    expect(migrateToCurrent(doc, schema)).toEqual({ data: doc, from: 3 })
    expect(calls).toEqual([])
  })

  it('treats a file without schemaVersion as version 0', () => {
    const schema = fakeSchema(1, { 1: (d) => ({ ...d, notes: [], tags: [] }) })
    const { data, from } = migrateToCurrent({ settings: {} }, schema)
    expect(from).toBe(0)
    expect(schema.validate(data)).toEqual({ schemaVersion: 1, settings: {}, notes: [], tags: [] })
  })

  it('refuses a newer file, a missing step, a failing step and a bad version', () => {
    const schema = fakeSchema(3, { 2: toV2 })
    expect(() => migrateToCurrent({ schemaVersion: 4 }, schema)).toThrow(NewerSchemaError)
    expect(() => migrateToCurrent({ ...v1 }, schema)).toThrow('No migration to schema version 3')
    const failing = fakeSchema(2, {
      2: () => {
        throw new Error('boom')
      },
    })
    expect(() => migrateToCurrent({ ...v1 }, failing)).toThrow('Migration to schema version 2 failed: boom')
    expect(() => migrateToCurrent({ settings: {} }, schema)).toThrow('No migration to schema version 1')
    expect(() => migrateToCurrent({ schemaVersion: '2' }, schema)).toThrow('schemaVersion is not a whole number')
  })
})

describe('migrations at open', () => {
  it('migrates db.json and its journal, keeps a pre-migration backup, and does not migrate again', async () => {
    const t = await tempDir('migrate')
    cleanups.push(t.cleanup)
    const dir = t.dir
    await writeFile(join(dir, 'db.json'), JSON.stringify({ schemaVersion: 1, journalSeq: 0, settings: {}, notes: [{ id: 'a', body: 'one' }] }))
    // Written by the v1 app: the entry has v1's shape and must be replayed before migrating.
    await writeFile(join(dir, 'journal.jsonl'), `${JSON.stringify({ seq: 1, puts: [['notes', { id: 'b', body: 'two' }]] })}\n`)
    const calls: number[] = []
    const schema = fakeSchema(3, { 2: counted(calls, 2, toV2), 3: counted(calls, 3, toV3) })
    const now = () => new Date('2024-05-01T10:00:00.000Z')

    const store = await openStore({ dir, schema, backupOnOpen: false, now })
    expect(calls).toEqual([2, 3])
    expect(store.data).toEqual({
      schemaVersion: 3,
      settings: {},
      notes: [
        { id: 'a', text: 'one' },
        { id: 'b', text: 'two' },
      ],
      tags: [],
    })
    await store.close()

    const pre = JSON.parse(await readFile(join(dir, 'backups', 'db-2024-05-01T10-00-00-000Z-v1.json'), 'utf8')) as Raw
    expect(pre).toEqual({ schemaVersion: 1, journalSeq: 1, settings: {}, notes: [{ id: 'a', body: 'one' }, { id: 'b', body: 'two' }] })
    const db = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')) as Raw
    expect(db.schemaVersion).toBe(3)
    expect((await readdir(dir)).filter((n) => n.startsWith('journal'))).toEqual(['journal.jsonl'])

    const again = await openStore({ dir, schema, backupOnOpen: false, now })
    expect(calls).toEqual([2, 3])
    expect(again.data.notes).toHaveLength(2)
    await again.close()
  })
})
