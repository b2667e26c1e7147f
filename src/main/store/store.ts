import type { FileCodec } from './file-codec'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Low } from 'lowdb'
import { copyFileAtomic } from './atomic-write'
import { backupsToDelete } from './backup-rotation'
import { BACKUP_DIR, backupName, freeName, isBackupName, listBackupFiles } from './backup-files'
import { unlinkIfExists } from './fs-port'
import type { StoreFs } from './fs-port'
import { listJournalFiles, segmentLastSeq } from './journal-files'
import { Head, PreparedSlots } from './head'
import { hasLongList, longListPut } from './long-lists'
import type { JournalEntry } from './journal-read'
import { JournalWriter } from './journal-writer'
import { SNAPSHOT_FILE } from './load'
import type { FolderLock } from './lock'
import { MemoryState, STAGE_AFTER } from './memory'
import type { Applied } from './memory'
import { migrateToCurrent } from './migrations'
import { clearRecovery } from './recovery-file'
import { Serial } from './serial'
import { readSnapshot, snapshotDb, snapshotDocument, writeSnapshot } from './snapshot-adapter'
import { budgetPause } from './snapshot-parse'
import type { SnapshotAdapter, SnapshotDoc } from './snapshot-adapter'
import type { SnapshotWriteResult } from './snapshot-stream'
import { verifySnapshotFile } from './verify-worker'
import type {
  BackupEntry, DbShape, PrepareTx, RecoveryReport, Store, StoreChange, StoreEvent, StoreListener, StoreSchema, StoreStatus, StoreView, StoredRecord,
  PreparedPuts, Tx, TxPlan,
} from './types'

export interface StoreSettings {
  compactAfterEntries: number
  compactAfterBytes: number
  compactOnCloseMaxBytes: number
  backupIntervalMs: number
  onEvent?: (event: StoreEvent) => void
  prepare?: PrepareTx
}

export interface StoreInit<D extends DbShape> {
  fs: StoreFs
  dir: string
  schema: StoreSchema<D>
  now: () => Date
  codec: FileCodec
  settings: StoreSettings
  lock: FolderLock
  main: { low: Low<SnapshotDoc | null>; adapter: SnapshotAdapter }
  memory: MemoryState<D>
  /** seq db.json holds */
  snapshotSeq: number
  /** its hash, when this session wrote it */
  snapshot: (SnapshotWriteResult & { seq: number }) | null
  lastSeq: number
  /** journal bytes not yet in db.json */
  journalBytes: number
  recovered: RecoveryReport | null
  lastBackupAt: number | null
}

interface ViewJob {
  seq: number
  doc: SnapshotDoc
  appendedAt: number
  /** the state generation the view was taken from */
  gen: number
}

interface Prepared extends PreparedPuts {
  /** the puts as the journal line will hold them, commas between them included, in UTF-8 blocks */
  pieces: Buffer[]
  parsed: Array<[string, StoredRecord]>
  /** the head's slots for them, built alongside, so queueing the batch does not visit each record */
  slots: PreparedSlots
  /** what memory's apply will report for them, made ahead (previous is filled in then) */
  applied: Applied[]
}

