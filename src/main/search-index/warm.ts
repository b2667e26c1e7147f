import type { Worker } from 'node:worker_threads'
import type { Store } from '../store'
import type { DbData } from '../db/schema'
import type { ReplayedPut, SnapshotState } from '../store'
import { CacheChainTracker, writeCacheChain } from './cache-chain'
import type { CacheChain } from './cache-chain'
import { writeIndexCache } from './index-cache'
import type { IndexCacheOptions, IndexSeed } from './index-cache'
import { searchIndexFor, stopSearchIndex } from './search-index'
import { sortedOrdersFor, stopSortedOrders } from './sorted-orders'
import { turns } from '../turns'

/** The earliest the sort orders start building after opening (see warmIndexes). */
const SORT_START_DELAY_MS = 2000
/** How long no call or export must have been in progress before the cache's worker starts. */
const CACHE_QUIET_MS = 3000

export interface WarmOptions {
  /** the index's cache of the db.json just opened, if it has one */
  seed?: IndexSeed | null
  /** where the cache is kept; null when none is (an encrypted folder, a small one) */
  cache?: IndexCacheOptions | null
  /** what the open's state is made of (null: not a db.json's records, see SnapshotState) */
  opened?: SnapshotState | null
}

export interface Warm {
  /** stops the builds and the cache's worker: the folder is closing */
  stop(): void
  /** db.json was rewritten (its sha256): the chain to it from the cache is written, and the cache anew once the app is idle */
  compacted(sha256: string): void
  /** the store is closed (after stop): resolves once the chain to the db.json it last wrote is on disk */
  closed(): Promise<void>
}

/**
 * Starts what searches and sorted lists use, in the background, so it is ready by the time anyone
 * searches or sorts. The search index starts at once: from its cache when there is one for this
 * db.json; else a search before its texts are in waits for them (a second of work at 100k), and
 * until its grams are listed (two more seconds) each search also checks the records not listed yet.
 * The sort orders follow once the index is built (2 s after opening at the earliest), so that they do
 * not take turns from it; a sorted list asked for before then is answered in one pass
 * (SortedOrders.firstPage), and a deep page starts its order itself. Then, when the index had no
 * cache or a compaction rewrote db.json, a worker writes the cache for the next open, once no call
 * or export has been in progress for 3 s, and waiting while one is. `stop` ends
 * all of it when the folder closes: a closed folder's builds went on for seconds, holding all its
 * records, while the next one opened.
 */
export function warmIndexes(store: Store<DbData>, opts: WarmOptions = {}): Warm {
  const cache = opts.cache
  const chain = cache ? new CacheChainTracker(opts.opened ?? null) : null
  const problem = (what: string) => (err: unknown): void => cache?.onProblem?.(`${what}: ${err instanceof Error ? err.message : String(err)}`)
  let stopped = false
  /** chain files are written one after the other, the last one written last */
  let chainWrites = Promise.resolve()
  const writeChain = (next: CacheChain | null | undefined): void => {
    if (!next || !cache) return
    chainWrites = chainWrites.then(() => writeCacheChain(cache.dir, next)).catch(problem('the search index cache\'s chain was not written'))
  }
  const seed = opts.seed ? { ...opts.seed, taken: (sha256: string, changed: readonly ReplayedPut[]) => writeChain(chain?.seeded(sha256, changed)) } : null
  const index = searchIndexFor(store, undefined, seed)
  // Until the folder is closed: the store's last commits and its compaction on close count too.
  const unsubscribe = chain
    ? store.subscribe((change) => {
        if (change.kind === 'replaced') return chain.replaced()
        // A new record comes after every record a cache holds: only records put again are named.
        for (const { collection, record, previous } of change.puts) if (previous !== undefined) chain.put(collection, record.id)
      })
    : (): void => undefined
  let worker: Worker | null = null
  /** the cache does not match db.json (none at open, or a compaction since) */
  let stale = false
  let writing = false
  /** the index is built and the sort orders started: the cache may be written from now on */
  let built = false
  // The writer is idle work in another thread: it starts once no call or export has been in
  // progress for CACHE_QUIET_MS, and waits while one is (a package received as it started took
  // 1.6-1.9 s instead of 1.0-1.3 s, its own worker sharing the second core with the writer).
  const pause = new Int32Array(new SharedArrayBuffer(4))
  const release = (): void => {
    Atomics.store(pause, 0, 0)
    Atomics.notify(pause, 0)
  }
  let held = false
  let quiet: NodeJS.Timeout | null = null
  const soon = (): void => {
    if (quiet) clearTimeout(quiet)
    quiet = null
    if (!cache || stopped || writing || !stale || !built || held) return
    quiet = setTimeout(write, CACHE_QUIET_MS)
    quiet.unref()
  }
  const unhold = turns.onHold((h) => {
    held = h
    if (h) Atomics.store(pause, 0, 1)
    else release()
    soon()
  })
  const write = (): void => {
    quiet = null
    if (!cache || stopped || writing || !stale) return
    writing = true
    stale = false
    // A chain file stays true whatever cache is on disk (see cache-chain.ts): it is left as it is.
    void writeIndexCache(cache, (w) => (worker = w), pause).then((m) => {
      writing = false
      worker = null
      if (m.type === 'done') chain?.written(m.sha256)
      if (m.type === 'error' && !stopped) cache.onProblem?.(`the search index cache was not written: ${m.message}`)
      // Another compaction while it was written: once more, for the db.json of now.
      soon()
    })
  }
  const timer = setTimeout(() => {
    void index.built().then(() => {
      if (stopped) return
      sortedOrdersFor(store)
      built = true
      // Built from the records: there was no cache for this db.json (or it could not be used).
      if (index.stats.source !== 'cache') {
        stale = true
        chain?.unseeded()
      }
      soon()
    })
  }, SORT_START_DELAY_MS)
  timer.unref()
  return {
    stop: () => {
      stopped = true
      clearTimeout(timer)
      if (quiet) clearTimeout(quiet)
      unhold()
      // A worker waiting in Atomics.wait is let go first: terminating it there might not end it.
      release()
      void (worker as Worker | null)?.terminate()
      stopSearchIndex(store)
      stopSortedOrders(store)
    },
    closed: async () => {
      unsubscribe()
      await chainWrites
    },
    compacted: (sha256) => {
      writeChain(chain?.compacted(sha256))
      stale = true
      soon()
    },
  }
}
