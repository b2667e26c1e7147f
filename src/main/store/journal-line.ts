import { crc32 } from 'node:zlib'
import { KeyError, plainCodec } from './file-codec'
import type { FileCodec } from './file-codec'
import type { StoredRecord } from './types'

export interface JournalEntry {
  seq: number
  puts: Array<[string, StoredRecord]>
  settings?: Record<string, unknown>
}

/**
 * Every line this version writes ends in `,"crc":"<8 hex>"}`: the CRC-32 of the bytes before that
 * suffix. It tells a line damaged on disk from a good one, which JSON.parse alone cannot, and costs
 * one pass over bytes already in memory. The line stays plain JSON, so tools can still read it.
 */
const CRC_SUFFIX = /,"crc":"([0-9a-f]{8})"\}$/
const SUFFIX_LENGTH = ',"crc":"00000000"}'.length

const hex8 = (n: number): string => n.toString(16).padStart(8, '0')

/** `head` is the line up to but without its closing brace, e.g. `{"seq":3,"puts":[...]`. */
export function sealLine(head: string): string {
  return `${head},"crc":"${hex8(crc32(head))}"}`
}

/** What sealedPieces adds after a line's pieces: the checksum suffix and the newline. */
export const SEAL_BYTES = SUFFIX_LENGTH + 1

/**
 * sealLine for a line given as byte pieces (a prepared batch of 100,000 records): the same bytes and
 * CRC as sealLine of their text, without first building one string and then one buffer of it. Lazy:
 * each piece goes into the CRC as it is taken to be written, because the CRC of a 50 MB line in one
 * go held the event loop for 30 ms.
 */
export function* sealedPieces(head: readonly Buffer[]): Generator<Buffer> {
  let crc = 0
  for (const piece of head) {
    crc = crc32(piece, crc)
    yield piece
  }
  yield Buffer.from(`,"crc":"${hex8(crc)}"}\n`)
}

/** Pieces at least this big are written as they are; smaller ones (commas, short lines) are joined up to it. */
const WRITE_RUN = 64 << 10

/**
 * The bytes of `pieces` in order, as buffers to write one after another: a big piece as it is (copying a
 * 50 MB line into one buffer held the event loop for half a second), small neighbours joined so they do
 * not cost a write each. Lazy, so what little is copied is copied between writes.
 */
export function* writeChunks(pieces: Iterable<Buffer>): Generator<Buffer> {
  let run: Buffer[] = []
  let runBytes = 0
  const close = (): Buffer | null => {
    const out = run.length === 0 ? null : run.length === 1 ? run[0] : Buffer.concat(run, runBytes)
    run = []
    runBytes = 0
    return out
  }
  for (const piece of pieces) {
    if (piece.length >= WRITE_RUN) {
      const before = close()
      if (before) yield before
      yield piece
      continue
    }
    run.push(piece)
    runBytes += piece.length
    if (runBytes >= WRITE_RUN) yield close() as Buffer
  }
  const last = close()
  if (last) yield last
}

export type BadLineReason = 'checksum' | 'not-json' | 'not-an-entry' | 'unknown-collection' | 'incomplete'

export type DecodedLine =
  | { ok: true; entry: JournalEntry; checked: boolean }
  | { ok: false; reason: BadLineReason; seqHint: number | null }

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function isJournalEntry(v: Record<string, unknown>): boolean {
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return false
  if (!Array.isArray(v.puts)) return false
  for (const put of v.puts) {
    if (!Array.isArray(put) || put.length !== 2 || typeof put[0] !== 'string') return false
    const rec: unknown = put[1]
    if (!isPlainObject(rec) || typeof rec.id !== 'string' || rec.id === '') return false
  }
  return v.settings === undefined || isPlainObject(v.settings)
}

/** The seq a damaged line claims, for the report only: nothing else in it is believed. */
export function seqHint(text: string): number | null {
  const m = /^\{"seq":(\d{1,15})[,}]/.exec(text)
  return m ? Number(m[1]) : null
}

/**
 * With encryption at rest each line is sealed on its own, so the journal stays append-only and a
 * torn last line is still just that: `{"seq":N,"sealed":"<base64 envelope of the plain line>"}`.
 * The seq stays readable (a count of edits, nothing personal) so a damaged line is still reported by seq.
 */
const SEALED_LINE = /^\{"seq":(\d{1,15}),"sealed":"([A-Za-z0-9+/]*={0,2})"\}$/

/** A plain line without its newline -> the sealed line with its newline. */
export function sealJournalLine(line: Buffer, codec: FileCodec): Buffer {
  const seq = seqHint(line.toString('utf8')) ?? 0
  return Buffer.from(`{"seq":${seq},"sealed":"${codec.seal(line).toString('base64')}"}\n`, 'utf8')
}

/** The plain line inside a sealed one (no newline), or null when the line is not sealed. Throws KeyError. */
export function unsealJournalLine(bytes: Buffer, codec: FileCodec): Buffer | null {
  const m = SEALED_LINE.exec(bytes.toString('latin1'))
  return m ? codec.open(Buffer.from(m[2], 'base64')) : null
}

/**
 * One complete line (without its newline). Lines without the checksum suffix were written by the
 * previous version: they are accepted when they parse into a well-formed entry, as before.
 * A sealed line is opened with `codec`: altered bytes are a bad line like a checksum failure, but a
 * missing or other key (KeyError) stops the read, because every line would look damaged.
 */
export function decodeLine(bytes: Buffer, collections: ReadonlySet<string>, codec: FileCodec = plainCodec): DecodedLine {
  const text = bytes.toString('utf8')
  const sealedLine = SEALED_LINE.exec(text)
  if (sealedLine) {
    const seq = Number(sealedLine[1])
    let plain: Buffer
    try {
      plain = codec.open(Buffer.from(sealedLine[2], 'base64'))
    } catch (err) {
      if (err instanceof KeyError) throw err
      return { ok: false, reason: 'checksum', seqHint: seq }
    }
    if (SEALED_LINE.test(plain.toString('latin1'))) return { ok: false, reason: 'not-an-entry', seqHint: seq }
    const inner = decodeLine(plain, collections)
    if (inner.ok && inner.entry.seq !== seq) return { ok: false, reason: 'not-an-entry', seqHint: seq }
    return inner
  }
  const sealed = CRC_SUFFIX.exec(text)
  if (sealed) {
    const head = bytes.subarray(0, bytes.length - SUFFIX_LENGTH)
    if (hex8(crc32(head)) !== sealed[1]) return { ok: false, reason: 'checksum', seqHint: seqHint(text) }
  }
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'not-json', seqHint: seqHint(text) }
  }
  if (!isPlainObject(v) || !isJournalEntry(v)) return { ok: false, reason: 'not-an-entry', seqHint: seqHint(text) }
  const entry = v as unknown as JournalEntry & { crc?: unknown }
  delete entry.crc
  for (const [collection] of entry.puts) {
    if (!collections.has(collection)) return { ok: false, reason: 'unknown-collection', seqHint: entry.seq }
  }
  return { ok: true, entry, checked: sealed !== null }
}

const LINE_START = Buffer.from('{"seq":', 'utf8')

/**
 * A final line without its newline was never acknowledged (the newline goes out in the same write,
 * before the fsync), so it is a torn append: but only if it looks like the start of one. NUL bytes or
 * other text there mean the file was damaged, and that is reported, not silently cut off.
 */
export function isPlausibleTornTail(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false
  const n = Math.min(bytes.length, LINE_START.length)
  return bytes.subarray(0, n).equals(LINE_START.subarray(0, n))
}
