import { displayName, linkedIds, links, missingLinks } from '../../shared/collections'
import type { AnyRecord, CollectionName, RecordTypes } from '../../shared/collections'
import type { LinkRef } from '../../shared/contract'
import type { StoreView } from '../store'

function isLive(view: StoreView, c: CollectionName, id: string): boolean {
  const r = view.get(c, id)
  return r !== undefined && r.deletedAt === null
}

/** Field path -> message for every link of the record that does not point at a live record in `view`. */
export function deadLinks(view: StoreView, c: CollectionName, record: object): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const { at, to, id } of missingLinks(c, record, (to, id) => isLive(view, to, id))) (out[at] ??= []).push(`No ${to} record with id ${id}`)
  if (c === 'attachments') {
    const a = record as RecordTypes['attachments']
    if (!isLive(view, a.recordType, a.recordId)) out.recordId = [`No ${a.recordType} record with id ${a.recordId}`]
  }
  return out
}

export const targetKey = (c: string, id: string): string => `${c}\u0000${id}`

/**
 * The live records in `view` that link to any of `targets` (collection -> ids), keyed by targetKey:
 * one pass over the linking collections however many targets a batch deletes.
 */
export function linkersOf(view: StoreView, targets: ReadonlyMap<CollectionName, ReadonlySet<string>>, opts: { attachments: boolean } = { attachments: true }): Map<string, LinkRef[]> {
  const out = new Map<string, LinkRef[]>()
  const add = (target: string, ref: LinkRef): void => {
    const list = out.get(target)
    if (list) list.push(ref)
    else out.set(target, [ref])
  }
  for (const def of links) {
    const ids = targets.get(def.to)
    if (!ids || ids.size === 0) continue
    for (const stored of view.all(def.from)) {
      const r = stored as unknown as AnyRecord
      if (r.deletedAt !== null) continue
      // One entry per record and target, at the first field that holds it.
      const hits = new Map<string, string>()
      for (const { id, at } of linkedIds(r, def.path)) if (ids.has(id) && !hits.has(id)) hits.set(id, at)
      for (const [id, at] of hits) add(targetKey(def.to, id), { collection: def.from, id: r.id, name: displayName(r), field: at })
    }
  }
  if (!opts.attachments) return out
  for (const stored of view.all('attachments')) {
    const a = stored as unknown as RecordTypes['attachments']
    if (a.deletedAt === null && targets.get(a.recordType)?.has(a.recordId)) {
      add(targetKey(a.recordType, a.recordId), { collection: 'attachments', id: a.id, name: a.fileName, field: 'recordId' })
    }
  }
  return out
}

/** The live records in `view` that link to (c, id). */
export function linksTo(view: StoreView, c: CollectionName, id: string): LinkRef[] {
  return linkersOf(view, new Map([[c, new Set([id])]])).get(targetKey(c, id)) ?? []
}
