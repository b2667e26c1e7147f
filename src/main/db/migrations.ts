// Numbered migrations: migrations[n] turns a file of schemaVersion n-1 into n.
// A migration works on plain JSON and must be safe to run on any file of its input version.

type Json = Record<string, unknown>
type Migration = (data: Json) => Json

const RECORD_COLLECTIONS = [
  'organizations', 'contacts', 'staff', 'trips', 'activities', 'agreements', 'alumniGroups', 'followUps', 'attachments',
]

function mapRecords(data: Json, collection: string, fn: (r: Json) => Json): Json {
  const list = Array.isArray(data[collection]) ? (data[collection] as Json[]) : []
  return { ...data, [collection]: list.map(fn) }
}

/** 1: the first files had no schemaVersion, no attachments collection and records without tags/notes/tombstones. */
function v1(data: Json): Json {
  let out: Json = { ...data, schemaVersion: 1 }
  for (const c of RECORD_COLLECTIONS) {
    out = mapRecords(out, c, (r) => ({
      tags: [],
      notes: '',
      deletedAt: null,
      updatedBy: '',
      ...r,
    }))
  }
  out.settings = typeof out.settings === 'object' && out.settings !== null ? out.settings : {}
  return out
}

/**
 * 2: activities gained what schools report upwards about a visit. Version 1
 * kept a free-text `positions` ("5 posts: process engineer, ...") and a single
 * `major`; the count moves to positionsOffered, the major into majorsWanted.
 */
function v2(data: Json): Json {
  const out = mapRecords(data, 'activities', (a) => {
    const { positions, major, ...rest } = a as Json & { positions?: unknown; major?: unknown }
    const count = typeof positions === 'number' ? positions : parseInt(String(positions ?? '').match(/\d+/)?.[0] ?? '0', 10)
    return {
      visitMethod: 'onSite',
      positionsOffered: Number.isFinite(count) ? count : 0,
      jobTitles: [],
      majorsWanted: typeof major === 'string' && major.trim() !== '' ? [major.trim()] : [],
      intentions: [],
      consensus: '',
      ...rest,
    }
  })
  return { ...out, schemaVersion: 2 }
}

/**
 * 3: what a report needs to state only what was recorded. positionsOffered may
 * now be null (not recorded); an existing number is kept, even 0, because a 0
 * someone typed may be real. New: clock times and forum attendance on
 * activities, an honorific on people, English names and titles, and the
 * trip's travel days (transport and lodging).
 */
function v3(data: Json): Json {
  let out = mapRecords(data, 'activities', (a) => ({
    startTime: '', endTime: '', outcomesEn: '', attendeesCount: null, alumniAttendeesCount: null,
    ...a,
    positionsOffered: typeof a.positionsOffered === 'number' ? a.positionsOffered : null,
  }))
  out = mapRecords(out, 'contacts', (c) => ({ honorific: '', positionEn: '', ...c }))
  out = mapRecords(out, 'organizations', (o) => ({ nameEn: '', ...o }))
  out = mapRecords(out, 'staff', (s) => ({ titleEn: '', ...s }))
  out = mapRecords(out, 'trips', (t) => ({ titleEn: '', days: [], ...t }))
  return { ...out, schemaVersion: 3 }
}

/**
 * 4: imports. Organisations gain confirmed aliases and the unified social credit code;
 * a new importBatches collection is the import history that undo works from.
 */
function v4(data: Json): Json {
  const out = mapRecords(data, 'organizations', (o) => ({ aliases: [], creditCode: '', ...o }))
  return { ...out, importBatches: Array.isArray(data.importBatches) ? data.importBatches : [], schemaVersion: 4 }
}

export const migrations: Record<number, Migration> = { 1: v1, 2: v2, 3: v3, 4: v4 }

