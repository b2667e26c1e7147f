// The search index's cache file: what seed-worker.ts made of one db.json (every record's texts and
// grams, seed.ts), kept beside it so that the next open of the same db.json has its index at once
// instead of a second of the main thread's CPU and two more of listing grams. Derived data only:
// checked against db.json's sha256 and its own CRC at every read, and ignored when either differs.
import { crc32 } from 'node:zlib'
import { COLLECTION_NAMES } from '../../shared/collections'
import type { CollectionName } from '../../shared/collections'
import type { PackedGramsData } from './gram-index'
import type { PackedCollectionGrams, PackedTexts, SeedGrams, SeedTexts } from './seed'

export const INDEX_CACHE_FILE = 'search-index.cache'

/**
 * The last digit is the version of what recordText makes of a record: a cache of another version
 * holds other texts (before 2, names without their bare forms: "obrien" missed O'Brien until the
 * cache was rebuilt), so it is not taken, and a new one is written as when there is none.
 */
const MAGIC = 'LDINDEX2'
const MAGIC_FAMILY = 'LDINDEX'
/** MAGIC, the header's length (u32), the CRC (u32) of all that follows (header and body) */
const LEAD = MAGIC.length + 8

export interface IndexCache {
  /** of the db.json it was made from */
  sha256: string
  texts: SeedTexts
  grams: SeedGrams
}

type Typed = Uint16Array | Uint32Array
type Kind = 'u16' | 'u32' | 'str'
/** one array or string of the body: its kind, where it starts, how many elements (chars for strings) */
type Slot = [Kind, number, number]

interface Header {
  sha256: string
  texts: Partial<Record<CollectionName, Record<keyof PackedTexts, Slot>>>
  grams: Partial<Record<CollectionName, Record<'text' | 'names', Record<keyof PackedGramsData, Slot | number>>>>
}

