import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BACKUP_DIR, listBackupFiles } from './backup-files'
import { errorCode } from './fs-port'
import type { StoreFs } from './fs-port'
import { planJournal, planWithoutJournal, readJournalFiles } from './journal-plan'
import type { JournalPlan } from './journal-plan'
import type { JournalScan } from './journal-read'
import { MemoryState, replayRaw } from './memory'
import { NewerSchemaError, assertNotNewer, migrateToCurrent } from './migrations'
import { setAside } from './set-aside'
import { SnapshotUnparseableError, readSnapshot, snapshotDb } from './snapshot-adapter'
import type { SnapshotDoc } from './snapshot-adapter'
import type { DbShape, OpenTimings, StoreSchema } from './types'

export const SNAPSHOT_FILE = 'db.json'

export interface LoadContext<D extends DbShape> {
  fs: StoreFs
  dir: string
  schema: StoreSchema<D>
  now: () => Date
  /** called with the replayed, not yet migrated document when a migration is about to run */
  beforeMigrate?: (doc: SnapshotDoc, fromVersion: number) => Promise<void>
}

export interface Loaded<D extends DbShape> {
  memory: MemoryState<D>
  plan: JournalPlan
  /** where the state came from; anything but 'snapshot' means db.json must be written now */
  source: 'snapshot' | 'backup' | 'empty' | 'fresh'
  migratedFrom: number | null
  loadedBackup: string | null
  /** db.json's new name if it was damaged and moved aside */
  damagedSnapshot: string | null
  timings: OpenTimings
}

interface Assembled<D extends DbShape> {
  memory: MemoryState<D>
  migratedFrom: number | null
}

function baseSeqOf(doc: SnapshotDoc): number {
  const v = doc.journalSeq
  if (v === undefined) return 0
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Error('journalSeq is not a whole number')
  return v
}

const ms = (t0: number): number => performance.now() - t0

/**
 * Only what the journal adds on top of a trusted snapshot: the settings and every record it puts,
 * checked with the same schema function as a whole file.
 */
function journalPart(doc: SnapshotDoc, plan: JournalPlan, collections: readonly string[]): SnapshotDoc {
  const part: SnapshotDoc = { ...doc }
  for (const name of collections) part[name] = []
  for (const entry of plan.entries) {
    for (const [collection, record] of entry.puts) {
      const list = part[collection]
      if (Array.isArray(list)) list.push(record)
    }
  }
  return part
}

/**
 * parse result -> replay -> migrate -> validate -> index. Mutates doc. A trusted snapshot (its bytes
 * are what this store wrote, and so validated before commit) at the current version skips the
 * validation of its own records: opening then costs about one read and parse.
 */
async function assemble<D extends DbShape>(
  ctx: LoadContext<D>,
  doc: SnapshotDoc,
  plan: JournalPlan,
  label: string,
  timings: OpenTimings,
  trusted = false,
): Promise<Assembled<D>> {
  delete doc.journalSeq
  const version = assertNotNewer(doc, ctx.schema, label)
  let t = performance.now()
  replayRaw(doc, plan.entries)
  timings.journal += ms(t)
  if (trusted && version === ctx.schema.version) {
    t = performance.now()
    ctx.schema.validate(journalPart(doc, plan, ctx.schema.collections))
    timings.validate += ms(t)
    t = performance.now()
    const memory = new MemoryState(doc as D, ctx.schema.collections)
    timings.index += ms(t)
    return { memory, migratedFrom: null }
  }
  if (version < ctx.schema.version && ctx.beforeMigrate) await ctx.beforeMigrate({ ...doc, journalSeq: plan.lastSeq }, version)
  t = performance.now()
  const { data, from } = migrateToCurrent(doc, ctx.schema, label)
  timings.migrate += ms(t)
  t = performance.now()
  const validated = ctx.schema.validate(data)
  timings.validate += ms(t)
  t = performance.now()
  const memory = new MemoryState(validated, ctx.schema.collections)
  timings.index += ms(t)
  return { memory, migratedFrom: from < ctx.schema.version ? from : null }
}

type Attempt<D extends DbShape> = { ok: true; assembled: Assembled<D>; plan: JournalPlan } | { ok: false; error: Error }

/**
 * Loads one candidate base (db.json or a backup) with the journal on top. If the result does not validate
 * but the base alone does, the journal is what is broken: keep the base and set the journal aside.
 */
