import { decodeLine, isPlausibleTornTail } from './journal-line'
import type { BadLineReason, JournalEntry } from './journal-line'
import type { FileCodec } from './file-codec'

export type { JournalEntry } from './journal-line'

export type ScanItem =
  | { kind: 'entry'; entry: JournalEntry; line: number }
  | { kind: 'bad'; reason: BadLineReason; line: number; seqHint: number | null }

export interface JournalScan {
  name: string
  /** every complete line, in file order (and a final incomplete line that is not a plausible torn append) */
  items: ScanItem[]
  /** bytes before a plausible torn tail: where to truncate it */
  validBytes: number
  totalBytes: number
  /** a final line without its newline that looks like an interrupted append: never acknowledged */
  tornTail: boolean
}

const NEWLINE = 0x0a

/** Splits a journal file into lines and judges each one on its own: one bad line says nothing about the others. */
export function scanJournal(name: string, buf: Buffer, collections: ReadonlySet<string>, codec?: FileCodec): JournalScan {
  const items: ScanItem[] = []
  let start = 0
  let line = 0
  while (start < buf.length) {
    const end = buf.indexOf(NEWLINE, start)
    line += 1
    if (end === -1) {
      const rest = buf.subarray(start)
      if (isPlausibleTornTail(rest)) return { name, items, validBytes: start, totalBytes: buf.length, tornTail: true }
      items.push({ kind: 'bad', reason: 'incomplete', line, seqHint: null })
      break
    }
    const decoded = decodeLine(buf.subarray(start, end), collections, codec)
    items.push(decoded.ok ? { kind: 'entry', entry: decoded.entry, line } : { kind: 'bad', reason: decoded.reason, line, seqHint: decoded.seqHint })
    start = end + 1
  }
  return { name, items, validBytes: buf.length, totalBytes: buf.length, tornTail: false }
}
