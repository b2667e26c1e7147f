import { z } from 'zod'
import { yearInBounds } from '../dateBounds'
import { MESSAGES } from '../messages'
import { syncSchema } from './sync'

export const idSchema = z.string().trim().min(1).max(64)
// A string the format check already refused gets no second message about its range.
const inRange = (s: string) => !/^\d{4}-/.test(s) || yearInBounds(s)
/** yyyy-MM-dd, the only date format the office uses, within DATE_MIN..DATE_MAX (shared/dateBounds). */
export const isoDate = z.iso.date().refine(inRange, MESSAGES.dateRange)
export const isoDateTime = z.iso.datetime({ offset: true }).refine(inRange, MESSAGES.dateRange)

export const shortText = (max = 200) => z.string().trim().max(max)
export const requiredText = (max = 200) => z.string().trim().min(1).max(max)
export const textList = (max = 100) => z.array(z.string().trim().min(1).max(200)).max(max)
export const idList = z.array(idSchema).max(10000)

/** Fields the user edits on every record. */
export const editableCommon = {
  tags: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  notes: z.string().max(20000).default(''),
}

/** What every stored record carries, the app's own ledgers (import history, merges) included. */
export const ledgerFields = {
  id: idSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  updatedBy: z.string().max(100),
  deletedAt: isoDateTime.nullable(),
}

/** Fields the main side sets; a client can never send them. */
export const systemFields = {
  ...ledgerFields,
  /** set (with deletedAt) on the record a merge folded into another: the survivor's id. Optional: older writers never set it. */
  mergedInto: idSchema.nullable().optional(),
  /** versions for merging copies from several laptops, and the record's history (see sync.ts). Optional: written by the store. */
  sync: syncSchema.optional(),
}

/** Builds the create-input schema and the stored-record schema from one field list. */
export function defineRecord<S extends z.ZodRawShape>(fields: S) {
  // Strict like the update patch: a misspelt or foreign field is refused by name, never dropped silently.
  const input = z.strictObject({ ...fields, ...editableCommon })
  const record = z.object({ ...systemFields, ...fields, ...editableCommon })
  return { input, record }
}

export const optionalId = idSchema.nullable().default(null)
/** A count someone may not have recorded: null is unknown, never zero. */
export const optionalCount = z.number().int().min(0).max(100000).nullable().default(null)
/** A clock time HH:mm (24 h), or '' when none was given. */
export const clockTime = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm')]).default('')
export const optionalDate = isoDate.nullable().default(null)

type PatchShape<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K]>
}

/**
 * The schema of a partial update. Zod 4 applies defaults even to optional
 * fields, so `.partial()` would silently reset every field the user did not
 * send; here defaults are removed first, and unknown keys are refused.
 */
export function patchOf<S extends z.ZodRawShape>(shape: S) {
  const out: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)
    out[key] = inner.optional()
  }
  return z.strictObject(out as unknown as PatchShape<S>)
}
