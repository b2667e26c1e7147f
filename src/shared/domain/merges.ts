import { z } from 'zod'
import { idSchema, isoDateTime, ledgerFields } from './common'

/**
 * The records that can be found twice and merged: the registers, and a trip or visit entered on
 * two laptops (two ids for one thing, which an exchange brings together as a duplicate, not a conflict).
 */
export const mergeable = z.enum(['organizations', 'contacts', 'staff', 'trips', 'activities'])
export type Mergeable = z.infer<typeof mergeable>

/**
 * One merge, as undo needs it: every record the merge wrote, as it was before and the
 * updatedAt the merge gave it (undo refuses once any of them was edited since).
 * Kept outside the registers' collections, like the import history.
 */
export const mergeRecord = z.object({
  ...ledgerFields,
  collection: mergeable,
  survivorId: idSchema,
  otherId: idSchema,
  /** the other's name at the time, for the notice and the history */
  otherName: z.string().max(300),
  changed: z.array(z.object({ collection: z.string().max(40), id: idSchema, before: z.record(z.string(), z.unknown()), mergedAt: isoDateTime })),
  undoneAt: isoDateTime.nullable(),
})
export type MergeRecord = z.infer<typeof mergeRecord>

/** Two records a person said are different: never proposed as duplicates again. */
export const distinctPairRecord = z.object({
  ...ledgerFields,
  collection: mergeable,
  /** the two ids, sorted */
  ids: z.tuple([idSchema, idSchema]),
})
export type DistinctPair = z.infer<typeof distinctPairRecord>
