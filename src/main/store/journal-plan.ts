import { join } from 'node:path'
import type { FileCodec } from './file-codec'
import type { StoreFs } from './fs-port'
import { ACTIVE_JOURNAL, listJournalFiles } from './journal-files'
import { scanJournal } from './journal-read'
import type { JournalEntry, JournalScan } from './journal-read'
import type { SkippedEntry } from './types'

export async function readJournalFiles(fs: StoreFs, dir: string, collections: readonly string[], codec?: FileCodec): Promise<JournalScan[]> {
  const names = await listJournalFiles(fs, dir)
  const known = new Set(collections)
  const scans: JournalScan[] = []
  for (const name of names) scans.push(scanJournal(name, await fs.readFile(join(dir, name)), known, codec))
  return scans
}

export interface PlannedEntry {
  entry: JournalEntry
  file: string
  line: number
}

/** What replaying the journal on top of a snapshot at `baseSeq` means for memory and for the files. */
export interface JournalPlan {
  /** valid entries after baseSeq, in seq order; there may be gaps where a line was damaged */
  entries: PlannedEntry[]
  /** valid entries at or before baseSeq: what the snapshot says it already holds */
  covered: PlannedEntry[]
  lastSeq: number
  /** bytes of the files that contributed entries (for the compaction trigger) */
  bytes: number
  /** unacknowledged torn tails to cut off */
  truncate: Array<{ name: string; length: number }>
  /** files holding a line that could not be used: kept aside byte-identical once db.json holds the rest */
  setAside: string[]
  /** lines not replayed, for the recovery report (file: the journal file's name at the time) */
  skipped: SkippedEntry[]
  /** seq numbers that no line holds, although later ones exist */
  missing: Array<{ from: number; to: number }>
}

type Flat = { scan: JournalScan; item: JournalScan['items'][number] }

/**
 * Every valid entry after baseSeq is kept, whatever is wrong around it: entries put whole records,
 * so the good ones stand on their own. Bad lines are skipped and reported (unless they lie inside
 * what the snapshot already holds); an identical duplicate of a line is harmless and ignored.
 */
export function planJournal(scans: readonly JournalScan[], baseSeq: number): JournalPlan {
  const plan: JournalPlan = { entries: [], covered: [], lastSeq: baseSeq, bytes: 0, truncate: [], setAside: [], skipped: [], missing: [] }
  const flat: Flat[] = scans.flatMap((scan) => scan.items.map((item) => ({ scan, item })))
  const seen = new Map<number, string>()
  const bad = new Set<string>()
  const used = new Set<string>()
  let prevSeq: number | null = null
  let badSincePrev = false
  const skip = (scan: JournalScan, line: number, seq: number | null, reason: string): void => {
    plan.skipped.push({ file: scan.name, line, seq, reason })
    bad.add(scan.name)
    badSincePrev = true
  }
  for (let i = 0; i < flat.length; i += 1) {
    const { scan, item } = flat[i]
    if (item.kind === 'bad') {
      // Where the line sits in seq order: after the previous good line, or just before the next one.
      let presumed = prevSeq === null ? null : prevSeq + 1
      if (presumed === null) {
        const next = flat.slice(i + 1).find((f) => f.item.kind === 'entry')
        presumed = next && next.item.kind === 'entry' ? next.item.entry.seq - 1 : baseSeq + 1
      }
      if (presumed > baseSeq) skip(scan, item.line, item.seqHint, item.reason)
      continue
    }
    const { entry } = item
    const text = JSON.stringify(entry)
    const earlier = seen.get(entry.seq)
    if (earlier !== undefined) {
      if (earlier !== text && entry.seq > baseSeq) skip(scan, item.line, entry.seq, 'conflicting-seq')
      continue
    }
    if (prevSeq !== null && entry.seq < prevSeq) {
      if (entry.seq > baseSeq) skip(scan, item.line, entry.seq, 'out-of-order')
      continue
    }
    seen.set(entry.seq, text)
    const from = Math.max(prevSeq ?? baseSeq, baseSeq) + 1
    if (entry.seq > from && !badSincePrev) {
      plan.missing.push({ from, to: entry.seq - 1 })
      bad.add(scan.name)
    }
    prevSeq = entry.seq
    badSincePrev = false
    if (entry.seq <= baseSeq) {
      plan.covered.push({ entry, file: scan.name, line: item.line })
      continue
    }
    plan.entries.push({ entry, file: scan.name, line: item.line })
    plan.lastSeq = entry.seq
    used.add(scan.name)
  }
  plan.setAside = scans.filter((s) => bad.has(s.name)).map((s) => s.name)
  for (const scan of scans) {
    if (bad.has(scan.name)) continue
    if (used.has(scan.name)) {
      plan.bytes += scan.validBytes
      if (scan.tornTail) plan.truncate.push({ name: scan.name, length: scan.validBytes })
    } else if (scan.name === ACTIVE_JOURNAL && scan.totalBytes > 0) {
      // Everything in it is already in the snapshot (or it holds only a torn tail): empty it.
      plan.truncate.push({ name: scan.name, length: 0 })
    }
  }
  return plan
}

/** The plan when entries after the snapshot cannot be trusted (replaying them broke a migration's validation). */
export function planWithoutJournal(scans: readonly JournalScan[], baseSeq: number): JournalPlan {
  const full = planJournal(scans, baseSeq)
  const plan: JournalPlan = { entries: [], covered: full.covered, lastSeq: baseSeq, bytes: 0, truncate: [], setAside: [], skipped: full.skipped, missing: full.missing }
  const needed = new Set([...full.setAside, ...full.entries.map((e) => e.file)])
  plan.setAside = scans.filter((s) => needed.has(s.name)).map((s) => s.name)
  for (const e of full.entries) plan.skipped.push({ file: e.file, line: e.line, seq: e.entry.seq, reason: 'migration-failed' })
  return plan
}
