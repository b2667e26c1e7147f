// The standing registers as workbooks: the visits ledger schools report
// upwards, internship bases with their terms, the alumni directory, alumni
// organisations and follow-ups. Registers can hold 100,000 rows, so each is
// streamed to a Writable (a file or an HTTP response): the cells are computed
// here in short slices and the workbook is written in a worker thread
// (sheet-runner.ts); each row ends with the record's id so an edited sheet can be
// matched back to the records on import.
import type { Writable } from 'node:stream'
import type { Activity, Agreement, AlumniGroup, Contact, FollowUp, Organization, Staff, Trip } from '../../shared/domain'
import { enumLabel } from '../../shared/enums'
import type { Lang } from '../../shared/enums'
import type { DbData } from '../db/schema'
import { addDaysIso as addDays, EXPIRY_WINDOW_DAYS } from '../../shared/days'
import { byDateAndPeriod, VISIT_KINDS } from './collect'
import { daysBetween, localToday } from './format'
import { captions } from './labels'
import { inline, lines } from './names'
import { breathe } from './xlsx-table'
import { tableJob, workerSheets } from './sheet-runner'
import type { SheetWriter } from './sheet-runner'
import type { Column } from './xlsx-table'

export interface RegisterResult {
  rows: number
}

/** A closed range of days, yyyy-MM-dd; either end may be left open. */
export interface DateRange {
  from?: string
  to?: string
}

export interface VisitsLedgerOptions extends DateRange {
  lang: Lang
}
export interface InternshipBasesOptions extends DateRange {
  lang: Lang
  /** the day expiry is judged on; today when left out */
  asOf?: string
}
export interface AlumniFilter {
  classYear?: number
  /** part of the major's name, any case */
  major?: string
  /** the alumnus's city, or their organisation's when they have none */
  city?: string
}
export interface AlumniDirectoryOptions {
  lang: Lang
  filter?: AlumniFilter
}
export interface AlumniGroupsOptions extends DateRange {
  lang: Lang
}
export interface FollowUpsOptions extends DateRange {
  lang: Lang
  status?: FollowUp['status']
  /** the day "overdue" is judged on; today when left out */
  asOf?: string
}

type Live = { id: string; deletedAt: string | null }

function liveIndex<T extends Live>(list: readonly T[]): Map<string, T> {
  const m = new Map<string, T>()
  for (const r of list) if (r.deletedAt === null) m.set(r.id, r)
  return m
}

function inRange(day: string | null, r: DateRange): boolean {
  if (r.from === undefined && r.to === undefined) return true
  if (day === null) return false
  return (r.from === undefined || day >= r.from) && (r.to === undefined || day <= r.to)
}

/** "2025-01-01 – 2025-12-31" for the printed page header. */
function rangeCaption(r: DateRange): string {
  if (r.from === undefined && r.to === undefined) return ''
  return `  ${r.from ?? '…'} – ${r.to ?? '…'}`
}

function idColumn<R>(value: (r: R) => string, lang: Lang): Column<R> {
  return { header: captions(lang).id, width: 12, type: 'id', value }
}

/**
 * Writes one register sheet as a workbook to `out`. The records are filtered
 * into a new array first: records are immutable and the store replaces them on
 * change, so the export is one consistent view even while the user keeps editing.
 * Their cells are computed here, a chunk at a time as `sheets` asks for them; the
 * workbook itself is written by `sheets` (a worker thread in the apps).
 */
async function writeRegister<R>(out: Writable, spec: { name: string; title: string; lang: Lang; rows: R[]; columns: Column<R>[]; totals?: boolean; school: string }, sheets: SheetWriter): Promise<RegisterResult> {
  const job = tableJob({
    name: spec.name,
    lang: spec.lang,
    rows: spec.rows,
    columns: spec.columns,
    pageHeader: [spec.school, spec.title].filter(Boolean).join('  '),
    totalsLabel: spec.totals ? captions(spec.lang).total : undefined,
  })
  const [written] = await sheets([job], out)
  return { rows: written?.rows ?? 0 }
}