interface Encoded {
  body: string | Buffer[]
  entry: Omit<JournalEntry, 'seq'>
  layer?: PreparedSlots
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

export class JournalStore<D extends DbShape> implements Store<D> {
  private memory: MemoryState<D>
  /** the open's background work (see Store.settled) */
  private settling: Promise<void> = Promise.resolve()
  /** where preconditions look: memory plus the queue */
  private readonly head = new Head(() => this.memory)
  private writer!: JournalWriter
  private snapshot: (SnapshotWriteResult & { seq: number }) | null
  private snapshotSeq: number
  /** writer.appendedBytes at the rotation behind db.json (negative at start: bytes replayed from the journal) */
  private bytesAtSnapshot: number
  private lastBackupAt: number | null
  /**
   * seq of the newest verified backup taken in this session (0: none yet). Journal segments are
   * deleted only once both db.json and a backup cover them, so a db.json damaged after a compaction
   * is rebuilt from that backup plus the segments, losing nothing.
   */
  private backupSeq = 0
  /** background compactions and backups, one at a time */
  private readonly maintenance = new Serial()
  /**
   * Everything that writes db.json or copies it into backups/. Holders never wait for the journal
   * writer, so taking this inside writer.exclusive() cannot deadlock.
   */
  private readonly files = new Serial()
  /** bumped when replaceAll/restore swaps the state: a view of the old state must not reach db.json after that */
  private gen = 0
  private compactionQueued = false
  private backupQueued = false
  private compactRetryAtSeq = 0
  private closing: Promise<void> | null = null
  private recovered: RecoveryReport | null
  private readonly listeners = new Set<StoreListener>()
  /** bumped whenever the head may change: a commit queued, a queued one failed or dropped, the state replaced */
  private headVer = 0
  /** prepared puts this store made and nobody committed yet */
  private readonly issued = new WeakSet<Prepared>()
  /** a prepared batch's Applied list, by the puts list of the entry that carries it to memory */
  private readonly appliedOf = new WeakMap<object, Applied[]>()

  private constructor(private readonly init: StoreInit<D>) {
    this.memory = init.memory
    this.snapshot = init.snapshot
    this.snapshotSeq = init.snapshotSeq
    this.bytesAtSnapshot = -init.journalBytes
    this.lastBackupAt = init.lastBackupAt
    this.recovered = init.recovered
  }

  static async start<D extends DbShape>(init: StoreInit<D>): Promise<JournalStore<D>> {
    const store = new JournalStore(init)
    store.writer = await JournalWriter.open(
      init.fs,
      init.dir,
      init.lastSeq,
      async (entries) => {
        for (const entry of entries) {
          if (entry.puts.length > STAGE_AFTER) {
            const pause = budgetPause()
            for (const _ of store.memory.stage(entry)) await pause()
          }
          const puts = store.memory.apply(entry, store.appliedOf.get(entry.puts))
          if (puts.length > 0) store.notify({ kind: 'puts', puts })
        }
        store.head.durable(entries.length)
      },
      (count, error) => {
        // Whatever was checked against the failed writes must not be written either.
        store.head.failed(count)
        store.headVer += 1
        store.writer.rejectChecked(error)
      },
      () => init.lock.verify(),
      init.codec,
    )
    return store
  }

  get data(): D {
    return this.memory.data
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch (err) {
        // A derived index failing must not fail a write that is already durable.
        this.emit({ type: 'error', op: 'listener', error: err instanceof Error ? err : new Error(String(err)) })
      }
    }
  }

  get(collection: string, id: string): StoredRecord | undefined {
    return this.memory.get(collection, id)
  }

  /** Where the record sits in its collection's array (records are appended and replaced, never moved). */
  position(collection: string, id: string): number | undefined {
    return this.memory.position(collection, id)
  }

  revision(collection: string): string {
    return this.memory.revision(collection)
  }

  status(): StoreStatus {
    return { dataDir: this.init.dir, recovered: this.recovered }
  }

  /** See Store.settled: set once, by the open. */
  settleAfterOpen(work: Promise<void>): void {
    this.settling = work
  }

  settled(): Promise<void> {
    return this.settling
  }

  async dismissRecovery(): Promise<void> {
    await clearRecovery(this.init.fs, this.init.dir)
    this.recovered = null
  }

  commit(tx: Tx): Promise<void> {
    return this.enqueue(() => ({ tx, result: undefined }), false)
  }

  transact<T>(plan: (head: StoreView) => TxPlan<T>): Promise<T> {
    return this.enqueue(plan, true)
  }

  headVersion(): number {
    return this.headVer
  }

  view(): StoreView {
    return this.head
  }

