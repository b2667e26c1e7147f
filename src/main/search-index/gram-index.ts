import { SEP } from './record-text'

const SEP_CODE = SEP.charCodeAt(0)

/** Doc numbers holding one gram, ascending (docs are numbered in the order they are added). */
class Postings {
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

  /** first position ≥ from whose id is ≥ doc: galloping, because the other list is usually far shorter */
  seek(doc: number, from: number): number {
    let step = 1
    let hi = from
    while (hi < this.n && this.ids[hi] < doc) {
      from = hi + 1
      hi += step
      step *= 2
    }
    hi = Math.min(hi, this.n)
    while (from < hi) {
      const mid = (from + hi) >>> 1
      if (this.ids[mid] < doc) from = mid + 1
      else hi = mid
    }
    return from
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

/**
 * An inverted index of single characters and character pairs. Every substring of two or more
 * characters contains the pairs of the query, so intersecting their lists gives every record that can
 * hold it — Chinese text (no spaces to split on), phone fragments and e-mail parts alike — and the
 * caller confirms each candidate with a plain `includes`, so results are exactly a substring search's.
 * Grams are keyed by small numbers (a dense id per character), not strings: no string is built per
 * character pair while indexing 100,000 records.
 */
export class GramIndex {
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

  private charId(code: number, create: boolean): number | undefined {
    const id = this.charIds[code]
    if (id !== 0) return id
    if (!create) return undefined
    this.chars += 1
    this.charIds[code] = this.chars
    return this.chars
  }

  /** pairs are keyed above 2^16 (fewer than 32,768 distinct characters assumed, else keys only collide, never miss) */
  private static pair(a: number, b: number): number {
    return ((a & 0x7fff) << 16) + (b & 0xffff) + 0x10000
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
      const id = this.charId(code, true) as number
      let uni = this.unigrams[id]
      if (uni === undefined) {
        uni = new Postings()
        this.unigrams[id] = uni
      }
      if (uni !== DENSE) this.pushTo(uni, doc, id)
      if (prev !== 0) {
        const key = GramIndex.pair(prev, id)
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

  /** As forEachCandidate, for docs that may hold every one of the needles (the grams of all, intersected). */
  forEachCandidateOfAll(needles: readonly string[], visit: (doc: number) => boolean): void {
    const keys = new Set<number>()
    for (const needle of needles) {
      let prev = 0
      for (let i = 0; i < needle.length; i += 1) {
        const id = this.charId(needle.charCodeAt(i), false)
        if (id === undefined) return
        if (needle.length === 1) keys.add(id)
        if (prev !== 0) keys.add(GramIndex.pair(prev, id))
        prev = id
      }
    }
    const lists: Postings[] = []
    for (const k of keys) {
      const p = this.postings(k)
      if (p === DENSE) continue
      if (!p) return
      lists.push(p)
    }
    if (lists.length === 0) {
      for (let doc = 0; doc < this.total; doc += 1) if (!visit(doc)) return
      return
    }
    lists.sort((x, y) => x.n - y.n)
    const [first, ...rest] = lists
    const at = new Array<number>(rest.length).fill(0)
    outer: for (let i = 0; i < first.n; i += 1) {
      const doc = first.ids[i]
      for (let j = 0; j < rest.length; j += 1) {
        const list = rest[j]
        const pos = list.seek(doc, at[j])
        at[j] = pos
        if (pos >= list.n) return
        if (list.ids[pos] !== doc) continue outer
      }
      if (!visit(doc)) return
    }
  }

  /** doc numbers handed out so far are below this */
  total = 0

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
