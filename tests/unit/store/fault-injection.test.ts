// @vitest-environment node
/**
 * A failing disk at every write step of every store operation: EIO, ENOSPC and EROFS at open, write,
 * fsync and rename. Each time: the error reaches the caller (or the background error event), the prior
 * state is intact in memory and on disk, and writes work again once the fault clears.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StoreOpenError, openStore } from '../../../src/main/store'
import type { Store, StoreEvent } from '../../../src/main/store'
import { fakeSchema, note, tempDir } from './fake-schema'
import type { FakeDb } from './fake-schema'
import { recordingFs } from './recording-fs'
import type { FsOp, RecordingFs } from './recording-fs'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

const CODES = ['EIO', 'ENOSPC', 'EROFS'] as const
type Code = (typeof CODES)[number]
const fail = (code: Code): Error => Object.assign(new Error(`${code}: simulated failure`), { code })

interface Harness {
  dir: string
  fs: RecordingFs
  store: Store<FakeDb>
  events: StoreEvent[]
  /** resolves with the next event matching */
  next: (match: (e: StoreEvent) => boolean) => Promise<StoreEvent>
}

async function harness(extra: Partial<Parameters<typeof openStore<FakeDb>>[0]> = {}): Promise<Harness> {
  const t = await tempDir('faults')
  cleanups.push(t.cleanup)
  const fs = recordingFs()
  const events: StoreEvent[] = []
  const listeners: Array<(e: StoreEvent) => void> = []
  const store = await openStore({
    dir: t.dir,
    schema: fakeSchema(),
    fs,
    backupOnOpen: false,
    onEvent: (e) => {
      events.push(e)
      for (const l of listeners.splice(0)) l(e)
    },
    ...extra,
  })
  const next = (match: (e: StoreEvent) => boolean): Promise<StoreEvent> =>
    new Promise((resolve) => {
      const listen = (e: StoreEvent): void => {
        if (match(e)) resolve(e)
        else listeners.push(listen)
      }
      listeners.push(listen)
    })
  return { dir: t.dir, fs, store, events, next }
}

/** Fails every `op` on a path matching `where` while armed; says whether the fault was ever hit. */
function arm(fs: RecordingFs, op: FsOp, code: Code, where: (path: string) => boolean = () => true): { disarm: () => boolean } {
  let hit = false
  fs.fault = (o, path) => {
    if (o !== op || !where(path)) return undefined
    hit = true
    return fail(code)
  }
  return {
    disarm: () => {
      fs.fault = undefined
      return hit
    },
  }
}

const ids = (s: Store<FakeDb>): string[] => s.data.notes.map((n) => n.id).sort()

async function reopenHas(dir: string, expected: string[]): Promise<void> {
  const again = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
  expect(ids(again)).toEqual([...expected].sort())
  await again.commit({ puts: [note('later')] })
  expect(ids(again)).toContain('later')
  await again.close()
}

const errorCodeOf = (e: StoreEvent): string | undefined => (e.type === 'error' ? (e.error as Error & { code?: string }).code : undefined)

