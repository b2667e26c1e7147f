import type { StoreView, StoredRecord } from '../store'

/** What durable data looks like through the StoreView interface, for reads outside a commit. */
export function durableView(store: { data: Record<string, unknown>; get(c: string, id: string): StoredRecord | undefined }): StoreView {
  return {
    get: (c, id) => store.get(c, id),
    all: (c) => (store.data[c] as StoredRecord[] | undefined) ?? [],
    get settings() {
      return store.data.settings as Record<string, unknown>
    },
  }
}

/**
 * The head plus the writes a batch has planned so far, so each op is checked against the state
 * left by the ops before it (a link may point at a record created earlier in the same batch).
 */
export class BatchView implements StoreView {
  private readonly local = new Map<string, Map<string, StoredRecord>>()

  constructor(private readonly base: StoreView) {}

  get settings(): Record<string, unknown> {
    return this.base.settings
  }

  get(collection: string, id: string): StoredRecord | undefined {
    return this.local.get(collection)?.get(id) ?? this.base.get(collection, id)
  }

  *all(collection: string): Iterable<StoredRecord> {
    const mine = this.local.get(collection)
    if (!mine) {
      yield* this.base.all(collection)
      return
    }
    const seen = new Set<string>()
    for (const r of this.base.all(collection)) {
      const replaced = mine.get(r.id)
      if (replaced) seen.add(r.id)
      yield replaced ?? r
    }
    for (const [id, r] of mine) if (!seen.has(id)) yield r
  }

  put(collection: string, record: StoredRecord): void {
    let mine = this.local.get(collection)
    if (!mine) {
      mine = new Map()
      this.local.set(collection, mine)
    }
    mine.set(record.id, record)
  }
}
