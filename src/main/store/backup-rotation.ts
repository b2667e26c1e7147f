export interface BackupStamp {
  name: string
  createdAt: Date
}

export interface RetentionPolicy {
  keepToday: number
  max: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepToday: 3, max: 10 }

/** Local calendar day: "today" means the user's today, not UTC's. */
function dayKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}

/**
 * Which backups to delete: keep the newest `keepToday` from today and the newest one of each earlier day,
 * at most `max` in all (newest first). Pure, so it is tested with a fake clock.
 */
export function backupsToDelete(list: readonly BackupStamp[], now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const today = dayKey(now)
  const newestFirst = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.name < b.name ? 1 : -1))
  const keep = new Set<string>()
  const daysSeen = new Set<string>()
  let todayKept = 0
  for (const b of newestFirst) {
    if (keep.size >= policy.max) break
    const day = dayKey(b.createdAt)
    if (day === today) {
      if (todayKept < policy.keepToday) {
        keep.add(b.name)
        todayKept += 1
      }
    } else if (!daysSeen.has(day)) {
      daysSeen.add(day)
      keep.add(b.name)
    }
  }
  return newestFirst.filter((b) => !keep.has(b.name)).map((b) => b.name)
}
