import type { JournalEntry } from './journal-read'
import type { DbShape, StoredRecord } from './types'

function isRecord(v: unknown): v is StoredRecord {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'string'
}

/** id -> position, so get() and a put are O(1) at 100k records. Duplicate ids would make get() ambiguous. */
function indexCollection(name: string, list: unknown): Map<string, number> {
  const index = new Map<string, number>()
  indexFrom(name, list, index, 0, Infinity)
  return index
}

/** Adds items [from, to) of the collection to its index; returns where it stopped. */
function indexFrom(name: string, list: unknown, index: Map<string, number>, from: number, to: number): number {
  if (!Array.isArray(list)) throw new Error(`Collection "${name}" is not an array`)
  const end = Math.min(list.length, to)
  for (let i = from; i < end; i += 1) {
    const rec: unknown = list[i]
    if (!isRecord(rec)) throw new Error(`Collection "${name}" item ${i} is not a record with a string id`)
    // One lookup instead of has() then set() (a quarter less time at 100,000): a repeated id leaves the size as it was.
    const size = index.size
    index.set(rec.id, i)
    if (index.size === size) throw new Error(`Collection "${name}" has the id "${rec.id}" twice`)
  }
  return end
}

/** Records indexed between two pauses while a large folder opens */
const INDEX_SLICE = 10_000
/** New ids entered between two pauses when a large entry is staged (a few ms) */
const STAGE_SLICE = 5_000
/** An entry with more puts than this is staged before it is applied */
export const STAGE_AFTER = 5_000

/** Every collection's id map filled, a slice of INDEX_SLICE records per step. */
function* idMapSteps(data: DbShape, collections: readonly string[], indexes: Map<string, Map<string, number>>): Generator<void, void> {
  for (const name of collections) {
    const index = indexes.get(name) as Map<string, number>
    const list: unknown = data[name]
    for (let at = 0; ; ) {
      at = indexFrom(name, list, index, at, at + INDEX_SLICE)
      if (at >= (list as unknown[]).length) break
      yield
    }
  }
}

/** A put as memory applied it, with the record it replaced. */
export interface Applied {
  collection: string
  record: StoredRecord
  previous: StoredRecord | undefined
}

/** The live data plus its indexes; changes only through apply(), which runs after the journal write succeeded. */
let instances = 0

export class MemoryState<D extends DbShape> {
  readonly data: D
  private readonly indexes = new Map<string, Map<string, number>>()
  /** the id maps' build while they are not whole (see deferred) */
  private idSteps: Generator<void, void> | null = null
  private idFailure: { error: unknown } | null = null
  /** bumped per collection on every change, so readers can cache what they derive from it */
  private readonly changes = new Map<string, number>()
  private readonly instance = ++instances

  constructor(
    data: D,
    private readonly collections: readonly string[],
    indexes?: Map<string, Map<string, number>>,
  ) {
    this.data = data
    for (const name of collections) this.indexes.set(name, indexes?.get(name) ?? indexCollection(name, data[name]))
  }

  /** The same state, its indexes built a slice at a time (100,000 ids held the thread for 80 ms). */
  static async build<D extends DbShape>(data: D, collections: readonly string[], pause: () => Promise<void>): Promise<MemoryState<D>> {
    const memory = MemoryState.deferred(data, collections)
    await memory.finishIds(pause)
    return memory
  }

  /**
   * The same state at once, its id maps built after: by finishIds a slice at a time, or by the first
   * call that needs them, in one go (40-60 ms at 100,000). For bytes this store wrote, whose ids it
   * knows to be distinct: an open that must reject a repeated id waits for finishIds.
   */
  static deferred<D extends DbShape>(data: D, collections: readonly string[]): MemoryState<D> {
    const indexes = new Map<string, Map<string, number>>(collections.map((name) => [name, new Map<string, number>()]))
    const memory = new MemoryState(data, collections, indexes)
    memory.idSteps = idMapSteps(data, collections, indexes)
    return memory
  }

  /** Builds what is left of the id maps a slice at a time; rejects if a collection repeats an id. */
  async finishIds(pause: () => Promise<void>): Promise<void> {
    while (this.idSteps !== null) {
      if (this.nextIdSlice()) return
      await pause()
    }
  }

  /** One slice of the id maps; true once they are whole. */
  private nextIdSlice(): boolean {
    if (this.idFailure) throw this.idFailure.error
    const steps = this.idSteps
    if (steps === null) return true
    try {
      if (!steps.next().done) return false
    } catch (err) {
      // Every later call that needs the maps fails the same way.
      this.idFailure = { error: err }
      throw err
    }
    this.idSteps = null
    return true
  }

  /** The id maps whole before they are read or changed. */
  private ids(): Map<string, Map<string, number>> {
    if (this.idSteps !== null) while (!this.nextIdSlice());
    return this.indexes
  }

  get(collection: string, id: string): StoredRecord | undefined {
    const at = this.ids().get(collection)?.get(id)
    if (at === undefined) return undefined
    return (this.data[collection] as StoredRecord[])[at]
  }

  /** Where the record sits in its collection's array: records are only ever appended, never moved. */
  position(collection: string, id: string): number | undefined {
    return this.ids().get(collection)?.get(id)
  }

