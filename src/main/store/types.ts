import type { FileCodec } from './file-codec'
import type { StoreFs } from './fs-port'

/** Records are immutable: a change replaces the whole object, so a shallow copy of an array is a consistent view. */
export interface StoredRecord {
  id: string
  [k: string]: unknown
}

export interface DbShape {
  schemaVersion: number
  settings: Record<string, unknown>
  [collection: string]: unknown
}

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>

export interface StoreSchema<D extends DbShape> {
  /** current schemaVersion */
  version: number
  /** names of the array-of-record collections in D */
  collections: readonly string[]
  empty(): D
  /** migrations[n] turns version n-1 into n */
  migrations: Record<number, Migration>
  /** throws an Error whose message says what is wrong */
  validate(raw: unknown): D
}

export interface Tx {
  puts: Array<{ collection: string; record: StoredRecord }>
  /** shallow patch merged into settings */
  settings?: Record<string, unknown>
  /**
   * puts serialised ahead by Store.preparePuts (a batch of 100,000 records), written before `puts`:
   * the commit then only joins them instead of serialising and parsing back in one blocking step
   */
  prepared?: PreparedPuts
  /** what the write is, for the prepare hook (never written itself) */
  meta?: Record<string, unknown>
}

/** Records serialised and parsed back ahead of their commit; only the store that made it takes it. */
export interface PreparedPuts {
  readonly count: number
}

/**
 * Rewrites a transaction just before it is queued, against the same head the plan saw: the app
 * stamps merge versions and history here, so every write path gets them without knowing of them.
 */
export type PrepareTx = (tx: Tx, head: StoreView) => Tx

/**
 * The state a commit will be applied to: what is durable plus every transaction queued before it.
 * Only for preconditions; screens read durable data.
 */
export interface StoreView {
  get(collection: string, id: string): StoredRecord | undefined
  /** every record of the collection, new ones last */
  all(collection: string): Iterable<StoredRecord>
  readonly settings: Record<string, unknown>
}

/** What a precondition returns: the transaction to queue and what the caller gets once it is durable. */
export interface TxPlan<T> {
  tx: Tx
  result: T
}

/** A journal line that was not replayed; its bytes are kept in `file` (a set-aside copy of the journal file). */
export interface SkippedEntry {
  file: string
  /** 1-based line in that file */
  line: number
  /** the seq the line claims, if it can be read */
  seq: number | null
  /** checksum, not-json, not-an-entry, unknown-collection, incomplete, conflicting-seq, out-of-order, schema, migration-failed */
  reason: string
}

export interface RecoveryReport {
  damagedFiles: string[]
  loadedBackup: string | null
  at: string
  /** journal lines not replayed */
  skippedEntries: SkippedEntry[]
  /** journal seq numbers found in no file although later ones exist */
  missingEntries: Array<{ from: number; to: number }>
}

export interface StoreStatus {
  dataDir: string
  recovered: RecoveryReport | null
}

export interface BackupEntry {
  name: string
  createdAt: string
  size: number
}

