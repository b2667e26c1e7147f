import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { Store, StoreChange } from '../store'
import type { DbData } from '../db/schema'
import { sortInSteps } from './merge-sort'
import { BIG_CHANGE } from './search-index'
import { runInSlices, runToEnd, turns } from '../turns'
import type { Turns } from '../turns'

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' })
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined || a === '') return 1 // empty last (before the sign is applied)
  if (b === null || b === undefined || b === '') return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

export type Dir = 'asc' | 'desc'

/** The orders the registers and pickers open with: sorted in the background right after open. */
export const DEFAULT_SORTS: ReadonlyArray<[CollectionName, string, Dir]> = [
  ['contacts', 'name', 'asc'],
  ['organizations', 'name', 'asc'],
  ['staff', 'name', 'asc'],
  ['alumniGroups', 'name', 'asc'],
  ['agreements', 'title', 'asc'],
  ['trips', 'startDate', 'desc'],
  ['activities', 'date', 'desc'],
  ['followUps', 'dueDate', 'asc'],
]

interface Order {
  c: CollectionName
  cmp: (a: AnyRecord, b: AnyRecord) => number
  /** null while the background sort runs */
  records: AnyRecord[] | null
  steps: Generator<void, AnyRecord[]> | null
  /** puts that arrived while sorting, applied once it is done */
  pending: Array<{ record: AnyRecord; previous: AnyRecord | undefined }>
}

/**
 * Whole collections in sort order, per field and direction, sorted once and then kept in order
 * one put at a time (a binary search and an array splice instead of re-sorting 100,000 records with a
 * collator, which takes about a second). Ties keep the collection's own order, as a stable sort of it
 * would, through each record's position in the collection.
 */
export class SortedOrders {
  private orders = new Map<string, Order>()
  /** background sorts that failed: a request waiting for one sorts it itself */
  private failures = 0
  /** requests waiting in whenReady */
  private waiting = 0
  /** keys the background sorts (or has sorted) since the last restore */
  private sorting = new Set<string>()
  private unsubscribe: (() => void) | null = null
  private gen = 0
  private settle: () => void = () => undefined
  /** resolves when the background has sorted every key it was started with (again after a restore) */
  settled: Promise<void> = new Promise((resolve) => {
    this.settle = resolve
  })

  constructor(
    private readonly store: Store<DbData>,
    private readonly opts?: Turns,
  ) {}

  /** Subscribes and sorts `keys` in the background, one after the other. */
  start(keys: ReadonlyArray<[CollectionName, string, Dir]> = DEFAULT_SORTS): void {
    if (this.unsubscribe) return
    this.unsubscribe = this.store.subscribe((change) => this.onChange(change))
    this.prebuild(keys)
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.gen += 1
  }

  private prebuild(keys: ReadonlyArray<[CollectionName, string, Dir]>): void {
    for (const key of keys) this.sorting.add(key.join('\u0000'))
    const gen = this.gen
    let k = 0
    runInSlices(
      () => {
        if (k >= keys.length) return true
        const order = this.order(...keys[k])
        if (this.advance(order)) k += 1
        return false
      },
      () => gen !== this.gen,
      this.opts,
      () => this.settle(),
      // A key that cannot be sorted in the background is sorted (and fails visibly) on request.
      () => {
        this.failures += 1
        // Not sorting them any more, and a generator that threw cannot go on: the next request for
        // one of these keys starts it again from the collection.
        for (const key of keys) {
          const name = key.join('\u0000')
          this.sorting.delete(name)
          if (this.orders.get(name)?.records == null) this.orders.delete(name)
        }
        this.settle()
      },
      // A deep page is waiting for a sort: the sorts go before other background work meanwhile.
      () => this.waiting > 0,
      // Nobody waits for them otherwise: idle work, which waits for calls in progress and for the
      // search index (a register opened right after the open started the contacts' sort, and the
      // index, being idle, waited a second for it).
      true,
    )
  }

