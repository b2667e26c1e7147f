import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { Spelled } from './fold'
import { runToEnd } from '../turns'
import { GramIndex, PackedGrams } from './gram-index'
import { recordText } from './record-text'
import type { RecordText } from './record-text'
import { forEachPackedHolding, packedCount, packedIdIs, packedText, packedTextLength } from './seed'
import type { PackedCollectionGrams, PackedTexts } from './seed'

interface Doc {
  record: AnyRecord
  t: RecordText
}

/** A doc of the seed whose texts are still packed (see CollectionIndex.doc). */
interface SeedDoc {
  record: AnyRecord
  t: RecordText | null
}

/**
 * Characters of text joined into one string during a build: more than the largest object V8 keeps in
 * its young generation, so the joined string is allocated where scavenges never copy it.
 */
const CHUNK_CHARS = 1 << 17

/**
 * How well a record's name answers a query; lower is better. Text-only matches come after all of
 * these. `worst`: ranks above it do not matter to the caller, which lets it skip the pinyin.
 */
export function nameRank(t: RecordText, needle: string, worst = 4): number | null {
  let best: number | null = null
  for (const n of t.names) {
    if (n === needle) return 0
    if (n.startsWith(needle)) best = 1
    else if (best === null && worst >= 2 && n.includes(needle)) best = 2
  }
  if (best !== null || worst < 3) return best
  for (const p of t.pinyin) if (p.startsWith(needle)) return 3
  if (worst < 4) return null
  for (const p of t.pinyin) if (p.includes(needle)) return 4
  return null
}

/** The record's searchable text holds every word, each anywhere in it. */
const textHasEvery = (t: RecordText, words: readonly string[]): boolean => words.every((w) => t.text.includes(w))

/**
 * Each word is in a name or in the pinyin of one: "wei zhang" in 张伟's pinyin, and "zhang 伟" (or
 * "zhang伟") in 张伟 too, each word in its own script, the letters in the pinyin and 伟 in the name.
 */
export function nameHasEvery(t: RecordText, words: readonly string[]): boolean {
  return words.every((w) => t.names.some((n) => n.includes(w)) || t.pinyin.some((p) => p.includes(w)))
}

/**
 * How well a name answers a query of pinyin and characters (`Spelled`) by one of its spellings:
 * as nameRank would the name typed in full, 0 when its pinyin is the form, 1 when it starts with
 * it, 2 when it holds it; only a name that holds the characters typed.
 */
export function spelledRank(t: RecordText, form: string, han: readonly string[], worst = 4): number | null {
  let best: number | null = null
  for (const p of t.pinyin) {
    if (p === form) {
      best = 0
      break
    }
    if (p.startsWith(form)) best = 1
    else if (best === null && worst >= 2 && p.includes(form)) best = 2
  }
  return best !== null && han.every((h) => t.names.some((n) => n.includes(h))) ? best : null
}

/** What ranked() needs beyond the needles: the query's words, the words run together, the query without the marks of a name. */
export interface RankMore {
  words?: readonly string[]
  joined?: string
  /** looked for in names only (SearchQuery.bare) */
  bare?: string
  /** a query of pinyin and characters spelt in pinyin (SearchQuery.spelled) */
  spelled?: Spelled
}

/** A needle of the names' ranking, and how a name answers it (lower is better; `worst` as for nameRank). */
interface NameNeedle {
  needle: string
  rank: (t: RecordText, worst: number) => number | null
}

/** The bare query is a name or nothing: its ranks among the names only (0-2), never the pinyin's. */
const NAMES_ONLY = 2

/** Some one name holds the bare query. */
const nameHolds = (t: RecordText, bare: string): boolean => t.names.some((n) => n.includes(bare))

/** Docs not listed yet checked between two steps of a search (a few ms). */
const SCAN_STEP = 4096

interface Named {
  doc: number
  rank: number
  len: number
  record: AnyRecord
}

/** a comes before b: better rank, then the shorter name, then the earlier doc */
const before = (a: Named, b: Named): boolean => a.rank - b.rank < 0 || (a.rank === b.rank && (a.len < b.len || (a.len === b.len && a.doc < b.doc)))

/**
 * One collection's records by doc number. A changed record gets a new doc number and its old one
 * is left dead (skipped when met), so lists only ever grow at the end and stay sorted; the owner
 * rebuilds once dead docs outnumber live ones.
 */
