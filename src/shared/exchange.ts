import { z } from 'zod'
import { collectionName } from './collections'
import type { CollectionName } from './collections'
import { idSchema } from './domain/common'
import type { ExchangeOutcome } from './domain/exchanges'
import type { HistoryKind } from './domain/sync'

/**
 * Merge packages between laptops (issue 11). A package travels as a file: sending is an export
 * (src/shared/exports.ts, 'exchange.package'); receiving sends the file's bytes once
 * (exchange.open, base64 like an import), then previews and applies by session id.
 */
export const EXCHANGE_MAX_FILE_BYTES = 96 * 1024 * 1024
export const EXCHANGE_MAX_BODY_CHARS = Math.ceil(EXCHANGE_MAX_FILE_BYTES / 3) * 4 + 4096
export const PACKAGE_EXTENSION = 'ldpkg'
export const PACKAGE_MIME = 'application/x-liaison-desk-package'

export const passphrase = z.string().max(200)
export const sendScope = z.union([
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('trip'), tripId: idSchema }),
])
export const packageExportInput = z.strictObject({ scope: sendScope, passphrase: passphrase.optional() })

export const exchangeOpenInput = z.strictObject({
  fileName: z.string().trim().min(1).max(300),
  /** the file's bytes, base64 */
  data: z.string().max(EXCHANGE_MAX_BODY_CHARS),
  passphrase: passphrase.optional(),
})
export const exchangeSessionInput = z.strictObject({ sessionId: idSchema })
export const recordRef = z.strictObject({ collection: collectionName, id: idSchema })

/** A person's decision for one field in conflict: one of the values shown, or a value typed in. */
export const fieldChoice = z.union([
  z.strictObject({ pick: z.number().int().min(0).max(100) }),
  z.strictObject({ value: z.unknown() }),
])
export const resolveInput = z.strictObject({
  collection: collectionName,
  id: idSchema,
  /** field -> choice; every field in conflict must be decided */
  choices: z.record(z.string().max(100), fieldChoice),
  /** for a record deleted on one laptop and edited on another: bring it back with the chosen values */
  restore: z.boolean().default(false),
  /** the record's updatedAt when the view was opened: refused if it changed since */
  expectedUpdatedAt: z.string().max(40),
})
export const revertInput = z.strictObject({
  collection: collectionName,
  id: idSchema,
  /** the history entry whose version comes back: device and edit number */
  device: z.string().min(1).max(100),
  /** 0: the version the record was created with */
  counter: z.number().int().min(0),
  expectedUpdatedAt: z.string().max(40),
})

export interface DeviceInfo {
  id: string
  label: string
}

/** One value of a field as a package or a conflict shows it: who wrote it and when. */
export interface FieldVersion {
  value: unknown
  device: string
  deviceLabel: string
  at: string
}

export interface FieldDiff {
  field: string
  /** this laptop's value before the receive */
  mine: unknown
  /** the value after the receive (the first of the values, in a conflict) */
  result: unknown
  /** the values the field will hold: one, or several in a conflict */
  versions: FieldVersion[]
  conflict: boolean
}

export interface PreviewItem {
  collection: CollectionName
  id: string
  name: string
  outcome: ExchangeOutcome
  /** fields that change (or conflict) on this laptop */
  fields: FieldDiff[]
}

export interface ExchangePreview {
  sessionId: string
  fileName: string
  from: DeviceInfo
  createdAt: string
  scope: { kind: 'all' } | { kind: 'trip'; tripId: string; title: string }
  counts: Record<ExchangeOutcome, number>
  /** every record that is not unchanged, conflicts first; at most `limit` */
  items: PreviewItem[]
  /** how many items there are in all (items may be cut short) */
  totalItems: number
}

export interface ExchangeApplied {
  logId: string
  counts: Record<ExchangeOutcome, number>
}

export interface ExchangeLogEntry {
  id: string
  at: string
  fileName: string
  from: DeviceInfo
  scope: ExchangePreview['scope']
  counts: Record<ExchangeOutcome, number>
}

export interface ConflictSummary {
  collection: CollectionName
  id: string
  name: string
  fields: string[]
  deleted: boolean
}

export interface ConflictField {
  field: string
  /** the values, the one shown first; each with who wrote it and when */
  versions: FieldVersion[]
  /** the value before the edits that disagree, where the history still holds it */
  ancestor: { known: boolean; value: unknown }
  /** long text: offer to keep both */
  longText: boolean
}
export interface ConflictDetail {
  collection: CollectionName
  id: string
  name: string
  updatedAt: string
  deleted: boolean
  fields: ConflictField[]
}

export interface HistoryItem {
  device: string
  deviceLabel: string
  counter: number
  at: string
  kind: HistoryKind
  changes: Array<{ field: string; before: unknown; after: unknown }>
  /** this version can be brought back (its values are all known) */
  restorable: boolean
}

export interface RecordHistory {
  collection: CollectionName
  id: string
  updatedAt: string
  items: HistoryItem[]
}
