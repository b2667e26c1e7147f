// The trip summary workbook: overview, itinerary, organisations, people met,
// outcomes and follow-ups, one sheet each, in the chosen language.
import type { Activity, Agreement, AlumniGroup, Contact, FollowUp, Organization } from '../../shared/domain'
import { enumLabel, memberRoleText } from '../../shared/enums'
import { endedUnconfirmed } from '../../shared/tripStatus'
import type { Lang } from '../../shared/enums'
import { tripLookup, VISIT_KINDS } from './collect'
import type { TripLookup, TripReportInput } from './collect'
import { daysBetween } from './format'
import { captions } from './labels'
import { alumniNote, contactWithTitle, inline, KNOWN_DEGREES, lines, nameWithHonorific, personName, positionOf } from './names'
import { tableJob, workbookBytes, workerSheets } from './sheet-runner'
import type { SheetJob, SheetWriter } from './sheet-runner'
import type { CellInput, Column, FormulaInput } from './xlsx-table'

export interface TripWorkbookOptions {
  lang: Lang
  /** the local day the workbook is made: a planned trip that ended before it is not printed as "planned" */
  asOf?: string
}

interface OverviewRow {
  item: string
  value: CellInput
  detail: string
}

/** The merged title: the school and the trip, as the office names the file it prints. */
export function tripHeading(input: TripReportInput, lang: Lang): string {
  const school = input.settings.school
  if (!school) return input.trip.title
  return lang === 'zh-CN' ? `${school}${input.trip.title}` : `${school}: ${input.trip.title}`
}

/** A reference to another sheet's column over its data rows (a header in row 1, data from row 2). */
export interface SheetRefs {
  itinerary: { sheet: string; rows: number }
  organizations: { sheet: string; rows: number }
  people: { sheet: string; rows: number }
  outcomes: { sheet: string; rows: number }
  followUps: { sheet: string; rows: number }
}

function rangeOf(ref: { sheet: string; rows: number }, column: string): string {
  const sheet = `'${ref.sheet.replace(/'/g, "''")}'`
  return `${sheet}!$${column}$2:$${column}$${Math.max(2, ref.rows + 1)}`
}

/** A caption inside a formula: ours, never user text; quotes doubled as Excel requires. */
const lit = (s: string) => `"${s.replace(/"/g, '""')}"`

function statusRow(input: TripReportInput, lang: Lang, asOf: string | undefined): OverviewRow {
  const t = captions(lang).tripWorkbook.overview
  const { trip } = input
  const stored = enumLabel('tripStatus', trip.status, lang)
  if (asOf && endedUnconfirmed(trip, asOf)) return { item: t.status, value: t.statusUnconfirmed, detail: t.statusUnconfirmedDetail(stored, trip.endDate) }
  return { item: t.status, value: stored, detail: '' }
}