export class CollectionIndex {
  private readonly docs: Array<SeedDoc | undefined> = []
  /**
   * Doc number + 1 (0: none) by the record's position in the store's collection, which the store keeps
   * already: a map by id of our own grew in one go at each doubling, a 100,000-entry rehash that held
   * the loop for over 150 ms here, and took as much memory again.
   */
  private docAt = new Int32Array(1024)
  private count = 0
  private readonly text = new GramIndex()
  private readonly nameGrams = new GramIndex()
  /**
   * Docs below this are in the gram indexes. The background build keeps each record's text first and
   * lists its grams after (`catchUp`): searches are served as soon as the texts are there, the docs
   * not listed yet being checked one by one with the same `includes` that confirms every candidate,
   * so the answer is the same either way, only slower (tens of ms at 100,000 instead of one).
   */
  private listed = 0
  /**
   * Docs below this are db.json's records as the index's cache holds them (seed.ts, index-cache.ts),
   * doc number = position in the file: their texts stay packed until a search needs one, and their
   * grams are the cache's (`base`, null until they are read), so no doc below it is in the gram
   * indexes above; until then the packed texts are scanned. 0 for a build from the records.
   */
  private readonly baseEnd: number
  private base: { text: PackedGrams; names: PackedGrams } | null = null
  dead = 0
  /**
   * Docs put by a build whose texts are not yet joined (see `chunk`). A build keeps 100,000 texts:
   * each its own young string, every scavenge during the build copied them (30-90 ms pauses while
   * other work ran); joined, each doc keeps a slice of a large string instead.
   */
  private unjoined: Doc[] = []
  private unjoinedChars = 0

  /** deferGrams: puts keep only the text until catchUp has listed every doc */
  constructor(
    readonly collection: CollectionName,
    /** where the store keeps a record of this collection (every record put here is in the store) */
    private readonly positionOf: (id: string) => number | undefined,
    private deferGrams = false,
    /** db.json's texts of this collection, from the index's cache: docs are taken from it with seedDoc */
    private readonly seed: PackedTexts | null = null,
  ) {
    this.baseEnd = seed ? packedCount(seed) : 0
    this.listed = this.baseEnd
    // Until seedDoc takes them, the seed's docs are dead: a record the journal changed since db.json is put anew.
    this.dead = this.baseEnd
    this.docs.length = this.baseEnd
  }

  /**
   * Takes the seed's doc i for `record`, the store's record at position i as db.json holds it (the
   * caller knows the journal did not change it since). False if the seed holds another record there.
   */
  seedDoc(i: number, record: AnyRecord): boolean {
    if (!this.seed || i >= this.baseEnd || !packedIdIs(this.seed, i, record.id)) return false
    if (i >= this.docAt.length) this.growTo(i + 1)
    if (this.docAt[i] !== 0) return false
    this.docs[i] = { record, t: null }
    this.docAt[i] = i + 1
    this.count += 1
    this.dead -= 1
    return true
  }

  /** The seed's grams, as the cache holds them: docs below baseEnd are found through them from now on. */
  takeBase(grams: PackedCollectionGrams | undefined): void {
    if (this.baseEnd === 0) return
    if (!grams) throw new Error(`The index cache has no grams for ${this.collection}`)
    const text = new PackedGrams(grams.text)
    const names = new PackedGrams(grams.names)
    if (text.total > this.baseEnd || names.total > this.baseEnd) throw new Error(`The index cache's grams for ${this.collection} do not match its texts`)
    this.base = { text, names }
  }

  /** The doc, its texts unpacked from the seed if this is their first use. */
  private doc(doc: number): Doc | undefined {
    const d = this.docs[doc]
    if (d === undefined) return undefined
    if (d.t === null) d.t = packedText(this.seed as PackedTexts, doc)
    return d as Doc
  }

  private growTo(n: number): void {
    const grown = new Int32Array(Math.max(n, this.docAt.length * 2))
    grown.set(this.docAt)
    this.docAt = grown
  }

  private at(id: string): number {
    const p = this.positionOf(id)
    if (p === undefined) throw new Error(`${this.collection} ${id} is not in the store`)
    return p
  }

  has(id: string): boolean {
    return this.hasAt(this.at(id))
  }

  /** The record at this position of the store's collection is in the index. */
  hasAt(p: number): boolean {
    return p < this.docAt.length && this.docAt[p] !== 0
  }

  get live(): number {
    return this.count
  }