  *preparePuts(puts: Tx['puts'], meta?: Tx['meta']): Generator<number, PreparedPuts> {
    if (!Array.isArray(puts)) throw new Error('A transaction needs a puts array')
    const prepared: Prepared = { count: puts.length, pieces: [], parsed: [], slots: new PreparedSlots(), applied: [] }
    // Text is joined into blocks of about a megabyte as it comes, so the commit seals a few dozen
    // blocks rather than 100,000 small buffers (each CRC call and copy has its own cost).
    let block: string[] = []
    let blockChars = 0
    const seal = () => {
      if (block.length === 0) return
      prepared.pieces.push(Buffer.from(block.join(''), 'utf8'))
      block = []
      blockChars = 0
    }
    const add = (text: string) => {
      block.push(text)
      blockChars += text.length
      if (blockChars > 1 << 19) seal()
    }
    for (let i = 0; i < puts.length; i += 1) {
      // The first puts a few at a time: cold, 64 of them held the thread for 20-30 ms.
      if (i % (i < 1024 ? 4 : 64) === 0) yield i
      // Stamped now, against the head as it is: a commit of prepared puts checks first that none of
      // the records changed since (services/batch.ts stillValid), so the stamp is still right then.
      const prepare = this.init.settings.prepare
      const put = prepare && isPlainObject(puts[i]) ? prepare({ puts: [puts[i]], ...(meta ? { meta } : {}) }, this.head).puts[0] : puts[i]
      const [collection, record] = this.checkPut(put)
      if (i > 0) add(',')
      let parsed: [string, StoredRecord]
      if (hasLongList(record)) {
        const long = yield* longListPut(collection, record, i)
        for (const part of long.parts) add(part)
        parsed = [collection, long.parsed]
      } else {
        const piece = JSON.stringify([collection, record])
        // One record of megabytes: serialising, encoding and parsing it back each take a turn of their own.
        const big = piece.length > 1 << 20
        if (big) yield i
        add(piece)
        if (big) yield i
        // What the journal will hold, as memory and the head must hold it.
        parsed = JSON.parse(piece) as [string, StoredRecord]
      }
      prepared.parsed.push(parsed)
      prepared.slots.add(parsed[0], parsed[1])
      prepared.applied.push({ collection: parsed[0], record: parsed[1], previous: undefined })
    }
    seal()
    this.issued.add(prepared)
    return prepared
  }

  /** Check, encode and queue in one synchronous step: nothing else can be queued in between. */
  private enqueue<T>(plan: (head: StoreView) => TxPlan<T>, checked: boolean): Promise<T> {
    if (this.closing || this.writer.isClosed()) return Promise.reject(new Error('The store is closed'))
    let planned: TxPlan<T>
    let encoded: Encoded | null
    try {
      planned = plan(this.head)
      const prepare = this.init.settings.prepare
      encoded = this.encode(prepare ? prepare(planned.tx, this.head) : planned.tx)
    } catch (err) {
      return Promise.reject(err)
    }
    if (encoded === null) return Promise.resolve(planned.result)
    const { body, entry, layer } = encoded
    this.head.queued({ ...entry, checked, ...(layer ? { layer } : {}) })
    this.headVer += 1
    return this.writer.append(body, checked, entry).then(() => {
      this.afterCommit()
      return planned.result
    })
  }

