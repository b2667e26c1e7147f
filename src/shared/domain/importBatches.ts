import { z } from 'zod'
import { idSchema, isoDateTime, ledgerFields } from './common'

export const importTarget = z.enum(['contacts', 'organizations', 'staff'])
export const importMode = z.enum(['create', 'createUpdate', 'update'])

const recordRef = z.object({ collection: z.string().max(40), id: idSchema })

/**
 * One committed import: what came in, from which file, and what it changed, so
 * the history can show it and "Undo this import" can revert exactly that.
 * Kept outside the registers' collections: it is the import's own ledger.
 */
export const importBatchRecord = z.object({
  ...ledgerFields,
  fileName: z.string().max(300),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  target: importTarget,
  mode: importMode,
  sheets: z.array(z.string().max(100)).max(100),
  counts: z.object({
    created: z.number().int().min(0),
    updated: z.number().int().min(0),
    unchanged: z.number().int().min(0),
    skipped: z.number().int().min(0),
    errors: z.number().int().min(0),
  }),
  /** the header signature and the use of each header, remembered for the next file with the same headers */
  headerSignature: z.string().max(20000),
  mapping: z.record(z.string(), z.string()),
  created: z.array(recordRef),
  /** each updated record as it was before the import, and the updatedAt the import gave it */
  updated: z.array(recordRef.extend({ before: z.record(z.string(), z.unknown()), importedAt: isoDateTime })),
  undoneAt: isoDateTime.nullable(),
})
export type ImportBatch = z.infer<typeof importBatchRecord>
