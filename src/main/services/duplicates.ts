import { randomUUID } from 'node:crypto'
import { displayName } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { Activity, Contact, Organization, Staff, Trip } from '../../shared/domain'
import { mergeable, mergeRecord } from '../../shared/domain/merges'
import type { DistinctPair, Mergeable, MergeRecord } from '../../shared/domain/merges'
import type { DuplicateCounts, DuplicateLevel, DuplicatePair, MergeResult, MergeSummary, MergeUndoResult } from '../../shared/duplicates'
import { activityPairs, contactPairs, organizationPairs, pairKey, staffPairs, tripPairs } from '../import/duplicate-pairs'
import type { FoundPair } from '../import/duplicate-pairs'
import { AppError } from '../errors'
import { stepsInSlices } from '../turns'
import type { StoredRecord, StoreView } from '../store'
import { after, planBatch, stored, validateOps } from './batch'
import type { BatchOp } from './batch'
import type { Ctx } from './context'
import { relinkOps, survivorChanges } from './merge-plan'

const LEVEL_ORDER: Record<DuplicateLevel, number> = { match: 0, warning: 1, candidate: 2, partOf: 3 }

export interface MergeRequest {
  collection: Mergeable
  survivorId: string
  otherId: string
  fields: Record<string, 'survivor' | 'other'>
  expectedUpdatedAt?: { survivor: string; other: string }
}