  /**
   * Checks and serialises now, so a caller changing its objects after commit() cannot change what is
   * written; and parses the body back, because the head and memory hold what the journal holds.
   */
  private encode(tx: Tx): Encoded | null {
    if (!isPlainObject(tx) || !Array.isArray(tx.puts)) throw new Error('A transaction needs a puts array')
    let prepared: Prepared | null = null
    if (tx.prepared !== undefined) {
      if (!this.issued.has(tx.prepared as Prepared)) throw new Error('Prepared puts must come from this store\'s preparePuts')
      prepared = tx.prepared as Prepared
      // Once: a second commit of the same pieces would write the same records twice.
      this.issued.delete(prepared)
    }
    const puts = tx.puts.map((put) => this.checkPut(put))
    if (tx.settings !== undefined && !isPlainObject(tx.settings)) throw new Error('settings must be an object')
    const count = puts.length + (prepared?.count ?? 0)
    if (count === 0 && (tx.settings === undefined || Object.keys(tx.settings).length === 0)) return null
    const own = puts.map((p) => JSON.stringify(p))
    const settingsJson = tx.settings === undefined ? '' : `,"settings":${JSON.stringify(tx.settings)}`
    let body: string | Buffer[]
    if (prepared) {
      // Bytes, not one string: at 100,000 records, joining and encoding it blocked for seconds.
      // The prepared pieces carry their own commas between records; the commit's own puts follow them.
      const parts: Buffer[] = [Buffer.from('"puts":['), ...prepared.pieces]
      if (own.length > 0) parts.push(Buffer.from(`${prepared.count > 0 ? ',' : ''}${own.join(',')}`, 'utf8'))
      parts.push(Buffer.from(`]${settingsJson}`, 'utf8'))
      body = parts
    } else {
      body = `"puts":[${own.join(',')}]${settingsJson}`
    }
    const parsedOwn = JSON.parse(`[${own.join(',')}]`) as Array<[string, StoredRecord]>
    const entryPuts = prepared ? (parsedOwn.length > 0 ? [...prepared.parsed, ...parsedOwn] : prepared.parsed) : parsedOwn
    const entry: Omit<JournalEntry, 'seq'> = { puts: entryPuts as JournalEntry['puts'] }
    if (prepared && entryPuts === prepared.parsed) this.appliedOf.set(entryPuts, prepared.applied)
    if (tx.settings !== undefined) entry.settings = JSON.parse(JSON.stringify(tx.settings)) as Record<string, unknown>
    return { body, entry, ...(prepared ? { layer: prepared.slots } : {}) }
  }

  private checkPut(put: unknown): [string, StoredRecord] {
    if (!isPlainObject(put) || !this.memory.has(put.collection as string)) {
      throw new Error(`Unknown collection "${isPlainObject(put) ? String(put.collection) : '?'}"`)
    }
    const rec: unknown = put.record
    if (!isPlainObject(rec) || typeof rec.id !== 'string' || rec.id === '') {
      throw new Error(`A record put into "${String(put.collection)}" needs a non-empty string id`)
    }
    return [put.collection as string, rec as StoredRecord]
  }

  private afterCommit(): void {
    if (this.closing) return
    const { compactAfterEntries, compactAfterBytes, backupIntervalMs } = this.init.settings
    const entries = this.writer.lastSeq - this.snapshotSeq
    const bytes = this.writer.appendedBytes - this.bytesAtSnapshot
    if (
      !this.compactionQueued &&
      this.writer.lastSeq >= this.compactRetryAtSeq &&
      (entries >= compactAfterEntries || bytes >= compactAfterBytes)
    ) {
      this.queueCompaction('journal')
    }
    const now = this.init.now().getTime()
    if (!this.backupQueued && (this.lastBackupAt === null || now - this.lastBackupAt >= backupIntervalMs)) {
      this.queueBackup('interval')
    }
  }

  private emit(event: StoreEvent): void {
    try {
      this.init.settings.onEvent?.(event)
    } catch {
      // A logger's failure must not break a save.
    }
  }

  private queueCompaction(reason: string): void {
    this.compactionQueued = true
    this.maintenance.run(() => this.compact(reason))
      .catch((err: unknown) => {
        // Back off: retrying on every commit would hammer a full disk.
        this.compactRetryAtSeq = this.writer.lastSeq + this.init.settings.compactAfterEntries
        this.emit({ type: 'error', op: 'compaction', error: err instanceof Error ? err : new Error(String(err)) })
      })
      .finally(() => {
        this.compactionQueued = false
      })
  }

  queueBackup(reason: string): void {
    this.backupQueued = true
    // Counted from the attempt, so a failing backup is retried at the interval, not on every commit.
    this.lastBackupAt = this.init.now().getTime()
    this.maintenance.run(() => this.backup(reason))
      .catch((err: unknown) => {
        this.emit({ type: 'error', op: 'backup', error: err instanceof Error ? err : new Error(String(err)) })
      })
      .finally(() => {
        this.backupQueued = false
      })
  }

