import { join } from 'node:path'
import { syncDir, writeAll } from './fs-port'
import type { StoreFileHandle, StoreFs } from './fs-port'
import { ACTIVE_JOURNAL, segmentName } from './journal-files'
import { plainCodec } from './file-codec'
import type { FileCodec } from './file-codec'
import { SEAL_BYTES, sealJournalLine, sealedPieces, sealLine, writeChunks } from './journal-line'
import type { JournalEntry } from './journal-line'

interface TxItem {
  kind: 'tx'
  /** the entry without its seq: `"puts":[...]` and maybe `,"settings":{...}`; as byte pieces for a prepared batch */
  body: string | Buffer[]
  resolve: () => void
  reject: (err: Error) => void
  /** its precondition was checked against not-yet-durable transactions: see rejectChecked() */
  checked: boolean
  /** the entry as parsing `body` gives it, when the store already has it (a prepared batch) */
  parsed?: Omit<JournalEntry, 'seq'>
}

interface ExclusiveItem {
  kind: 'exclusive'
  run: () => Promise<void>
}

/**
 * The single writer of the journal. Appends are serialised; transactions that queue up while a flush
 * is in progress go out together with one write and one fdatasync (group commit). Exclusive jobs
 * (rotation, whole-state replace) run between flushes with no append in flight.
 */
export class JournalWriter {
  private readonly queue: Array<TxItem | ExclusiveItem> = []
  private running = false
  private handle: StoreFileHandle | null = null
  /** a failed append whose truncate also failed: garbage may sit at the end until a truncate succeeds */
  private dirtyTail = false
  private closed = false
  /** bytes of the active file */
  size = 0
  /** every byte appended since open, for the compaction trigger */
  appendedBytes = 0
  lastSeq: number

  private constructor(
    private readonly fs: StoreFs,
    private readonly dir: string,
    lastSeq: number,
    private readonly onDurable: (entries: JournalEntry[]) => void | Promise<void>,
    private readonly onFailed: (count: number, error: Error) => void,
    private readonly guard: () => Promise<void>,
    private readonly codec: FileCodec,
  ) {
    this.lastSeq = lastSeq
  }

  static async open(
    fs: StoreFs,
    dir: string,
    lastSeq: number,
    onDurable: (entries: JournalEntry[]) => void | Promise<void>,
    onFailed: (count: number, error: Error) => void = () => undefined,
    /** run before every flush: throws if this process may no longer write here (the folder lock was lost) */
    guard: () => Promise<void> = async () => undefined,
    /** encryption at rest: each line sealed on its own */
    codec: FileCodec = plainCodec,
  ): Promise<JournalWriter> {
    const writer = new JournalWriter(fs, dir, lastSeq, onDurable, onFailed, guard, codec)
    await writer.ensureHandle()
    return writer
  }

  private get activePath(): string {
    return join(this.dir, ACTIVE_JOURNAL)
  }

  private async ensureHandle(): Promise<StoreFileHandle> {
    if (this.handle) return this.handle
    const handle = await this.fs.open(this.activePath, 'a', 0o600)
    try {
      this.size = (await handle.stat()).size
      // The file may be new: its directory entry must be durable before anything in it is acknowledged.
      await syncDir(this.fs, this.dir)
    } catch (err) {
      await handle.close().catch(() => undefined)
      throw err
    }
    this.handle = handle
    return handle
  }