  /** One step of a background sort; true once the order is complete. */
  private advance(order: Order): boolean {
    if (order.records) return true
    const r = (order.steps as Generator<void, AnyRecord[]>).next()
    if (!r.done) return false
    this.complete(order, r.value)
    return true
  }

  private complete(order: Order, records: AnyRecord[]): void {
    order.records = records
    order.steps = null
    for (const { record, previous } of order.pending) this.place(order, record, previous)
    order.pending = []
  }

  /** Every record of c in the order, built now if the background has not got to it yet. */
  get(c: CollectionName, field: string, dir: Dir): readonly AnyRecord[] {
    const order = this.order(c, field, dir)
    if (!order.records) this.complete(order, runToEnd(order.steps as Generator<void, AnyRecord[]>))
    return order.records as AnyRecord[]
  }

  /**
   * The page [offset, offset + limit) of the records `keep` accepts, in this order, before the order
   * itself is sorted (just after open, or the first time anyone sorts by this field): one pass that
   * keeps the best offset + limit records, so the collator runs about once per record rather than
   * the seventeen times a sort of 100,000 needs. The order is sorted in the background meanwhile.
   */
  firstPage(
    c: CollectionName,
    field: string,
    dir: Dir,
    source: readonly AnyRecord[],
    keep: (r: AnyRecord) => boolean,
    offset: number,
    limit: number,
  ): { items: AnyRecord[]; total: number } {
    const order = this.order(c, field, dir)
    this.ensureSorting(c, field, dir)
    const k = offset + limit
    const best: AnyRecord[] = []
    let total = 0
    for (const r of source) {
      if (!keep(r)) continue
      total += 1
      if (k === 0) continue
      if (best.length === k) {
        if (order.cmp(r, best[k - 1]) >= 0) continue
        best.pop()
      }
      // cmp breaks ties by collection position, so no two records compare equal.
      best.splice(lowerBound(best, r, order.cmp), 0, r)
    }
    return { items: best.slice(offset), total }
  }