export function createDuplicateService(ctx: Ctx) {
  const { store } = ctx
  const cache = new Map<Mergeable, { key: string; pairs: Promise<FoundPair[]> }>()

  /**
   * Pairs are recomputed only when the register or the "not duplicates" list changed, in slices of
   * the event loop (the search takes a few hundred ms at 100,000 contacts); callers asking while it
   * runs share it.
   */
  function found(c: Mergeable): Promise<FoundPair[]> {
    const key = `${store.revision(c)}|${store.revision('distinctPairs')}`
    const hit = cache.get(c)
    if (hit && hit.key === key) return hit.pairs
    const distinct = new Set(store.data.distinctPairs.filter((d) => d.collection === c && d.deletedAt === null).map((d) => pairKey(d.ids[0], d.ids[1])))
    const live = <T extends { deletedAt: string | null }>(list: readonly T[]) => list.filter((r) => r.deletedAt === null)
    const steps = c === 'organizations' ? organizationPairs(live(store.data.organizations), distinct)
      : c === 'contacts' ? contactPairs(live(store.data.contacts), distinct)
        : c === 'staff' ? staffPairs(live(store.data.staff), distinct)
          : c === 'trips' ? tripPairs(live(store.data.trips), distinct)
            : activityPairs(live(store.data.activities), distinct)
    const pairs = stepsInSlices(steps)
    cache.set(c, { key, pairs })
    // A failed search is not kept: the next request tries again.
    pairs.catch(() => {
      if (cache.get(c)?.pairs === pairs) cache.delete(c)
    })
    return pairs
  }

  function detail(c: Mergeable, r: AnyRecord): string {
    if (c === 'organizations') {
      const o = r as Organization
      return [o.city, o.creditCode].filter((x) => x !== '').join(' · ')
    }
    if (c === 'contacts') {
      const p = r as Contact
      const org = p.organizationId ? (store.get('organizations', p.organizationId) as Organization | undefined)?.name : undefined
      const alumni = p.alumni ? [p.alumni.classYear ?? '', p.alumni.major].filter((x) => x !== '').join(' ') : ''
      return [p.phone, org ?? '', alumni].filter((x) => x !== '').join(' · ')
    }
    if (c === 'trips') {
      const t = r as Trip
      return [t.startDate === t.endDate ? t.startDate : `${t.startDate} – ${t.endDate}`, t.destinations.join('、'), t.updatedBy].filter((x) => x !== '').join(' · ')
    }
    if (c === 'activities') {
      const a = r as Activity
      const trip = a.tripId ? (store.get('trips', a.tripId) as Trip | undefined)?.title : undefined
      const orgs = a.organizationIds.map((id) => (store.get('organizations', id) as Organization | undefined)?.name ?? '').filter((x) => x !== '')
      return [a.date, orgs.join('、'), trip ?? '', a.updatedBy].filter((x) => x !== '').join(' · ')
    }
    const s = r as Staff
    return [s.department, s.phone].filter((x) => x !== '').join(' · ')
  }

  function side(c: Mergeable, r: AnyRecord): DuplicatePair['a'] {
    return { id: r.id, name: displayName(r), detail: detail(c, r) }
  }

  function mustGet(head: StoreView, c: CollectionName, id: string, field: string): AnyRecord {
    const r = head.get(c, id) as AnyRecord | undefined
    if (!r) throw new AppError('NOT_FOUND', `No ${c} record with id ${id}`, { [field]: ['Not found'] })
    return r
  }

  return {
    async list(input: { collection: Mergeable; recordId?: string; limit: number }): Promise<DuplicatePair[]> {
      const c = input.collection
      const pairs = (await found(c)).filter((p) => input.recordId === undefined || p.a === input.recordId || p.b === input.recordId)
      const out: DuplicatePair[] = []
      for (const p of pairs) {
        const x = store.get(c, p.a) as AnyRecord | undefined
        const y = store.get(c, p.b) as AnyRecord | undefined
        if (!x || !y) continue
        // The older record first: it is the one other records have linked to longest.
        const [a, b] = x.createdAt <= y.createdAt ? [x, y] : [y, x]
        out.push({ collection: c, a: side(c, a), b: side(c, b), reason: p.reason, level: p.level, score: p.score })
      }
      out.sort((p, q) => LEVEL_ORDER[p.level] - LEVEL_ORDER[q.level] || p.a.name.localeCompare(q.a.name, 'zh-CN'))
      return out.slice(0, input.limit)
    },

    async counts(): Promise<DuplicateCounts> {
      // Branches are offered, not counted as work to do.
      const n = async (c: Mergeable) => (await found(c)).filter((p) => p.level !== 'partOf').length
      const [organizations, contacts, staff, trips, activities] = await Promise.all(mergeable.options.map(n))
      return { organizations, contacts, staff, trips, activities }
    },

    /** Remembers that two records are different, so they are not proposed again. */
    async markDistinct(input: { collection: Mergeable; ids: [string, string] }): Promise<DistinctPair> {
      const ids = [...input.ids].sort() as [string, string]
      const at = ctx.now().toISOString()
      return store.transact((head) => {
        ids.forEach((id, i) => mustGet(head, input.collection, id, `ids.${i}`))
        const existing = [...head.all('distinctPairs')].find((d) => {
          const p = d as unknown as DistinctPair
          return p.collection === input.collection && p.ids[0] === ids[0] && p.ids[1] === ids[1] && p.deletedAt === null
        })
        if (existing) return { tx: { puts: [] }, result: existing as unknown as DistinctPair }
        const record: DistinctPair = { id: randomUUID(), createdAt: at, updatedAt: at, updatedBy: ctx.deviceLabel(), deletedAt: null, collection: input.collection, ids }
        return { tx: { puts: [{ collection: 'distinctPairs', record: record as unknown as StoredRecord }] }, result: record }
      })
    },

    /**
     * One journal transaction: the survivor takes the chosen values, every live record linking to
     * the other is re-pointed to the survivor, and the other becomes a tombstone with mergedInto.
     * The merge record keeps each written record as it was, for undo.
     */
    async merge(input: MergeRequest): Promise<MergeResult> {
      const c = input.collection
      const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
      return store.transact((head) => {
        const survivor = mustGet(head, c, input.survivorId, 'survivorId')
        const other = mustGet(head, c, input.otherId, 'otherId')
        for (const [r, field] of [[other, 'otherId'], [survivor, 'survivorId']] as const) {
          if (r.deletedAt === null) continue
          const message = typeof r.mergedInto === 'string' ? `${displayName(r)} was already merged into another record` : `${displayName(r)} is deleted`
          throw new AppError('STATE', message, { [field]: [message] })
        }
        const expected = input.expectedUpdatedAt
        if (expected && (expected.survivor !== survivor.updatedAt || expected.other !== other.updatedAt)) {
          const field = expected.survivor !== survivor.updatedAt ? 'expectedUpdatedAt.survivor' : 'expectedUpdatedAt.other'
          throw new AppError('CONFLICT', 'One of the records was changed since you opened the merge; open it again', { [field]: ['Changed since'] })
        }
        const changes = survivorChanges(c, survivor as unknown as Record<string, unknown>, other as unknown as Record<string, unknown>, input.fields)
        const relink = relinkOps(head, c, other.id, survivor.id)
        const ops: BatchOp[] = [
          ...(Object.keys(changes).length > 0 ? [{ op: 'update' as const, collection: c, id: survivor.id, changes }] : []),
          ...relink,
          { op: 'delete', collection: c, id: other.id },
        ]
        const planned = planBatch(head, validateOps(ops), stamp, (i) => ({ prefix: ['ops', String(i)], changes: [], label: '' }))
        const last = planned[planned.length - 1]
        last.record = stored(c, { ...last.record, mergedInto: survivor.id }, last.place)
        const merge: MergeRecord = mergeRecord.parse({
          id: randomUUID(), createdAt: stamp.at, updatedAt: stamp.at, updatedBy: stamp.by, deletedAt: null,
          collection: c, survivorId: survivor.id, otherId: other.id, otherName: displayName(other),
          changed: planned.map((p) => ({ collection: p.collection, id: p.record.id, before: { ...(head.get(p.collection, p.record.id) ?? {}) }, mergedAt: p.record.updatedAt })),
          undoneAt: null,
        })
        const puts = [
          ...planned.map(({ collection, record }) => ({ collection, record: record as unknown as StoredRecord })),
          { collection: 'merges', record: merge as unknown as StoredRecord },
        ]
        return { tx: { puts, meta: { kind: 'merge' } }, result: { mergeId: merge.id, survivorId: survivor.id, relinked: relink.length } }
      })
    },

    /** Puts every record the merge wrote back as it was, as long as none of them was edited since. */
    async undoMerge(mergeId: string): Promise<MergeUndoResult> {
      const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
      return store.transact((head) => {
        const merge = head.get('merges', mergeId) as unknown as MergeRecord | undefined
        if (!merge) throw new AppError('NOT_FOUND', `No merge with id ${mergeId}`, { mergeId: ['Not found'] })
        if (merge.undoneAt !== null) throw new AppError('STATE', 'This merge was already undone', { mergeId: ['Already undone'] })
        const edited = merge.changed.filter((ch) => (head.get(ch.collection, ch.id) as AnyRecord | undefined)?.updatedAt !== ch.mergedAt)
        if (edited.length > 0) {
          const names = edited.slice(0, 5).map((ch) => {
            const r = head.get(ch.collection, ch.id) as AnyRecord | undefined
            return r ? displayName(r) : ch.id
          })
          const message = `Edited since the merge, so it cannot be undone: ${names.join(', ')}`
          throw new AppError('CONFLICT', message, { mergeId: [message] })
        }
        const puts = merge.changed.map((ch) => {
          const c = ch.collection as CollectionName
          const current = head.get(c, ch.id) as AnyRecord
          const record = stored(c, { ...ch.before, ...after(current, stamp) }, { prefix: [], changes: [], label: '' })
          return { collection: c, record: record as unknown as StoredRecord }
        })
        const undone = { ...merge, updatedAt: stamp.at, updatedBy: stamp.by, undoneAt: stamp.at }
        return { tx: { puts: [...puts, { collection: 'merges', record: undone as unknown as StoredRecord }], meta: { kind: 'undo' } }, result: { restored: puts.length } }
      })
    },

    history(limit: number): MergeSummary[] {
      return store.data.merges.slice(-limit).reverse().map((m) => {
        const survivor = store.get(m.collection, m.survivorId) as AnyRecord | undefined
        return {
          id: m.id, collection: m.collection, at: m.createdAt, device: m.updatedBy, survivorId: m.survivorId,
          survivorName: survivor ? displayName(survivor) : m.survivorId, otherName: m.otherName, changed: m.changed.length, undoneAt: m.undoneAt,
        }
      })
    },
  }
}
export type DuplicateService = ReturnType<typeof createDuplicateService>
