import { crc32 } from 'node:zlib'
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

/**
 * sealLine for a line given as byte pieces (a prepared batch of 100,000 records): the same bytes
 * and CRC as sealLine of their text, without first building one string and then one buffer of it.
 */
export function sealLineBytes(head: readonly Buffer[]): Buffer {
  let crc = 0
  for (const piece of head) crc = crc32(piece, crc)
  return Buffer.concat([...head, Buffer.from(`,"crc":"${hex8(crc)}"}\n`)])
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
 * One complete line (without its newline). Lines without the checksum suffix were written by the
 * previous version: they are accepted when they parse into a well-formed entry, as before.
 */
export function decodeLine(bytes: Buffer, collections: ReadonlySet<string>): DecodedLine {
  const text = bytes.toString('utf8')
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