  /** Inside writer.exclusive(): freeze a view at the current seq and start a new journal segment. */
  private async takeView(): Promise<ViewJob> {
    const seq = this.writer.lastSeq
    const doc = snapshotDocument(this.memory.view(), seq)
    await this.writer.rotate()
    return { seq, doc, appendedAt: this.writer.appendedBytes, gen: this.gen }
  }

  /**
   * Streams the view to db.json (commits continue meanwhile), then drops the segments it covers.
   * Hold `files`.
   */
  private async writeView(job: ViewJob, reason: string): Promise<void> {
    if (job.gen !== this.gen) return
    const t0 = performance.now()
    const result = await writeSnapshot(this.init.main, job.doc)
    this.snapshot = { ...result, seq: job.seq }
    this.snapshotSeq = job.seq
    this.bytesAtSnapshot = job.appendedAt
    await this.deleteSegmentsUpTo(Math.min(job.seq, this.backupSeq))
    this.emit({ type: 'compaction', ms: performance.now() - t0, seq: job.seq, bytes: result.bytes, reason, sha256: result.sha256 })
  }

  private async deleteSegmentsUpTo(seq: number): Promise<void> {
    for (const name of await listJournalFiles(this.init.fs, this.init.dir)) {
      const last = segmentLastSeq(name)
      if (last !== null && last <= seq) await unlinkIfExists(this.init.fs, join(this.init.dir, name))
    }
  }

  /** Brings db.json up to the last commit unless this session already wrote exactly that. */
  private async compact(reason: string): Promise<void> {
    const job = await this.writer.exclusive(async () => {
      if (this.snapshotIsCurrent()) return null
      await this.init.lock.verify()
      return this.takeView()
    })
    if (job) await this.files.run(() => this.writeView(job, reason))
  }

  private snapshotIsCurrent(): boolean {
    return this.snapshot !== null && this.snapshot.seq === this.writer.lastSeq
  }

  private async backup(reason: string): Promise<string> {
    await this.compact(`backup:${reason}`)
    return this.files.run(() => this.copySnapshotToBackups(reason))
  }

  /**
   * A backup is a copy of db.json, re-read and hashed in a worker and compared with what was written,
   * before retention may delete anything. Hold `files`.
   */
  private async copySnapshotToBackups(reason: string): Promise<string> {
    const t0 = performance.now()
    const snap = this.snapshot
    if (!snap) throw new Error('No snapshot to back up')
    const { fs, dir } = this.init
    const backupsDir = join(dir, BACKUP_DIR)
    const at = this.init.now()
    const name = await freeName(fs, backupsDir, (n) => backupName(at, n === 0 ? undefined : String(n)))
    const path = join(backupsDir, name)
    await copyFileAtomic(fs, join(dir, SNAPSHOT_FILE), path)
    const tv = performance.now()
    try {
      const check = await verifySnapshotFile(path, this.init.schema.collections, this.init.codec, snap.sha256)
      if (check.sha256 !== snap.sha256) throw new Error(`Backup ${name} differs from the snapshot it was copied from`)
    } catch (err) {
      await unlinkIfExists(fs, path).catch(() => undefined)
      throw err
    }
    const verifyMs = performance.now() - tv
    this.backupSeq = snap.seq
    await this.deleteSegmentsUpTo(Math.min(this.snapshotSeq, this.backupSeq))
    // Only now, with a verified new backup in place, may older ones go.
    const list = await listBackupFiles(fs, dir)
    const deleted = backupsToDelete(
      list.map((b) => ({ name: b.name, createdAt: new Date(b.createdAt) })),
      this.init.now(),
    ).filter((n) => n !== name)
    for (const old of deleted) await unlinkIfExists(fs, join(backupsDir, old))
    this.lastBackupAt = at.getTime()
    this.emit({ type: 'backup', name, ms: performance.now() - t0, verifyMs, deleted, reason })
    return name
  }

