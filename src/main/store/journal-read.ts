import type { StoredRecord } from './types'

export interface JournalEntry {
  seq: number
  puts: Array<[string, StoredRecord]>
  settings?: Record<string, unknown>
}

export interface JournalScan {
  name: string
  entries: JournalEntry[]
  /** bytes of the valid prefix: where a torn tail starts */
  validBytes: number
  totalBytes: number
  /**
   * torn-tail: the last line is incomplete; it was never acknowledged, so dropping it loses nothing.
   * damaged: a bad line with good lines after it; something other than a crash mid-append broke the file.
   */
  problem: null | 'torn-tail' | 'damaged'
  /** 1-based line of the first bad line */
  badLine: number | null
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

export function isJournalEntry(v: unknown): v is JournalEntry {
  if (!isPlainObject(v)) return false
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return false
  if (!Array.isArray(v.puts)) return false
  for (const put of v.puts) {
    if (!Array.isArray(put) || put.length !== 2 || typeof put[0] !== 'string') return false
    const rec: unknown = put[1]
    if (!isPlainObject(rec) || typeof rec.id !== 'string' || rec.id === '') return false
  }
  return v.settings === undefined || isPlainObject(v.settings)
}

function parseLine(text: string): JournalEntry | null {
  try {
    const v: unknown = JSON.parse(text)
    return isJournalEntry(v) ? v : null
  } catch {
    return null
  }
}

const NEWLINE = 0x0a

/** A good line after a bad one proves the bad one is not just the unacknowledged tail of a crash. */
function hasEntryAfter(buf: Buffer, from: number): boolean {
  let start = buf.indexOf(NEWLINE, from)
  while (start !== -1 && start + 1 < buf.length) {
    const end = buf.indexOf(NEWLINE, start + 1)
    if (end === -1) return false
    if (parseLine(buf.toString('utf8', start + 1, end))) return true
    start = end
  }
  return false
}

/** Splits a journal file into its valid entries and says where and how it stops being valid. */
export function scanJournal(name: string, buf: Buffer): JournalScan {
  const entries: JournalEntry[] = []
  let start = 0
  let line = 0
  while (start < buf.length) {
    const end = buf.indexOf(NEWLINE, start)
    line += 1
    const complete = end !== -1
    const stop = complete ? end : buf.length
    const entry = complete ? parseLine(buf.toString('utf8', start, stop)) : null
    const prev = entries.length > 0 ? entries[entries.length - 1].seq : null
    if (entry && (prev === null || entry.seq === prev + 1)) {
      entries.push(entry)
      start = end + 1
      continue
    }
    // A complete entry with the wrong seq cannot come from a torn write.
    const damaged = entry !== null || hasEntryAfter(buf, stop)
    return {
      name,
      entries,
      validBytes: start,
      totalBytes: buf.length,
      problem: damaged ? 'damaged' : 'torn-tail',
      badLine: line,
    }
  }
  return { name, entries, validBytes: buf.length, totalBytes: buf.length, problem: null, badLine: null }
}
