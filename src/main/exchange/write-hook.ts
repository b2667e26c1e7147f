// The one place a local write gets its merge version and history entry: the store calls this for
// every transaction (create, edit, delete, restore, import, merge, undo, resolution, revert), so no
// service can forget. A receive computes its records' versions itself and marks its transaction.
import { COLLECTION_NAMES } from '../../shared/collections'
import type { HistoryKind } from '../../shared/domain/sync'
import type { PrepareTx, StoreView, StoredRecord, Tx } from '../store'
import { stampWrite } from './record-state'

const TRACKED: ReadonlySet<string> = new Set(COLLECTION_NAMES)

/** What a service may say about its transaction (Tx.meta). */
export interface WriteMeta {
  kind?: HistoryKind
  /** collection \u0000 id -> fields a person decided in a conflict */
  resolved?: Record<string, string[]>
  /** the records already carry their versions (a received package): leave them as they are */
  stamped?: boolean
}

export const recordKey = (collection: string, id: string): string => `${collection}\u0000${id}`

export function createWriteHook(device: () => { id: string; label: string }, now: () => Date): PrepareTx {
  return (tx: Tx, head: StoreView): Tx => {
    if (!Array.isArray(tx.puts)) return tx
    const meta = (tx.meta ?? {}) as WriteMeta
    if (meta.stamped) return tx
    const { id, label } = device()
    const at = now()
    // A transaction may put one record twice: the second builds on the first.
    const written = new Map<string, StoredRecord>()
    const puts = tx.puts.map((put) => {
      const record = put?.record as StoredRecord | undefined
      if (!TRACKED.has(put?.collection) || !record || typeof record.id !== 'string') return put
      const key = recordKey(put.collection, record.id)
      const previous = written.get(key) ?? head.get(put.collection, record.id)
      const next = stampWrite(previous, record, {
        device: id,
        by: label,
        now: at,
        ...(meta.kind ? { kind: meta.kind } : {}),
        ...(meta.resolved?.[key] ? { resolved: meta.resolved[key] } : {}),
      }) as StoredRecord
      written.set(key, next)
      return { collection: put.collection, record: next }
    })
    return { ...tx, puts }
  }
}