  /** Differs whenever the collection may have changed (a new state, or a put into it). */
  revision(collection: string): string {
    return `${this.instance}:${this.changes.get(collection) ?? 0}`
  }

  has(collection: string): boolean {
    return this.indexes.has(collection)
  }

  /**
   * Enters the ids a large entry adds into the id maps ahead of apply(), yielding every STAGE_SLICE
   * puts: 100,000 new ids in one go were most of the 35 ms an import's last step held the thread
   * (a rehash among them). Until apply() they point at the end of their collection, past its last
   * record, where get() finds nothing. Only between the entry's durable write and its apply, with
   * nothing else applied in between (the journal writer runs one group at a time).
   */
  *stage(entry: JournalEntry): Generator<void, void> {
    const next = new Map<string, number>()
    const indexes = this.ids()
    for (let i = 0; i < entry.puts.length; i += 1) {
      const [collection, record] = entry.puts[i]
      const index = indexes.get(collection)
      if (!index) throw new Error(`Unknown collection "${collection}"`)
      if (index.has(record.id)) continue
      const at = next.get(collection) ?? (this.data[collection] as StoredRecord[]).length
      index.set(record.id, at)
      next.set(collection, at + 1)
      if (i % STAGE_SLICE === STAGE_SLICE - 1) yield
    }
  }

  /**
   * Applies the entry and returns each put with the record it replaced. A transaction may put one
   * id twice: the second put's previous is then the first put, as it replaces that, not the stored one.
   */
  apply(entry: JournalEntry, made?: Applied[]): Applied[] {
    // A prepared batch brings these made ahead, one per put: 100,000 new objects here cost a scavenge.
    const reuse = made !== undefined && made.length === entry.puts.length
    const applied = reuse ? made : new Array<Applied>(entry.puts.length)
    // Looked up once per run of puts into one collection: an import puts 100,000 records into one.
    let name: string | undefined
    let index = new Map<string, number>()
    let list: StoredRecord[] = []
    const indexes = this.ids()
    for (let i = 0; i < entry.puts.length; i += 1) {
      const [collection, record] = entry.puts[i]
      if (collection !== name) {
        const found = indexes.get(collection)
        if (!found) throw new Error(`Unknown collection "${collection}"`)
        name = collection
        index = found
        list = this.data[collection] as StoredRecord[]
        this.changes.set(collection, (this.changes.get(collection) ?? 0) + 1)
      }
      const at = index.get(record.id)
      let previous: StoredRecord | undefined
      if (at === undefined || at >= list.length) {
        // A staged id (see stage) points at the end, where its record now goes.
        if (at === undefined) index.set(record.id, list.length)
        else if (at !== list.length) throw new Error(`${collection} ${record.id} was staged at ${at}, not at the end (${list.length})`)
        list.push(record)
      } else {
        previous = list[at]
        list[at] = record
      }
      if (!reuse) applied[i] = { collection, record, previous }
      else if (previous !== undefined) applied[i].previous = previous
    }
    if (entry.settings) {
      const data = this.data as DbShape
      data.settings = { ...data.settings, ...entry.settings }
    }
    return applied
  }

  /**
   * A consistent view for a snapshot written while commits go on: records are never mutated,
   * only replaced in the live arrays, so copying the arrays (not the records) freezes the state.
   */
  view(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this.data }
    for (const name of this.collections) out[name] = (this.data[name] as StoredRecord[]).slice()
    return out
  }

  recordCount(): number {
    let n = 0
    for (const name of this.collections) n += (this.data[name] as StoredRecord[]).length
    return n
  }
}

/**
 * Replays entries onto a parsed file before migration and validation, because entries were written
 * by the app version that wrote the file: migrating first would mix old-shaped records into new data.
 */
export function replayRaw(raw: Record<string, unknown>, entries: readonly JournalEntry[]): void {
  const indexes = new Map<string, Map<string, number>>()
  const indexFor = (name: string): { list: unknown[]; index: Map<string, number> } => {
    let list = raw[name]
    // A collection that is null or not a list is damage, never "empty": replacing it would lose it.
    if (list !== undefined && !Array.isArray(list)) throw new Error(`Collection "${name}" is not a list`)
    if (list === undefined) {
      list = []
      raw[name] = list
    }
    const arr = list as unknown[]
    let index = indexes.get(name)
    if (!index) {
      index = new Map()
      for (let i = 0; i < arr.length; i += 1) {
        const rec = arr[i]
        if (isRecord(rec)) index.set(rec.id, i)
      }
      indexes.set(name, index)
    }
    return { list: arr, index }
  }
  for (const entry of entries) {
    for (const [collection, record] of entry.puts) {
      const { list, index } = indexFor(collection)
      const at = index.get(record.id)
      if (at === undefined) {
        index.set(record.id, list.length)
        list.push(record)
      } else {
        list[at] = record
      }
    }
    if (entry.settings) {
      const prev = raw.settings
      const base = prev !== null && typeof prev === 'object' && !Array.isArray(prev) ? prev : {}
      raw.settings = { ...base, ...entry.settings }
    }
  }
}