/** The file's bytes, in pieces (a few large ones: the strings as UTF-16, the arrays as they are in memory). */
export function encodeIndexCache(cache: IndexCache): Buffer[] {
  const body: Buffer[] = []
  let at = 0
  const put = (bytes: Buffer): number => {
    const start = at
    body.push(bytes)
    at += bytes.length
    // Every slot starts on a multiple of 4, so that arrays are read in place.
    const pad = (4 - (at % 4)) % 4
    if (pad > 0) {
      body.push(Buffer.alloc(pad))
      at += pad
    }
    return start
  }
  const typed = (a: Typed): Slot => [a instanceof Uint16Array ? 'u16' : 'u32', put(Buffer.from(a.buffer, a.byteOffset, a.byteLength)), a.length]
  const str = (s: string): Slot => [`str`, put(Buffer.from(s, 'utf16le')), s.length]
  const header: Header = { sha256: cache.sha256, texts: {}, grams: {} }
  for (const c of COLLECTION_NAMES) {
    const t = cache.texts[c]
    if (t) {
      header.texts[c] = {
        ids: str(t.ids),
        idEnds: typed(t.idEnds),
        chars: str(t.chars),
        ends: typed(t.ends),
        firstPart: typed(t.firstPart),
        names: typed(t.names),
        pinyin: typed(t.pinyin),
      }
    }
    const g = cache.grams[c]
    if (g) {
      const grams = (d: PackedGramsData): Record<keyof PackedGramsData, Slot | number> => ({
        charIds: typed(d.charIds),
        keys: typed(d.keys),
        starts: typed(d.starts),
        ids: typed(d.ids),
        dense: typed(d.dense),
        total: d.total,
      })
      header.grams[c] = { text: grams(g.text), names: grams(g.names) }
    }
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const headPad = (4 - ((LEAD + json.length) % 4)) % 4
  const lead = Buffer.alloc(LEAD)
  lead.write(MAGIC, 0, 'latin1')
  lead.writeUInt32LE(json.length + headPad, MAGIC.length)
  const rest = [json, Buffer.alloc(headPad, 0x20), ...body]
  let crc = 0
  for (const b of rest) crc = crc32(b, crc)
  lead.writeUInt32LE(crc, MAGIC.length + 4)
  return [lead, ...rest]
}

export class IndexCacheError extends Error {}

/**
 * The cache in a file's bytes, yielding between pieces of the work (a few ms each at 100k). The
 * arrays are views of the bytes, which the index then keeps (the strings' 40 MB at 100k included):
 * copying the arrays out held the thread for 25-50 ms per collection, and the index's own lists
 * took as much memory again before. Null when the cache was made from another db.json than the
 * one of this sha256, or of one of these (told from its header, before the work of checking the rest),
 * or by another version of the index (told from its magic); throws IndexCacheError when the bytes
 * are not a whole, undamaged cache.
 */
export function* decodeIndexCache(buf: Buffer, sha256: string | readonly string[]): Generator<void, IndexCache | null> {
  const magic = buf.length < LEAD ? '' : buf.toString('latin1', 0, MAGIC.length)
  // Expected once after an update, and not damage: the index is built from the records, no problem told.
  if (magic !== MAGIC && magic.startsWith(MAGIC_FAMILY)) return null
  if (magic !== MAGIC) throw new IndexCacheError('not an index cache')
  const headLength = buf.readUInt32LE(MAGIC.length)
  const start = LEAD + headLength
  if (start > buf.length) throw new IndexCacheError('cut short')
  let header: Header
  try {
    header = JSON.parse(buf.toString('utf8', LEAD, start)) as Header
  } catch {
    throw new IndexCacheError('damaged (header)')
  }
  if (typeof sha256 === 'string' ? header.sha256 !== sha256 : !sha256.includes(header.sha256)) return null
  let crc = 0
  const PIECE = 8 << 20
  for (let at = LEAD; at < buf.length; at += PIECE) {
    crc = crc32(buf.subarray(at, Math.min(buf.length, at + PIECE)), crc)
    yield
  }
  if (crc !== buf.readUInt32LE(MAGIC.length + 4)) throw new IndexCacheError('damaged (CRC)')
  // Arrays are read where they lie, which needs the body at a multiple of 4 in memory: a copy otherwise.
  const body = (buf.byteOffset + start) % 4 === 0 ? buf.subarray(start) : Buffer.from(buf.subarray(start))
  const slot = (s: Slot | number | undefined, kind: Kind): [number, number] => {
    if (!Array.isArray(s) || s[0] !== kind) throw new IndexCacheError('damaged (layout)')
    const [, off, n] = s
    const size = kind === 'u32' ? 4 : 2
    if (!Number.isSafeInteger(off) || !Number.isSafeInteger(n) || off < 0 || n < 0 || off % 4 !== 0 || off + n * size > body.length) throw new IndexCacheError('damaged (layout)')
    return [body.byteOffset + off, n]
  }
  const u16 = (s: Slot | number | undefined): Uint16Array => new Uint16Array(body.buffer, ...slot(s, 'u16'))
  const u32 = (s: Slot | number | undefined): Uint32Array => new Uint32Array(body.buffer, ...slot(s, 'u32'))
  const str = (s: Slot | undefined): string => {
    const [off, n] = slot(s, 'str')
    return Buffer.from(body.buffer, off, n * 2).toString('utf16le')
  }
  const texts: SeedTexts = {}
  const grams: SeedGrams = {}
  for (const c of COLLECTION_NAMES) {
    const t = header.texts?.[c]
    if (t) {
      texts[c] = { ids: str(t.ids), idEnds: u32(t.idEnds), chars: str(t.chars), ends: u32(t.ends), firstPart: u32(t.firstPart), names: u16(t.names), pinyin: u16(t.pinyin) }
      yield
    }
    const g = header.grams?.[c]
    if (g) {
      const read = (d: Record<keyof PackedGramsData, Slot | number>): PackedGramsData => {
        if (!Number.isSafeInteger(d.total)) throw new IndexCacheError('damaged (layout)')
        return { charIds: u16(d.charIds), keys: u32(d.keys), starts: u32(d.starts), ids: u32(d.ids), dense: u32(d.dense), total: d.total as number }
      }
      grams[c] = { text: read(g.text), names: read(g.names) } satisfies PackedCollectionGrams
      yield
    }
  }
  return { sha256: header.sha256, texts, grams }
}