function overviewRows(input: TripReportInput, lang: Lang, refs: SheetRefs, asOf: string | undefined): OverviewRow[] {
  const c = captions(lang)
  const t = c.tripWorkbook.overview
  const w = c.tripWorkbook
  const { trip, totals } = input
  const rows: OverviewRow[] = [
    { item: t.title, value: lang === 'en' && trip.titleEn ? trip.titleEn : trip.title, detail: '' },
    { item: t.theme, value: trip.theme, detail: '' },
    { item: t.startDate, value: new Date(`${trip.startDate}T00:00:00.000Z`), detail: '' },
    { item: t.endDate, value: new Date(`${trip.endDate}T00:00:00.000Z`), detail: '' },
    { item: t.days, value: daysBetween(trip.startDate, trip.endDate) + 1, detail: '' },
    { item: t.destinations, value: inline(trip.destinations, lang), detail: '' },
    statusRow(input, lang, asOf),
  ]
  if (input.leader) rows.push({ item: t.leader, value: personName(input.leader.name, lang), detail: input.leader.title })
  for (const m of input.members) {
    if (m.staff.id === input.leader?.id) continue
    const role = m.role === 'member' ? '' : memberRoleText(m.role, lang)
    rows.push({ item: t.member, value: personName(m.staff.name, lang), detail: [role, m.staff.title].filter(Boolean).join(lang === 'zh-CN' ? '；' : '; ') })
  }
  trip.objectives.forEach((o, i) => rows.push({ item: `${t.objective} ${i + 1}`, value: o, detail: '' }))
  // The figures are live formulas over the detail sheets, so an edit there (or a deleted row) is counted.
  const it = refs.itinerary
  const f = (formula: string, result: number): FormulaInput => ({ formula, result })
  rows.push({ item: t.enterprisesVisited, value: f(`COUNTIF(${rangeOf(refs.organizations, 'F')},${lit(c.yes)})`, totals.enterprisesVisited), detail: '' })
  const activityCount = Object.values(totals.activitiesByKind).reduce((a, b) => a + b, 0)
  rows.push({ item: t.activities, value: f(`COUNTA(${rangeOf(it, 'E')})`, activityCount), detail: '' })
  for (const [kind, count] of Object.entries(totals.activitiesByKind)) {
    const label = enumLabel('activityKind', kind, lang)
    rows.push({ item: t.activitiesOfKind(label), value: f(`COUNTIF(${rangeOf(it, 'D')},${lit(label)})`, count), detail: '' })
  }
  const unrecorded = totals.positionsUnrecorded
  rows.push(
    {
      item: t.positionsOffered,
      // Nobody counted any: the figure is unknown, not 0.
      value: unrecorded && !totals.positionsOffered && !input.activities.some((a) => a.positionsOffered !== null) ? c.unrecorded : f(`SUM(${rangeOf(it, 'K')})`, totals.positionsOffered),
      detail: unrecorded ? t.positionsUnrecordedIn(unrecorded) : '',
    },
    { item: t.agreements, value: f(`COUNTIF(${rangeOf(refs.outcomes, 'A')},${lit(w.outcomeAgreement)})`, totals.agreements), detail: '' },
    {
      item: t.internshipBases,
      value: f(`COUNTIFS(${rangeOf(refs.outcomes, 'A')},${lit(w.outcomeAgreement)},${rangeOf(refs.outcomes, 'C')},${lit(enumLabel('agreementKind', 'internshipBase', lang))})`, totals.internshipBases),
      detail: '',
    },
    {
      item: t.alumniGroupsFounded,
      value: f(
        ['established', 'registered'].map((st) => `COUNTIFS(${rangeOf(refs.outcomes, 'A')},${lit(w.outcomeGroup)},${rangeOf(refs.outcomes, 'G')},${lit(enumLabel('alumniGroupStatus', st, lang))})`).join('+'),
        totals.alumniGroupsFounded,
      ),
      detail: '',
    },
    { item: t.peopleMet, value: f(`COUNTA(${rangeOf(refs.people, 'A')})`, totals.peopleMet), detail: '' },
    { item: t.alumniMet, value: f(`COUNTIF(${rangeOf(refs.people, 'D')},${lit(c.yes)})`, totals.alumniMet), detail: '' },
    {
      item: t.followUpsOpen,
      value: f(['open', 'inProgress'].map((st) => `COUNTIF(${rangeOf(refs.followUps, 'H')},${lit(enumLabel('followUpStatus', st, lang))})`).join('+'), totals.followUpsOpen),
      detail: '',
    },
    { item: t.followUpsDone, value: f(`COUNTIF(${rangeOf(refs.followUps, 'H')},${lit(enumLabel('followUpStatus', 'done', lang))})`, totals.followUpsDone), detail: '' },
  )
  return rows
}

function peopleMetOf(a: Activity, look: TripLookup, lang: Lang): string {
  return lines(look.contacts(a.contactIds).map((c) => contactWithTitle(c, lang)))
}

function outcomesText(a: Activity, lang: Lang): string {
  // A note that already says it is the consensus is not labelled again ("Consensus: Unanimous consensus that…").
  const says = lang === 'zh-CN' ? a.consensus.includes('共识') : /\bconsensus\b/i.test(a.consensus)
  const consensus = a.consensus ? (says ? a.consensus : lang === 'zh-CN' ? `共识：${a.consensus}` : `Consensus: ${a.consensus}`) : ''
  return [a.outcomes, consensus].filter(Boolean).join('\n')
}

