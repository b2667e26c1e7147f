import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BACKUP_DIR, listBackupFiles } from './backup-files'
import { KeyError } from './file-codec'
import type { FileCodec } from './file-codec'
import { errorCode } from './fs-port'
import type { StoreFs } from './fs-port'
import { planJournal, planWithoutJournal, readJournalFiles } from './journal-plan'
import type { JournalPlan } from './journal-plan'
import type { JournalEntry, JournalScan } from './journal-read'
import { MemoryState, replayRaw } from './memory'
import { NewerSchemaError, assertNotNewer, migrateToCurrent } from './migrations'
import { setAside } from './set-aside'
import { SnapshotUnparseableError, readSnapshot, snapshotDb } from './snapshot-adapter'
import { budgetPause } from './snapshot-parse'
import type { SnapshotDoc } from './snapshot-adapter'
import type { DbShape, OpenTimings, ReplayedPut, SkippedEntry, StoreSchema, StoredRecord } from './types'

export const SNAPSHOT_FILE = 'db.json'

export interface LoadContext<D extends DbShape> {
  fs: StoreFs
  dir: string
  schema: StoreSchema<D>
  now: () => Date
  codec?: FileCodec
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
  /**
   * db.json as read, when it is exactly what this store last wrote: the store need not write it
   * again before its first backup (a 70 MB rewrite at every start otherwise).
   */
  trustedSnapshot?: { sha256: string; bytes: number }
  /**
   * When the state is db.json's records as read (trusted, at the current version) with journal
   * entries replayed over them: the puts replayed. Whatever was derived from those bytes (the
   * search index's cache) holds for every other record.
   */
  replayedOverSnapshot?: ReplayedPut[]
  timings: OpenTimings
}

interface Assembled<D extends DbShape> {
  memory: MemoryState<D>
  migratedFrom: number | null
  /** journal entries whose records or settings failed the schema */
  rejected: SkippedEntry[]
  /** the puts replayed over the base's own records, when those records are the state's as parsed (trusted, current version) */
  replayed?: ReplayedPut[]
}

function baseSeqOf(doc: SnapshotDoc): number {
  const v = doc.journalSeq
  if (v === undefined) return 0
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Error('journalSeq is not a whole number')
  return v
}

const ms = (t0: number): number => performance.now() - t0

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/**
 * The cheap part of "matches the schema": every collection is a list and settings an object. Run even
 * on a trusted snapshot, because replaying into a collection that is null or missing would otherwise
 * start it from an empty list and lose everything it held.
 */
function checkShape(doc: SnapshotDoc, collections: readonly string[], label: string): void {
  for (const name of collections) {
    const list = doc[name]
    if (!Array.isArray(list)) throw new Error(`${label}: collection "${name}" is ${list === undefined ? 'missing' : 'not a list'}`)
  }
  if (!isPlainObject(doc.settings)) throw new Error(`${label}: settings is not an object`)
}

/**
 * Checks each journal entry on its own (its records, and the settings it leaves behind) with the same
 * schema function as a whole file, so one bad entry is skipped and reported instead of taking the good
 * ones down with it. Returns the entries as validated.
 */
function validEntries<D extends DbShape>(
  ctx: LoadContext<D>,
  doc: SnapshotDoc,
  plan: JournalPlan,
): { entries: JournalEntry[]; rejected: SkippedEntry[] } {
  const { collections } = ctx.schema
  const entries: JournalEntry[] = []
  const rejected: SkippedEntry[] = []
  let settings = doc.settings as Record<string, unknown>
  for (const { entry, file, line } of plan.entries) {
    const part: SnapshotDoc = { schemaVersion: doc.schemaVersion, settings: entry.settings ? { ...settings, ...entry.settings } : settings }
    for (const name of collections) part[name] = []
    for (const [collection, record] of entry.puts) (part[collection] as unknown[]).push(record)
    let valid: Record<string, unknown>
    try {
      valid = ctx.schema.validate(part) as unknown as Record<string, unknown>
    } catch (err) {
      rejected.push({ file, line, seq: entry.seq, reason: `schema: ${err instanceof Error ? err.message : String(err)}` })
      continue
    }
    const puts: JournalEntry['puts'] = []
    for (const name of collections) for (const record of valid[name] as StoredRecord[]) puts.push([name, record])
    if (entry.settings) settings = valid.settings as Record<string, unknown>
    entries.push({ seq: entry.seq, puts, settings: entry.settings ? settings : undefined })
  }
  return { entries, rejected }
}

/** JSON with object keys sorted: two parses of the same record compare equal whatever their key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    isPlainObject(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x,
  )
}

/**
 * A snapshot says which journal entries it holds (journalSeq); entries up to there are not replayed.
 * A snapshot this store did not write (untrusted) might claim more than it holds, and the writes it
 * lacks would then be hidden without a word. So its claim is checked against the entries it covers
 * that the journal still has: a contiguous run up to journalSeq, so the last put of each record in
 * it is that record as the snapshot must hold it. Any difference is damage.
 */
