import { createHash } from 'node:crypto'
import type { ChunkSink } from './atomic-write'

export interface SnapshotWriteResult {
  sha256: string
  bytes: number
}

export interface StreamOptions {
  /** keys whose arrays are written a slice at a time */
  collections: ReadonlySet<string>
  recordsPerChunk?: number
}

const FLUSH_AT = 1 << 20

/** One turn of the event loop, so IPC and commits run between two pieces of a long job. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * JSON.stringify of 63 MB blocks the main thread for ~0.5 s; a slice of ~1,000 records takes a few ms,
 * and yielding between slices lets IPC and commits run. The output is the same JSON as one stringify.
 */
export async function streamJson(
  doc: Record<string, unknown>,
  sink: ChunkSink,
  opts: StreamOptions,
): Promise<SnapshotWriteResult> {
  const perChunk = opts.recordsPerChunk ?? 1000
  const hash = createHash('sha256')
  let bytes = 0
  let pending: string[] = []
  let pendingLength = 0

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return
    const buf = Buffer.from(pending.join(''), 'utf8')
    pending = []
    pendingLength = 0
    hash.update(buf)
    bytes += buf.length
    await sink(buf)
  }
  const push = async (text: string): Promise<void> => {
    pending.push(text)
    pendingLength += text.length
    if (pendingLength >= FLUSH_AT) await flush()
  }

  await push('{')
  let first = true
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined || typeof value === 'function') continue
    await push(`${first ? '' : ','}\n${JSON.stringify(key)}:`)
    first = false
    if (opts.collections.has(key) && Array.isArray(value)) {
      await push('[')
      for (let i = 0; i < value.length; i += perChunk) {
        const slice = JSON.stringify(value.slice(i, i + perChunk))
        await push(`${i === 0 ? '' : ',\n'}${slice.slice(1, -1)}`)
        await flush()
        await yieldToEventLoop()
      }
      await push(']')
    } else {
      await push(JSON.stringify(value))
    }
  }
  await push('\n}\n')
  await flush()
  return { sha256: hash.digest('hex'), bytes }
}
