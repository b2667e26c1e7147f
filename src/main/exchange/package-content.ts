// What a package holds: records with their versions (and tombstones, so deletions travel), and
// the laptops' labels the sender knows. Built from the data; checked on the way in like any input.
import { COLLECTION_NAMES, collections, links, linkedIds } from '../../shared/collections'
import type { CollectionName } from '../../shared/collections'
import { syncSchema } from '../../shared/domain/sync'
import type { StoredRecord } from '../store'
import type { DbData } from '../db/schema'
import { PackageError } from './package-file'

export interface PackagePayload {
  records: Partial<Record<CollectionName, StoredRecord[]>>
  /** device id -> label */
  devices: Record<string, string>
}

/** The laptops this one knows by name: itself and every sender in its exchange log (the newest label wins). */
export function knownDevices(data: DbData, self: { id: string; label: string }): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of data.exchanges) {
    Object.assign(out, e.devices)
    out[e.device.id] = e.device.label
  }
  out[self.id] = self.label
  return out
}

/**
 * One trip with everything it links to, directly or through what it links to: its activities and
 * follow-ups, their organisations, people, staff, agreements and alumni organisations, the
 * organisations those people work for, and the attachments of all of them. Tombstones too: a
 * deleted visit must reach the other laptop as deleted.
 */
export type GetRecord = (c: CollectionName, id: string) => StoredRecord | undefined

export function tripClosure(data: DbData, get: GetRecord, tripId: string): Map<CollectionName, Set<string>> {
  const picked = new Map<CollectionName, Set<string>>(COLLECTION_NAMES.map((c) => [c, new Set<string>()]))
  const queue: Array<[CollectionName, string]> = []
  const add = (c: CollectionName, id: string) => {
    const set = picked.get(c) as Set<string>
    if (set.has(id)) return
    set.add(id)
    queue.push([c, id])
  }
  add('trips', tripId)
  for (const a of data.activities) if (a.tripId === tripId) add('activities', a.id)
  for (const f of data.followUps) if (f.tripId === tripId) add('followUps', f.id)
  while (queue.length > 0) {
    const [c, id] = queue.shift() as [CollectionName, string]
    const r = get(c, id)
    if (!r) continue
    for (const def of links) {
      if (def.from !== c) continue
      for (const { id: target } of linkedIds(r, def.path)) add(def.to, target)
    }
  }
  for (const a of data.attachments) if (picked.get(a.recordType as CollectionName)?.has(a.recordId)) add('attachments', a.id)
  return picked
}

export function buildPayload(data: DbData, get: GetRecord, scope: { kind: 'all' } | { kind: 'trip'; tripId: string }, devices: Record<string, string>): PackagePayload {
  const records: PackagePayload['records'] = {}
  if (scope.kind === 'all') {
    // Copies of the arrays (not of the records, which are never changed in place): the package is
    // written over several turns of the event loop, and commits made meanwhile must not reach it half.
    for (const c of COLLECTION_NAMES) records[c] = (data[c] as unknown as StoredRecord[]).slice()
  } else {
    const picked = tripClosure(data, get, scope.tripId)
    for (const c of COLLECTION_NAMES) {
      const ids = picked.get(c) as Set<string>
      if (ids.size > 0) records[c] = (data[c] as unknown as StoredRecord[]).filter((r) => ids.has(r.id))
    }
  }
  return { records, devices }
}

export interface IncomingRecord {
  collection: CollectionName
  record: StoredRecord
}

/**
 * The package's records, each with where it sits (for messages), not yet checked against the
 * schemas: a record equal to this laptop's copy is never written, so only the others need the
 * check (checkRecord), which keeps receiving a year's data close to the cost of reading it.
 */
export interface RawRecord {
  collection: CollectionName
  index: number
  record: StoredRecord
}

/**
 * One record checked with the shared schemas, and every value of a field in conflict too; a
 * problem refuses the whole package (nothing is written), naming the record and the field.
 * Fields this version does not know (from a newer minor version) are kept, not dropped.
 */
export function checkRecord({ collection: c, index: i, record: item }: RawRecord): IncomingRecord {
  const schema = collections[c].record
  const where = (path: PropertyKey[]) => `${c}[${i}]${path.length > 0 ? `.${path.join('.')}` : ''}`
  const parsed = schema.safeParse(item)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new PackageError('invalid', `The package holds an invalid record (${where(issue?.path ?? [])}: ${issue?.message ?? ''}).`)
  }
  const rec = { ...(item as Record<string, unknown>), ...(parsed.data as Record<string, unknown>) } as StoredRecord
  const sync = syncSchema.safeParse(rec.sync)
  if (rec.sync !== undefined && !sync.success) throw new PackageError('invalid', `The package holds an invalid record version (${where(['sync'])}).`)
  for (const [field, values] of Object.entries(sync.success ? (sync.data.c ?? {}) : {})) {
    for (const v of values) {
      const alt = schema.safeParse({ ...rec, [field]: v.v })
      if (!alt.success) throw new PackageError('invalid', `The package holds an invalid value in conflict (${where([field])}).`)
    }
  }
  return { collection: c, record: rec }
}

