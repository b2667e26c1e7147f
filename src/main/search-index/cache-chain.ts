// How the search index's cache of one db.json still serves after compactions have rewritten it.
// A compaction writes db.json anew from memory: every record the cache holds keeps its position
// (the store only appends), and only the records put since the cache's db.json differ. This file,
// written at each compaction, names that db.json, the one just written, and those records; the
// next open takes the cache for every other record, as it does over a replayed journal. Without
// it, closing the app within seconds of an import or a compaction (before the cache's worker has
// run) cost the next open the whole build: a second before the first search, 2–3 s for the grams.
// A chain is a fact about two db.json files, named by their sha256: it stays true whatever cache
// is on disk, and is used only with a cache of its base (decodeIndexCache checks the header).
import { join } from 'node:path'
import { writeFileAtomic } from '../store/atomic-write'
import { nodeFs, readIfExists, unlinkIfExists } from '../store/fs-port'
import type { ReplayedPut } from '../store'

export const CACHE_CHAIN_FILE = 'search-index.chain'

/** A db.json the cache was not made from, and what changed since the one it was. */
export interface CacheChain {
  /** sha256 of the db.json the cache was made from */
  base: string
  /** sha256 of the db.json this chain leads to */
  to: string
  /** every record put since the base's state (more is harmless: those are indexed from the records) */
  changed: ReplayedPut[]
}

const SHA = /^[0-9a-f]{64}$/
/** an id written as it is (the app's own ids); any other is written as a JSON string */
const PLAIN_ID = /^[\w.-]*$/

/**
 * Past this many changed records no chain is written: the build from the records is then not much
 * slower than a cache taken for fewer than four records in five, and the file and its set of ids
 * would cost the open tens of ms in one go. Records created since the cache's db.json do not count
 * (they come after every record the cache holds).
 */
export const CHAIN_MAX = 20_000

/** Line one: {"base","to"}; then a record per line, its collection and id split by a tab. */
export function encodeCacheChain(chain: CacheChain): string {
  const lines = [JSON.stringify({ base: chain.base, to: chain.to })]
  for (const [c, id] of chain.changed) lines.push(`${c}\t${PLAIN_ID.test(id) ? id : JSON.stringify(id)}`)
  return `${lines.join('\n')}\n`
}

/** null for anything not written by encodeCacheChain (a damaged file is only a cache missed). */
export function decodeCacheChain(text: string): CacheChain | null {
  if (!text.endsWith('\n')) return null
  const lines = text.slice(0, -1).split('\n')
  let head: unknown
  try {
    head = JSON.parse(lines[0])
  } catch {
    return null
  }
  if (head === null || typeof head !== 'object') return null
  const { base, to } = head as { base?: unknown; to?: unknown }
  if (typeof base !== 'string' || typeof to !== 'string' || !SHA.test(base) || !SHA.test(to)) return null
  const changed: ReplayedPut[] = []
  for (let i = 1; i < lines.length; i += 1) {
    const tab = lines[i].indexOf('\t')
    if (tab <= 0) return null
    let id: unknown = lines[i].slice(tab + 1)
    if (!PLAIN_ID.test(id as string)) {
      try {
        id = JSON.parse(id as string)
      } catch {
        return null
      }
    }
    if (typeof id !== 'string') return null
    changed.push([lines[i].slice(0, tab), id])
  }
  return { base, to, changed }
}

export async function readCacheChain(dir: string): Promise<CacheChain | null> {
  const bytes = await readIfExists(nodeFs, join(dir, CACHE_CHAIN_FILE))
  return bytes === null ? null : decodeCacheChain(bytes.toString('utf8'))
}

export async function writeCacheChain(dir: string, chain: CacheChain): Promise<void> {
  const bytes = Buffer.from(encodeCacheChain(chain), 'utf8')
  await writeFileAtomic(nodeFs, join(dir, CACHE_CHAIN_FILE), (sink) => sink(bytes))
}

export async function removeCacheChain(dir: string): Promise<void> {
  await unlinkIfExists(nodeFs, join(dir, CACHE_CHAIN_FILE))
}

/**
 * What this session knows of the cache file on disk: which db.json it was made from, and every
 * record put since that db.json's state. Told of every put, of each compaction (and so of each
 * db.json written) and of each cache written, it gives the chain to write after a compaction.
 * Puts are logged as they come, two array pushes each (an import's 100,000 puts reach a listener
 * in one call, where entering each into sets held the thread), and read back as ranges of the log;
 * a record put twice is listed twice, which costs the reader nothing.
 */
