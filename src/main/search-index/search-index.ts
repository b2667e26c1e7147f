import { performance } from 'node:perf_hooks'
import { COLLECTION_NAMES } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { Store, StoreChange } from '../store'
import type { DbData } from '../db/schema'
import { CollectionIndex } from './collection-index'
import { runInSlices, turns } from '../turns'
import type { Turns } from '../turns'
import type { IndexSeed } from './index-cache'
import type { SeedGrams } from './seed'
import { IndexCacheError, decodeIndexCache } from './seed-file'
import type { IndexCache } from './seed-file'

type Indexes = Map<CollectionName, CollectionIndex>

/** records indexed per step of the background build: small enough to check the clock often */
const STEP = 16
/** docs whose grams are listed per step (a few ms) */
const GRAM_STEP = 64
/** records taken from a seed per step: a comparison of ids and an object each */
const SEED_STEP = 512
/** a rebuild is worth it once dead docs outnumber live ones by this much */
const DEAD_SLACK = 20_000
/**
 * A commit with more puts than this (an import, an undo of one) is indexed in background slices
 * instead of inside the store's notification, which would hold the event loop for seconds at 100k.
 */
export const BIG_CHANGE = 500

type Puts = Extract<StoreChange, { kind: 'puts' }>['puts']

export interface IndexStats {
  /** from the start of the build until every gram is listed */
  buildMs: number | null
  /** until the texts were in and searches were served */
  textsMs?: number
  records: number
  /** allocated bytes of the posting lists */
  bytes: number
  /** characters of folded text kept per record (two bytes each in memory at most) */
  textChars: number
  /** what the last build started from: the index's cache of db.json, or the store's records */
  source?: 'cache' | 'records'
}

/**
 * The search index of one store: built in slices after open, then kept current from the store's
 * change feed (every commit, import, undo and merge passes through it); a restore or replace rebuilds
 * it. A build keeps every record's searchable text first and lists the grams after; until the texts
 * are in, queries wait rather than give a different answer, and from then on they are exact.
 */
export class SearchIndex {
  private serving: Indexes | null = null
  private gen = 0
  private building: Indexes | null = null
  private waiters: Array<() => void> = []
  /** puts of big commits not yet indexed, in commit order; queries wait for them as for a build */
  private backlog: Puts[] = []
  private backlogAt = 0
  private unsubscribe: (() => void) | null = null
  private buildStarted = 0
  /**
   * A search was served while grams were still being listed. Such searches check the docs not
   * listed yet one by one (tens of ms each at 100,000): from then on the listing is waited-for work.
   */
  private searched = false
  /** waiting for the end of a build, grams and all (see built()) */
  private builtWaiters: Array<() => void> = []
  /** the grams of a build are being listed */
  private listing = false
  /** why the last build failed; a search then fails with it instead of waiting forever */
  private failure: Error | null = null
  /**
   * While a build waits for the cache's texts: the records changed since db.json was written (the
   * journal replayed at open, then every commit), which the cache does not hold as they are now.
   */
  private changedSinceSeed: Set<string> | null = null
  stats: IndexStats = { buildMs: null, records: 0, bytes: 0, textChars: 0 }

  private get queue(): Turns {
    return this.opts ?? turns
  }

  constructor(
    private readonly store: Store<DbData>,
    private readonly opts?: Turns,
  ) {}

  /**
   * Subscribes and starts the background build: from the index's cache of db.json when there is
   * one (index-cache.ts), else from the store's records.
   */
  start(seed?: IndexSeed | null): void {
    if (this.unsubscribe) return
    this.unsubscribe = this.store.subscribe((change) => this.onChange(change))
    if (seed) this.fromSeed(seed)
    else this.rebuild()
  }

