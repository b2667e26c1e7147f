import { Low } from 'lowdb'
import type { Adapter } from 'lowdb'
import { performance } from 'node:perf_hooks'
import { writeFileAtomic } from './atomic-write'
import { SealedDamageError } from './aes-codec'
import { plainCodec } from './file-codec'
import type { FileCodec } from './file-codec'
import { nodeFs, readIfExists } from './fs-port'
import { fileIdentity, readPiecewise } from './piecewise-read'
import type { StoreFs } from './fs-port'
import { budgetPause, parseLaidOut, sha256InPieces } from './snapshot-parse'
import { streamJson, yieldToEventLoop } from './snapshot-stream'
import type { SnapshotWriteResult } from './snapshot-stream'
import { verifySnapshotFile } from './verify-worker'

/** From this size on, db.json is hashed in a worker beside the parse rather than before it. */
const HASH_BESIDE_BYTES = 8 << 20

/**
 * `<snapshot>.sha256`: the hash of the bytes this store wrote, then, on a line of its own, the file's
 * identity as it wrote it (fileIdentity; written since the fourteenth session). An app that knows only
 * the hash finds the two lines unequal to any hash and validates the file: slower, never wrong.
 */
function readSidecar(text: string | null): { sha256: string; identity?: string } | null {
  if (text === null) return null
  const [sha256, identity] = text.trim().split('\n')
  return identity === undefined ? { sha256 } : { sha256, identity }
}

function sidecarText(sha256: string, identity: string | null): Buffer {
  return Buffer.from(identity === null ? sha256 : `${sha256}\n${identity}\n`)
}

/** A parsed snapshot before migration and validation: nothing about it is trusted yet. */
export type SnapshotDoc = Record<string, unknown>

/** The file exists but is not a JSON object: damage, as opposed to a read error such as EACCES. */
/** Snapshots through lowdb: Low holds the document being read or written, the adapter does the file work. */
export function snapshotDb(
  fs: StoreFs,
  path: string,
  collections: readonly string[],
  codec: FileCodec = plainCodec,
): { low: Low<SnapshotDoc | null>; adapter: SnapshotAdapter } {
  const adapter = new SnapshotAdapter(fs, path, new Set(collections), codec)
  return { low: new Low<SnapshotDoc | null>(adapter, null), adapter }
}

/** The file layout: schemaVersion and journalSeq first (cheap to eyeball), then the data. */
export function snapshotDocument(data: Record<string, unknown>, journalSeq: number): SnapshotDoc {
  const { schemaVersion, ...rest } = data
  return { schemaVersion, journalSeq, ...rest }
}

/** Reads through lowdb; null when the file does not exist. Throws SnapshotUnparseableError for damage. */
export async function readSnapshot(db: { low: Low<SnapshotDoc | null> }): Promise<SnapshotDoc | null> {
  db.low.data = null
  await db.low.read()
  const doc = db.low.data
  db.low.data = null
  return doc
}

/** Writes through lowdb and returns the sha256 and size of the bytes that went to disk. */
export async function writeSnapshot(
  db: { low: Low<SnapshotDoc | null>; adapter: SnapshotAdapter },
  doc: SnapshotDoc,
): Promise<SnapshotWriteResult> {
  db.adapter.lastWrite = null
  db.low.data = doc
  try {
    await db.low.write()
  } finally {
    // Low would otherwise keep the view (and every record in it) alive until the next write.
    db.low.data = null
  }
  const result = db.adapter.lastWrite
  if (!result) throw new Error('snapshot write produced no result')
  return result
}