describe.each(CODES)('fault %s', (code) => {
  it.each(['write', 'datasync'] as const)('commit, at %s: rejected, nothing applied, later commits work', async (op) => {
    const h = await harness()
    await h.store.commit({ puts: [note('a')] })
    const fault = arm(h.fs, op, code, (p) => p.endsWith('journal.jsonl'))
    await expect(h.store.commit({ puts: [note('b'), note('a', 'changed')] })).rejects.toMatchObject({ code })
    expect(fault.disarm()).toBe(true)
    expect(ids(h.store)).toEqual(['a'])
    expect(h.store.get('notes', 'a')?.text).toBe('text of a')
    await h.store.commit({ puts: [note('c')] })
    await h.store.close()
    await reopenHas(h.dir, ['a', 'c'])
  })

  it.each(['open', 'write', 'sync', 'rename'] as const)('compaction, at %s: reported as a background error, nothing lost, retried later', async (op) => {
    const h = await harness({ compactAfterEntries: 2, backupIntervalMs: Infinity })
    await h.store.commit({ puts: [note('a')] })
    const fault = arm(h.fs, op, code, (p) => p.includes('db.json'))
    const failed = h.next((e) => e.type === 'error' || e.type === 'compaction')
    await h.store.commit({ puts: [note('b')] })
    const event = await failed
    expect(event).toMatchObject({ type: 'error', op: 'compaction' })
    expect(errorCodeOf(event)).toBe(code)
    expect(fault.disarm()).toBe(true)
    expect(ids(h.store)).toEqual(['a', 'b'])
    // The back-off waits for compactAfterEntries more commits, then compacts.
    const compacted = h.next((e) => e.type === 'compaction')
    for (const id of ['c', 'd']) await h.store.commit({ puts: [note(id)] })
    await compacted
    await h.store.close()
    await reopenHas(h.dir, ['a', 'b', 'c', 'd'])
  })

  it.each(['copyFile', 'open', 'sync', 'rename'] as const)('backup, at %s: reported as a background error, no half backup left', async (op) => {
    const h = await harness({ backupIntervalMs: 0 })
    // copyFile is logged under its source (db.json); every other step under the backups/ path.
    const fault = arm(h.fs, op, code, (p) => op === 'copyFile' || p.includes('/backups/'))
    const failed = h.next((e) => e.type === 'error' || e.type === 'backup')
    await h.store.commit({ puts: [note('a')] })
    const event = await failed
    expect(event).toMatchObject({ type: 'error', op: 'backup' })
    expect(errorCodeOf(event)).toBe(code)
    expect(fault.disarm()).toBe(true)
    expect(await h.store.listBackups()).toEqual([])
    const done = h.next((e) => e.type === 'backup')
    await h.store.commit({ puts: [note('b')] })
    await done
    expect(await h.store.listBackups()).toHaveLength(1)
    await h.store.close()
    await reopenHas(h.dir, ['a', 'b'])
  })

  it.each(['open', 'write', 'sync', 'rename'] as const)('replaceAll, at %s: rejected, the old state stays, later writes work', async (op) => {
    const h = await harness({ backupIntervalMs: Infinity })
    await h.store.commit({ puts: [note('a')] })
    const fault = arm(h.fs, op, code)
    await expect(h.store.replaceAll({ schemaVersion: 1, settings: {}, notes: [{ id: 'x', text: 'X' }], tags: [] })).rejects.toMatchObject({ code })
    expect(fault.disarm()).toBe(true)
    expect(ids(h.store)).toEqual(['a'])
    await h.store.commit({ puts: [note('b')] })
    await h.store.close()
    await reopenHas(h.dir, ['a', 'b'])
  })

  it.each(['open', 'write', 'sync', 'rename'] as const)('restore, at %s: rejected, the current state stays', async (op) => {
    const h = await harness({ backupIntervalMs: Infinity })
    await h.store.commit({ puts: [note('old')] })
    await h.store.close()
    // A folder with a backup holding "old", then "a" committed on top.
    let backedUp: () => void = () => undefined
    const opened = new Promise<void>((resolve) => (backedUp = resolve))
    const withBackup = await openStore({
      dir: h.dir,
      schema: fakeSchema(),
      fs: h.fs,
      backupIntervalMs: Infinity,
      onEvent: (e) => e.type === 'backup' && backedUp(),
    })
    await opened
    await withBackup.commit({ puts: [note('a')] })
    const [backup] = await withBackup.listBackups()
    expect(backup).toBeDefined()
    const fault = arm(h.fs, op, code)
    await expect(withBackup.restoreBackup(backup.name)).rejects.toMatchObject({ code })
    expect(fault.disarm()).toBe(true)
    expect(ids(withBackup)).toEqual(['a', 'old'])
    await withBackup.commit({ puts: [note('b')] })
    await withBackup.close()
    await reopenHas(h.dir, ['a', 'b', 'old'])
  })

  it.each(['mkdir', 'open', 'write', 'sync'] as const)('opening the folder, at %s: a typed error that says what to do, and no lock left behind', async (op) => {
    const t = await tempDir('faults-open')
    cleanups.push(t.cleanup)
    const fs = recordingFs()
    const fault = arm(fs, op, code)
    const err: unknown = await openStore({ dir: t.dir, schema: fakeSchema(), fs, backupOnOpen: false }).catch((e: unknown) => e)
    expect(fault.disarm()).toBe(true)
    expect(err).toBeInstanceOf(StoreOpenError)
    const reason = { EIO: 'io', ENOSPC: 'disk-full', EROFS: 'read-only' }[code]
    expect(err).toMatchObject({ reason, code })
    expect((err as Error).message).not.toMatch(/^E[A-Z]+:/)
    await reopenHas(t.dir, [])
  })
})

describe('closing with a folder that became unwritable', () => {
  it('resolves instead of rejecting, reports what failed, and the next start takes over the lock left behind', async () => {
    const h = await harness({ backupIntervalMs: Infinity })
    await h.store.commit({ puts: [note('a')] })
    h.fs.fault = (op) => (op === 'readFile' ? undefined : fail('EROFS'))
    await expect(h.store.close()).resolves.toBeUndefined()
    h.fs.fault = undefined
    const failures = h.events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.op : ''))
    expect(failures).toContain('compaction')
    expect(failures).toContain('close')
    // The lock file could not be removed, but it names a holder that is gone: the next start takes it over.
    await reopenHas(h.dir, ['a'])
  })
})

describe('a recovery whose report cannot be written', () => {
  it('still opens, shows the report for this session and logs why it will not outlast it', async () => {
    const h = await harness()
    await h.store.commit({ puts: [note('a')] })
    await h.store.close()
    await writeFile(join(h.dir, 'db.json'), '')
    const fs = recordingFs()
    fs.fault = (op, path) => (op === 'rename' && path.includes('recovery.json') ? fail('ENOSPC') : undefined)
    const events: StoreEvent[] = []
    const store = await openStore({ dir: h.dir, schema: fakeSchema(), fs, backupOnOpen: false, onEvent: (e) => events.push(e) })
    expect(ids(store)).toEqual(['a'])
    expect(store.status().recovered?.damagedFiles[0]).toMatch(/^db\.json\.damaged-/)
    expect(events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.op : ''))).toEqual(['recovery-report'])
    await store.close()
  })
})
