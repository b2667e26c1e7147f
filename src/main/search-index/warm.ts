import type { Worker } from 'node:worker_threads'
import type { Store } from '../store'
import type { DbData } from '../db/schema'
import { writeIndexCache } from './index-cache'
import type { IndexCacheOptions, IndexSeed } from './index-cache'
import { searchIndexFor, stopSearchIndex } from './search-index'
import { sortedOrdersFor, stopSortedOrders } from './sorted-orders'

/** The earliest the sort orders start building after opening (see warmIndexes). */
const SORT_START_DELAY_MS = 2000

export interface WarmOptions {
  /** the index's cache of the db.json just opened, if it has one */
  seed?: IndexSeed | null
  /** where the cache is kept; null when none is (an encrypted folder, a small one) */
  cache?: IndexCacheOptions | null
}

export interface Warm {
  /** stops the builds and the cache's worker: the folder is closing */
  stop(): void
  /** db.json was rewritten: the cache is written anew once the index is built */
  compacted(): void
}

/**
 * Starts what searches and sorted lists use, in the background, so it is ready by the time anyone
 * searches or sorts. The search index starts at once: from its cache when there is one for this
 * db.json; else a search before its texts are in waits for them (a second of work at 100k), and
 * until its grams are listed (two more seconds) each search also checks the records not listed yet.
 * The sort orders follow once the index is built (2 s after opening at the earliest), so that they do
 * not take turns from it; a sorted list asked for before then is answered in one pass
 * (SortedOrders.firstPage), and a deep page starts its order itself. Then, when the index had no
 * cache or a compaction rewrote db.json, a worker writes the cache for the next open. `stop` ends
 * all of it when the folder closes: a closed folder's builds went on for seconds, holding all its
 * records, while the next one opened.
 */
export function warmIndexes(store: Store<DbData>, opts: WarmOptions = {}): Warm {
  const index = searchIndexFor(store, undefined, opts.seed)
  let stopped = false
  let worker: Worker | null = null
  /** the cache does not match db.json (none at open, or a compaction since) */
  let stale = false
  let writing = false
  const cache = opts.cache
  const write = (): void => {
    if (!cache || stopped || writing || !stale) return
    writing = true
    stale = false
    void writeIndexCache(cache, (w) => (worker = w)).then((m) => {
      writing = false
      worker = null
      if (m.type === 'error' && !stopped) cache.onProblem?.(`the search index cache was not written: ${m.message}`)
      // Another compaction while it was written: once more, for the db.json of now.
      write()
    })
  }
  let built = false
  const timer = setTimeout(() => {
    void index.built().then(() => {
      if (stopped) return
      sortedOrdersFor(store)
      built = true
      // Built from the records: there was no cache for this db.json (or it could not be used).
      if (index.stats.source !== 'cache') stale = true
      write()
    })
  }, SORT_START_DELAY_MS)
  timer.unref()
  return {
    stop: () => {
      stopped = true
      clearTimeout(timer)
      void (worker as Worker | null)?.terminate()
      stopSearchIndex(store)
      stopSortedOrders(store)
    },
    compacted: () => {
      stale = true
      if (built) write()
    },
  }
}