async function attempt<D extends DbShape>(
  ctx: LoadContext<D>,
  read: () => Promise<SnapshotDoc | null>,
  scans: readonly JournalScan[],
  label: string,
  timings: OpenTimings,
  newerIsFatal: boolean,
  trusted: () => boolean = () => false,
): Promise<Attempt<D>> {
  let firstError: Error
  try {
    const doc = await read()
    if (doc === null) return { ok: false, error: new Error(`${label} does not exist`) }
    const plan = planJournal(scans, baseSeqOf(doc))
    try {
      return { ok: true, assembled: await assemble(ctx, doc, plan, label, timings, trusted()), plan }
    } catch (err) {
      if (err instanceof NewerSchemaError) throw err
      firstError = err instanceof Error ? err : new Error(String(err))
      if (plan.entries.length === 0) return { ok: false, error: firstError }
    }
    const again = await read()
    if (again === null) return { ok: false, error: firstError }
    const bare = planWithoutJournal(scans, baseSeqOf(again))
    try {
      return { ok: true, assembled: await assemble(ctx, again, bare, label, timings, trusted()), plan: bare }
    } catch {
      return { ok: false, error: firstError }
    }
  } catch (err) {
    // For db.json, only damage leads to recovery; a newer app's file or a read error (EACCES, EIO) must stop the open.
    if (newerIsFatal && (err instanceof NewerSchemaError || errorCode(err) !== undefined)) throw err
    return { ok: false, error: err instanceof Error ? err : new Error(String(err)) }
  }
}

/**
 * Opens the data at start: db.json + journal; if db.json is damaged it is moved aside (never overwritten)
 * and the newest backup that loads is used instead; failing that, an empty database.
 */
export async function loadDatabase<D extends DbShape>(ctx: LoadContext<D>): Promise<Loaded<D>> {
  const t0 = performance.now()
  const timings: OpenTimings = { read: 0, parse: 0, journal: 0, migrate: 0, validate: 0, index: 0, total: 0 }
  const { fs, dir, schema } = ctx
  let t = performance.now()
  const scans = await readJournalFiles(fs, dir)
  timings.journal += ms(t)

  const main = snapshotDb(fs, join(dir, SNAPSHOT_FILE), schema.collections)
  const finish = (loaded: Omit<Loaded<D>, 'timings'>): Loaded<D> => {
    timings.total = ms(t0)
    return { ...loaded, timings }
  }

  let mainExists = true
  const readMain = async (): Promise<SnapshotDoc | null> => {
    const doc = await readSnapshot(main)
    if (doc === null) mainExists = false
    if (main.adapter.lastRead) {
      timings.read += main.adapter.lastRead.readMs
      timings.parse += main.adapter.lastRead.parseMs
    }
    return doc
  }
  const first = await attempt(ctx, readMain, scans, SNAPSHOT_FILE, timings, true, () => main.adapter.lastRead?.trusted === true)
  if (first.ok) {
    return finish({ ...first.assembled, plan: first.plan, source: 'snapshot', loadedBackup: null, damagedSnapshot: null })
  }

  const backups = await listBackupFiles(fs, dir)
  if (!mainExists && backups.length === 0 && scans.length === 0) {
    t = performance.now()
    const memory = new MemoryState(schema.validate(schema.empty()), schema.collections)
    timings.validate += ms(t)
    return finish({ memory, plan: planJournal([], 0), source: 'fresh', migratedFrom: null, loadedBackup: null, damagedSnapshot: null })
  }

  // From here on this is recovery: db.json is damaged, or missing while other data says it should exist.
  const damagedSnapshot = mainExists ? await setAside(fs, dir, SNAPSHOT_FILE, ctx.now()) : null
  const noMigrationHook: LoadContext<D> = { ...ctx, beforeMigrate: undefined }
  for (const backup of backups) {
    const db = snapshotDb(fs, join(dir, BACKUP_DIR, backup.name), schema.collections)
    const tried = await attempt(noMigrationHook, () => readSnapshot(db), scans, `Backup ${backup.name}`, timings, false)
    if (tried.ok) {
      return finish({ ...tried.assembled, plan: tried.plan, source: 'backup', loadedBackup: backup.name, damagedSnapshot })
    }
  }
  const fromEmpty = await attempt(
    noMigrationHook,
    async () => ({ ...schema.empty(), journalSeq: 0 }),
    scans,
    'An empty database',
    timings,
    false,
  )
  if (!fromEmpty.ok) throw fromEmpty.error
  return finish({ ...fromEmpty.assembled, plan: fromEmpty.plan, source: 'empty', loadedBackup: null, damagedSnapshot })
}

export { SnapshotUnparseableError }