  append(body: string | Buffer[], checked = false, parsed?: Omit<JournalEntry, 'seq'>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The store is closed'))
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'tx', body, resolve, reject, checked, ...(parsed ? { parsed } : {}) })
      void this.pump()
    })
  }

  /** Runs fn with no append in flight and none starting until it settles. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        kind: 'exclusive',
        run: async () => {
          try {
            resolve(await fn())
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)))
          }
        },
      })
      void this.pump()
    })
  }

  private async pump(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0]
        if (head.kind === 'exclusive') {
          this.queue.shift()
          await head.run()
          continue
        }
        const group: TxItem[] = []
        while (this.queue.length > 0 && this.queue[0].kind === 'tx') group.push(this.queue.shift() as TxItem)
        await this.flush(group)
      }
    } finally {
      this.running = false
    }
  }

  private async flush(group: TxItem[]): Promise<void> {
    if (this.closed) {
      const error = new Error('The store is closed')
      for (const tx of group) tx.reject(error)
      this.onFailed(group.length, error)
      return
    }
    const first = this.lastSeq + 1
    // Each line as byte pieces: a prepared batch's line stays in its blocks, never copied into one buffer.
    // A line of text is sealed now; a line of pieces as it is written (sealedPieces), a block at a time.
    const lines = group.map((tx, i) =>
      typeof tx.body === 'string' ? [Buffer.from(`${sealLine(`{"seq":${first + i},${tx.body}`)}\n`, 'utf8')] : [Buffer.from(`{"seq":${first + i},`), ...tx.body],
    )
    const sealed = (i: number): Iterable<Buffer> => (typeof group[i].body === 'string' ? lines[i] : sealedPieces(lines[i]))
    const whole = (pieces: Buffer[]) => (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces))
    let disk: Iterable<Buffer>
    let bytes: number
    if (this.codec.encrypted) {
      const encrypted = lines.map((_, i) => {
        const line = whole([...sealed(i)])
        return sealJournalLine(line.subarray(0, line.length - 1), this.codec)
      })
      disk = encrypted
      bytes = encrypted.reduce((n, piece) => n + piece.length, 0)
    } else {
      disk = (function* () {
        for (let i = 0; i < lines.length; i += 1) yield* sealed(i)
      })()
      bytes = lines.reduce((n, pieces, i) => n + pieces.reduce((m, piece) => m + piece.length, 0) + (typeof group[i].body === 'string' ? 0 : SEAL_BYTES), 0)
    }
    const before = this.size
    try {
      await this.guard()
    } catch (err) {
      // No rollback: the file may now be another writer's, and truncating it would cut off its entries.
      const error = err instanceof Error ? err : new Error(String(err))
      for (const tx of group) tx.reject(error)
      this.onFailed(group.length, error)
      return
    }
    try {
      const handle = await this.ensureHandle()
      if (this.dirtyTail) {
        await handle.truncate(before)
        this.dirtyTail = false
      }
      // Written in order and made durable by the one datasync below; a failure part-way is cut off by rollback.
      for (const chunk of writeChunks(disk)) await writeAll(handle, chunk)
      await handle.datasync()
    } catch (err) {
      await this.rollback(before)
      const error = err instanceof Error ? err : new Error(String(err))
      for (const tx of group) tx.reject(error)
      this.onFailed(group.length, error)
      return
    }
    this.size = before + bytes
    this.appendedBytes += bytes
    this.lastSeq = first + group.length - 1
    // Memory gets what the journal holds (parsed back), so a reopen can never disagree with it. The
    // next group waits for it: a large entry is taken in over a few turns (MemoryState.stage).
    await this.onDurable(group.map((_, i) => {
      // A prepared batch was parsed back from these very bytes, piece by piece, before its commit.
      const parsed = group[i].parsed
      if (parsed) return { seq: first + i, ...parsed }
      const text = typeof group[i].body === 'string' ? lines[i][0] : Buffer.concat([...lines[i], Buffer.from('}')])
      const { crc: _crc, ...entry } = JSON.parse(text.toString('utf8')) as JournalEntry & { crc?: string }
      return entry
    }))
    for (const tx of group) tx.resolve()
  }

  /**
   * Rejects every queued transaction whose precondition was checked while something now known to be
   * wrong was pending (a write that failed, a state about to be replaced); unchecked ones still go out.
   */
  rejectChecked(error: Error): void {
    const dropped = this.queue.filter((item): item is TxItem => item.kind === 'tx' && item.checked)
    if (dropped.length === 0) return
    const kept = this.queue.filter((item) => item.kind !== 'tx' || !item.checked)
    this.queue.splice(0, this.queue.length, ...kept)
    for (const tx of dropped) tx.reject(error)
  }

  /** Cuts a partly written group off again, so the next append does not follow garbage. */
  private async rollback(size: number): Promise<void> {
    if (!this.handle) return
    try {
      await this.handle.truncate(size)
      await this.handle.datasync()
    } catch {
      this.dirtyTail = true
    }
  }

  /**
   * Moves the active file aside as a segment named by its last seq and starts a new one.
   * Call only inside exclusive(). Returns the segment's name, or null if there was nothing to move.
   */
  async rotate(): Promise<string | null> {
    if (this.size === 0 && !this.dirtyTail) return null
    if (this.handle) {
      const handle = this.handle
      this.handle = null
      if (this.dirtyTail) {
        await handle.truncate(this.size).catch(() => undefined)
      }
      await handle.close()
    }
    const name = segmentName(this.lastSeq)
    await this.fs.rename(this.activePath, join(this.dir, name))
    this.size = 0
    this.dirtyTail = false
    await this.ensureHandle()
    return name
  }

  /** Resolves once everything queued before it is settled. */
  drain(): Promise<void> {
    return this.exclusive(async () => undefined)
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.closed = true
      const handle = this.handle
      this.handle = null
      if (handle) await handle.close()
    })
  }

  isClosed(): boolean {
    return this.closed
  }
}
