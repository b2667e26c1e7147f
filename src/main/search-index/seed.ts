import { COLLECTION_NAMES } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import { laidOutParts } from '../store/snapshot-parse'
import { GramIndex } from './gram-index'
import type { PackedGramsData } from './gram-index'
import { recordText } from './record-text'
import type { RecordText } from './record-text'

/**
 * The search index's texts of one collection of db.json, in the file's order, as a few strings and
 * arrays: what the index's cache file holds (seed-file.ts). Read back, they are two strings and a
 * few views of the file's bytes, not 100,000 RecordText objects: a record's texts are cut out of
 * them when a search first needs them (CollectionIndex.doc).
 */
export interface PackedTexts {
  /** the records' ids run together, record i's ending at idEnds[i] */
  ids: string
  idEnds: Uint32Array
  /** each record's parts run together: its text, its names, then their pinyin; part k ends at ends[k] */
  chars: string
  ends: Uint32Array
  /** record i's parts start at part firstPart[i]; it has names[i] names and pinyin[i] pinyin */
  firstPart: Uint32Array
  names: Uint16Array
  pinyin: Uint16Array
}

/** The grams of one collection's records, doc numbers being their positions in db.json. */
export interface PackedCollectionGrams {
  text: PackedGramsData
  names: PackedGramsData
}

export type SeedTexts = Partial<Record<CollectionName, PackedTexts>>
export type SeedGrams = Partial<Record<CollectionName, PackedCollectionGrams>>

/** What the index keeps of each record of one collection of db.json, in the file's order. */
export interface ReadTexts {
  ids: string[]
  texts: RecordText[]
}

const KNOWN: ReadonlySet<string> = new Set(COLLECTION_NAMES)

/**
 * The texts of every record of a db.json this store wrote (laid out a line of records at a time),
 * calling `checkpoint` after each line (about a thousand records). Throws when the bytes are not
 * laid out so.
 */
export function readTexts(bytes: Uint8Array, checkpoint: () => void = () => undefined): Map<CollectionName, ReadTexts> {
  const out = new Map<CollectionName, ReadTexts>()
  for (const part of laidOutParts(bytes, KNOWN)) {
    if (!('records' in part)) continue
    const c = part.name as CollectionName
    let read = out.get(c)
    if (!read || part.first) {
      read = { ids: [], texts: [] }
      out.set(c, read)
    }
    for (const r of part.records as AnyRecord[]) {
      read.ids.push(r.id)
      read.texts.push(recordText(c, r))
    }
    checkpoint()
  }
  return out
}

export function packTexts({ ids, texts }: ReadTexts): PackedTexts {
  const idEnds = new Uint32Array(ids.length)
  let n = 0
  ids.forEach((id, i) => {
    n += id.length
    idEnds[i] = n
  })
  const firstPart = new Uint32Array(texts.length)
  const names = new Uint16Array(texts.length)
  const pinyin = new Uint16Array(texts.length)
  let parts = 0
  texts.forEach((t, i) => {
    if (t.names.length > 0xffff || t.pinyin.length > 0xffff) throw new Error(`Record ${ids[i]} has too many names to pack`)
    firstPart[i] = parts
    names[i] = t.names.length
    pinyin[i] = t.pinyin.length
    parts += 1 + t.names.length + t.pinyin.length
  })
  const ends = new Uint32Array(parts)
  const pieces: string[] = []
  let k = 0
  let end = 0
  for (const t of texts) {
    for (const piece of [t.text, ...t.names, ...t.pinyin]) {
      pieces.push(piece)
      end += piece.length
      ends[k] = end
      k += 1
    }
  }
  return { ids: ids.join(''), idEnds, chars: pieces.join(''), ends, firstPart, names, pinyin }
}

/** The grams of the texts, as CollectionIndex lists them (its text, its names and their pinyin). */
export function listGrams(texts: readonly RecordText[], checkpoint: () => void = () => undefined): PackedCollectionGrams {
  const text = new GramIndex()
  const names = new GramIndex()
  texts.forEach((t, doc) => {
    text.add(doc, t.text)
    names.addParts(doc, t.names, t.pinyin)
    if ((doc & 1023) === 1023) checkpoint()
  })
  return { text: text.pack(), names: names.pack() }
}

/** Record i's id is `id` (compared where it lies, without cutting it out). */
export function packedIdIs(p: PackedTexts, i: number, id: string): boolean {
  const start = i === 0 ? 0 : p.idEnds[i - 1]
  return p.idEnds[i] - start === id.length && p.ids.startsWith(id, start)
}

/** Record i's texts, as recordText gave them. */
export function packedText(p: PackedTexts, i: number): RecordText {
  let k = p.firstPart[i]
  const part = (): string => {
    const s = p.chars.slice(k === 0 ? 0 : p.ends[k - 1], p.ends[k])
    k += 1
    return s
  }
  const text = part()
  const names: string[] = []
  for (let j = 0; j < p.names[i]; j += 1) names.push(part())
  const pinyin: string[] = []
  for (let j = 0; j < p.pinyin[i]; j += 1) pinyin.push(part())
  return { names, pinyin, text }
}

/** The length of record i's text (its first part). */
export function packedTextLength(p: PackedTexts, i: number): number {
  const k = p.firstPart[i]
  return p.ends[k] - (k === 0 ? 0 : p.ends[k - 1])
}

/** The last i with sorted[i] <= x (sorted ascending, sorted[0] <= x). */
function lastAtOrBelow(sorted: Uint32Array, x: number): number {
  let lo = 0
  let hi = sorted.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (sorted[mid] <= x) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * Visits, ascending, each record whose packed parts hold the longest of the needles somewhere (a
 * superset of those holding it in one part, or holding them all: the caller checks), until visit
 * returns false; returns false then. A search over the texts before the grams are in: one
 * indexOf through the collection's text, where checking each record unpacked its texts (100,000
 * objects for one search, and the collections that came with them).
 */
export function forEachPackedHolding(p: PackedTexts, needles: readonly string[], visit: (i: number) => boolean): boolean {
  const needle = needles.reduce((a, b) => (b.length > a.length ? b : a), '')
  const n = packedCount(p)
  if (needle === '' || n === 0) {
    for (let i = 0; i < n; i += 1) if (!visit(i)) return false
    return true
  }
  for (let at = p.chars.indexOf(needle); at >= 0; ) {
    // The part holding `at`: the first whose end is past it; then the record it belongs to.
    let lo = 0
    let hi = p.ends.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (p.ends[mid] > at) hi = mid
      else lo = mid + 1
    }
    const i = lastAtOrBelow(p.firstPart, lo)
    if (!visit(i)) return false
    if (i + 1 >= n) break
    at = p.chars.indexOf(needle, p.ends[p.firstPart[i + 1] - 1])
  }
  return true
}

export function packedCount(p: PackedTexts): number {
  return p.idEnds.length
}
