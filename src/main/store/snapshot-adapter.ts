import type { Adapter } from 'lowdb'
import { performance } from 'node:perf_hooks'
import { writeFileAtomic } from './atomic-write'
import { readIfExists } from './fs-port'
import type { StoreFs } from './fs-port'
import { streamJson } from './snapshot-stream'
import type { SnapshotWriteResult } from './snapshot-stream'

/** A parsed snapshot before migration and validation: nothing about it is trusted yet. */
export type SnapshotDoc = Record<string, unknown>

/** The file exists but is not a JSON object: damage, as opposed to a read error such as EACCES. */
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
export class SnapshotAdapter implements Adapter<SnapshotDoc> {
  lastWrite: SnapshotWriteResult | null = null
  lastRead: { bytes: number; readMs: number; parseMs: number } | null = null

  constructor(
    private readonly fs: StoreFs,
    readonly path: string,
    private readonly collections: ReadonlySet<string>,
  ) {}

  async read(): Promise<SnapshotDoc | null> {
    const t0 = performance.now()
    const buf = await readIfExists(this.fs, this.path)
    if (buf === null) return null
    const t1 = performance.now()
    let doc: unknown
    try {
      doc = JSON.parse(buf.toString('utf8'))
    } catch (err) {
      throw new SnapshotUnparseableError(this.path, err instanceof Error ? err.message : String(err))
    }
    const t2 = performance.now()
    this.lastRead = { bytes: buf.length, readMs: t1 - t0, parseMs: t2 - t1 }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new SnapshotUnparseableError(this.path, 'the top level is not an object')
    }
    return doc as SnapshotDoc
  }

  async write(doc: SnapshotDoc): Promise<void> {
    let result: SnapshotWriteResult | null = null
    await writeFileAtomic(this.fs, this.path, async (sink) => {
      result = await streamJson(doc, sink, { collections: this.collections })
    })
    this.lastWrite = result
  }
}
