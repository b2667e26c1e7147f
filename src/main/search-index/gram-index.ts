import { SEP } from './record-text'

const SEP_CODE = SEP.charCodeAt(0)

/** Doc numbers holding one gram, ascending: the first n of ids. */
interface PostingList {
  ids: Uint32Array
  n: number
}

/** first position ≥ from whose id is ≥ doc: galloping, because the other list is usually far shorter */
function seek(list: PostingList, doc: number, from: number): number {
  let step = 1
  let hi = from
  while (hi < list.n && list.ids[hi] < doc) {
    from = hi + 1
    hi += step
    step *= 2
  }
  hi = Math.min(hi, list.n)
  while (from < hi) {
    const mid = (from + hi) >>> 1
    if (list.ids[mid] < doc) from = mid + 1
    else hi = mid
  }
  return from
}

/** Docs are numbered in the order they are added. */
class Postings implements PostingList {
  ids = new Uint32Array(4)
  n = 0

  push(doc: number): void {
    // A doc is added whole before the next one, so a repeat of its gram is always the last entry.
    if (this.n > 0 && this.ids[this.n - 1] === doc) return
    if (this.n === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2)
      grown.set(this.ids)
      this.ids = grown
    }
    this.ids[this.n] = doc
    this.n += 1
  }

  bytes(): number {
    return this.ids.byteLength
  }
}

/** Past this many docs a gram found in most of them stops being listed: it would narrow nothing. */
const DENSE_AFTER = 4096
const DENSE_SHARE = 0.4
/** stands in for the list of a gram that is no longer listed; never pushed to */
const DENSE = new Postings()

/** pairs are keyed above 2^16 (fewer than 32,768 distinct characters assumed, else keys only collide, never miss) */
const pairKey = (a: number, b: number): number => ((a & 0x7fff) << 16) + (b & 0xffff) + 0x10000

/** What a query needs of an index of grams, mutable (GramIndex) or packed (PackedGrams). */
export interface GramLookup {
  /** doc numbers handed out so far are below this */
  readonly total: number
  /**
   * Calls visit with every doc that may hold every one of the needles, ascending, until visit
   * returns false. When every gram of them is dense, that is every doc.
   */
  forEachCandidateOfAll(needles: readonly string[], visit: (doc: number) => boolean): void
}

/**
 * The keys of the grams of the needles, or null when one of their characters was never indexed
 * (nothing can hold them).
 */
function keysOf(needles: readonly string[], charId: (code: number) => number): Set<number> | null {
  const keys = new Set<number>()
  for (const needle of needles) {
    let prev = 0
    for (let i = 0; i < needle.length; i += 1) {
      const id = charId(needle.charCodeAt(i))
      if (id === 0) return null
      if (needle.length === 1) keys.add(id)
      if (prev !== 0) keys.add(pairKey(prev, id))
      prev = id
    }
  }
  return keys
}

/** Visits the docs on every list, ascending (every doc below total when there is no list). */
function visitIntersection(lists: PostingList[], total: number, visit: (doc: number) => boolean): void {
  if (lists.length === 0) {
    for (let doc = 0; doc < total; doc += 1) if (!visit(doc)) return
    return
  }
  lists.sort((x, y) => x.n - y.n)
  const [first, ...rest] = lists
  const at = new Array<number>(rest.length).fill(0)
  outer: for (let i = 0; i < first.n; i += 1) {
    const doc = first.ids[i]
    for (let j = 0; j < rest.length; j += 1) {
      const list = rest[j]
      const pos = seek(list, doc, at[j])
      at[j] = pos
      if (pos >= list.n) return
      if (list.ids[pos] !== doc) continue outer
    }
    if (!visit(doc)) return
  }
}

/**
 * A GramIndex as a few flat arrays, made where it was built (the index's worker thread) and moved
 * to the main thread without a copy: tens of thousands of lists, each an ArrayBuffer of its own,
 * kept V8's collector busy in the middle of the build's turns (a 39 ms mark-compact in one).
 */
export interface PackedGramsData {
  /** char id by UTF-16 code unit (0: never indexed) */
  charIds: Uint16Array
  /** gram keys, ascending; key i's docs are ids[starts[i] .. starts[i + 1]) */
  keys: Uint32Array
  starts: Uint32Array
  ids: Uint32Array
  /** keys found in too many docs to be listed, ascending */
  dense: Uint32Array
  total: number
}

function binarySearch(sorted: Uint32Array, key: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < key) lo = mid + 1
    else hi = mid
  }
  return lo < sorted.length && sorted[lo] === key ? lo : -1
}

/** A packed GramIndex: answers as the index it was packed from did, and never changes. */
export class PackedGrams implements GramLookup {
  constructor(private readonly data: PackedGramsData) {}

  get total(): number {
    return this.data.total
  }

  forEachCandidateOfAll(needles: readonly string[], visit: (doc: number) => boolean): void {
    const { charIds, keys, starts, ids, dense } = this.data
    const wanted = keysOf(needles, (code) => charIds[code])
    if (wanted === null) return
    const lists: PostingList[] = []
    for (const k of wanted) {
      if (binarySearch(dense, k) >= 0) continue
      const at = binarySearch(keys, k)
      if (at < 0) return
      lists.push({ ids: ids.subarray(starts[at], starts[at + 1]), n: starts[at + 1] - starts[at] })
    }
    visitIntersection(lists, this.data.total, visit)
  }

