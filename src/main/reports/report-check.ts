// The pre-export check of a trip report: what the records do not say and the
// report will therefore leave out (an owner, a due date, a phone, a count of
// positions), and, for an English report, every field still in Chinese. Each
// gap names the record to open, so the Reports tab can link to it.
import type { CollectionName } from '../../shared/collections'
import type { ReportGap } from '../../shared/contract'
import type { Lang } from '../../shared/enums'
import { endedUnconfirmed } from '../../shared/tripStatus'
import { VISIT_KINDS } from './collect'
import type { TripReportInput } from './collect'
import { hasHan } from './names'
import type { ReportKind } from './report-context'

export interface ReportCheckOptions {
  lang: Lang
  kind: ReportKind
  /** the report's date; a report without one cannot be handed in */
  date?: string
}

export function checkTripReport(input: TripReportInput, opts: ReportCheckOptions): ReportGap[] {
  const gaps: ReportGap[] = []
  const seen = new Set<string>()
  const add = (collection: ReportGap['collection'], id: string, name: string, field: string, problem: ReportGap['problem']) => {
    const key = `${collection}/${id}/${field}/${problem}`
    if (seen.has(key)) return
    seen.add(key)
    gaps.push({ collection, id, name, field, problem })
  }
  const { trip, settings } = input

  if (!opts.date) add('report', trip.id, trip.title, 'date', 'missing')
  // The report is dated after the trip, yet the records still say it lies ahead: nobody said it took place.
  if (opts.date && endedUnconfirmed(trip, opts.date)) add('trips', trip.id, trip.title, 'status', 'missing')
  if (opts.kind === 'news') {
    const s = settings.signatures
    if (!s.source) add('settings', 'settings', '', 'signatures.source', 'missing')
    if (!s.editor) add('settings', 'settings', '', 'signatures.editor', 'missing')
    if (!s.reviewer) add('settings', 'settings', '', 'signatures.reviewer', 'missing')
  }
  for (const a of input.activities) {
    if (VISIT_KINDS.has(a.kind) && a.positionsOffered === null) add('activities', a.id, a.title, 'positionsOffered', 'missing')
  }
  if (opts.kind === 'work') {
    for (const f of input.followUps) {
      if (!f.ownerId || !input.staff.some((s) => s.id === f.ownerId)) add('followUps', f.id, f.title, 'ownerId', 'missing')
      if (!f.dueDate) add('followUps', f.id, f.title, 'dueDate', 'missing')
    }
    // The annex lists a phone for every person met at a visit.
    const met = new Set(input.activities.filter((a) => VISIT_KINDS.has(a.kind)).flatMap((a) => a.contactIds))
    for (const c of input.contacts) if (met.has(c.id) && !c.phone) add('contacts', c.id, c.name, 'phone', 'missing')
  }
  if (opts.lang === 'en') englishGaps(input, add)
  return gaps
}

type Add = (collection: ReportGap['collection'], id: string, name: string, field: string, problem: ReportGap['problem']) => void

/**
 * Every field an English report would print that is still in Chinese and has
 * no English counterpart. Names of people are not listed: they are romanised.
 */
function englishGaps(input: TripReportInput, add: Add): void {
  const han = (collection: CollectionName | 'settings', id: string, name: string, fields: Record<string, string | readonly string[]>) => {
    for (const [field, value] of Object.entries(fields)) {
      const texts = typeof value === 'string' ? [value] : value
      if (texts.some(hasHan)) add(collection, id, name, field, 'notEnglish')
    }
  }
  const { trip, settings } = input
  han('settings', 'settings', '', { school: settings.school, office: settings.office, 'signatures.source': settings.signatures.source })
  han('trips', trip.id, trip.title, {
    ...(trip.titleEn ? {} : { titleEn: trip.title }),
    theme: trip.theme,
    destinations: trip.destinations,
    objectives: trip.objectives,
    summary: trip.summary,
    experience: trip.experience,
    outlook: trip.outlook,
  })
  for (const s of input.staff) han('staff', s.id, s.name, { ...(s.titleEn ? {} : { titleEn: s.title }), department: s.department })
  for (const o of input.organizations) if (!o.nameEn) han('organizations', o.id, o.name, { nameEn: o.name })
  for (const c of input.contacts) if (!c.positionEn) han('contacts', c.id, c.name, { positionEn: c.position })
  for (const a of input.activities) {
    han('activities', a.id, a.title, {
      title: a.title,
      city: a.city,
      topics: a.topics,
      consensus: a.consensus,
      ...(a.outcomesEn ? {} : { outcomesEn: a.outcomes }),
    })
  }
  for (const ag of input.agreements) han('agreements', ag.id, ag.title, { title: ag.title })
  for (const g of input.alumniGroups) han('alumniGroups', g.id, g.name, { name: g.name })
  for (const f of input.followUps) han('followUps', f.id, f.title, { title: f.title, notes: f.notes })
}
