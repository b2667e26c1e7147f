import { join } from 'node:path'
import type { StoreFs } from './fs-port'
import { ACTIVE_JOURNAL, listJournalFiles } from './journal-files'
import { scanJournal } from './journal-read'
import type { JournalEntry, JournalScan } from './journal-read'

export async function readJournalFiles(fs: StoreFs, dir: string): Promise<JournalScan[]> {
  const names = await listJournalFiles(fs, dir)
  const scans: JournalScan[] = []
  for (const name of names) scans.push(scanJournal(name, await fs.readFile(join(dir, name))))
  return scans
}

/** What replaying the journal on top of a snapshot at `baseSeq` means for memory and for the files. */
export interface JournalPlan {
  /** entries after baseSeq, contiguous */
  entries: JournalEntry[]
  lastSeq: number
  /** bytes of the files that contributed entries (for the compaction trigger) */
  bytes: number
  /** unacknowledged torn tails to cut off */
  truncate: Array<{ name: string; length: number }>
  /** files from the first damage (bad line or seq gap) on: kept aside, never replayed again */
  setAside: string[]
}

export function planJournal(scans: readonly JournalScan[], baseSeq: number): JournalPlan {
  const plan: JournalPlan = { entries: [], lastSeq: baseSeq, bytes: 0, truncate: [], setAside: [] }
  let expected = baseSeq + 1
  for (let i = 0; i < scans.length; i += 1) {
    const scan = scans[i]
    let used = 0
    let gap = false
    for (const entry of scan.entries) {
      if (entry.seq <= baseSeq) continue
      if (entry.seq !== expected) {
        gap = true
        break
      }
      plan.entries.push(entry)
      expected += 1
      used += 1
    }
    if (gap || scan.problem === 'damaged') {
      plan.setAside = scans.slice(i).map((s) => s.name)
      break
    }
    if (used > 0) {
      plan.bytes += scan.validBytes
      if (scan.problem === 'torn-tail') plan.truncate.push({ name: scan.name, length: scan.validBytes })
    } else if (scan.name === ACTIVE_JOURNAL && scan.totalBytes > 0) {
      // Everything in it is already in the snapshot: empty it so the next rotation starts clean.
      plan.truncate.push({ name: scan.name, length: 0 })
    }
  }
  plan.lastSeq = expected - 1
  return plan
}

/** The plan when entries after the snapshot cannot be trusted (replaying them broke validation). */
export function planWithoutJournal(scans: readonly JournalScan[], baseSeq: number): JournalPlan {
  const plan: JournalPlan = { entries: [], lastSeq: baseSeq, bytes: 0, truncate: [], setAside: [] }
  for (const scan of scans) {
    const needed = scan.problem === 'damaged' || scan.entries.some((e) => e.seq > baseSeq)
    if (needed) plan.setAside.push(scan.name)
  }
  return plan
}