  /** Inside writer.exclusive(): make `memory` the state, durable before it becomes visible. */
  private async install(memory: MemoryState<D>, reason: string): Promise<void> {
    await this.init.lock.verify()
    const seq = this.writer.lastSeq
    await this.writer.rotate()
    this.gen += 1
    this.headVer += 1
    // No commit runs during exclusive(), so the new arrays can be written without copying.
    const job = { seq, doc: snapshotDocument(memory.data, seq), appendedAt: this.writer.appendedBytes, gen: this.gen }
    await this.files.run(() => this.writeView(job, reason))
    this.memory = memory
    this.notify({ kind: 'replaced' })
    // Commits queued behind this were checked against the state it replaces.
    this.writer.rejectChecked(new Error('The data was replaced while this change waited to be saved; make it again'))
    this.head.dropChecked()
    this.headVer += 1
  }

  async replaceAll(data: D): Promise<void> {
    if (this.closing) throw new Error('The store is closed')
    if (!isPlainObject(data) || data.schemaVersion !== this.init.schema.version) {
      throw new Error(`replaceAll needs data at schema version ${this.init.schema.version}`)
    }
    const memory = new MemoryState(this.init.schema.validate(data), this.init.schema.collections)
    // Queued on the writer now, so commits made after this call apply on top of the new state.
    await this.writer.exclusive(() => this.install(memory, 'replaceAll'))
    // The journal after this point builds on the new state: the newest backup must hold it too.
    this.queueBackup('replaceAll')
  }

  listBackups(): Promise<BackupEntry[]> {
    return listBackupFiles(this.init.fs, this.init.dir)
  }

  async restoreBackup(name: string): Promise<void> {
    if (this.closing) throw new Error('The store is closed')
    if (!isBackupName(name)) throw new Error(`"${name}" is not a backup name`)
    const { fs, dir, schema } = this.init
    const db = snapshotDb(fs, join(dir, BACKUP_DIR, name), schema.collections, this.init.codec)
    const doc = await readSnapshot(db)
    if (!doc) throw new Error(`There is no backup named ${name}`)
    delete doc.journalSeq
    const { data } = migrateToCurrent(doc, schema, `Backup ${name}`)
    const memory = new MemoryState(schema.validate(data), schema.collections)
    // Commits wait from the safety backup to the switch, so none can fall between the two.
    await this.writer.exclusive(async () => {
      if (!this.snapshotIsCurrent()) {
        const job = await this.takeView()
        await this.files.run(() => this.writeView(job, 'backup:restore'))
      }
      await this.files.run(() => this.copySnapshotToBackups('restore'))
      await this.install(memory, 'restore')
    })
    // The journal from here on builds on the restored state, so the newest backup must hold it; waited for,
    // so the backup list the user sees next is complete.
    await this.maintenance.run(() => this.backup('restored'))
  }

  close(): Promise<void> {
    if (!this.closing) this.closing = this.shutDown()
    return this.closing
  }

  /**
   * Never rejects: at shut-down there is nobody left to tell but the log. Whatever fails, the lock is
   * released if it can be; if even that fails, the next start finds its owner gone and takes it over.
   */
  private async shutDown(): Promise<void> {
    try {
      await this.flushAndCompact()
    } catch (err) {
      this.emit({ type: 'error', op: 'close', error: err instanceof Error ? err : new Error(String(err)) })
    }
    try {
      await this.init.lock.release()
    } catch (err) {
      this.emit({ type: 'error', op: 'close', error: err instanceof Error ? err : new Error(String(err)) })
    }
  }

  private async flushAndCompact(): Promise<void> {
    await this.writer.drain()
    await this.maintenance.idle()
    const pending = this.writer.lastSeq - this.snapshotSeq
    const size = this.snapshot?.bytes ?? (await this.init.fs.stat(join(this.init.dir, SNAPSHOT_FILE)).then((s) => s.size, () => Infinity))
    if (pending > 0 && size <= this.init.settings.compactOnCloseMaxBytes) {
      try {
        await this.compact('close')
      } catch (err) {
        this.emit({ type: 'error', op: 'compaction', error: err instanceof Error ? err : new Error(String(err)) })
      }
    }
    await this.writer.close()
  }
}
