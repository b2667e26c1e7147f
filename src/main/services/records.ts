import { randomUUID } from 'node:crypto'
import { collections, displayName, linkedIds, links, missingLinks } from '../../shared/collections'
import type { AnyRecord, CollectionName, RecordTypes } from '../../shared/collections'
import type { LinkRef, Page, UpdateInput } from '../../shared/contract'
import { AppError, validationError } from '../errors'
import type { Ctx } from './context'
import { filterPredicates, searchFields } from './queries'

type Rec<C extends CollectionName> = RecordTypes[C]

export interface ListQuery {
  search: string
  offset: number
  limit: number
  includeDeleted: boolean
  filter?: Record<string, unknown>
  sort?: { field: string; dir: 'asc' | 'desc' }
}

const SYSTEM_KEYS = ['id', 'createdAt', 'updatedAt', 'updatedBy', 'deletedAt'] as const

/** Lower-cased search text per record object; records are immutable, so the cache never goes stale. */
const haystacks = new WeakMap<object, string>()
export function haystack<C extends CollectionName>(c: C, r: Rec<C>): string {
  let text = haystacks.get(r)
  if (text === undefined) {
    const parts = (searchFields[c] as (r: Rec<C>) => Array<string | number>)(r)
    text = [...parts, ...r.tags, r.notes].join('\u0001').toLowerCase()
    haystacks.set(r, text)
  }
  return text
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' })
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined || a === '') return 1 // empty last, whatever the direction
  if (b === null || b === undefined || b === '') return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