interface OrgRow {
  org: Organization
  visited: boolean
  people: Contact[]
  intentions: Set<string>
  positions: number
  /** false while no activity at the organisation recorded a number */
  recorded: boolean
}

/**
 * Organisations in the order the itinerary first mentions them. An activity's
 * positions count once, for its first organisation, so the sheet's total
 * agrees with the itinerary's.
 */
function organizationRows(input: TripReportInput, look: TripLookup): OrgRow[] {
  const rows = new Map<string, OrgRow>()
  for (const a of input.activities) {
    a.organizationIds.forEach((id, i) => {
      const org = look.org(id)
      if (!org) return
      let row = rows.get(id)
      if (!row) {
        row = { org, visited: false, people: [], intentions: new Set(), positions: 0, recorded: false }
        rows.set(id, row)
      }
      if (VISIT_KINDS.has(a.kind)) row.visited = true
      a.intentions.forEach((x) => row.intentions.add(x))
      if (i === 0 && a.positionsOffered !== null) {
        row.positions += a.positionsOffered
        row.recorded = true
      }
      for (const c of look.contacts(a.contactIds)) if (c.organizationId === id && !row.people.includes(c)) row.people.push(c)
    })
  }
  return [...rows.values()]
}

interface PersonRow {
  contact: Contact
  metAt: Activity[]
}

function peopleRows(input: TripReportInput, look: TripLookup): PersonRow[] {
  const rows = new Map<string, PersonRow>()
  for (const a of input.activities) {
    for (const c of look.contacts(a.contactIds)) {
      const row = rows.get(c.id) ?? { contact: c, metAt: [] }
      row.metAt.push(a)
      rows.set(c.id, row)
    }
  }
  return [...rows.values()]
}

type OutcomeRow = { kind: 'agreement'; record: Agreement } | { kind: 'group'; record: AlumniGroup }

function latestLog(f: FollowUp): string {
  const last = [...f.log].sort((a, b) => a.date.localeCompare(b.date)).at(-1)
  return last ? `${last.date} ${last.text}` : ''
}