export interface Store<D extends DbShape> {
  /** live in-memory data; callers never mutate it */
  readonly data: D
  get(collection: string, id: string): StoredRecord | undefined
  /** where the record sits in its collection's array: records are appended or replaced, never moved */
  position(collection: string, id: string): number | undefined
  /** an opaque token that changes whenever the collection may have changed: a key for derived caches */
  revision(collection: string): string
  /** resolves only when durable on disk; all puts or none */
  commit(tx: Tx): Promise<void>
  /**
   * Runs `plan` synchronously against the head (durable state plus everything queued) and queues its
   * transaction in the same step, so no other commit can come between the check and the write.
   * What `plan` throws rejects the call with nothing queued. If an earlier queued write fails, or the
   * state is replaced before this one is written, it is rejected too: its check read a state that
   * will never exist.
   */
  transact<T>(plan: (head: StoreView) => TxPlan<T>): Promise<T>
  /**
   * Serialises puts for a later commit (Tx.prepared) in steps, yielding how many are done, so a big
   * batch is prepared in slices of the event loop. The puts are checked as a commit checks them.
   */
  preparePuts(puts: Tx['puts'], meta?: Tx['meta']): Generator<number, PreparedPuts>
  /**
   * The head (durable data plus queued commits) as a live view, and a number that changes whenever
   * it may have: a batch planned in slices against view() holds unchanged at commit time if
   * headVersion() is still what it was when planning began.
   */
  view(): StoreView
  headVersion(): number
  /** whole-state replace, validated, durable when resolved */
  replaceAll(data: D): Promise<void>
  status(): StoreStatus
  listBackups(): Promise<BackupEntry[]>
  /** backs up the current state first, then makes the named (validated) backup current */
  restoreBackup(name: string): Promise<void>
  /** forgets the recovery report once the user has read it (it is kept on disk until then) */
  dismissRecovery(): Promise<void>
  /**
   * Resolves once the work that follows the open in the background is done (the id maps of a large
   * db.json, a garbage collection of what its parse left): the app starts its own background work
   * after it, so that the two do not share turns. Reads need not wait. Never rejects.
   */
  settled(): Promise<void>
  /** flush, compact if cheap, release the lock; never rejects (failures go to onEvent) */
  close(): Promise<void>
  /**
   * Called synchronously after every change became durable and visible in `data`, and after the whole
   * state was replaced (restore, replaceAll): derived indexes stay current without re-reading everything.
   */
  subscribe(listener: StoreListener): () => void
}

/** One durable change: each put with the record it replaced (undefined for a new id), or a whole new state. */
export type StoreChange =
  | { kind: 'puts'; puts: ReadonlyArray<{ collection: string; record: StoredRecord; previous: StoredRecord | undefined }> }
  | { kind: 'replaced' }

export type StoreListener = (change: StoreChange) => void

/** What happens in the background has nowhere else to go: the host logs it. */
export type StoreEvent =
  | { type: 'open'; ms: OpenTimings; records: number; journalEntries: number }
  /** sha256: of the db.json it wrote */
  | { type: 'compaction'; ms: number; seq: number; bytes: number; reason: string; sha256: string }
  | { type: 'backup'; name: string; ms: number; verifyMs: number; deleted: string[]; reason: string }
  | { type: 'error'; op: 'compaction' | 'backup' | 'close' | 'recovery-report' | 'listener' | 'id-maps'; error: Error }

export interface OpenTimings {
  read: number
  parse: number
  journal: number
  migrate: number
  validate: number
  index: number
  total: number
}

export interface OpenStoreOptions<D extends DbShape> {
  dir: string
  schema: StoreSchema<D>
  now?: () => Date
  fs?: StoreFs
  /** journal entries after which a compaction is scheduled (default 2,000) */
  compactAfterEntries?: number
  /** journal bytes after which a compaction is scheduled (default 8 MB) */
  compactAfterBytes?: number
  /** at close, compact only when the last snapshot is at most this big (default 16 MB) */
  compactOnCloseMaxBytes?: number
  /** minimum time between backups while editing (default 15 min) */
  backupIntervalMs?: number
  /** take a backup right after opening (default true) */
  backupOnOpen?: boolean
  onEvent?: (event: StoreEvent) => void
  prepare?: PrepareTx
  /** encryption at rest: db.json, the journal and backups are read and written through it (default plain) */
  codec?: FileCodec
  /** told once the open is done what its state is made of (the search index's cache is checked against it) */
  onSnapshotLoaded?: (state: SnapshotState | null) => void
}

/** A record put by a journal entry replayed at open: [collection, id]. */
export type ReplayedPut = readonly [collection: string, id: string]

/**
 * An open's state as db.json's records with journal entries replayed over them: a file this store
 * wrote, at the current version. Not so (null) after a recovery from a backup, a migration, or a
 * file that had to be validated whole.
 */
export interface SnapshotState {
  /** of db.json's plain bytes */
  sha256: string
  /** the puts replayed over its records */
  replayed: readonly ReplayedPut[]
}