// ---------------------------------------------------------------- visits ledger

/**
 * Every enterprise visit and call in the range, as schools report them
 * upwards ("访企拓岗"): one row per activity, its organisations together.
 */
export async function writeVisitsLedger(data: DbData, opts: VisitsLedgerOptions, out: Writable, sheets: SheetWriter = workerSheets()): Promise<RegisterResult> {
  const { lang } = opts
  const t = captions(lang).registers.visits
  const h = t.headers
  const orgs = liveIndex(data.organizations)
  const staff = liveIndex(data.staff)
  const trips = liveIndex(data.trips)
  const rows = data.activities.filter((a) => a.deletedAt === null && VISIT_KINDS.has(a.kind) && inRange(a.date, opts)).sort(byDateAndPeriod)
  const orgsOf = (a: Activity): Organization[] => a.organizationIds.map((id) => orgs.get(id)).filter((o): o is Organization => o !== undefined)
  const distinct = (xs: string[]) => [...new Set(xs.filter(Boolean))]
  /** The trip's leader; for a visit outside a trip, the first of our attendees. */
  const leaderOf = (a: Activity): string => {
    const trip: Trip | undefined = a.tripId ? trips.get(a.tripId) : undefined
    const leader: Staff | undefined = trip?.leaderId ? staff.get(trip.leaderId) : undefined
    if (leader) return leader.name
    for (const id of a.staffIds) {
      const s = staff.get(id)
      if (s) return s.name
    }
    return ''
  }
  const label = (name: Parameters<typeof enumLabel>[0], v: string) => enumLabel(name, v, lang)
  return writeRegister<Activity>(out, {
    name: t.sheet,
    title: t.title + rangeCaption(opts),
    school: data.settings.school,
    lang,
    rows,
    totals: true,
    columns: [
      { header: h[0], max: 6, type: 'number', value: (_a, i) => i + 1 },
      { header: h[1], max: 11, type: 'date', value: (a) => a.date, total: 'count' },
      { header: h[2], max: 32, type: 'text', value: (a) => lines(orgsOf(a).map((o) => o.name)) },
      { header: h[3], max: 14, type: 'text', value: (a) => inline(distinct(orgsOf(a).map((o) => o.industry)), lang) },
      { header: h[4], max: 9, type: 'text', value: (a) => a.city || orgsOf(a)[0]?.city },
      { header: h[5], max: 10, type: 'text', value: leaderOf },
      { header: h[6], max: 10, type: 'text', value: (a) => label('activityKind', a.kind) },
      { header: h[7], max: 10, type: 'text', value: (a) => label('visitMethod', a.visitMethod) },
      // A visit whose positions nobody counted says so; it is not a 0 in the sum.
      { header: h[8], max: 9, type: 'number', value: (a) => a.positionsOffered ?? captions(lang).unrecorded, total: 'sum' },
      { header: h[9], max: 22, type: 'text', value: (a) => inline(a.jobTitles, lang) },
      { header: h[10], max: 22, type: 'text', value: (a) => inline(a.majorsWanted, lang) },
      { header: h[11], max: 18, type: 'text', value: (a) => inline(a.intentions.map((x) => label('cooperationCategory', x)), lang) },
      { header: h[12], max: 24, type: 'text', value: (a) => (a.tripId ? trips.get(a.tripId)?.title : '') },
      idColumn<Activity>((a) => a.id, lang),
    ],
  }, sheets)
}

// ---------------------------------------------------------------- internship bases

export type TermStatus = 'expired' | 'expiring' | 'current' | 'openEnded' | 'terminated'