export class CacheChainTracker {
  /** every put since the open (less what no range needs any more), collection and id */
  private readonly cols: string[] = []
  private readonly ids: string[] = []
  /** log positions dropped from the front so far: a mark is a position in the whole log */
  private dropped = 0
  /**
   * The cache's db.json, the records its state was not the cache's for when the base was set, and
   * where in the log the puts since begin; null when no cache this session can extend.
   */
  private base: { sha256: string; changed: readonly ReplayedPut[]; from: number } | null = null
  /** the db.json on disk now; null after a replace until the next compaction */
  private current: string | null
  /** the journal's puts replayed at the open: not yet in the db.json on disk until the first compaction */
  private replayed: readonly ReplayedPut[]
  /**
   * Where the puts since the compaction before the last begin (since the open before the first): a
   * superset of those since the state of the db.json on disk now, which a cache the worker writes
   * is made from.
   */
  private olderMark = 0
  /** where the puts since the last compaction begin */
  private recentMark = 0
  /** the open's index has not said yet whether it took a cache: the log is kept from the open */
  private seeding = true

  /** the db.json the open read */
  private readonly opened: string | null

  constructor(opened: { sha256: string; replayed: readonly ReplayedPut[] } | null) {
    this.opened = opened?.sha256 ?? null
    this.current = this.opened
    this.replayed = opened?.replayed ?? []
  }

  /**
   * The open's index took the cache of db.json `sha256`: the one opened, or an older one through
   * a chain. `changed`: the records its state was not the cache's for at the open (the chain's and
   * the replayed journal's). From now on a compaction extends it; one that came first (the backup
   * on open writes db.json while the index unpacks its cache) is answered now: its chain is returned.
   */
  seeded(sha256: string, changed: readonly ReplayedPut[]): CacheChain | null {
    this.seeding = false
    // After a replace the cache describes nothing of the state (the index rebuilds, see onChange).
    if (this.current === null) return null
    this.base = { sha256, changed, from: 0 }
    return this.current === this.opened ? null : this.chainTo(this.current)
  }

  /** The open's index was built from the records. */
  unseeded(): void {
    this.seeding = false
    this.trim()
  }

  /** A record that was in the store already was put again (a new one need not be told). */
  put(collection: string, id: string): void {
    this.cols.push(collection)
    this.ids.push(id)
  }

  /** The whole state was replaced: no cache on disk describes any part of it. */
  replaced(): void {
    this.base = null
    this.current = null
    this.seeding = false
  }

  /** A compaction wrote db.json `sha256`: the chain to it from the cache, or null when there is none. */
  compacted(sha256: string): CacheChain | null {
    const chain = this.chainTo(sha256)
    // The puts replayed at the open are in this db.json.
    this.replayed = []
    this.olderMark = this.recentMark
    this.recentMark = this.dropped + this.ids.length
    this.current = sha256
    this.trim()
    return chain
  }

  /** A cache of db.json `sha256` was written: the base from now on, when that is still the db.json on disk. */
  written(sha256: string): void {
    this.base = sha256 === this.current ? { sha256, changed: this.replayed, from: this.olderMark } : null
    this.trim()
  }

  private chainTo(sha256: string): CacheChain | null {
    if (!this.base) return null
    const from = this.base.from - this.dropped
    if (this.base.changed.length + this.ids.length - from > CHAIN_MAX) {
      // No later chain from this cache could be shorter: its log can go.
      this.base = null
      return null
    }
    return { base: this.base.sha256, to: sha256, changed: [...this.base.changed, ...this.since(this.base.from)] }
  }

  private since(mark: number): ReplayedPut[] {
    const out: ReplayedPut[] = []
    for (let i = mark - this.dropped; i < this.ids.length; i += 1) out.push([this.cols[i], this.ids[i]])
    return out
  }

  /** Drops the part of the log before every range still needed. */
  private trim(): void {
    if (this.seeding) return
    const keep = Math.min(this.olderMark, this.base?.from ?? this.olderMark) - this.dropped
    if (keep <= 0) return
    this.cols.splice(0, keep)
    this.ids.splice(0, keep)
    this.dropped += keep
  }
}
