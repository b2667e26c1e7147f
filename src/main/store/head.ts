import type { JournalEntry } from './journal-read'
import type { MemoryState } from './memory'
import type { DbShape, StoreView, StoredRecord } from './types'

/** A transaction accepted into the journal queue, as the journal will hold it. */
export interface PendingTx {
  puts: JournalEntry['puts']
  settings?: Record<string, unknown>
  /** its precondition read the head, so it depends on everything pending before it */
  checked: boolean
  /** slots for the first puts, built ahead by Store.preparePuts; taken over once, not copied */
  layer?: PreparedSlots
}

interface Slot {
  record: StoredRecord
  /** pending transactions that put this key; the slot goes when the last of them is durable */
  writers: number
}

/**
 * The slots of a prepared batch, filled a record at a time while it is prepared in slices: putting
 * 100,000 records into the overlay when the batch is queued held the event loop for 60–80 ms.
 */
export class PreparedSlots {
  readonly byCollection = new Map<string, Map<string, Slot>>()
  /** how many of the transaction's puts, from its first, these slots hold */
  count = 0

  add(collection: string, record: StoredRecord): void {
    putSlot(this.byCollection, collection, record)
    this.count += 1
  }
}

/**
 * The state the next commit is applied to: durable memory plus every accepted transaction not yet on
 * disk, in queue order. Preconditions are checked against this, not against memory, because memory
 * lags the queue by a whole group commit. Costs O(pending changes), never a copy of the data.
 */
export class Head<D extends DbShape> implements StoreView {
  private pending: PendingTx[] = []
  private readonly overlay = new Map<string, Map<string, Slot>>()

  constructor(private readonly memory: () => MemoryState<D>) {}

  get(collection: string, id: string): StoredRecord | undefined {
    return this.overlay.get(collection)?.get(id)?.record ?? this.memory().get(collection, id)
  }

  *all(collection: string): Iterable<StoredRecord> {
    const memory = this.memory()
    const base = memory.data[collection] as StoredRecord[] | undefined
    if (!base) return
    const slots = this.overlay.get(collection)
    if (!slots) {
      yield* base
      return
    }
    for (const r of base) yield slots.get(r.id)?.record ?? r
    for (const [id, slot] of slots) if (!memory.get(collection, id)) yield slot.record
  }

  get settings(): Record<string, unknown> {
    let out = this.memory().data.settings
    for (const tx of this.pending) if (tx.settings) out = { ...out, ...tx.settings }
    return out
  }

  queued(tx: PendingTx): void {
    this.pending.push(tx)
    this.add(tx)
  }

  /** The oldest `count` pending transactions are in memory now. */
  durable(count: number): void {
    const done = this.pending.splice(0, count)
    if (this.pending.length === 0) {
      // Nothing left pending: the overlay is empty either way, without visiting each of a big batch's puts.
      this.overlay.clear()
      return
    }
    for (const tx of done) {
      for (const [collection, record] of tx.puts) {
        const slots = this.overlay.get(collection)
        const slot = slots?.get(record.id)
        if (!slots || !slot) continue
        slot.writers -= 1
        if (slot.writers === 0) slots.delete(record.id)
        if (slots.size === 0) this.overlay.delete(collection)
      }
    }
  }

  /** The oldest `count` failed; checked ones behind them are rejected too (JournalWriter.rejectChecked). */
  failed(count: number): void {
    this.pending.splice(0, count)
    this.dropChecked()
  }

  /** Mirrors JournalWriter.rejectChecked: those transactions will never be written. */
  dropChecked(): void {
    this.pending = this.pending.filter((tx) => !tx.checked)
    this.overlay.clear()
    for (const tx of this.pending) this.add(tx)
  }

  private add(tx: PendingTx): void {
    // Taken once: after a dropChecked() its slots may have been counted down, so a re-add counts afresh.
    const layer = tx.layer
    tx.layer = undefined
    let from = 0
    if (layer) {
      for (const [collection, slots] of layer.byCollection) {
        const older = this.overlay.get(collection)
        if (!older) {
          this.overlay.set(collection, slots)
          continue
        }
        // Something else is pending in this collection: merged one by one, older records first as before.
        for (const [id, slot] of slots) {
          const had = older.get(id)
          if (had) {
            had.record = slot.record
            had.writers += slot.writers
          } else {
            older.set(id, slot)
          }
        }
      }
      from = layer.count
    }
    for (let i = from; i < tx.puts.length; i += 1) putSlot(this.overlay, tx.puts[i][0], tx.puts[i][1])
  }
}

/** The record as the newest pending write of its key, one more writer counted on its slot. */
function putSlot(overlay: Map<string, Map<string, Slot>>, collection: string, record: StoredRecord): void {
  let slots = overlay.get(collection)
  if (!slots) {
    slots = new Map()
    overlay.set(collection, slots)
  }
  const slot = slots.get(record.id)
  if (slot) {
    slot.record = record
    slot.writers += 1
  } else {
    slots.set(record.id, { record, writers: 1 })
  }
}