/** Expired, ending within the expiry window (90 days, as the dashboard flags), current, or without an end. */
export function termStatus(a: Pick<Agreement, 'endDate' | 'status'>, asOf: string): TermStatus {
  if (a.status === 'terminated') return 'terminated'
  if (a.endDate === null) return 'openEnded'
  if (a.endDate < asOf || a.status === 'expired') return 'expired'
  if (a.endDate <= addDays(asOf, EXPIRY_WINDOW_DAYS)) return 'expiring'
  return 'current'
}

export async function writeInternshipBases(data: DbData, opts: InternshipBasesOptions, out: Writable, sheets: SheetWriter = workerSheets()): Promise<RegisterResult> {
  const { lang } = opts
  const asOf = opts.asOf ?? localToday()
  const t = captions(lang).registers.internshipBases
  const h = t.headers
  const orgs = liveIndex(data.organizations)
  const staff = liveIndex(data.staff)
  const contacts = liveIndex(data.contacts)
  // A base is in the range when its term overlaps it; a term without a start runs from its signing or unveiling.
  const overlaps = (a: Agreement) => {
    const start = a.startDate ?? a.signedDate ?? a.unveiledDate
    return (opts.to === undefined || start === null || start <= opts.to) && (opts.from === undefined || a.endDate === null || a.endDate >= opts.from)
  }
  const rows = data.agreements
    .filter((a) => a.deletedAt === null && a.kind === 'internshipBase' && overlaps(a))
    .sort((a, b) => (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999') || a.title.localeCompare(b.title))
  const label = (name: Parameters<typeof enumLabel>[0], v: string) => enumLabel(name, v, lang)
  return writeRegister<Agreement>(out, {
    name: t.sheet,
    title: t.title + rangeCaption(opts),
    school: data.settings.school,
    lang,
    rows,
    totals: true,
    columns: [
      { header: h[0], max: 30, type: 'text', value: (a) => a.title, total: 'count' },
      { header: h[1], max: 30, type: 'text', value: (a) => orgs.get(a.organizationId)?.name },
      { header: h[2], max: 9, type: 'text', value: (a) => orgs.get(a.organizationId)?.city },
      { header: h[3], max: 11, type: 'date', value: (a) => a.signedDate },
      { header: h[4], max: 11, type: 'date', value: (a) => a.unveiledDate },
      { header: h[5], max: 11, type: 'date', value: (a) => a.startDate },
      { header: h[6], max: 11, type: 'date', value: (a) => a.endDate },
      { header: h[7], max: 13, type: 'text', value: (a) => t.expiry[termStatus(a, asOf)] },
      { header: h[8], max: 9, type: 'number', value: (a) => (a.endDate ? daysBetween(asOf, a.endDate) : null) },
      { header: h[9], max: 10, type: 'text', value: (a) => label('agreementStatus', a.status) },
      { header: h[10], max: 22, type: 'text', value: (a) => inline(a.scope.map((s) => label('agreementScope', s)), lang) },
      { header: h[11], max: 10, type: 'number', value: (a) => a.capacityPerYear, total: 'sum' },
      { header: h[12], max: 20, type: 'text', value: (a) => inline(a.majors, lang) },
      { header: h[13], max: 10, type: 'text', value: (a) => (a.ownerId ? staff.get(a.ownerId)?.name : '') },
      { header: h[14], max: 16, type: 'text', value: (a) => (a.partnerContactId ? contacts.get(a.partnerContactId)?.name : '') },
      { header: h[15], max: 14, type: 'text', value: (a) => a.documentNumber },
      idColumn<Agreement>((a) => a.id, lang),
    ],
  }, sheets)
}

// ---------------------------------------------------------------- alumni directory

/**
 * Alumni matching the filter, by class year, then major, then name. Filtering
 * is one pass over a copy of the list (pausing every 10,000 contacts); the sort runs per class year (a few thousand names each) with a
 * turn for the event loop between years, so 100,000 contacts never hold the
 * process for long. Names compare by code point: a collator would be ten times
 * slower, and the sheet's filter sorts by pinyin on demand anyway.
 */
export async function selectAlumni(data: DbData, filter: AlumniFilter = {}): Promise<Contact[]> {
  const orgCity = new Map<string, string>()
  for (const o of data.organizations) if (o.deletedAt === null) orgCity.set(o.id, o.city)
  const major = filter.major?.trim().toLowerCase() ?? ''
  const city = filter.city?.trim() ?? ''
  const byYear = new Map<number, Contact[]>()
  // A shallow copy: the store may replace entries of its array while this loop pauses.
  const contacts = data.contacts.slice()
  for (let i = 0; i < contacts.length; i++) {
    if (i > 0 && i % 10_000 === 0) await breathe()
    const c = contacts[i]
    const a = c.alumni
    if (c.deletedAt !== null || a === null) continue
    if (filter.classYear !== undefined && a.classYear !== filter.classYear) continue
    if (major && !a.major.toLowerCase().includes(major)) continue
    if (city && (c.city || (c.organizationId ? orgCity.get(c.organizationId) ?? '' : '')) !== city) continue
    const year = a.classYear ?? 9999
    const bucket = byYear.get(year)
    if (bucket) bucket.push(c)
    else byYear.set(year, [c])
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
  const out: Contact[] = []
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    const bucket = byYear.get(year) ?? []
    bucket.sort((x, y) => cmp(x.alumni?.major ?? '', y.alumni?.major ?? '') || cmp(x.name, y.name))
    for (const c of bucket) out.push(c)
    await breathe()
  }
  return out
}

export async function writeAlumniDirectory(data: DbData, opts: AlumniDirectoryOptions, out: Writable, sheets: SheetWriter = workerSheets()): Promise<RegisterResult> {
  const { lang } = opts
  const t = captions(lang).registers.alumni
  const h = t.headers
  const orgs = liveIndex(data.organizations)
  const rows = await selectAlumni(data, opts.filter)
  const f = opts.filter ?? {}
  const filterCaption = [f.classYear, f.major, f.city].filter((x) => x !== undefined && x !== '').join(' / ')
  return writeRegister<Contact>(out, {
    name: t.sheet,
    title: t.title + (filterCaption ? `  ${filterCaption}` : ''),
    school: data.settings.school,
    lang,
    rows,
    columns: [
      { header: h[0], max: 12, type: 'text', value: (c) => c.name },
      { header: h[1], max: 7, type: 'number', value: (c) => c.alumni?.classYear ?? null },
      { header: h[2], max: 8, type: 'text', value: (c) => (c.alumni && c.alumni.degree !== 'unknown' ? enumLabel('degree', c.alumni.degree, lang) : '') },
      { header: h[3], max: 20, type: 'text', value: (c) => c.alumni?.major },
      { header: h[4], max: 34, type: 'text', value: (c) => (c.organizationId ? orgs.get(c.organizationId)?.name : '') },
      { header: h[5], max: 16, type: 'text', value: (c) => c.position },
      { header: h[6], max: 8, type: 'text', value: (c) => c.city || (c.organizationId ? orgs.get(c.organizationId)?.city : '') },
      { header: h[7], max: 16, type: 'text', value: (c) => c.phone },
      { header: h[8], max: 28, type: 'text', value: (c) => c.email },
      { header: h[9], max: 14, type: 'text', value: (c) => c.wechat },
      idColumn<Contact>((c) => c.id, lang),
    ],
  }, sheets)
}

// ---------------------------------------------------------------- alumni organisations

export async function writeAlumniGroups(data: DbData, opts: AlumniGroupsOptions, out: Writable, sheets: SheetWriter = workerSheets()): Promise<RegisterResult> {
  const { lang } = opts
  const t = captions(lang).registers.alumniGroups
  const h = t.headers
  const orgs = liveIndex(data.organizations)
  const contacts = liveIndex(data.contacts)
  const rows = data.alumniGroups.filter((g) => g.deletedAt === null && inRange(g.establishedDate, opts))
  const leader = (g: AlumniGroup) => (g.leaderContactId ? contacts.get(g.leaderContactId) : undefined)
  return writeRegister<AlumniGroup>(out, {
    name: t.sheet,
    title: t.title + rangeCaption(opts),
    school: data.settings.school,
    lang,
    rows,
    totals: true,
    columns: [
      { header: h[0], max: 36, type: 'text', value: (g) => g.name, total: 'count' },
      { header: h[1], max: 16, type: 'text', value: (g) => enumLabel('alumniGroupKind', g.kind, lang) },
      { header: h[2], max: 10, type: 'text', value: (g) => g.region },
      { header: h[3], max: 30, type: 'text', value: (g) => (g.hostOrganizationId ? orgs.get(g.hostOrganizationId)?.name : '') },
      { header: h[4], max: 12, type: 'text', value: (g) => leader(g)?.name },
      { header: h[5], max: 16, type: 'text', value: (g) => leader(g)?.position },
      // Members still on record; a deleted contact is no longer a member.
      { header: h[6], max: 8, type: 'number', value: (g) => g.memberContactIds.filter((id) => contacts.has(id)).length, total: 'sum' },
      { header: h[7], max: 20, type: 'text', value: (g) => g.focus },
      { header: h[8], max: 11, type: 'date', value: (g) => g.establishedDate },
      { header: h[9], max: 10, type: 'text', value: (g) => enumLabel('alumniGroupStatus', g.status, lang) },
      idColumn<AlumniGroup>((g) => g.id, lang),
    ],
  }, sheets)
}

// ---------------------------------------------------------------- follow-ups

export async function writeFollowUps(data: DbData, opts: FollowUpsOptions, out: Writable, sheets: SheetWriter = workerSheets()): Promise<RegisterResult> {
  const { lang } = opts
  const c = captions(lang)
  const t = c.registers.followUps
  const h = t.headers
  const asOf = opts.asOf ?? localToday()
  const orgs = liveIndex(data.organizations)
  const staff = liveIndex(data.staff)
  const trips = liveIndex(data.trips)
  const rows = data.followUps
    .filter((f) => f.deletedAt === null && inRange(f.dueDate, opts) && (opts.status === undefined || f.status === opts.status))
    .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
  const overdue = (f: FollowUp) => (f.status === 'open' || f.status === 'inProgress') && f.dueDate !== null && f.dueDate < asOf
  const latest = (f: FollowUp) => {
    let last: FollowUp['log'][number] | undefined
    for (const e of f.log) if (!last || e.date >= last.date) last = e
    return last ? `${last.date} ${last.text}` : ''
  }
  return writeRegister<FollowUp>(out, {
    name: t.sheet,
    title: t.title + rangeCaption(opts),
    school: data.settings.school,
    lang,
    rows,
    totals: true,
    columns: [
      { header: h[0], max: 40, type: 'text', value: (f) => f.title, total: 'count' },
      { header: h[1], max: 12, type: 'text', value: (f) => enumLabel('cooperationCategory', f.category, lang) },
      { header: h[2], max: 28, type: 'text', value: (f) => (f.organizationId ? orgs.get(f.organizationId)?.name : '') },
      { header: h[3], max: 24, type: 'text', value: (f) => (f.tripId ? trips.get(f.tripId)?.title : '') },
      { header: h[4], max: 10, type: 'text', value: (f) => (f.ownerId ? staff.get(f.ownerId)?.name : '') },
      { header: h[5], max: 11, type: 'date', value: (f) => f.dueDate },
      { header: h[6], max: 9, type: 'text', value: (f) => enumLabel('followUpStatus', f.status, lang) },
      { header: h[7], max: 8, type: 'text', value: (f) => (overdue(f) ? c.yes : c.no), total: { countIf: c.yes } },
      { header: h[8], max: 30, type: 'text', value: latest },
      { header: h[9], max: 24, type: 'text', value: (f) => f.result },
      idColumn<FollowUp>((f) => f.id, lang),
    ],
  }, sheets)
}
