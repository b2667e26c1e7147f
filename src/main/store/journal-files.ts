import { errorCode } from './fs-port'
import type { StoreFs } from './fs-port'

/** Where new entries go. */
export const ACTIVE_JOURNAL = 'journal.jsonl'

const SEGMENT = /^journal-(\d{12})\.jsonl$/

/** A rotated segment is named by the last seq it holds, so "seq <= N" is answerable from the name alone. */
export function segmentName(lastSeq: number): string {
  return `journal-${String(lastSeq).padStart(12, '0')}.jsonl`
}

export function segmentLastSeq(name: string): number | null {
  const m = SEGMENT.exec(name)
  return m ? Number(m[1]) : null
}

/** Journal files in replay order: rotated segments oldest first, then the active one. */
export async function listJournalFiles(fs: StoreFs, dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return []
    throw err
  }
  const segments = names
    .map((name) => ({ name, last: segmentLastSeq(name) }))
    .filter((s): s is { name: string; last: number } => s.last !== null)
    .sort((a, b) => a.last - b.last)
    .map((s) => s.name)
  if (names.includes(ACTIVE_JOURNAL)) segments.push(ACTIVE_JOURNAL)
  return segments
}