function checkCovered(doc: SnapshotDoc, covered: JournalPlan['covered'], label: string): void {
  const last = new Map<string, { collection: string; record: StoredRecord; seq: number }>()
  for (const { entry } of covered) for (const [collection, record] of entry.puts) last.set(`${collection}\u0000${record.id}`, { collection, record, seq: entry.seq })
  const byId = new Map<string, Map<string, unknown>>()
  for (const { collection, record, seq } of last.values()) {
    let index = byId.get(collection)
    if (!index) {
      const list = doc[collection]
      index = new Map(Array.isArray(list) ? list.filter(isPlainObject).map((r) => [String(r.id), r] as const) : [])
      byId.set(collection, index)
    }
    const held = index.get(record.id)
    if (held === undefined || canonical(held) !== canonical(record)) {
      throw new Error(`${label} says it holds the journal up to entry ${String(doc.journalSeq)}, but entry ${seq}'s write to ${collection} is not in it`)
    }
  }
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
  const version = assertNotNewer(doc, ctx.schema, label)
  if (version === ctx.schema.version) {
    checkShape(doc, ctx.schema.collections, label)
    if (!trusted) checkCovered(doc, plan.covered, label)
    delete doc.journalSeq
    let t = performance.now()
    const base = trusted ? doc : (ctx.schema.validate(doc) as unknown as SnapshotDoc)
    const { entries, rejected } = validEntries(ctx, base, plan)
    timings.validate += ms(t)
    t = performance.now()
    replayRaw(base, entries)
    timings.journal += ms(t)
    t = performance.now()
    // Bytes this store wrote hold distinct ids: their maps are built after the open (Store.settled).
    const memory = trusted ? MemoryState.deferred(base as D, ctx.schema.collections) : await MemoryState.build(base as D, ctx.schema.collections, budgetPause())
    timings.index += ms(t)
    const replayed = trusted ? entries.flatMap((e) => e.puts.map(([c, r]): ReplayedPut => [c, r.id])) : undefined
    return { memory, migratedFrom: null, rejected, ...(replayed ? { replayed } : {}) }
  }
  delete doc.journalSeq
  let t = performance.now()
  replayRaw(doc, plan.entries.map((e) => e.entry))
  timings.journal += ms(t)
  if (ctx.beforeMigrate) await ctx.beforeMigrate({ ...doc, journalSeq: plan.lastSeq }, version)
  t = performance.now()
  const { data, from } = migrateToCurrent(doc, ctx.schema, label)
  timings.migrate += ms(t)
  t = performance.now()
  const validated = ctx.schema.validate(data)
  timings.validate += ms(t)
  t = performance.now()
  const memory = new MemoryState(validated, ctx.schema.collections)
  timings.index += ms(t)
  return { memory, migratedFrom: from < ctx.schema.version ? from : null, rejected: [] }
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
    // A directory where db.json should be is damage like any other: it is renamed aside like a file.
    // Without the right key every file would look damaged; recovering would move good data aside.
    if (err instanceof KeyError) throw err
    const code = errorCode(err)
    if (newerIsFatal && (err instanceof NewerSchemaError || (code !== undefined && code !== 'EISDIR'))) throw err
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
  const scans = await readJournalFiles(fs, dir, schema.collections, ctx.codec)
  timings.journal += ms(t)

  const main = snapshotDb(fs, join(dir, SNAPSHOT_FILE), schema.collections, ctx.codec)
  const finish = (loaded: Omit<Loaded<D>, 'timings'>): Loaded<D> => {
    timings.total = ms(t0)
    return { ...loaded, timings }
  }
  /** Entries the schema refused are skipped like damaged lines: their file is kept aside and named. */
  const settle = (a: Assembled<D>, plan: JournalPlan): Pick<Loaded<D>, 'memory' | 'migratedFrom' | 'plan'> => {
    for (const r of a.rejected) {
      plan.skipped.push(r)
      if (!plan.setAside.includes(r.file)) plan.setAside.push(r.file)
    }
    plan.skipped.sort((x, y) => (x.file === y.file ? x.line - y.line : 0))
    plan.truncate = plan.truncate.filter((t) => !plan.setAside.includes(t.name))
    return { memory: a.memory, migratedFrom: a.migratedFrom, plan }
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
    const read = main.adapter.lastRead
    const trustedSnapshot = read?.trusted && read.sha256 !== undefined ? { sha256: read.sha256, bytes: read.bytes } : undefined
    return finish({
      ...settle(first.assembled, first.plan),
      source: 'snapshot',
      loadedBackup: null,
      damagedSnapshot: null,
      ...(trustedSnapshot ? { trustedSnapshot } : {}),
      ...(first.assembled.replayed ? { replayedOverSnapshot: first.assembled.replayed } : {}),
    })
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
    const db = snapshotDb(fs, join(dir, BACKUP_DIR, backup.name), schema.collections, ctx.codec)
    const tried = await attempt(noMigrationHook, () => readSnapshot(db), scans, `Backup ${backup.name}`, timings, false)
    if (tried.ok) {
      return finish({ ...settle(tried.assembled, tried.plan), source: 'backup', loadedBackup: backup.name, damagedSnapshot })
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
  return finish({ ...settle(fromEmpty.assembled, fromEmpty.plan), source: 'empty', loadedBackup: null, damagedSnapshot })
}

export { SnapshotUnparseableError }
