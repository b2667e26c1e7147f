// A stored record and its merge state (field-merge.ts) are two views of one thing. The record
// holds each field's shown value; `sync` holds the version vector, which edit wrote each value,
// the other values of fields in conflict, and the history. These functions convert between the
// two, and stamp a local write: every write the store makes goes through stampWrite.
import { createHash } from 'node:crypto'
import { conflictedFields, HISTORY_KEEP } from '../../shared/domain/sync'
import type { HistoryEntry, HistoryKind, StoredDot, SyncMeta } from '../../shared/domain/sync'
import { localEdit } from './field-merge'
import type { Dot, FieldValue, RecordState } from './field-merge'

type Rec = Record<string, unknown>

/** Bookkeeping of this copy, not data a person entered: never merged field by field. */
export const UNTRACKED: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt', 'updatedBy', 'sync'])

const json = (v: unknown): string => JSON.stringify(v) ?? 'undefined'
const dotKey = (d: readonly [string, number, ...unknown[]]): string => `${d[0]}\u0000${d[1]}`

export function trackedKeys(r: Rec): string[] {
  return Object.keys(r).filter((k) => !UNTRACKED.has(k) && r[k] !== undefined)
}

/** JSON with sorted keys: the same value gives the same text whatever order its keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v !== null && typeof v === 'object') {
    const o = v as Rec
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`
  }
  return json(v)
}

/**
 * The metadata of a record written before records carried any (migration 7, and records a test
 * builds by hand): one edit by a "laptop" named after the record's content. Two laptops holding
 * the same old record get the same name, so their copies are equal; two that changed it before
 * upgrading get different names, so each field they disagree on is a conflict, not a silent loss.
 */
export function legacySync(r: Rec): SyncMeta {
  const values: Rec = {}
  for (const k of trackedKeys(r)) values[k] = r[k]
  const device = `h:${createHash('sha256').update(canonical(values)).digest('hex').slice(0, 12)}`
  const at = typeof r.updatedAt === 'string' ? new Date(Date.parse(r.updatedAt)).toISOString() : '1970-01-01T00:00:00.000Z'
  return { vv: { [device]: 1 }, d: [device, 1, at] }
}

export function syncOf(r: Rec): SyncMeta {
  return (r.sync as SyncMeta | undefined) ?? legacySync(r)
}

const toValue = (value: unknown, d: StoredDot): FieldValue => ({ value, dot: [d[0], d[1]], at: d[2] })
const toDot = (v: FieldValue): StoredDot => [v.dot[0], v.dot[1], v.at]

export function toState(r: Rec): RecordState {
  const s = syncOf(r)
  const fields: Record<string, FieldValue[]> = {}
  for (const k of trackedKeys(r)) {
    fields[k] = [toValue(r[k], s.f?.[k] ?? s.d), ...(s.c?.[k] ?? []).map((o) => toValue(o.v, o.d))]
  }
  return { vv: s.vv, fields }
}

/**
 * The record for a merge state: each field's first value shown, the edit most fields share as the
 * base (ties: the lowest key), the rest listed. Deterministic, so every laptop stores the same bytes.
 */
export function fromState(state: RecordState, base: Rec, history: readonly HistoryEntry[] | undefined): Rec {
  const count = new Map<string, { dot: StoredDot; n: number }>()
  for (const values of Object.values(state.fields)) {
    if (values.length === 0) continue
    const d = toDot(values[0])
    const k = dotKey(d)
    const e = count.get(k)
    if (e) e.n += 1
    else count.set(k, { dot: d, n: 1 })
  }
  let best: { dot: StoredDot; n: number } | undefined
  for (const [k, e] of count) {
    if (!best || e.n > best.n || (e.n === best.n && k < dotKey(best.dot))) best = e
  }
  const out: Rec = {}
  for (const k of Object.keys(base)) if (UNTRACKED.has(k) && k !== 'sync') out[k] = base[k]
  const f: Record<string, StoredDot> = {}
  const c: Record<string, Array<{ v: unknown; d: StoredDot }>> = {}
  for (const [k, values] of Object.entries(state.fields)) {
    if (values.length === 0) continue
    out[k] = values[0].value
    const d = toDot(values[0])
    if (!best || dotKey(d) !== dotKey(best.dot)) f[k] = d
    if (values.length > 1) c[k] = values.slice(1).map((v) => ({ v: v.value, d: toDot(v) }))
  }
  const vv: Record<string, number> = {}
  for (const k of Object.keys(state.vv).sort()) vv[k] = state.vv[k]
  const sync: SyncMeta = { vv, d: best?.dot ?? ['', 1, '1970-01-01T00:00:00.000Z'] }
  if (Object.keys(f).length > 0) sync.f = f
  if (Object.keys(c).length > 0) sync.c = c
  if (history && history.length > 0) sync.h = [...history]
  const origin = (base.sync as SyncMeta | undefined)?.o
  if (origin) sync.o = origin
  out.sync = sync
  return out
}

/** Newest last, the same order on every laptop; at most HISTORY_KEEP, the newest kept. */
export function mergeHistory(a: readonly HistoryEntry[] = [], b: readonly HistoryEntry[] = []): HistoryEntry[] {
  const byDot = new Map<string, HistoryEntry>()
  for (const e of [...a, ...b]) if (!byDot.has(dotKey(e.d))) byDot.set(dotKey(e.d), e)
  return [...byDot.values()]
    .sort((x, y) => (x.d[2] !== y.d[2] ? (x.d[2] < y.d[2] ? -1 : 1) : x.d[0] !== y.d[0] ? (x.d[0] < y.d[0] ? -1 : 1) : x.d[1] - y.d[1]))
    .slice(-HISTORY_KEEP)
}