export function createRecordService(ctx: Ctx) {
  const { store } = ctx
  /**
   * Whole collections in sort order, per field and direction, until the collection changes.
   * Comparing 100,000 names with a collator takes about a second; filtering a sorted
   * list takes milliseconds, so every filter and search reuses one sort.
   */
  const sorted = new Map<string, { revision: string; records: readonly AnyRecord[] }>()
  function sortedAll<C extends CollectionName>(c: C, field: string, dir: 'asc' | 'desc'): readonly Rec<C>[] {
    const key = `${c}\u0000${field}\u0000${dir}`
    const revision = store.revision(c)
    const hit = sorted.get(key)
    if (hit && hit.revision === revision) return hit.records as readonly Rec<C>[]
    const sign = dir === 'desc' ? -1 : 1
    const records = [...all(c)].sort((a, b) => sign * compareValues((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field]))
    sorted.set(key, { revision, records })
    return records
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

  function isLive(c: CollectionName, id: string): boolean {
    const r = find(c, id)
    return r !== undefined && r.deletedAt === null
  }

  /** Every link the record holds must point at a live record. */
  function checkLinks(c: CollectionName, record: object): void {
    const fieldErrors: Record<string, string[]> = {}
    for (const { at, to, id } of missingLinks(c, record, isLive)) (fieldErrors[at] ??= []).push(`No ${to} record with id ${id}`)
    if (c === 'attachments') {
      const a = record as RecordTypes['attachments']
      if (!isLive(a.recordType, a.recordId)) fieldErrors.recordId = [`No ${a.recordType} record with id ${a.recordId}`]
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError('MISSING_LINK', `Linked records are missing: ${Object.keys(fieldErrors).join(', ')}`, fieldErrors)
    }
  }

  /** The live records that link to (c, id). */
  function linksTo(c: CollectionName, id: string): LinkRef[] {
    const out: LinkRef[] = []
    for (const def of links) {
      if (def.to !== c) continue
      for (const r of all(def.from)) {
        if (r.deletedAt !== null) continue
        const hit = linkedIds(r, def.path).find((l) => l.id === id)
        if (hit) out.push({ collection: def.from, id: r.id, name: displayName(r), field: hit.at })
      }
    }
    for (const a of all('attachments')) {
      if (a.deletedAt === null && a.recordType === c && a.recordId === id) {
        out.push({ collection: 'attachments', id: a.id, name: a.fileName, field: 'recordId' })
      }
    }
    return out
  }

  function stamp(): { updatedAt: string; updatedBy: string } {
    return { updatedAt: ctx.now().toISOString(), updatedBy: ctx.deviceLabel() }
  }

  async function save<C extends CollectionName>(c: C, record: Rec<C>): Promise<Rec<C>> {
    // The stored form is checked too: a bug here must never reach the file.
    const checked = collections[c].record.safeParse(record)
    if (!checked.success) throw validationError(checked.error)
    await store.commit({ puts: [{ collection: c, record: checked.data as unknown as AnyRecord }] })
    return checked.data as Rec<C>
  }

  function editableFields(r: object): Record<string, unknown> {
    const out: Record<string, unknown> = { ...r }
    for (const k of SYSTEM_KEYS) delete out[k]
    return out
  }

  return {
    list<C extends CollectionName>(c: C, q: ListQuery): Page<Rec<C>> {
      const pred = filterPredicates[c] as (r: Rec<C>, f: Record<string, unknown>) => boolean
      const filter = q.filter ?? {}
      const needle = q.search.trim().toLowerCase()
      const hits: Rec<C>[] = []
      const source = q.sort ? sortedAll(c, q.sort.field, q.sort.dir) : all(c)
      for (const r of source) {
        if (!q.includeDeleted && r.deletedAt !== null) continue
        if (!pred(r, filter)) continue
        if (needle !== '' && !haystack(c, r).includes(needle)) continue
        hits.push(r)
      }
      return { items: hits.slice(q.offset, q.offset + q.limit), total: hits.length }
    },

    get<C extends CollectionName>(c: C, id: string): Rec<C> {
      return mustFind(c, id)
    },

    async create<C extends CollectionName>(c: C, input: object): Promise<Rec<C>> {
      checkLinks(c, input)
      const at = ctx.now().toISOString()
      const record = { ...input, id: randomUUID(), createdAt: at, deletedAt: null, ...stamp() } as unknown as Rec<C>
      return save(c, record)
    },

    async update<C extends CollectionName>(c: C, input: UpdateInput<C>): Promise<Rec<C>> {
      const current = mustFind(c, input.id)
      if (current.deletedAt !== null) throw new AppError('STATE', 'This record is deleted; restore it before editing')
      if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== current.updatedAt) {
        throw new AppError('CONFLICT', 'This record was changed elsewhere since you opened it; reload it and try again')
      }
      // Re-validate the whole merged record so cross-field rules (e.g. trip dates) hold after a partial change.
      const merged = collections[c].input.safeParse({ ...editableFields(current), ...input.changes })
      if (!merged.success) throw validationError(merged.error, ['changes'])
      checkLinks(c, merged.data)
      const system = { id: current.id, createdAt: current.createdAt, deletedAt: null }
      return save(c, { ...merged.data, ...system, ...stamp() } as unknown as Rec<C>)
    },

    async delete<C extends CollectionName>(c: C, id: string): Promise<Rec<C>> {
      const current = mustFind(c, id)
      if (current.deletedAt !== null) throw new AppError('STATE', 'This record is already deleted')
      const linkers = linksTo(c, id)
      if (linkers.length > 0) {
        const names = linkers.slice(0, 5).map((l) => l.name).join(', ')
        throw new AppError('LINKED', `Still linked from ${linkers.length} record(s): ${names}`, {}, linkers)
      }
      const s = stamp()
      return save(c, { ...current, ...s, deletedAt: s.updatedAt })
    },

    async restore<C extends CollectionName>(c: C, id: string): Promise<Rec<C>> {
      const current = mustFind(c, id)
      if (current.deletedAt === null) throw new AppError('STATE', 'This record is not deleted')
      checkLinks(c, current)
      return save(c, { ...current, ...stamp(), deletedAt: null })
    },

    linksTo,
  }
}
export type RecordService = ReturnType<typeof createRecordService>
