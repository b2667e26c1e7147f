import { performance } from 'node:perf_hooks'
import { COLLECTION_NAMES } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { Store, StoreChange } from '../store'
import type { DbData } from '../db/schema'
import { CollectionIndex } from './collection-index'
import { runInSlices } from './slices'
import type { SliceOptions } from './slices'

type Indexes = Map<CollectionName, CollectionIndex>

/** records indexed per step of the background build: small enough to check the clock often */
const STEP = 16
/** a rebuild is worth it once dead docs outnumber live ones by this much */
const DEAD_SLACK = 20_000

export interface IndexStats {
  buildMs: number | null
  records: number
  /** allocated bytes of the posting lists */
  bytes: number
  /** characters of folded text kept per record (two bytes each in memory at most) */
  textChars: number
}

/**
 * The search index of one store: built in slices after open, then kept current from the store's
 * change feed (every commit, import, undo and merge passes through it); a restore or replace rebuilds
 * it. Until the first build is done, queries wait for it rather than give a different answer.
 */
export class SearchIndex {
  private serving: Indexes | null = null
  private gen = 0
  private building: Indexes | null = null
  private waiters: Array<() => void> = []
  private unsubscribe: (() => void) | null = null
  private buildStarted = 0
  /** why the last build failed; a search then fails with it instead of waiting forever */
  private failure: Error | null = null
  stats: IndexStats = { buildMs: null, records: 0, bytes: 0, textChars: 0 }

  constructor(
    private readonly store: Store<DbData>,
    private readonly opts: SliceOptions = {},
  ) {}

  /** Subscribes and starts the background build. */
  start(): void {
    if (this.unsubscribe) return
    this.unsubscribe = this.store.subscribe((change) => this.onChange(change))
    this.rebuild()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.gen += 1
  }

  get isReady(): boolean {
    return this.serving !== null
  }

  /** Resolves once a complete index serves queries (or the build failed: collection() then says so). */
  ready(): Promise<void> {
    if (this.serving || this.failure) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** The index of one collection; call after ready(). */
  collection(c: CollectionName): CollectionIndex {
    const idx = this.serving?.get(c)
    if (!idx) throw this.failure ?? new Error('The search index is not ready')
    return idx
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  private onChange(change: StoreChange): void {
    if (change.kind === 'replaced') {
      this.serving = null
      this.rebuild()
      return
    }
    for (const target of [this.serving, this.building]) {
      if (!target) continue
      for (const { collection, record } of change.puts) target.get(collection as CollectionName)?.put(record as unknown as AnyRecord)
    }
    if (this.serving && !this.building) {
      for (const idx of this.serving.values()) {
        if (idx.dead > idx.live + DEAD_SLACK) {
          // The old index keeps answering (and keeps being updated) until the new one is complete.
          this.rebuild()
          break
        }
      }
    }
  }

  private rebuild(): void {
    const gen = ++this.gen
    const target: Indexes = new Map(COLLECTION_NAMES.map((c) => [c, new CollectionIndex(c)]))
    this.building = target
    this.buildStarted = performance.now()
    // Arrays are copied: records appended meanwhile reach the new index through onChange.
    const work = COLLECTION_NAMES.map((c) => ({ c, list: (this.store.data[c] as AnyRecord[]).slice() }))
    let w = 0
    let i = 0
    const step = (): boolean => {
      for (let n = 0; n < STEP; n += 1) {
        while (w < work.length && i >= work[w].list.length) {
          w += 1
          i = 0
        }
        if (w >= work.length) return true
        const { c, list } = work[w]
        const r = list[i]
        i += 1
        const idx = target.get(c) as CollectionIndex
        // Already there means a change arrived during the build: the copy holds an older version.
        if (!idx.has(r.id)) idx.put(r)
      }
      return false
    }
    runInSlices(step, () => gen !== this.gen, this.opts, () => {
      this.building = null
      this.serving = target
      let records = 0
      let bytes = 0
      let textChars = 0
      for (const idx of target.values()) {
        records += idx.live
        bytes += idx.bytes()
        textChars += idx.textChars()
      }
      this.stats = { buildMs: performance.now() - this.buildStarted, records, bytes, textChars }
      this.failure = null
      this.wake()
    }, (err) => {
      this.building = null
      this.failure = new Error(`The search index could not be built: ${err.message}`)
      this.wake()
    })
  }
}

const indexes = new WeakMap<Store<DbData>, SearchIndex>()

/** The one index of a store, started on first use (the API starts it when the app opens). */
export function searchIndexFor(store: Store<DbData>, opts?: SliceOptions): SearchIndex {
  let idx = indexes.get(store)
  if (!idx) {
    idx = new SearchIndex(store, opts)
    indexes.set(store, idx)
    idx.start()
  }
  return idx
}
