import { afterEach } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DbShape, Migration, StoreSchema, StoredRecord } from '../../../src/main/store'

/** A tiny stand-in for the real domain schema: the store must not care what the records are. */
export interface Note extends StoredRecord {
  text: string
}
export interface FakeDb extends DbShape {
  settings: Record<string, unknown>
  notes: Note[]
  tags: StoredRecord[]
}

export const FAKE_COLLECTIONS = ['notes', 'tags'] as const

function fail(msg: string): never {
  throw new Error(msg)
}

export function validateFake(raw: unknown, version: number): FakeDb {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('not an object')
  const o = raw as Record<string, unknown>
  if (o.schemaVersion !== version) fail(`schemaVersion must be ${version}`)
  if (o.settings === null || typeof o.settings !== 'object') fail('settings: expected object')
  for (const c of FAKE_COLLECTIONS) {
    const list = o[c]
    if (!Array.isArray(list)) fail(`${c}: expected array`)
    list.forEach((r: unknown, i) => {
      if (r === null || typeof r !== 'object' || typeof (r as StoredRecord).id !== 'string') fail(`${c}.${i}.id: expected string`)
      if (c === 'notes' && typeof (r as Note).text !== 'string') fail(`${c}.${i}.text: expected string`)
    })
  }
  return o as FakeDb
}

export function fakeSchema(version = 1, migrations: Record<number, Migration> = {}): StoreSchema<FakeDb> {
  return {
    version,
    collections: FAKE_COLLECTIONS,
    empty: () => ({ schemaVersion: version, settings: {}, notes: [], tags: [] }),
    migrations,
    validate: (raw) => validateFake(raw, version),
  }
}

export function note(id: string, text = `text of ${id}`): { collection: string; record: Note } {
  return { collection: 'notes', record: { id, text } }
}

export async function tempDir(label = 'store'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `liaison-${label}-`))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * Temp folders for one test file, removed after each test, with anything else the test pushes on
 * `cleanups` (a child process to kill, a store to close), last first.
 */
export function tempFolders(label: string): { folder: (name?: string) => Promise<string>; cleanups: Array<() => Promise<void>> } {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.()
  })
  return {
    cleanups,
    folder: async (name = label) => {
      const t = await tempDir(name)
      cleanups.push(t.cleanup)
      return t.dir
    },
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
