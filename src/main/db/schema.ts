import { z } from 'zod'
import { COLLECTION_NAMES, collections } from '../../shared/collections'
import type { RecordTypes } from '../../shared/collections'
import { importBatchRecord } from '../../shared/domain/importBatches'
import type { ImportBatch } from '../../shared/domain/importBatches'
import { distinctPairRecord, mergeRecord } from '../../shared/domain/merges'
import type { DistinctPair, MergeRecord } from '../../shared/domain/merges'
import { exchangeRecord } from '../../shared/domain/exchanges'
import type { ExchangeRecord } from '../../shared/domain/exchanges'
import { settingsSchema } from '../../shared/domain/settings'
import type { Settings } from '../../shared/domain/settings'
import type { StoreSchema } from '../store'
import { migrations } from './migrations'

export const SCHEMA_VERSION = 8

export type DbData = {
  schemaVersion: number
  settings: Settings
  importBatches: ImportBatch[]
  merges: MergeRecord[]
  distinctPairs: DistinctPair[]
  exchanges: ExchangeRecord[]
} & { [C in keyof RecordTypes]: RecordTypes[C][] }

const dbFile = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  settings: settingsSchema,
  organizations: z.array(collections.organizations.record),
  contacts: z.array(collections.contacts.record),
  staff: z.array(collections.staff.record),
  trips: z.array(collections.trips.record),
  activities: z.array(collections.activities.record),
  agreements: z.array(collections.agreements.record),
  alumniGroups: z.array(collections.alumniGroups.record),
  followUps: z.array(collections.followUps.record),
  attachments: z.array(collections.attachments.record),
  importBatches: z.array(importBatchRecord),
  merges: z.array(mergeRecord),
  distinctPairs: z.array(distinctPairRecord),
  exchanges: z.array(exchangeRecord),
})

export function emptyDb(): DbData {
  return {
    schemaVersion: SCHEMA_VERSION,
    settings: settingsSchema.parse({}),
    organizations: [], contacts: [], staff: [], trips: [], activities: [],
    agreements: [], alumniGroups: [], followUps: [], attachments: [], importBatches: [], merges: [], distinctPairs: [], exchanges: [],
  }
}

function validateDb(raw: unknown): DbData {
  const result = dbFile.safeParse(raw)
  if (!result.success) {
    const first = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`The database does not match schema ${SCHEMA_VERSION}: ${first.join('; ')}`)
  }
  return result.data as unknown as DbData
}

export const dbSchema: StoreSchema<DbData> = {
  version: SCHEMA_VERSION,
  collections: [...COLLECTION_NAMES, 'importBatches', 'merges', 'distinctPairs', 'exchanges'],
  empty: emptyDb,
  migrations,
  validate: validateDb,
}
