// The search index's cache file (seed-file.ts) at open and after: read beside the first screen's
// calls when it was made from the db.json just opened (the index then needs no build), written by
// a worker thread (seed-worker.ts) once the app is idle when it was not, or when a compaction
// rewrote db.json.
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { errorCode, nodeFs, unlinkIfExists } from '../store/fs-port'
import { yieldToEventLoop } from '../store/snapshot-stream'
import type { ReplayedPut, SnapshotState } from '../store'
import type { SeedGrams, SeedTexts } from './seed'
import { INDEX_CACHE_FILE, IndexCacheError, decodeIndexCache } from './seed-file'
import type { FromSeedWorker, SeedWorkerData } from './seed-worker'

/** What the index is built from at open instead of the store's records (see SearchIndex.fromSeed). */
export interface IndexSeed {
  /** records put by the journal entries replayed at open: the cache does not hold their current version */
  replayed: readonly ReplayedPut[]
  /** null when there is no cache for this db.json (or it could not be read): the index is then built from the records */
  texts: Promise<SeedTexts | null>
  grams: Promise<SeedGrams | null>
}

export interface IndexCacheOptions {
  /** the data folder */
  dir: string
  /** the built seed-worker.js beside the main bundle; by default the TypeScript source (through tsx) */
  entry?: string
  /** below this many records the index is built in a fraction of a second: no cache is kept */
  minRecords?: number
  /** told why a cache could not be read or written (for the log) */
  onProblem?: (message: string) => void
}

export const CACHE_MIN_RECORDS = 20_000
/** A heap cap: a worker that runs out stops with an error, the app does not. */
const WORKER_HEAP_MB = 1024

/** The cache file's bytes, being read while the folder opens; `seed` then says whether they apply. */
export interface PendingCache {
  /**
   * The seed for an open whose state is `state` (db.json's records with the journal replayed over
   * them), from the cache when it was made from that db.json; null when no cache can apply.
   */
  seed(state: SnapshotState | null): IndexSeed | null
}

/**
 * Starts reading the cache file, beside the open: the disk works while the main thread parses
 * db.json, and only the check and the unpacking are left for after it.
 */
export function readIndexCache(opts: IndexCacheOptions): PendingCache {
  const bytes = readWhole(join(opts.dir, INDEX_CACHE_FILE)).catch((err: unknown) => {
    if (errorCode(err) !== 'ENOENT') opts.onProblem?.(`the search index cache could not be read: ${err instanceof Error ? err.message : String(err)}`)
    return null
  })
  return {
    seed: (state) => {
      if (state === null) return null
      const read = bytes.then((buf) => (buf === null ? null : decodeCache(opts, buf, state.sha256)))
      return { replayed: state.replayed, texts: read.then((c) => c?.texts ?? null), grams: read.then((c) => c?.grams ?? null) }
    },
  }
}

/**
 * The file in one read: readFile reads 512 KB at a time, each piece waiting for a turn of an event
 * loop busy with the open (hundreds of them for 100 MB).
 */
async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const buf = Buffer.allocUnsafe(size)
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(buf, at, size - at, at)
      if (bytesRead === 0) throw new Error('the file ended early')
      at += bytesRead
    }
    return buf
  } finally {
    await handle.close()
  }
}

async function decodeCache(opts: IndexCacheOptions, buf: Buffer, sha256: string): Promise<{ texts: SeedTexts; grams: SeedGrams } | null> {
  try {
    const cache = await decodeIndexCache(buf, yieldToEventLoop)
    return cache.sha256 === sha256 ? cache : null
  } catch (err) {
    // Whatever went wrong, the index is built from the records as if there were no cache.
    opts.onProblem?.(`the search index cache ${err instanceof IndexCacheError ? `is ${err.message}` : `could not be read: ${String(err)}`}: the index is built from the records`)
    return null
  }
}

/** An encrypted folder keeps no cache (it would be one more file of personal data, unsealed): one left from before goes. */
export async function removeIndexCache(dir: string): Promise<void> {
  await unlinkIfExists(nodeFs, join(dir, INDEX_CACHE_FILE))
}

/**
 * Writes the cache of db.json as it is now, in a worker thread; resolves when it is written (or
 * with the reason it was not). `onWorker` is told of the worker, to stop it when the app closes.
 */
export function writeIndexCache(opts: IndexCacheOptions, onWorker?: (w: Worker) => void): Promise<FromSeedWorker> {
  const entry = opts.entry ?? fileURLToPath(new URL('./seed-worker.ts', import.meta.url))
  return new Promise((resolve) => {
    const worker = new Worker(entry, {
      workerData: { indexCache: { snapshot: join(opts.dir, 'db.json'), out: join(opts.dir, INDEX_CACHE_FILE) } } satisfies SeedWorkerData,
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    })
    // Closing the app does not wait for it (a cache half written is a temp file the next open removes).
    worker.unref()
    onWorker?.(worker)
    let settled = false
    const settle = (m: FromSeedWorker): void => {
      if (settled) return
      settled = true
      void worker.terminate()
      resolve(m)
    }
    worker.on('message', settle)
    worker.on('error', (err) => settle({ type: 'error', message: err.message }))
    worker.on('exit', (code) => settle({ type: 'error', message: `the worker stopped (exit code ${code})` }))
  })
}