/** Field names in conflict: different values from edits that did not see each other. */
export function recordConflicts(r: Rec): string[] {
  return conflictedFields(r as Rec & { sync?: SyncMeta })
}

export interface WriteStamp {
  device: string
  /** the laptop's label, kept in the history */
  by: string
  now: Date
  kind?: HistoryKind
  /** fields a person decided although their value may not change (a conflict resolved with the shown value) */
  resolved?: readonly string[]
}

/** A hybrid clock for display: never before an edit this record already holds, so its history reads in order. */
function editTime(state: RecordState, now: Date): string {
  let newest = ''
  for (const values of Object.values(state.fields)) for (const v of values) if (v.at > newest) newest = v.at
  const t = now.getTime()
  const floor = newest === '' ? -Infinity : Date.parse(newest) + 1
  return new Date(Math.max(t, floor)).toISOString()
}

/**
 * The record `next` as this laptop writes it over `previous` (undefined: a new record): the fields
 * whose value changed (and those resolved) get this edit's dot, which has seen everything the
 * previous copy held, so they replace every value there, conflicts included. A delete re-writes
 * every field, so an edit made elsewhere without seeing it conflicts with it (field-merge.ts).
 * Returns `next` untouched when no field changed.
 */
export function stampWrite(previous: Rec | undefined, next: Rec, stamp: WriteStamp): Rec {
  return previous === undefined ? stampCreation(next, stamp) : stampAny(previous, next, stamp)
}

/**
 * What stampAny gives a new record, without building its merge state and reading it back: one
 * edit (this laptop's first of the record) wrote every field, so the fields carry no dot of their own
 * and there is no history. An import creates 100,000 records in one go: the state's round trip was
 * 0.8 s of its main thread and much of its garbage. `record-state.test.ts` checks the two agree,
 * byte for byte, on any record.
 */
function stampCreation(next: Rec, stamp: WriteStamp): Rec {
  const out: Rec = {}
  for (const k of Object.keys(next)) if (UNTRACKED.has(k) && k !== 'sync') out[k] = next[k]
  let fields = 0
  for (const k of Object.keys(next)) {
    if (UNTRACKED.has(k) || next[k] === undefined) continue
    out[k] = next[k]
    fields += 1
  }
  const sync: SyncMeta = { vv: { [stamp.device]: 1 }, d: fields > 0 ? [stamp.device, 1, isoTime(stamp.now)] : ['', 1, '1970-01-01T00:00:00.000Z'] }
  if (stamp.device) sync.o = stamp.device
  out.sync = sync
  return out
}

/** The last time written as text: every record of one transaction has the same (100,000 of an import: 90 ms). */
let lastTime = { ms: NaN, iso: '' }

/** What editTime gives a record with no edit yet: the time as it is. */
function isoTime(now: Date): string {
  const ms = now.getTime()
  if (ms !== lastTime.ms) lastTime = { ms, iso: new Date(ms).toISOString() }
  return lastTime.iso
}

/** Any write, a creation included (stampCreation is its fast path). Exported for the test that compares them. */
export function stampAny(previous: Rec | undefined, next: Rec, stamp: WriteStamp): Rec {
  const prevState: RecordState = previous ? toState(previous) : { vv: {}, fields: {} }
  const changes: Rec = {}
  const ch: Record<string, [unknown, unknown]> = {}
  const deleting = previous !== undefined && (previous.deletedAt ?? null) === null && (next.deletedAt ?? null) !== null
  for (const k of trackedKeys(next)) {
    const before = prevState.fields[k]
    // Compared with the value shown: saving a record in conflict without touching that field leaves the conflict to a person.
    const same = before !== undefined && before.length > 0 && json(before[0].value) === json(next[k])
    const resolving = stamp.resolved?.includes(k) === true && before !== undefined && before.length > 1
    if (!same || resolving || deleting) changes[k] = next[k]
    if (previous !== undefined && (!same || resolving)) ch[k] = [previous[k], next[k]]
  }
  const dropped = Object.keys(prevState.fields).filter((k) => !(k in next) || next[k] === undefined)
  if (previous !== undefined && Object.keys(changes).length === 0 && dropped.length === 0) {
    return previous.sync === undefined ? { ...next, sync: syncOf(previous) } : { ...next, sync: previous.sync }
  }
  const at = editTime(prevState, stamp.now)
  const kept: RecordState = { vv: prevState.vv, fields: { ...prevState.fields } }
  for (const k of dropped) delete (kept.fields as Record<string, unknown>)[k]
  const state = localEdit(kept, changes, stamp.device, at)
  const dot = state.fields[Object.keys(changes)[0]]?.[0]?.dot ?? ([stamp.device, state.vv[stamp.device]] as Dot)
  const kind: HistoryKind = stamp.kind ?? (previous === undefined ? 'create' : deleting ? 'delete' : (previous.deletedAt ?? null) !== null && (next.deletedAt ?? null) === null ? 'restore' : 'edit')
  // A creation is not written to the history: createdAt and the first edit's dot already say it,
  // and at 100,000 records the entry would add a sixth to the file.
  if (previous === undefined) return fromState(state, { ...next, sync: { o: stamp.device } }, undefined)
  const entry: HistoryEntry = { d: [dot[0], dot[1], at], by: stamp.by, k: kind }
  if (Object.keys(ch).length > 0) entry.ch = ch
  const origin = syncOf(previous).o
  return fromState(state, { ...next, sync: origin ? { o: origin } : undefined }, mergeHistory(syncOf(previous).h, [entry]))
}