  put(record: AnyRecord): void {
    const p = this.at(record.id)
    if (p >= this.docAt.length) this.growTo(p + 1)
    const old = this.docAt[p] - 1
    if (old >= 0) {
      if (this.docs[old]?.record === record) return
      this.docs[old] = undefined
      this.dead += 1
    } else this.count += 1
    const t = recordText(this.collection, record)
    const doc = this.docs.length
    const d = { record, t }
    this.docs.push(d)
    this.docAt[p] = doc + 1
    if (!this.deferGrams) return void this.catchUp(Infinity)
    this.unjoined.push(d)
    this.unjoinedChars += t.text.length
    if (this.unjoinedChars >= CHUNK_CHARS) this.chunk()
  }

  /** Joins the texts of the docs put since the last chunk into one string and gives each doc its slice. */
  private chunk(): void {
    const docs = this.unjoined
    this.unjoined = []
    this.unjoinedChars = 0
    if (docs.length < 2) return
    const whole = docs.map((d) => d.t.text).join('')
    let at = 0
    for (const d of docs) {
      const end = at + d.t.text.length
      d.t.text = whole.slice(at, end)
      at = end
    }
  }

  /** Lists the grams of up to `max` more docs; true once every doc is listed (puts then list their own). */
  catchUp(max: number): boolean {
    if (this.unjoined.length > 0) this.chunk()
    const end = Math.min(this.docs.length, this.listed + max)
    for (; this.listed < end; this.listed += 1) {
      const d = this.doc(this.listed)
      if (!d) continue
      this.text.add(this.listed, d.t.text)
      this.nameGrams.addParts(this.listed, d.t.names, d.t.pinyin)
    }
    if (this.listed < this.docs.length) return false
    this.deferGrams = false
    return true
  }

  /**
   * Candidates for needle (or for every one of several) in doc order: the seed's docs from its grams
   * (each of them until those are in), then the docs listed since from the grams here, then every
   * doc not listed yet, yielding every SCAN_STEP of those (see `scanning`). No doc from `end` on
   * is visited: a search in steps does not see the docs put after it began.
   */
  private *candidateSteps(which: 'text' | 'names', needle: string | readonly string[], visit: (doc: number) => boolean, end = this.docs.length): Generator<void, void> {
    const needles = typeof needle === 'string' ? [needle] : needle
    let going = true
    const base = this.base?.[which]
    if (base) {
      base.forEachCandidateOfAll(needles, (doc) => {
        going = visit(doc)
        return going
      })
    } else if (this.seed) {
      going = forEachPackedHolding(this.seed, needles, visit)
    }
    if (!going) return
    const from = this.baseEnd
    ;(which === 'text' ? this.text : this.nameGrams).forEachCandidateOfAll(needles, (doc) => {
      // A gram index may hand out docs up to its own total, which never passes `listed`; when every
      // gram of the needles is dense that is every doc from 0, the seed's included.
      if (doc < from || doc >= end) return true
      going = visit(doc)
      return going
    })
    for (let doc = this.listed; going && doc < end; doc += 1) {
      going = visit(doc)
      if (doc % SCAN_STEP === 0) yield
    }
  }

  /** Some docs are not listed yet: a search then checks them one by one (tens of ms at 100,000), in steps. */
  get scanning(): boolean {
    return this.listed < this.docs.length
  }

  /**
   * Every record whose searchable text contains one of the (folded) needles, or every one of the
   * words, or one of whose names contains `bare` (SearchQuery.bare), in doc order per needle.
   */
  matches(needles: readonly string[], words: readonly string[] = [], bare?: string): Set<AnyRecord> {
    return runToEnd(this.matchSteps(needles, words, bare))
  }

  /** matches() in steps, to run in turns while docs are not listed yet (`scanning`). */
  *matchSteps(needles: readonly string[], words: readonly string[] = [], bare?: string): Generator<void, Set<AnyRecord>> {
    const out = new Set<AnyRecord>()
    const end = this.docs.length
    for (const needle of needles) {
      yield* this.candidateSteps('text', needle, (doc) => {
        const d = this.doc(doc)
        if (d && d.t.text.includes(needle)) out.add(d.record)
        return true
      }, end)
    }
    if (bare !== undefined) {
      yield* this.candidateSteps('names', bare, (doc) => {
        const d = this.doc(doc)
        if (d && nameHolds(d.t, bare)) out.add(d.record)
        return true
      }, end)
    }
    yield* this.withEveryWord('text', words, (d) => textHasEvery(d.t, words), (d) => {
      out.add(d.record)
      return true
    }, end)
    return out
  }

  /**
   * Visits each doc that `holds` every word (none when fewer than two), in doc order, until visit
   * returns false. Candidates are the docs listed in `grams` under the grams of every word.
   */
  private *withEveryWord(
    grams: 'text' | 'names',
    words: readonly string[],
    holds: (d: Doc) => boolean,
    visit: (d: Doc, doc: number) => boolean,
    end = this.docs.length,
  ): Generator<void, void> {
    if (words.length < 2) return
    yield* this.candidateSteps(grams, words, (doc) => {
      const d = this.doc(doc)
      return d === undefined || !holds(d) || visit(d, doc)
    }, end)
  }