export class SnapshotUnparseableError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} is not a valid snapshot: ${reason}`)
    this.name = 'SnapshotUnparseableError'
  }
}

/**
 * lowdb's Adapter for the snapshot file. Unlike lowdb's JSONFile it never stringifies the whole
 * database in one go (streamJson) and it makes the write durable (writeFileAtomic).
 */
export class SnapshotAdapter implements Adapter<SnapshotDoc | null> {
  lastWrite: SnapshotWriteResult | null = null
  /** trusted: the bytes are exactly what this store last wrote (their sha256, set then, matches the sidecar) */
  /** hashed: false when the file was known by its identity (fileIdentity), without reading its hash */
  lastRead: { bytes: number; readMs: number; parseMs: number; trusted: boolean; sha256?: string; hashed: boolean } | null = null

  constructor(
    private readonly fs: StoreFs,
    readonly path: string,
    private readonly collections: ReadonlySet<string>,
    private readonly codec: FileCodec = plainCodec,
  ) {}

  async read(): Promise<SnapshotDoc | null> {
    const t0 = performance.now()
    const side = readSidecar((await readIfExists(this.fs, this.sidecarPath))?.toString('utf8') ?? null)
    const sidecar = side?.sha256 ?? null
    // Hashing and parsing 70 MB each held the thread for hundreds of ms: done in pieces, so that the
    // browser-mode server serves the page's scripts while the folder opens. Bytes this store wrote
    // are laid out a slice of records per line; anything else is parsed whole.
    const arriving = sidecar !== null && this.fs === nodeFs && !this.codec.encrypted ? await readPiecewise(this.path) : null
    // The very file this store wrote, untouched since (see fileIdentity): its sha256 is the sidecar's.
    const same = (): boolean => arriving !== null && side?.identity !== undefined && arriving.identity === side.identity
    const pause = budgetPause()
    let t1 = performance.now()
    let buf: Buffer
    let sha256: string
    let trusted: boolean
    let doc: unknown = null
    if (arriving !== null && sidecar !== null && (same() || arriving.buf.length >= HASH_BESIDE_BYTES)) {
      // A large file on the real disk is parsed as its pieces arrive, and hashed by a worker
      // meanwhile unless it is the file this store wrote: the hash only decides whether the parse
      // is kept (bytes this store wrote) or redone whole and validated. The read time is then only
      // what came before the parse. (The worker took 40-80 ms of the open's 0.6 s at 100k.)
      const hashed = same()
        ? null
        : verifySnapshotFile(this.path, [...this.collections], this.codec, sidecar).then(
            () => true,
            () => false,
          )
      doc = await parseLaidOut(arriving, this.collections, pause).catch(() => null)
      await arriving.done
      buf = this.open(arriving.buf)
      // Asked again once the whole file is in: a file that turned out another length has no identity.
      trusted = hashed === null ? same() || (await sha256InPieces(buf, pause)) === sidecar : await hashed
      sha256 = trusted ? sidecar : await sha256InPieces(buf, pause)
      if (!trusted) doc = null
    } else {
      if (arriving !== null) await arriving.done
      const stored = arriving !== null ? arriving.buf : await readIfExists(this.fs, this.path)
      if (stored === null) return null
      buf = this.open(stored)
      t1 = performance.now()
      sha256 = await sha256InPieces(buf, pause)
      trusted = sidecar === sha256
      if (trusted) doc = await parseLaidOut(buf, this.collections, pause).catch(() => null)
    }
    if (doc === null) {
      const text = buf.toString('utf8')
      await yieldToEventLoop()
      try {
        doc = JSON.parse(text)
      } catch (err) {
        throw new SnapshotUnparseableError(this.path, err instanceof Error ? err.message : String(err))
      }
    }
    const t2 = performance.now()
    const known = trusted && same()
    this.lastRead = { bytes: buf.length, readMs: t1 - t0, parseMs: t2 - t1, trusted, ...(trusted ? { sha256 } : {}), hashed: !known }
    // Hashed and found to be the bytes the store wrote (a sidecar of an earlier version, a folder
    // copied or restored): its identity is noted, so that the next open need not hash it again.
    if (trusted && !known && arriving !== null && arriving.identity !== '') {
      const identity = arriving.identity
      await writeFileAtomic(this.fs, this.sidecarPath, (sink) => sink(sidecarText(sha256, identity))).catch(() => undefined)
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new SnapshotUnparseableError(this.path, 'the top level is not an object')
    }
    return doc as SnapshotDoc
  }

  /** The plain bytes of what is stored; a KeyError (no key, another folder's key) goes up as it is: it is not damage. */
  private open(stored: Buffer): Buffer {
    try {
      return this.codec.open(stored)
    } catch (err) {
      if (err instanceof SealedDamageError) throw new SnapshotUnparseableError(this.path, err.message)
      throw err
    }
  }

  async write(doc: SnapshotDoc | null): Promise<void> {
    if (doc === null) return
    const out: { result: SnapshotWriteResult | null } = { result: null }
    const codec = this.codec
    await writeFileAtomic(this.fs, this.path, async (sink) => {
      if (!codec.encrypted) {
        out.result = await streamJson(doc, sink, { collections: this.collections })
        return
      }
      // The hash (and the sidecar) are of the plain JSON: what read() checks after opening the envelope.
      if (codec.sealer) {
        const sealer = codec.sealer()
        await sink(sealer.head)
        out.result = await streamJson(doc, (chunk) => sink(sealer.update(chunk)), { collections: this.collections })
        await sink(sealer.final())
        return
      }
      const chunks: Buffer[] = []
      out.result = await streamJson(doc, async (chunk) => void chunks.push(Buffer.from(chunk)), { collections: this.collections })
      await sink(codec.seal(Buffer.concat(chunks)))
    })
    this.lastWrite = out.result
    // Written after the snapshot: a crash in between leaves a stale sidecar, which only costs a full validation.
    const sha = out.result?.sha256
    if (!sha) return
    // The file's identity too, where the next open reads it piecewise (see read): it need not hash it then.
    const identity = this.fs === nodeFs && !codec.encrypted ? await fileIdentity(this.path) : null
    await writeFileAtomic(this.fs, this.sidecarPath, (sink) => sink(sidecarText(sha, identity)))
  }

  /**
   * Where the sidecar (its format at readSidecar) is. A snapshot whose bytes still match its hash was
   * validated record by record before it was committed, so opening it need not validate it again.
   */
  get sidecarPath(): string {
    return `${this.path}.sha256`
  }
}
