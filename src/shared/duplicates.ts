import { z } from 'zod'
import { collections } from './collections'
import { idSchema, isoDateTime } from './domain/common'
import { mergeable } from './domain/merges'
import type { Mergeable } from './domain/merges'

export { mergeable }
export type { Mergeable }

/**
 * Why two records are proposed: `match` is the same record by the rules (name, alias, credit code,
 * mobile + name; a trip's dates and title; a visit's day and organisation), `warning` a shared mobile
 * under two names, `candidate` a weaker sign (name, class year and major; fuzzy similarity; a trip's
 * dates alone), `partOf` a branch of another organisation (never merged).
 */
export type DuplicateReason =
  | 'sameName' | 'alias' | 'creditCode' | 'partOf' | 'similarName' | 'similarInitials'
  | 'samePhoneAndName' | 'samePhoneOtherName' | 'sameProfile'
  | 'sameNameAndPhone' | 'sameNameAndDepartment'
  | 'sameDatesAndTitle' | 'sameDatesAndPeople' | 'sameDates' | 'sameDayOrganization' | 'sameDayTitle'
export type DuplicateLevel = 'match' | 'warning' | 'candidate' | 'partOf'

export interface DuplicatePair {
  collection: Mergeable
  /** the older record first: the default survivor */
  a: { id: string; name: string; detail: string }
  b: { id: string; name: string; detail: string }
  reason: DuplicateReason
  level: DuplicateLevel
  /** fuzzy similarity 0..1, for similarName */
  score: number | null
}

/**
 * What a merge does with a field nobody chose a side for, when both records have a value: lists are
 * united (by `key` for lists of objects) and long texts kept both, since neither side's is wrong —
 * two people at one visit each noted part of what was said. The merge dialog shows the same rule.
 */
export const COMBINED_FIELDS: Record<Mergeable, { lists: Readonly<Record<string, string | null>>; texts: readonly string[] }> = {
  organizations: { lists: { tags: null, aliases: null }, texts: ['notes'] },
  contacts: { lists: { tags: null }, texts: ['notes'] },
  staff: { lists: { tags: null }, texts: ['notes'] },
  trips: {
    lists: { tags: null, destinations: null, objectives: null, members: 'staffId', days: 'date' },
    texts: ['notes', 'summary', 'experience', 'outlook'],
  },
  activities: {
    lists: { tags: null, organizationIds: null, contactIds: null, staffIds: null, jobTitles: null, majorsWanted: null, intentions: null, agreementIds: null, alumniGroupIds: null },
    texts: ['notes', 'topics', 'outcomes', 'outcomesEn', 'consensus'],
  },
}

export const isCombined = (c: Mergeable, f: string): boolean => f in COMBINED_FIELDS[c].lists || COMBINED_FIELDS[c].texts.includes(f)

export interface DuplicateCounts {
  organizations: number
  contacts: number
  staff: number
  trips: number
  activities: number
}

export const duplicatesListInput = z.strictObject({
  collection: mergeable,
  /** only the pairs involving this record (the "Merge with…" of a detail page) */
  recordId: idSchema.optional(),
  limit: z.number().int().min(1).max(2000).default(500),
})

export const pairInput = z.strictObject({ collection: mergeable, ids: z.tuple([idSchema, idSchema]) })
  .refine((p) => p.ids[0] !== p.ids[1], { message: 'The two records must differ', path: ['ids'] })

const editableFieldNames = (c: Mergeable): string[] => Object.keys(collections[c].shape.shape)

/** Per field of the survivor: keep its value, or take the other's. Fields not named: keep, or fill when empty. */
export const mergeInput = z.strictObject({
  collection: mergeable,
  survivorId: idSchema,
  otherId: idSchema,
  fields: z.record(z.string().max(60), z.enum(['survivor', 'other'])).default({}),
  /** optimistic check on both records: refuse if either changed since the dialog read it */
  expectedUpdatedAt: z.strictObject({ survivor: isoDateTime, other: isoDateTime }).optional(),
}).superRefine((m, ctx) => {
  if (m.survivorId === m.otherId) ctx.addIssue({ code: 'custom', message: 'Choose two different records', path: ['otherId'] })
  const known = new Set(editableFieldNames(m.collection))
  for (const f of Object.keys(m.fields)) {
    if (!known.has(f)) ctx.addIssue({ code: 'custom', message: `No field ${f} on ${m.collection}`, path: ['fields', f] })
  }
})
export type MergeInput = z.input<typeof mergeInput>

export const undoMergeInput = z.strictObject({ mergeId: idSchema })

export interface MergeResult {
  mergeId: string
  survivorId: string
  /** records whose links now lead to the survivor */
  relinked: number
}

export interface MergeUndoResult {
  restored: number
}

/** One merge as the history shows it, newest first. */
export interface MergeSummary {
  id: string
  collection: Mergeable
  at: string
  device: string
  survivorId: string
  survivorName: string
  otherName: string
  /** records the merge wrote (the survivor, the tombstone and every re-pointed record) */
  changed: number
  undoneAt: string | null
}