  /**
   * Resolves once this order is sorted, which the background does in slices: for a page too deep
   * for firstPage, whose insertions would cost more than the sort.
   */
  async whenReady(c: CollectionName, field: string, dir: Dir): Promise<void> {
    this.order(c, field, dir)
    this.ensureSorting(c, field, dir)
    const failures = this.failures
    this.waiting += 1
    // The sort is idle work, held while a call is in progress: this one now waits for it.
    ;(this.opts ?? turns).wake()
    try {
      while (!this.isReady(c, field, dir)) {
        // The background gave up: sorted here, so the request gets the sort's own error, never hangs.
        if (this.failures !== failures) {
          this.get(c, field, dir)
          return
        }
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    } finally {
      this.waiting -= 1
    }
  }

  private ensureSorting(c: CollectionName, field: string, dir: Dir): void {
    if (!this.sorting.has(`${c}\u0000${field}\u0000${dir}`)) this.prebuild([[c, field, dir]])
  }

  /** records sorted as this order has them (the same total order: ties go by collection position) */
  sortLike(c: CollectionName, field: string, dir: Dir, records: AnyRecord[]): AnyRecord[] {
    return records.sort(this.order(c, field, dir).cmp)
  }

  isReady(c: CollectionName, field: string, dir: Dir): boolean {
    return this.orders.get(`${c}\u0000${field}\u0000${dir}`)?.records != null
  }

  private order(c: CollectionName, field: string, dir: Dir): Order {
    const key = `${c}\u0000${field}\u0000${dir}`
    let order = this.orders.get(key)
    if (!order) {
      // Ties go by position in the collection, which the store already keeps: a map of its own cost a
      // 100,000-entry build in one go (over 200 ms here) and as much memory again.
      const store = this.store
      const sign = dir === 'desc' ? -1 : 1
      const cmp = (a: AnyRecord, b: AnyRecord): number =>
        sign * compareValues((a as unknown as Record<string, unknown>)[field], (b as unknown as Record<string, unknown>)[field]) ||
        (store.position(c, a.id) as number) - (store.position(c, b.id) as number)
      // Copied now: a generator body only runs at its first step, and puts from here on go to `pending`.
      order = { c, cmp, records: null, steps: sortInSteps((this.store.data[c] as AnyRecord[]).slice(), cmp), pending: [] }
      this.orders.set(key, order)
    }
    return order
  }

  private onChange(change: StoreChange): void {
    if (change.kind === 'replaced') {
      const keys = [...this.orders.keys()].map((k) => k.split('\u0000') as [CollectionName, string, Dir])
      this.orders = new Map()
      this.sorting = new Set()
      this.gen += 1
      this.settled = new Promise((resolve) => {
        this.settle = resolve
      })
      this.prebuild(keys)
      return
    }
    // By runs of puts into one collection: an import's 100,000 puts cost a Map update each before, and
    // then a look at each again to skip it (8–12 ms, in code that runs too rarely to be optimised).
    const runs: Array<{ c: CollectionName; from: number; to: number }> = []
    for (let i = 0; i < change.puts.length; i += 1) {
      const c = change.puts[i].collection as CollectionName
      const last = runs[runs.length - 1]
      if (last?.c === c) last.to = i + 1
      else runs.push({ c, from: i, to: i + 1 })
    }
    const perCollection = new Map<CollectionName, number>()
    for (const { c, from, to } of runs) perCollection.set(c, (perCollection.get(c) ?? 0) + to - from)
    const resorted = new Set<CollectionName>()
    for (const [c, n] of perCollection) {
      // Thousands of splices into a 100k array cost more than sorting again, and a sort runs in slices.
      if (n > BIG_CHANGE) resorted.add(c)
    }
    for (const { c, from, to } of runs) {
      if (resorted.has(c)) continue
      for (let i = from; i < to; i += 1) {
        const record = change.puts[i].record as unknown as AnyRecord
        const previous = change.puts[i].previous as unknown as AnyRecord | undefined
        for (const order of this.orders.values()) {
          if (order.c !== c) continue
          if (order.records) this.place(order, record, previous)
          else order.pending.push({ record, previous })
        }
      }
    }
    if (resorted.size > 0) this.resort(resorted)
  }

  /** Orders of these collections are sorted again from the collection, in the background. */
  private resort(collections: ReadonlySet<CollectionName>): void {
    const keys: Array<[CollectionName, string, Dir]> = []
    for (const [key, order] of this.orders) {
      if (!collections.has(order.c)) continue
      this.orders.delete(key)
      keys.push(key.split('\u0000') as [CollectionName, string, Dir])
    }
    if (keys.length > 0) this.prebuild(keys)
  }

  /** Moves one record to where its new values sort. */
  private place(order: Order, record: AnyRecord, previous: AnyRecord | undefined): void {
    const list = order.records as AnyRecord[]
    if (previous) {
      let at = lowerBound(list, previous, order.cmp)
      if (list[at] !== previous) at = list.indexOf(previous)
      if (at >= 0) list.splice(at, 1)
    }
    list.splice(lowerBound(list, record, order.cmp), 0, record)
  }
}

function lowerBound(list: readonly AnyRecord[], x: AnyRecord, cmp: (a: AnyRecord, b: AnyRecord) => number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cmp(list[mid], x) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

const instances = new WeakMap<Store<DbData>, SortedOrders>()

/** The sort orders of a store, started on first use (the API starts them when the app opens). */
export function sortedOrdersFor(store: Store<DbData>, opts?: Turns): SortedOrders {
  let s = instances.get(store)
  if (!s) {
    s = new SortedOrders(store, opts)
    instances.set(store, s)
    s.start()
  }
  return s
}

/** Stops the store's sort orders, if it has any, and forgets them (see stopSearchIndex). */
export function stopSortedOrders(store: Store<DbData>): void {
  instances.get(store)?.stop()
  instances.delete(store)
}