  /** Unsubscribes and stops any build; a search still waiting for one gets an error instead of hanging. */
  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.gen += 1
    this.dropSeed()
    if (this.waiters.length > 0) {
      this.failure = new Error('The search index was stopped: the folder is closed')
      this.wake()
    }
  }

  get isReady(): boolean {
    return this.serving !== null && this.backlog.length === 0
  }

  /**
   * Resolves once a complete, current index serves queries (or the build failed: collection() then
   * says so): after a big commit, once its records are indexed, so a search never misses them.
   */
  ready(): Promise<void> {
    if (this.isReady || this.failure) return Promise.resolve()
    const waiting = new Promise<void>((resolve) => this.waiters.push(resolve))
    // The build is idle work, held while a call is in progress: this one now waits for it.
    this.queue.wake()
    return waiting
  }

  /**
   * Resolves when a build has listed every gram (the first build after open, or the next one if
   * none is running): until then each search also checks the records not listed yet one by one.
   * Never resolves if the build fails or the index is stopped.
   */
  built(): Promise<void> {
    if (this.stats.buildMs !== null && this.building === null && !this.listing) return Promise.resolve()
    return new Promise((resolve) => this.builtWaiters.push(resolve))
  }

  /** The index of one collection; call after ready(). */
  collection(c: CollectionName): CollectionIndex {
    const idx = this.serving?.get(c)
    if (!idx) throw this.failure ?? new Error('The search index is not ready')
    if (!this.searched) {
      this.searched = true
      this.queue.wake()
    }
    return idx
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  private onChange(change: StoreChange): void {
    if (this.changedSinceSeed && change.kind === 'puts') for (const { collection, record } of change.puts) this.changedSinceSeed.add(seedKey(collection, record.id))
    if (change.kind === 'replaced') {
      this.serving = null
      // The rebuild reads the new state whole; queued puts belong to the old one.
      this.backlog = []
      this.backlogAt = 0
      this.rebuild()
      return
    }
    if (this.backlog.length > 0 || change.puts.length > BIG_CHANGE) {
      // Behind a queued big change, a small one waits its turn: puts must land in commit order.
      this.backlog.push(change.puts)
      if (this.backlog.length === 1) this.drainBacklog()
      return
    }
    this.index(change.puts, 0, change.puts.length)
    this.checkDead()
  }

  private index(puts: Puts, from: number, to: number): void {
    for (const target of [this.serving, this.building]) {
      if (!target) continue
      for (let i = from; i < to; i += 1) target.get(puts[i].collection as CollectionName)?.put(puts[i].record as unknown as AnyRecord)
    }
  }

  private drainBacklog(): void {
    const gen = this.gen
    runInSlices(() => {
      const puts = this.backlog[0]
      const to = Math.min(puts.length, this.backlogAt + STEP)
      this.index(puts, this.backlogAt, to)
      this.backlogAt = to
      if (to < puts.length) return false
      this.backlog.shift()
      this.backlogAt = 0
      return this.backlog.length === 0
    }, () => gen !== this.gen, this.opts, () => {
      this.checkDead()
      if (this.isReady) this.wake()
    }, (err) => {
      this.backlog = []
      this.backlogAt = 0
      this.failure = new Error(`The search index could not be updated: ${err.message}`)
      this.wake()
    }, this.someoneWaits)
  }

  /** A search is waiting for this work: its slices go before other background work. */
  private readonly someoneWaits = (): boolean => this.waiters.length > 0

  private checkDead(): void {
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

  private dropSeed(): void {
    this.changedSinceSeed = null
  }

  /**
   * A build from the seed: the texts and grams the index's cache holds of db.json, taken for every
   * record the journal has not changed since (the others are indexed here as any put is). Without
   * a cache for this db.json, the build starts from the store's records.
   */
  private fromSeed(seed: IndexSeed): void {
    const gen = ++this.gen
    this.searched = false
    this.buildStarted = performance.now()
    this.changedSinceSeed = new Set(seed.replayed.map(([c, id]) => seedKey(c, id)))
    void Promise.all([seed.bytes, seed.chain]).then(([bytes, chain]) => {
      if (gen !== this.gen) return
      if (bytes === null) return this.rebuild()
      // A cache of an older db.json serves through a chain to this one, except for the records put since.
      const via = chain !== null && chain.to === seed.sha256 ? chain : null
      // Unpacked in idle turns, as a build would be: the first screen's calls go first.
      const steps = decodeIndexCache(bytes, via ? [seed.sha256, via.base] : seed.sha256)
      let cache: IndexCache | null = null
      runInSlices(() => {
        const r = steps.next()
        if (r.done) cache = r.value
        return r.done === true
      }, () => gen !== this.gen, this.opts, () => {
        const read = cache as IndexCache | null
        // null: a cache of another db.json (written before the last compaction, with no chain to this one), or of another version
        // of the index (its texts are not what recordText makes now)
        if (read === null) return this.rebuild()
        const chained = via !== null && read.sha256 !== seed.sha256 ? via.changed : []
        for (const [c, id] of chained) this.changedSinceSeed?.add(seedKey(c, id))
        this.stats = { ...this.stats, source: 'cache' }
        seed.taken?.(read.sha256, [...seed.replayed, ...chained])
        this.takeSeed(read, gen)
      }, (err) => {
        seed.onProblem(`the search index cache ${err instanceof IndexCacheError ? `is ${err.message}` : `could not be read: ${err.message}`}: the index is built from the records`)
        this.rebuild()
      }, this.someoneWaits, true)
    })
  }

  private takeSeed({ texts, grams }: IndexCache, gen: number): void {
    const changed = this.changedSinceSeed ?? new Set<string>()
    const target: Indexes = new Map(COLLECTION_NAMES.map((c) => [c, new CollectionIndex(c, (id) => this.store.position(c, id), true, texts[c] ?? null)]))
    // From now on a change reaches the new index through onChange.
    this.building = target
    this.changedSinceSeed = null
    let w = 0
    let i = 0
    const step = (): boolean => {
      for (let n = 0; n < SEED_STEP; n += 1) {
        const list = w < COLLECTION_NAMES.length ? (this.store.data[COLLECTION_NAMES[w]] as AnyRecord[]) : null
        if (list === null) return true
        if (i >= list.length) {
          w += 1
          i = 0
          continue
        }
        const c = COLLECTION_NAMES[w]
        const r = list[i]
        const idx = target.get(c) as CollectionIndex
        // The position is i: the store only ever appends.
        if (!idx.hasAt(i) && ((changed.size > 0 && changed.has(seedKey(c, r.id))) || !idx.seedDoc(i, r))) idx.put(r)
        i += 1
      }
      return false
    }
    const fail = (err: Error): void => this.failBuild(err)
    runInSlices(step, () => gen !== this.gen, this.opts, () => {
      this.serveBuilt(target)
      this.listGrams(target, gen, fail, grams)
    }, fail, this.someoneWaits, true)
  }

  private failBuild(err: Error): void {
    this.building = null
    this.dropSeed()
    this.failure = new Error(`The search index could not be built: ${err.message}`)
    this.wake()
  }

  /** The built index (its texts in, grams perhaps not yet) answers from now on. */
  private serveBuilt(target: Indexes): void {
    this.building = null
    this.serving = target
    this.stats = { ...this.stats, textsMs: performance.now() - this.buildStarted }
    this.failure = null
    if (this.isReady) this.wake()
  }

  private rebuild(): void {
    this.dropSeed()
    const gen = ++this.gen
    this.searched = false
    this.stats = { ...this.stats, source: 'records' }
    // Texts first, grams after (CollectionIndex.catchUp): searches are served once the texts are in.
    const target: Indexes = new Map(COLLECTION_NAMES.map((c) => [c, new CollectionIndex(c, (id) => this.store.position(c, id), true)]))
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
    const fail = (err: Error): void => this.failBuild(err)
    runInSlices(step, () => gen !== this.gen, this.opts, () => {
      this.serveBuilt(target)
      this.listGrams(target, gen, fail)
    }, fail, this.someoneWaits, true)
  }

  /**
   * The second half of a build: the grams of every doc, while the index already serves. From a
   * seed, those of its docs come from the cache, and only the docs put since are listed here.
   */
  private listGrams(target: Indexes, gen: number, fail: (err: Error) => void, seeded?: SeedGrams): void {
    this.listing = true
    const pending = [...target.values()]
    const listed = new Promise<void>((resolve, reject) => runInSlices(() => {
      while (pending.length > 0 && pending[0].catchUp(GRAM_STEP)) pending.shift()
      return pending.length === 0
    }, () => gen !== this.gen, this.opts, resolve, reject, () => this.searched, true))
    if (seeded) {
      try {
        for (const [c, idx] of target) idx.takeBase(seeded[c])
      } catch {
        // Without the cache's grams the seed's docs would be scanned for good: the build starts
        // again from the records (the texts in meanwhile keep serving until it is done).
        this.rebuild()
        return
      }
    }
    listed.then(() => {
      if (gen !== this.gen) return
      let records = 0
      let bytes = 0
      let textChars = 0
      for (const idx of target.values()) {
        records += idx.live
        bytes += idx.bytes()
        textChars += idx.textChars()
      }
      this.stats = { ...this.stats, buildMs: performance.now() - this.buildStarted, records, bytes, textChars }
      this.listing = false
      const built = this.builtWaiters
      this.builtWaiters = []
      for (const resolve of built) resolve()
    }, fail)
  }
}

const seedKey = (collection: string, id: string): string => `${collection}\u0000${id}`

const indexes = new WeakMap<Store<DbData>, SearchIndex>()

/** The one index of a store, started on first use (the API starts it when the app opens). */
export function searchIndexFor(store: Store<DbData>, opts?: Turns, seed?: IndexSeed | null): SearchIndex {
  let idx = indexes.get(store)
  if (!idx) {
    idx = new SearchIndex(store, opts)
    indexes.set(store, idx)
    idx.start(seed)
  }
  return idx
}

/** Stops the store's index, if it has one, and forgets it: a closed folder's build must not go on holding its records. */
export function stopSearchIndex(store: Store<DbData>): void {
  indexes.get(store)?.stop()
  indexes.delete(store)
}
