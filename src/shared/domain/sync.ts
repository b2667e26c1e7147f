import { z } from 'zod'

/**
 * What a record carries so that copies edited on several laptops can be merged field by field
 * (src/main/exchange/field-merge.ts), and so that its history can be shown and restored.
 *
 * Compact on purpose (a 100,000-contact file pays for every byte at each open): one version
 * vector per record, one "base" edit that wrote every field, and per field only the edits that
 * differ from the base. A record edited once carries two dots, not one per field.
 */
// Not common.ts's isoDateTime: common.ts imports this file. A clock's instant needs no calendar bound.
const instant = z.iso.datetime({ offset: true })
export const deviceId = z.string().min(1).max(100)
/** One edit: the laptop, that laptop's edit number on this record, and when (its clock, for display only). */
export const dotSchema = z.tuple([deviceId, z.number().int().min(1), instant])
export type StoredDot = z.infer<typeof dotSchema>

export const HISTORY_KINDS = ['create', 'edit', 'delete', 'restore', 'import', 'merge', 'undo', 'resolve', 'revert', 'upgrade'] as const
export type HistoryKind = (typeof HISTORY_KINDS)[number]

/** How many versions a record keeps in its history: the newest ones. */
export const HISTORY_KEEP = 30

export const historyEntry = z.object({
  d: dotSchema,
  /** the laptop's label when the edit was made */
  by: z.string().max(100),
  k: z.enum(HISTORY_KINDS),
  /** field -> [value before, value after]; absent for a creation */
  ch: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
})
export type HistoryEntry = z.infer<typeof historyEntry>

export const syncSchema = z.object({
  /** per laptop, how many of its edits of this record this copy has seen */
  vv: z.record(deviceId, z.number().int().min(1)),
  /** the edit that wrote every field not listed in `f` */
  d: dotSchema,
  f: z.record(z.string(), dotSchema).optional(),
  /** fields in conflict: the other values (the record holds the one shown first), each with its edit */
  c: z.record(z.string(), z.array(z.object({ v: z.unknown(), d: dotSchema })).min(1)).optional(),
  h: z.array(historyEntry).max(HISTORY_KEEP).optional(),
  /** the laptop that created the record (the history's first line), when known */
  o: deviceId.optional(),
})
export type SyncMeta = z.infer<typeof syncSchema>

/**
 * The fields of a record holding different values from edits that did not see each other: what a
 * person must decide. Values written equal on two laptops are not a conflict.
 */
export function conflictedFields(record: { sync?: SyncMeta | undefined } & Record<string, unknown>): string[] {
  const c = record.sync?.c
  if (!c) return []
  return Object.keys(c)
    .filter((k) => new Set([JSON.stringify(record[k]), ...(c[k] ?? []).map((o) => JSON.stringify(o.v))]).size > 1)
    .sort()
}
