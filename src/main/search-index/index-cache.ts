// The search index's cache file (seed-file.ts) at open and after: read beside the first screen's
// calls when it was made from the db.json just opened (the index then needs no build), written by
// a worker thread (seed-worker.ts) once the app is idle when it was not, or when a compaction
// rewrote db.json.
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { errorCode, nodeFs, unlinkIfExists } from '../store/fs-port'
import type { ReplayedPut, SnapshotState } from '../store'
import { readCacheChain, removeCacheChain } from './cache-chain'
import type { CacheChain } from './cache-chain'
import { INDEX_CACHE_FILE } from './seed-file'
import type { FromSeedWorker, SeedWorkerData } from './seed-worker'

/** What the index is built from at open instead of the store's records (see SearchIndex.fromSeed). */
export interface IndexSeed {
  /** records put by the journal entries replayed at open: the cache does not hold their current version */
  replayed: readonly ReplayedPut[]
  /** of the db.json the open read: a cache made from another is not used */
  sha256: string
  /** the cache file's bytes; null when there is none (or it could not be read): the index is then built from the records */
  bytes: Promise<Buffer | null>
  /** the chain from an older db.json, when compactions have rewritten it since the cache was made (cache-chain.ts) */
  chain: Promise<CacheChain | null>
  /** told when the index took the cache: of which db.json, and which records it did not take from it */
  taken?: (sha256: string, changed: readonly ReplayedPut[]) => void
  /** told why a cache that was there is not used */
  onProblem: (message: string) => void
}

export interface IndexCacheOptions {
  /** the data folder */
  dir: string
  /** the built seed-worker.js beside the main bundle; by default the TypeScript source (through tsx) */
  entry?: string
  /** told why a cache could not be read or written (for the log) */
  onProblem?: (message: string) => void
}

/** Below this many records the index is built in a fraction of a second: no cache is written. */
export const CACHE_MIN_RECORDS = 20_000
/** A heap cap: a worker that runs out stops with an error, the app does not. */
const WORKER_HEAP_MB = 1024

/** The cache file's bytes, being read while the folder opens; `seed` then says whether they may apply. */
export interface PendingCache {
  /**
   * The seed for an open whose state is `state` (db.json's records with the journal replayed over
   * them); null when no cache can apply (the state is not a db.json's records).
   */
  seed(state: SnapshotState | null): IndexSeed | null
}

/**
 * Starts reading the cache file, beside the open: the disk works while the main thread parses
 * db.json. What is left for after it (checking and unpacking) the index does in its own turns.
 */
export function readIndexCache(opts: IndexCacheOptions): PendingCache {
  const onProblem = opts.onProblem ?? ((): void => undefined)
  const bytes = readWhole(join(opts.dir, INDEX_CACHE_FILE)).catch((err: unknown) => {
    if (errorCode(err) !== 'ENOENT') onProblem(`the search index cache could not be read: ${err instanceof Error ? err.message : String(err)}`)
    return null
  })
  const chain = readCacheChain(opts.dir).catch((err: unknown) => {
    onProblem(`the search index cache's chain could not be read: ${err instanceof Error ? err.message : String(err)}`)
    return null
  })
  return { seed: (state) => (state === null ? null : { replayed: state.replayed, sha256: state.sha256, bytes, chain, onProblem }) }
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

/** An encrypted folder keeps no cache (it would be one more file of personal data, unsealed): one left from before goes. */
export async function removeIndexCache(dir: string): Promise<void> {
  await removeCacheChain(dir)
  await unlinkIfExists(nodeFs, join(dir, INDEX_CACHE_FILE))
}

/**
 * Writes the cache of db.json as it is now, in a worker thread; resolves when it is written (or
 * with the reason it was not). `onWorker` is told of the worker, to stop it when the app closes;
 * while `pause[0]` is 1 the worker waits (a call or an export in progress: see warm.ts).
 */
export function writeIndexCache(opts: IndexCacheOptions, onWorker?: (w: Worker) => void, pause?: Int32Array): Promise<FromSeedWorker> {
  const entry = opts.entry ?? fileURLToPath(new URL('./seed-worker.ts', import.meta.url))
  return new Promise((resolve) => {
    const worker = new Worker(entry, {
      workerData: { indexCache: { snapshot: join(opts.dir, 'db.json'), out: join(opts.dir, INDEX_CACHE_FILE), ...(pause ? { pause } : {}) } } satisfies SeedWorkerData,
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
