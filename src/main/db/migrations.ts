// Numbered migrations: migrations[n] turns a file of schemaVersion n-1 into n.
// A migration works on plain JSON and must be safe to run on any file of its input version.

import { DATE_MAX, DATE_MIN, YEAR_MAX, YEAR_MIN } from '../../shared/dateBounds'
import { legacySync } from '../exchange/record-state'

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

const WHOLE_DATE = /^(\d{4})-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/

/** Every whole date or date-time in a record (nested lists too) brought inside the range; the note says what changed. */
function clampDates(value: unknown, path: string, changed: string[]): unknown {
  if (typeof value === 'string') {
    const m = WHOLE_DATE.exec(value)
    if (!m) return value
    const year = Number(m[1])
    if (year >= YEAR_MIN && year <= YEAR_MAX) return value
    const bound = year < YEAR_MIN ? DATE_MIN : DATE_MAX
    const clamped = bound + value.slice(10)
    changed.push(`${path} ${value} → ${clamped}`)
    return clamped
  }
  if (Array.isArray(value)) return value.map((v, i) => clampDates(v, `${path}.${i}`, changed))
  if (value !== null && typeof value === 'object') {
    const out: Json = {}
    for (const [k, v] of Object.entries(value)) out[k] = clampDates(v, path === '' ? k : `${path}.${k}`, changed)
    return out
  }
  return value
}

/**
 * 5: dates are bounded to 1900..2199 (a typo like 9999 made per-month loops run for millennia).
 * A file written before could hold such a date; refusing the whole file would hide every record,
 * so the date is brought to the nearest bound and the record's notes keep the original.
 */
function v5(data: Json): Json {
  let out = data
  for (const c of RECORD_COLLECTIONS) {
    out = mapRecords(out, c, (r) => {
      const changed: string[] = []
      const fixed = clampDates(r, '', changed) as Json
      if (changed.length === 0) return r
      const note = `Dates outside ${DATE_MIN}..${DATE_MAX} were changed when the file was upgraded / 超出 ${DATE_MIN}..${DATE_MAX} 的日期在升级时已调整: ${changed.join('; ')}`
      const notes = typeof fixed.notes === 'string' && fixed.notes !== '' ? `${fixed.notes}\n${note}` : note
      return { ...fixed, notes: notes.slice(0, 20000) }
    })
  }
  return { ...out, schemaVersion: 5 }
}

/**
 * 6: duplicates and merges. Every record may now be a merged tombstone (`mergedInto`, null for
 * none); the merge history (for undo) and the pairs a person said are not duplicates get their own lists.
 */
function v6(data: Json): Json {
  let out = data
  for (const c of RECORD_COLLECTIONS) out = mapRecords(out, c, (r) => ({ mergedInto: null, ...r }))
  const list = (k: string) => (Array.isArray(data[k]) ? data[k] : [])
  return { ...out, merges: list('merges'), distinctPairs: list('distinctPairs'), schemaVersion: 6 }
}

/**
 * 7: several laptops. Every record gets its merge metadata (`sync`): one version written by a
 * "laptop" named after the record's content (exchange/record-state.ts legacySync), so two laptops
 * upgrading the same record agree, and two that changed it apart show each difference as a
 * conflict. A record that somehow has metadata keeps it. The exchange log starts empty.
 */
function v7(data: Json): Json {
  let out = data
  for (const c of RECORD_COLLECTIONS) out = mapRecords(out, c, (r) => (r.sync === undefined ? { ...r, sync: legacySync(r) } : r))
  return { ...out, exchanges: Array.isArray(data.exchanges) ? data.exchanges : [], schemaVersion: 7 }
}

/**
 * 8: attachments hold their file (attachments/<sha256> beside the database) and say whether a
 * photo goes into the trip report; one attached before chose nothing, so it stays out.
 */
function v8(data: Json): Json {
  const out = mapRecords(data, 'attachments', (r) => (typeof r.inReport === 'boolean' ? r : { ...r, inReport: false }))
  return { ...out, schemaVersion: 8 }
}

export const migrations: Record<number, Migration> = { 1: v1, 2: v2, 3: v3, 4: v4, 5: v5, 6: v6, 7: v7, 8: v8 }