export async function tripWorkbook(input: TripReportInput, opts: TripWorkbookOptions, sheets: SheetWriter = workerSheets()): Promise<Buffer> {
  const { lang } = opts
  const c = captions(lang)
  const t = c.tripWorkbook
  const look = tripLookup(input)
  const heading = tripHeading(input, lang)
  const yesNo = (b: boolean) => (b ? c.yes : c.no)
  const label = (name: Parameters<typeof enumLabel>[0], v: string) => enumLabel(name, v, lang)
  const id = <R extends { id: string }>(): Column<R> => ({ header: c.id, width: 12, type: 'id', value: (r) => r.id })

  const jobs: SheetJob[] = []
  const orgRows = organizationRows(input, look)
  const people = peopleRows(input, look)
  const outcomes: OutcomeRow[] = [
    ...input.agreements.map((record): OutcomeRow => ({ kind: 'agreement', record })),
    ...input.alumniGroups.map((record): OutcomeRow => ({ kind: 'group', record })),
  ]
  const refs: SheetRefs = {
    itinerary: { sheet: t.sheets.itinerary, rows: input.activities.length },
    organizations: { sheet: t.sheets.organizations, rows: orgRows.length },
    people: { sheet: t.sheets.people, rows: people.length },
    outcomes: { sheet: t.sheets.outcomes, rows: outcomes.length },
    followUps: { sheet: t.sheets.followUps, rows: input.followUps.length },
  }
  const positionsOf = (a: Activity) => a.positionsOffered ?? (VISIT_KINDS.has(a.kind) ? c.unrecorded : null)

  const oh = t.overview.headers
  jobs.push(tableJob<OverviewRow>({
    name: t.sheets.overview,
    lang,
    title: heading,
    pageHeader: input.settings.school,
    rows: overviewRows(input, lang, refs, opts.asOf),
    columns: [
      { header: oh[0], max: 30, type: 'text', value: (r) => r.item },
      { header: oh[1], max: 56, type: 'auto', value: (r) => r.value },
      { header: oh[2], max: 50, type: 'text', value: (r) => r.detail },
    ],
  }))

  const ih = t.itinerary
  jobs.push(tableJob<Activity>({
    name: t.sheets.itinerary,
    lang,
    pageHeader: heading,
    totalsLabel: c.total,
    rows: input.activities,
    columns: [
      { header: ih[0], max: 11, type: 'date', value: (a) => a.date },
      { header: ih[1], max: 11, type: 'text', value: (a) => `${label('period', a.period)}${a.startTime ? ` ${a.startTime}${a.endTime ? `–${a.endTime}` : ''}` : ''}` },
      { header: ih[2], max: 11, type: 'text', value: (a) => a.city },
      { header: ih[3], max: 17, type: 'text', value: (a) => label('activityKind', a.kind) },
      { header: ih[4], max: 22, type: 'text', value: (a) => a.title, total: 'count' },
      { header: ih[5], max: 22, type: 'text', value: (a) => lines(look.orgs(a.organizationIds).map((o) => o.name)) },
      { header: ih[6], max: 18, type: 'text', value: (a) => peopleMetOf(a, look, lang) },
      { header: ih[7], max: 14, type: 'text', value: (a) => inline(look.staffList(a.staffIds).map((s) => s.name), lang) },
      { header: ih[8], max: 28, type: 'text', value: (a) => a.topics },
      { header: ih[9], max: 34, type: 'text', value: (a) => outcomesText(a, lang) },
      { header: ih[10], max: 12, type: 'number', value: positionsOf, total: 'sum' },
      { header: ih[11], max: 18, type: 'text', value: (a) => inline(a.jobTitles, lang) },
      id<Activity>(),
    ],
  }))

  const orh = t.organizations
  jobs.push(tableJob<OrgRow>({
    name: t.sheets.organizations,
    lang,
    pageHeader: heading,
    totalsLabel: c.total,
    rows: orgRows,
    columns: [
      { header: orh[0], max: 36, type: 'text', value: (r) => r.org.name },
      { header: orh[1], max: 12, type: 'text', value: (r) => label('organizationKind', r.org.kind) },
      { header: orh[2], max: 16, type: 'text', value: (r) => r.org.industry },
      { header: orh[3], max: 9, type: 'text', value: (r) => r.org.city },
      { header: orh[4], max: 9, type: 'text', value: (r) => yesNo(r.org.alumniFounded), total: { countIf: c.yes } },
      { header: orh[5], max: 7, type: 'text', value: (r) => yesNo(r.visited), total: { countIf: c.yes } },
      { header: orh[6], max: 24, type: 'text', value: (r) => lines(r.people.map((p) => contactWithTitle(p, lang))) },
      { header: orh[7], max: 24, type: 'text', value: (r) => inline([...r.intentions].map((x) => label('cooperationCategory', x)), lang) },
      { header: orh[8], max: 12, type: 'number', value: (r) => (r.recorded ? r.positions : r.visited ? c.unrecorded : null), total: 'sum' },
      { ...id<Organization>(), value: (r: OrgRow) => r.org.id },
    ],
  }))

  const ph = t.people
  jobs.push(tableJob<PersonRow>({
    name: t.sheets.people,
    lang,
    pageHeader: heading,
    rows: people,
    columns: [
      { header: ph[0], max: 16, type: 'text', value: (r) => nameWithHonorific(r.contact, lang) },
      { header: ph[1], max: 20, type: 'text', value: (r) => positionOf(r.contact, lang) || r.contact.position },
      { header: ph[2], max: 32, type: 'text', value: (r) => look.org(r.contact.organizationId)?.name },
      { header: ph[3], max: 9, type: 'text', value: (r) => yesNo(r.contact.alumni !== null) },
      { header: ph[4], max: 12, type: 'number', value: (r) => r.contact.alumni?.classYear ?? null },
      { header: ph[5], max: 20, type: 'text', value: (r) => r.contact.alumni?.major },
      // Only a degree someone entered: the form's default says nothing about the person.
      { header: ph[6], max: 12, type: 'text', value: (r) => (r.contact.alumni && KNOWN_DEGREES.has(r.contact.alumni.degree) ? label('degree', r.contact.alumni.degree) : '') },
      { header: ph[7], max: 15, type: 'text', value: (r) => r.contact.phone },
      { header: ph[8], max: 22, type: 'text', value: (r) => r.contact.email },
      { header: ph[9], max: 32, type: 'text', value: (r) => lines(r.metAt.map((a) => a.title)) },
      { ...id<Contact>(), value: (r: PersonRow) => r.contact.id },
    ],
  }))

  const outh = t.outcomes
  jobs.push(tableJob<OutcomeRow>({
    name: t.sheets.outcomes,
    lang,
    pageHeader: heading,
    rows: outcomes,
    columns: [
      { header: outh[0], max: 12, type: 'text', value: (r) => (r.kind === 'agreement' ? t.outcomeAgreement : t.outcomeGroup) },
      { header: outh[1], max: 36, type: 'text', value: (r) => (r.kind === 'agreement' ? r.record.title : r.record.name) },
      { header: outh[2], max: 16, type: 'text', value: (r) => (r.kind === 'agreement' ? label('agreementKind', r.record.kind) : label('alumniGroupKind', r.record.kind)) },
      { header: outh[3], max: 32, type: 'text', value: (r) => look.org(r.kind === 'agreement' ? r.record.organizationId : r.record.hostOrganizationId)?.name },
      {
        header: outh[4],
        max: 20,
        type: 'text',
        value: (r) =>
          r.kind === 'agreement'
            ? lines([look.staff(r.record.ownerId)?.name ?? '', look.contact(r.record.partnerContactId)?.name ?? ''])
            : (() => {
                const leader = look.contact(r.record.leaderContactId)
                return leader ? [contactWithTitle(leader, lang), alumniNote(leader, lang)].filter(Boolean).join('\n') : ''
              })(),
      },
      { header: outh[5], max: 11, type: 'date', value: (r) => (r.kind === 'agreement' ? r.record.unveiledDate ?? r.record.signedDate ?? r.record.startDate : r.record.establishedDate) },
      { header: outh[6], max: 10, type: 'text', value: (r) => (r.kind === 'agreement' ? label('agreementStatus', r.record.status) : label('alumniGroupStatus', r.record.status)) },
      {
        header: outh[7],
        max: 40,
        type: 'text',
        value: (r) =>
          r.kind === 'agreement'
            ? inline(r.record.scope.map((s) => label('agreementScope', s)), lang)
            : inline([r.record.region, r.record.focus], lang),
      },
      { ...id<Agreement>(), value: (r: OutcomeRow) => r.record.id },
    ],
  }))

  const fh = t.followUps
  jobs.push(tableJob<FollowUp>({
    name: t.sheets.followUps,
    lang,
    pageHeader: heading,
    rows: input.followUps,
    columns: [
      { header: fh[0], max: 6, type: 'number', value: (_f, i) => i + 1 },
      { header: fh[1], max: 40, type: 'text', value: (f) => f.title },
      { header: fh[2], max: 40, type: 'text', value: (f) => f.notes },
      { header: fh[3], max: 16, type: 'text', value: (f) => label('cooperationCategory', f.category) },
      { header: fh[4], max: 30, type: 'text', value: (f) => look.org(f.organizationId)?.name },
      { header: fh[5], max: 12, type: 'text', value: (f) => look.staff(f.ownerId)?.name },
      { header: fh[6], max: 11, type: 'date', value: (f) => f.dueDate },
      { header: fh[7], max: 12, type: 'text', value: (f) => label('followUpStatus', f.status) },
      { header: fh[8], max: 36, type: 'text', value: (f) => latestLog(f) },
      id<FollowUp>(),
    ],
  }))

  return workbookBytes(sheets, jobs)
}