  bytes(): number {
    const d = this.data
    return d.charIds.byteLength + d.keys.byteLength + d.starts.byteLength + d.ids.byteLength + d.dense.byteLength
  }
}

/**
 * An inverted index of single characters and character pairs. Every substring of two or more
 * characters contains the pairs of the query, so intersecting their lists gives every record that can
 * hold it — Chinese text (no spaces to split on), phone fragments and e-mail parts alike — and the
 * caller confirms each candidate with a plain `includes`, so results are exactly a substring search's.
 * Grams are keyed by small numbers (a dense id per character), not strings: no string is built per
 * character pair while indexing 100,000 records.
 */
export class GramIndex implements GramLookup {
  /**
   * Dense id per UTF-16 code unit (0: not seen). An array lookup instead of a Map's: indexing
   * 100,000 records looks a character up some 15 million times.
   */
  private readonly charIds = new Uint32Array(0x10000)
  private chars = 0
  /** single characters by char id; pairs by key */
  private readonly unigrams: Array<Postings | undefined> = []
  private readonly pairs = new Map<number, Postings>()
  private docs = 0

  private charId(code: number): number {
    let id = this.charIds[code]
    if (id === 0) {
      this.chars += 1
      id = this.chars
      this.charIds[code] = id
    }
    return id
  }

  add(doc: number, text: string): void {
    this.addParts(doc, [text])
  }

  /** As add() of every part joined with SEP, without building that string (100,000 of them at a build). */
  addParts(doc: number, ...lists: ReadonlyArray<readonly string[]>): void {
    this.docs += 1
    if (doc >= this.total) this.total = doc + 1
    for (const list of lists) for (const text of list) this.addText(doc, text)
  }

  private addText(doc: number, text: string): void {
    let prev = 0
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i)
      if (code === SEP_CODE) {
        prev = 0
        continue
      }
      const id = this.charId(code)
      let uni = this.unigrams[id]
      if (uni === undefined) {
        uni = new Postings()
        this.unigrams[id] = uni
      }
      if (uni !== DENSE) this.pushTo(uni, doc, id)
      if (prev !== 0) {
        const key = pairKey(prev, id)
        let p = this.pairs.get(key)
        if (p === undefined) {
          p = new Postings()
          this.pairs.set(key, p)
        }
        if (p !== DENSE) this.pushTo(p, doc, key)
      }
      prev = id
    }
  }

  private pushTo(p: Postings, doc: number, key: number): void {
    p.push(doc)
    if (p.n > DENSE_AFTER && p.n > this.docs * DENSE_SHARE && (p.n & 0xff) === 0) {
      if (key < 0x10000) this.unigrams[key] = DENSE
      else this.pairs.set(key, DENSE)
    }
  }

  private postings(key: number): Postings | undefined {
    return key < 0x10000 ? this.unigrams[key] : this.pairs.get(key)
  }

  /**
   * Calls visit with every doc that may hold needle, ascending, until visit returns false.
   * When every gram of needle is dense, that is every doc.
   */
  forEachCandidate(needle: string, visit: (doc: number) => boolean): void {
    this.forEachCandidateOfAll([needle], visit)
  }

  forEachCandidateOfAll(needles: readonly string[], visit: (doc: number) => boolean): void {
    const keys = keysOf(needles, (code) => this.charIds[code])
    if (keys === null) return
    const lists: PostingList[] = []
    for (const k of keys) {
      const p = this.postings(k)
      if (p === DENSE) continue
      if (!p) return
      lists.push(p)
    }
    visitIntersection(lists, this.total, visit)
  }

  /** doc numbers handed out so far are below this */
  total = 0

  /** The index as flat arrays (see PackedGramsData), for a PackedGrams in another thread. */
  pack(): PackedGramsData {
    if (this.chars >= 0xffff) throw new Error('Too many distinct characters to pack a gram index')
    const entries: Array<[number, Postings]> = []
    const dense: number[] = []
    const note = (key: number, p: Postings | undefined): void => {
      if (p === DENSE) dense.push(key)
      else if (p) entries.push([key, p])
    }
    this.unigrams.forEach((p, id) => note(id, p))
    for (const [key, p] of this.pairs) note(key, p)
    entries.sort((a, b) => a[0] - b[0])
    dense.sort((a, b) => a - b)
    const keys = new Uint32Array(entries.length)
    const starts = new Uint32Array(entries.length + 1)
    let n = 0
    entries.forEach(([key, p], i) => {
      keys[i] = key
      starts[i] = n
      n += p.n
    })
    starts[entries.length] = n
    const ids = new Uint32Array(n)
    entries.forEach(([, p], i) => ids.set(p.ids.subarray(0, p.n), starts[i]))
    return { charIds: Uint16Array.from(this.charIds), keys, starts, ids, dense: Uint32Array.from(dense), total: this.total }
  }

  /** allocated bytes of the lists (keys and map overhead not counted) */
  bytes(): number {
    let n = 0
    for (const p of this.unigrams) if (p && p !== DENSE) n += p.bytes()
    for (const p of this.pairs.values()) if (p !== DENSE) n += p.bytes()
    return n
  }

  /** grams listed (dense ones not counted) */
  get size(): number {
    let n = 0
    for (const p of this.unigrams) if (p && p !== DENSE) n += 1
    for (const p of this.pairs.values()) if (p !== DENSE) n += 1
    return n
  }
}
