import type { Store } from '../store'
import type { DbData } from '../db/schema'
import { searchIndexFor, stopSearchIndex } from './search-index'
import { sortedOrdersFor, stopSortedOrders } from './sorted-orders'

/** The earliest the sort orders start building after opening (see warmIndexes). */
const SORT_START_DELAY_MS = 2000

/**
 * Starts what searches and sorted lists use, in the background, so it is ready by the time anyone
 * searches or sorts. The search index starts at once: a search before its texts are in waits for
 * them (a second of work at 100k), and the sooner the build starts, the fewer searches wait; until
 * its grams are listed (two more seconds) each search also checks the records not listed yet. The
 * sort orders follow once the index is built (2 s after opening at the earliest), so that they do
 * not take turns from it; a sorted list asked for before then is answered in one pass
 * (SortedOrders.firstPage), and a deep page starts its order itself. Returns what stops both when
 * the folder closes: a closed folder's builds went on for seconds, holding all its records, while
 * the next one opened.
 */
export function warmIndexes(store: Store<DbData>): () => void {
  const index = searchIndexFor(store)
  let stopped = false
  const timer = setTimeout(() => {
    void index.built().then(() => {
      if (!stopped) sortedOrdersFor(store)
    })
  }, SORT_START_DELAY_MS)
  timer.unref()
  return () => {
    stopped = true
    clearTimeout(timer)
    stopSearchIndex(store)
    stopSortedOrders(store)
  }
}
