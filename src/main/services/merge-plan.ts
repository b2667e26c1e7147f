import { z } from 'zod'
import { collections, links } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { Mergeable } from '../../shared/domain/merges'
import { COMBINED_FIELDS } from '../../shared/duplicates'
import { normText } from '../import/normalize'
import type { StoreView } from '../store'
import type { BatchOp } from './batch'

type Rec = Record<string, unknown>

const isEmpty = (v: unknown): boolean => v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0)

/**
 * The survivor's new values: per field the side the user chose; a field not chosen keeps the
 * survivor's value, or takes the other's when the survivor has none (one level into an object such
 * as the alumni profile). Lists are united and differing long texts kept both (COMBINED_FIELDS),
 * since neither side's is wrong; an organisation keeps the other's name and aliases as its own
 * aliases (as written, so Ctrl+K finds the survivor under the name people knew the other by).
 */
export function survivorChanges(c: Mergeable, survivor: Rec, other: Rec, fields: Record<string, 'survivor' | 'other'>): Rec {
  const out: Rec = {}
  const combined = COMBINED_FIELDS[c]
  for (const f of Object.keys(collections[c].shape.shape)) {
    const s = survivor[f]
    const o = other[f]
    const choice = fields[f]
    if (choice === 'other') out[f] = o
    else if (choice === 'survivor') continue
    else if (f in combined.lists && Array.isArray(s) && Array.isArray(o)) out[f] = unite(s, o, combined.lists[f]).slice(0, maxItems(c, f))
    else if (combined.texts.includes(f)) out[f] = isEmpty(s) ? o : isEmpty(o) || s === o ? s : `${String(s)}\n${String(o)}`.slice(0, 20000)
    else if (isEmpty(s) && !isEmpty(o)) out[f] = o
    else if (isPlain(s) && isPlain(o)) out[f] = fillObject(s, o)
  }
  if (c === 'organizations' && fields.aliases !== 'survivor') {
    const name = typeof out.name === 'string' ? out.name : String(survivor.name)
    const taken = new Set([normText(name).toLowerCase()])
    const aliases: string[] = []
    for (const a of [...((out.aliases ?? survivor.aliases) as string[]), String(survivor.name), String(other.name), ...(other.aliases as string[])]) {
      const k = normText(a).toLowerCase()
      if (k === '' || taken.has(k)) continue
      taken.add(k)
      aliases.push(a)
    }
    out.aliases = aliases.slice(0, 50)
  }
  for (const [f, v] of Object.entries(out)) if (JSON.stringify(v) === JSON.stringify(survivor[f])) delete out[f]
  return out
}

/** Both lists in order, each item once: strings as written, objects by their key field (a member by staffId, a day by date). */
function unite(s: readonly unknown[], o: readonly unknown[], key: string | null): unknown[] {
  const seen = new Set<unknown>()
  const out: unknown[] = []
  for (const item of [...s, ...o]) {
    const k = key !== null && isPlain(item) ? item[key] : JSON.stringify(item)
    if (seen.has(k)) continue
    seen.add(k)
    out.push(item)
  }
  return key === 'date' ? out.sort((x, y) => String((x as Rec).date).localeCompare(String((y as Rec).date))) : out
}

/** The most items the field's schema takes, so a united list is cut to fit rather than refused. */
function maxItems(c: Mergeable, f: string): number {
  const field = (collections[c].shape.shape as Record<string, z.ZodType>)[f]
  const json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as { maxItems?: number }
  return json.maxItems ?? Number.MAX_SAFE_INTEGER
}

const isPlain = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v)

function fillObject(s: Rec, o: Rec): Rec {
  const out = { ...s }
  for (const [k, v] of Object.entries(o)) if ((isEmpty(out[k]) || out[k] === 'unknown') && !isEmpty(v)) out[k] = v
  return out
}

/**
 * The value at `parts` (a link path, `*` stepping into arrays) with `from` replaced by `to`, or
 * undefined when nothing there is `from`. A list that then names the survivor twice keeps the first.
 */
export function repoint(value: unknown, parts: readonly string[], from: string, to: string): unknown {
  if (parts.length === 0) return value === from ? to : undefined
  const [head, ...rest] = parts
  if (head === '*') {
    if (!Array.isArray(value)) return undefined
    let changed = false
    const items = value.map((item) => {
      const next = repoint(item, rest, from, to)
      if (next === undefined) return item
      changed = true
      return next
    })
    if (!changed) return undefined
    const seen = new Set<unknown>()
    return items.filter((item) => {
      const id = rest.reduce<unknown>((v, k) => (isPlain(v) ? v[k] : undefined), item)
      if (typeof id !== 'string') return true
      if (seen.has(id)) return false
      seen.add(id)
      return true
    })
  }
  if (!isPlain(value)) return undefined
  const next = repoint(value[head], rest, from, to)
  return next === undefined ? undefined : { ...value, [head]: next }
}

/**
 * Every live record that links to `otherId`, each as one update op moving its links to `survivorId`
 * (every entry of the shared link map, and attachments filed under the other record).
 */
export function relinkOps(head: StoreView, c: Mergeable, otherId: string, survivorId: string): BatchOp[] {
  const changes = new Map<string, { collection: CollectionName; id: string; changes: Rec }>()
  const working = new Map<string, Rec>()
  const put = (from: CollectionName, r: Rec, field: string, value: unknown) => {
    const key = `${from}\u0000${String(r.id)}`
    let entry = changes.get(key)
    if (!entry) changes.set(key, (entry = { collection: from, id: String(r.id), changes: {} }))
    entry.changes[field] = value
    working.set(key, { ...(working.get(key) ?? r), [field]: value })
  }
  for (const def of links) {
    if (def.to !== c) continue
    for (const stored of head.all(def.from)) {
      if (stored.deletedAt !== null || (def.from === c && stored.id === otherId)) continue
      const r = working.get(`${def.from}\u0000${stored.id}`) ?? (stored as Rec)
      const [field, ...rest] = def.path.split('.')
      const next = repoint(r[field], rest, otherId, survivorId)
      if (next !== undefined) put(def.from, r, field, next)
    }
  }
  for (const stored of head.all('attachments')) {
    const a = stored as unknown as AnyRecord & { recordType: string; recordId: string }
    if (a.deletedAt === null && a.recordType === c && a.recordId === otherId) put('attachments', a as unknown as Rec, 'recordId', survivorId)
  }
  return [...changes.values()].map((e) => ({ op: 'update', collection: e.collection, id: e.id, changes: e.changes }))
}
