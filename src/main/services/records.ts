import { displayName } from '../../shared/collections'
import type { AnyRecord, CollectionName, RecordTypes } from '../../shared/collections'
import type { LinkRef, Page, UpdateInput } from '../../shared/contract'
import { AppError } from '../errors'
import { SINGLE, planBatch } from './batch'
import type { BatchOp } from './batch'
import { durableView } from './batch-view'
import type { Ctx } from './context'
import { linksTo } from './link-checks'
import { filterPredicates } from './queries'
import { fold, searchQuery, searchIndexFor, sortedOrdersFor } from '../search-index'
import { bestSplit, splitScore } from '../search-index/splits'
import { runToEnd, searchTurns, stepsInSlices } from '../turns'

type Rec<C extends CollectionName> = RecordTypes[C]

export interface ListQuery {
  search: string
  offset: number
  limit: number
  includeDeleted: boolean
  filter?: Record<string, unknown>
  sort?: { field: string; dir: 'asc' | 'desc' }
}

/** a match set this many times smaller than its collection is sorted rather than walked in order */
const FEW_MATCHES = 16
/**
 * firstPage keeps the best offset + limit records in an array kept sorted: beyond this many, its
 * insertions (worst case, a collection already in the opposite order) would cost more than a sort.
 */
const FIRST_PAGE_MAX = 1000

/** The records' display names, folded as the index folds them, one at a time: a score may stop at the first. */
function* foldedNames(records: Iterable<AnyRecord>): Generator<string> {
  for (const r of records) yield fold(displayName(r))
}

export function createRecordService(ctx: Ctx) {
  const { store } = ctx
  // Asked for at each use, not here: creating them starts the background sorts, which api.ts
  // delays so that they do not compete with the first screen's requests.
  const orders = () => sortedOrdersFor(store)
  function sortedAll<C extends CollectionName>(c: C, field: string, dir: 'asc' | 'desc'): readonly Rec<C>[] {
    return orders().get(c, field, dir) as readonly Rec<C>[]
  }

  function all<C extends CollectionName>(c: C): readonly Rec<C>[] {
    return store.data[c] as Rec<C>[]
  }

  function find<C extends CollectionName>(c: C, id: string): Rec<C> | undefined {
    return store.get(c, id) as Rec<C> | undefined
  }

  function mustFind<C extends CollectionName>(c: C, id: string): Rec<C> {
    const r = find(c, id)
    if (!r) throw new AppError('NOT_FOUND', `No ${c} record with id ${id}`, { id: ['Not found'] })
    return r
  }

  /** One op through the same checks as a batch, inside the serialised commit. */
  function commitOne<C extends CollectionName>(op: BatchOp): Promise<Rec<C>> {
    const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
    return store.transact((head) => {
      const [{ collection, record }] = planBatch(head, [op], stamp, () => SINGLE)
      return { tx: { puts: [{ collection, record }] }, result: { collection, id: record.id, record: record as Rec<C> } }
    }).then(({ collection, id, record }) => {
      // The stored copy carries the versions the store's write hook added, unless a later write already replaced it.
      const written = store.get(collection, id) as Rec<C> | undefined
      return written && written.updatedAt === record.updatedAt ? written : record
    })
  }

  return {
    async list<C extends CollectionName>(c: C, q: ListQuery): Promise<Page<Rec<C>>> {
      const pred = filterPredicates[c] as (r: Rec<C>, f: Record<string, unknown>) => boolean
      const filter = q.filter ?? {}
      const { needles, words, bare, splits } = searchQuery(q.search)
      let matched: Set<AnyRecord> | null = null
      if (needles.length > 0) {
        const index = searchIndexFor(store)
        await index.ready()
        const idx = index.collection(c)
        function* matching(): Generator<void, Set<AnyRecord>> {
          const whole = yield* idx.matchSteps(needles, words, bare)
          if (whole.size > 0 || splits === undefined) return whole
          // As Ctrl+K does (search.ts): "沈伟长沙" that found nothing whole is read as "沈伟 长沙".
          const split = yield* bestSplit(splits, (w) => idx.matchSteps([], w), (w, found) => (found.size === 0 ? null : splitScore(w, foldedNames(found))))
          return split ?? whole
        }
        // As Ctrl+K does (search.ts): records not listed yet are checked in turns.
        matched = idx.scanning ? await stepsInSlices(matching(), searchTurns, true) : runToEnd(matching())
      }
      const keep = (r: Rec<C>): boolean =>
        (q.includeDeleted === true || r.deletedAt === null) && (matched === null || matched.has(r)) && pred(r, filter)
      // A search that matches few records: sorting them costs less than walking 100,000 in order,
      // and it needs no sorted order at all.
      if (q.sort && matched !== null && matched.size * FEW_MATCHES < all(c).length) {
        const hits = orders().sortLike(c, q.sort.field, q.sort.dir, [...matched].filter(keep as (r: AnyRecord) => boolean))
        return { items: hits.slice(q.offset, q.offset + q.limit) as Rec<C>[], total: hits.length }
      }
      // Just after open the background has not sorted this order yet: the page is picked from the
      // collection as it is instead of sorting 100,000 records while the user waits.
      if (q.sort && !orders().isReady(c, q.sort.field, q.sort.dir)) {
        if (q.offset + q.limit <= FIRST_PAGE_MAX) {
          return orders().firstPage(c, q.sort.field, q.sort.dir, all(c), keep as (r: AnyRecord) => boolean, q.offset, q.limit) as Page<Rec<C>>
        }
        // Deeper pages (the last page of a register) wait for the background sort, without blocking.
        await orders().whenReady(c, q.sort.field, q.sort.dir)
      }
      // Otherwise walking the whole (sorted) collection and asking the match set keeps the requested
      // order without sorting the matches again; only the page itself is collected.
      const source = q.sort ? sortedAll(c, q.sort.field, q.sort.dir) : all(c)
      const items: Rec<C>[] = []
      let total = 0
      for (const r of source) {
        if (!keep(r)) continue
        if (total >= q.offset && items.length < q.limit) items.push(r)
        total += 1
      }
      return { items, total }
    },

    get<C extends CollectionName>(c: C, id: string): Rec<C> {
      return mustFind(c, id)
    },

    async create<C extends CollectionName>(c: C, input: object): Promise<Rec<C>> {
      return commitOne({ op: 'create', collection: c, input: input as Record<string, unknown> })
    },

    async update<C extends CollectionName>(c: C, input: UpdateInput<C>): Promise<Rec<C>> {
      const { id, changes, expectedUpdatedAt } = input
      return commitOne({ op: 'update', collection: c, id, changes, ...(expectedUpdatedAt === undefined ? {} : { expectedUpdatedAt }) })
    },

    async delete<C extends CollectionName>(c: C, id: string): Promise<Rec<C>> {
      return commitOne({ op: 'delete', collection: c, id })
    },

    async restore<C extends CollectionName>(c: C, id: string): Promise<Rec<C>> {
      return commitOne({ op: 'restore', collection: c, id })
    },

    /** What links to (c, id) now, for the screen that explains a refused delete. */
    linksTo(c: CollectionName, id: string): LinkRef[] {
      return linksTo(durableView(store), c, id)
    },
  }
}
export type RecordService = ReturnType<typeof createRecordService>
