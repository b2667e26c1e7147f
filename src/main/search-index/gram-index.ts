import { SEP } from './record-text'

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

/**
 * An inverted index of single characters and character pairs. Every substring of two or more
 * characters contains the pairs of the query, so intersecting their lists gives every record that can
 * hold it — Chinese text (no spaces to split on), phone fragments and e-mail parts alike — and the
 * caller confirms each candidate with a plain `includes`, so results are exactly a substring search's.
 */
export class GramIndex {
  private readonly grams = new Map<string, Postings>()

  add(doc: number, text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      const a = text[i]
      if (a === SEP) continue
      this.posting(a).push(doc)
      const b = text[i + 1]
      if (b !== undefined && b !== SEP) this.posting(a + b).push(doc)
    }
  }

  private posting(gram: string): Postings {
    let p = this.grams.get(gram)
    if (!p) {
      p = new Postings()
      this.grams.set(gram, p)
    }
    return p
  }

  /**
   * Calls visit with every doc holding all grams of needle, ascending, until visit returns false.
   * A needle of one character has one list and needs no confirming.
   */
  forEachCandidate(needle: string, visit: (doc: number) => boolean): void {
    const keys = new Set<string>()
    if (needle.length === 1) keys.add(needle)
    for (let i = 0; i + 1 < needle.length; i += 1) keys.add(needle.slice(i, i + 2))
    const lists: Postings[] = []
    for (const k of keys) {
      const p = this.grams.get(k)
      if (!p) return
      lists.push(p)
    }
    if (lists.length === 0) return
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

  /** allocated bytes of the lists (keys and map overhead not counted) */
  bytes(): number {
    let n = 0
    for (const p of this.grams.values()) n += p.bytes()
    return n
  }

  get size(): number {
    return this.grams.size
  }
}
