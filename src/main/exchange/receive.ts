// What a received package does to this laptop's records, computed without writing: each record's
// copy here merged with the package's (field-merge.ts), classified for the preview, and the record
// to write. The same function runs for the preview and, inside the serialised commit, for apply.
import type { CollectionName } from '../../shared/collections'
import type { ExchangeOutcome } from '../../shared/domain/exchanges'
import type { FieldDiff, FieldVersion } from '../../shared/exchange'
import type { StoredRecord } from '../store'
import { conflicts, merge } from './field-merge'
import type { RecordState } from './field-merge'
import type { IncomingRecord } from './package-content'
import { fromState, mergeHistory, syncOf, toState, UNTRACKED } from './record-state'

export interface PlannedRecord {
  collection: CollectionName
  id: string
  outcome: ExchangeOutcome
  /** the record here before (undefined: new) */
  local: StoredRecord | undefined
  /** what to write; null when nothing changes */
  write: StoredRecord | null
  fields: FieldDiff[]
}

const json = (v: unknown): string => JSON.stringify(v) ?? 'undefined'

/** The stored form without this copy's bookkeeping: equal on two laptops that hold the same record. */
function sameContent(a: StoredRecord, b: StoredRecord): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'updatedBy') continue
    if (json(a[k]) !== json(b[k])) return false
  }
  return true
}

const vvCovers = (a: RecordState['vv'], b: RecordState['vv']): boolean => Object.entries(b).every(([d, n]) => (a[d] ?? 0) >= n)

export function versionsOf(state: RecordState, field: string, label: (device: string) => string): FieldVersion[] {
  return (state.fields[field] ?? []).map((v) => ({ value: v.value, device: v.dot[0], deviceLabel: label(v.dot[0]), at: v.at }))
}

/**
 * One record of the package against this laptop's copy. `stamp` is the time this laptop writes the
 * merged record (its updatedAt moves forward, so an edit form opened before the receive sees that
 * the record changed under it).
 */
export function planRecord(inc: IncomingRecord, local: StoredRecord | undefined, stamp: string, label: (device: string) => string): PlannedRecord {
  const { collection, record } = inc
  const theirs = toState(record)
  if (!local) {
    const write = { ...record, sync: syncOf(record) } as StoredRecord
    const fields: FieldDiff[] = conflicts(theirs).map((f) => ({ field: f, mine: undefined, result: record[f], versions: versionsOf(theirs, f, label), conflict: true }))
    const outcome: ExchangeOutcome = fields.length > 0 ? 'conflicting' : record.deletedAt ? 'deleted' : 'new'
    return { collection, id: record.id, outcome, local, write, fields }
  }
  const mine = toState(local)
  const merged = merge(mine, theirs)
  const history = mergeHistory(syncOf(local).h, syncOf(record).h)
  const origin = syncOf(local).o ?? syncOf(record).o
  const next = fromState(merged, { ...local, sync: origin ? { o: origin } : undefined }, history) as StoredRecord
  // Fields this version does not know, from a newer sender: kept.
  for (const k of Object.keys(record)) if (!(k in next) && !UNTRACKED.has(k)) next[k] = record[k]
  if (sameContent(next, local)) return { collection, id: local.id, outcome: 'unchanged', local, write: null, fields: [] }
  const inConflict = new Set(conflicts(merged))
  const fields: FieldDiff[] = []
  for (const f of Object.keys(merged.fields)) {
    const changed = json(next[f]) !== json(local[f])
    const conflict = inConflict.has(f)
    const wasSame = conflict && json((mine.fields[f] ?? []).map((v) => v.dot)) === json((merged.fields[f] ?? []).map((v) => v.dot))
    if (changed || (conflict && !wasSame)) fields.push({ field: f, mine: local[f], result: next[f], versions: versionsOf(merged, f, label), conflict })
  }
  const valuesChanged = fields.some((f) => json(f.mine) !== json(f.result))
  const newConflict = fields.some((f) => f.conflict)
  let outcome: ExchangeOutcome
  if (newConflict) outcome = 'conflicting'
  else if (!local.deletedAt && next.deletedAt) outcome = 'deleted'
  else if (!valuesChanged) outcome = 'unchanged'
  else if (vvCovers(theirs.vv, mine.vv)) outcome = 'updated'
  else outcome = 'merged'
  const prev = Date.parse(String(local.updatedAt))
  const updatedAt = valuesChanged ? (Date.parse(stamp) > prev ? stamp : new Date(prev + 1).toISOString()) : local.updatedAt
  const write = { ...next, updatedAt } as StoredRecord
  return { collection, id: local.id, outcome, local, write, fields }
}