  /**
   * The best `limit` records for a query: exact name, name prefix, name substring (a name typed
   * without its marks, or spelt in pinyin and characters, alike), pinyin of the name, then, for a
   * query of several words, names holding every word, then any other field, then records holding
   * every word anywhere. Only as many text matches are confirmed as are needed to fill the list.
   */
  ranked(needles: readonly string[], limit: number, accept: (r: AnyRecord) => boolean, more: RankMore = {}): AnyRecord[] {
    return runToEnd(this.rankSteps(needles, limit, accept, more))
  }

  /** ranked() in steps, to run in turns while docs are not listed yet (`scanning`). */
  *rankSteps(needles: readonly string[], limit: number, accept: (r: AnyRecord) => boolean, more: RankMore = {}): Generator<void, AnyRecord[]> {
    if (limit <= 0) return []
    // A single letter is in most names' pinyin: every doc is a candidate. Keeping only the best
    // `limit` (instead of ranking all of them and sorting) took "a" from 100 ms to a few at 100,000.
    const top: Named[] = []
    const end = this.docs.length
    /** docs already ranked (or taken as a text match): each is counted once, for its first needle */
    const seen = new Uint8Array(end)
    const words = more.words ?? []
    const nameNeedles: NameNeedle[] = needles.map((needle) => ({ needle, rank: (t, worst) => nameRank(t, needle, worst) }))
    // The words run together rank names only: in other fields the words themselves are looked for.
    const { joined, bare, spelled } = more
    if (joined !== undefined) nameNeedles.push({ needle: joined, rank: (t, worst) => nameRank(t, joined, worst) })
    if (bare !== undefined) nameNeedles.push({ needle: bare, rank: (t, worst) => nameRank(t, bare, Math.min(worst, NAMES_ONLY)) })
    if (spelled !== undefined) for (const form of spelled.forms) nameNeedles.push({ needle: form, rank: (t, worst) => spelledRank(t, form, spelled.han, worst) })
    for (const { needle, rank: rankOf } of nameNeedles) {
      yield* this.candidateSteps('names', needle, (doc) => {
        const d = this.doc(doc)
        if (!d || seen[doc] === 1) return true
        const full = top.length >= limit
        // With one needle a doc whose rank cannot matter need not be ranked; with two, the first rank counts.
        const rank = rankOf(d.t, full && nameNeedles.length === 1 ? top[limit - 1].rank : 4)
        if (rank === null) return true
        seen[doc] = 1
        const hit = { doc, rank, len: d.t.names[0].length, record: d.record }
        if ((full && !before(hit, top[limit - 1])) || !accept(d.record)) return true
        let at = Math.min(top.length, limit - 1)
        while (at > 0 && before(hit, top[at - 1])) at -= 1
        top.splice(at, 0, hit)
        if (top.length > limit) top.pop()
        return true
      }, end)
    }
    // Held with each hit: between two steps a change may leave its doc dead.
    const out = top.map((h) => h.record)
    const take = (d: Doc, doc: number): boolean => {
      if (seen[doc] === 0 && accept(d.record)) {
        seen[doc] = 1
        out.push(d.record)
      }
      return out.length < limit
    }
    // "wei zhang" for 张伟, "garcia thomas": every word in one name or its pinyin, before other fields.
    if (out.length < limit) yield* this.withEveryWord('names', words, (d) => nameHasEvery(d.t, words), take, end)
    for (const needle of needles) {
      if (out.length >= limit) break
      yield* this.candidateSteps('text', needle, (doc) => {
        const d = this.doc(doc)
        if (d && seen[doc] === 0 && d.t.text.includes(needle) && accept(d.record)) {
          seen[doc] = 1
          out.push(d.record)
        }
        return out.length < limit
      }, end)
    }
    if (out.length < limit) yield* this.withEveryWord('text', words, (d) => textHasEvery(d.t, words), take, end)
    return out
  }

  bytes(): number {
    return (this.base ? this.base.text.bytes() + this.base.names.bytes() : 0) + this.text.bytes() + this.nameGrams.bytes()
  }

  textChars(): number {
    let n = 0
    this.docs.forEach((d, doc) => {
      if (d) n += d.t ? d.t.text.length : packedTextLength(this.seed as PackedTexts, doc)
    })
    return n
  }
}
