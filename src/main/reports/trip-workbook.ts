// The trip summary workbook: overview, itinerary, organisations, people met,
// outcomes and follow-ups, one sheet each, in the chosen language.
import type { Activity, Agreement, AlumniGroup, Contact, FollowUp, Organization } from '../../shared/domain'
import { enumLabel } from '../../shared/enums'
import type { Lang } from '../../shared/enums'
import { bufferSink } from './buffer-sink'
import { tripLookup, VISIT_KINDS } from './collect'
import type { TripLookup, TripReportInput } from './collect'
import { daysBetween } from './format'
import { captions } from './labels'
import { alumniNote, contactWithTitle, inline, lines } from './names'
import { finishWorkbook, openWorkbook, writeTable } from './xlsx-table'
import type { CellInput, Column } from './xlsx-table'

export interface TripWorkbookOptions {
  lang: Lang
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

function overviewRows(input: TripReportInput, lang: Lang): OverviewRow[] {
  const t = captions(lang).tripWorkbook.overview
  const { trip, totals } = input
  const rows: OverviewRow[] = [
    { item: t.title, value: trip.title, detail: '' },
    { item: t.theme, value: trip.theme, detail: '' },
    { item: t.startDate, value: new Date(`${trip.startDate}T00:00:00.000Z`), detail: '' },
    { item: t.endDate, value: new Date(`${trip.endDate}T00:00:00.000Z`), detail: '' },
    { item: t.days, value: daysBetween(trip.startDate, trip.endDate) + 1, detail: '' },
    { item: t.destinations, value: inline(trip.destinations, lang), detail: '' },
    { item: t.status, value: enumLabel('tripStatus', trip.status, lang), detail: '' },
  ]
  if (input.leader) rows.push({ item: t.leader, value: input.leader.name, detail: input.leader.title })
  for (const m of input.members) {
    if (m.staff.id === input.leader?.id) continue
    const role = m.role === 'member' ? '' : enumLabel('memberRole', m.role, lang)
    rows.push({ item: t.member, value: m.staff.name, detail: [role, m.staff.title].filter(Boolean).join(lang === 'zh-CN' ? '；' : '; ') })
  }
  trip.objectives.forEach((o, i) => rows.push({ item: `${t.objective} ${i + 1}`, value: o, detail: '' }))
  rows.push({ item: t.enterprisesVisited, value: totals.enterprisesVisited, detail: '' })
  const activityCount = Object.values(totals.activitiesByKind).reduce((a, b) => a + b, 0)
  rows.push({ item: t.activities, value: activityCount, detail: '' })
  for (const [kind, count] of Object.entries(totals.activitiesByKind)) {
    rows.push({ item: t.activitiesOfKind(enumLabel('activityKind', kind, lang)), value: count, detail: '' })
  }
  rows.push(
    { item: t.positionsOffered, value: totals.positionsOffered, detail: '' },
    { item: t.agreements, value: totals.agreements, detail: '' },
    { item: t.internshipBases, value: totals.internshipBases, detail: '' },
    { item: t.alumniGroupsFounded, value: totals.alumniGroupsFounded, detail: '' },
    { item: t.peopleMet, value: totals.peopleMet, detail: '' },
    { item: t.alumniMet, value: totals.alumniMet, detail: '' },
    { item: t.followUpsOpen, value: totals.followUpsOpen, detail: '' },
    { item: t.followUpsDone, value: totals.followUpsDone, detail: '' },
  )
  return rows
}

function peopleMetOf(a: Activity, look: TripLookup, lang: Lang): string {
  return lines(look.contacts(a.contactIds).map((c) => contactWithTitle(c, lang)))
}

function outcomesText(a: Activity, lang: Lang): string {
  const consensus = a.consensus ? (lang === 'zh-CN' ? `共识：${a.consensus}` : `Consensus: ${a.consensus}`) : ''
  return [a.outcomes, consensus].filter(Boolean).join('\n')
}

interface OrgRow {
  org: Organization
  visited: boolean
  people: Contact[]
  intentions: Set<string>
  positions: number
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
        row = { org, visited: false, people: [], intentions: new Set(), positions: 0 }
        rows.set(id, row)
      }
      if (VISIT_KINDS.has(a.kind)) row.visited = true
      a.intentions.forEach((x) => row.intentions.add(x))
      if (i === 0 && a.positionsOffered !== null) row.positions += a.positionsOffered
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

export async function tripWorkbook(input: TripReportInput, opts: TripWorkbookOptions): Promise<Buffer> {
  const { lang } = opts
  const c = captions(lang)
  const t = c.tripWorkbook
  const look = tripLookup(input)
  const heading = tripHeading(input, lang)
  const yesNo = (b: boolean) => (b ? c.yes : c.no)
  const label = (name: Parameters<typeof enumLabel>[0], v: string) => enumLabel(name, v, lang)
  const id = <R extends { id: string }>(): Column<R> => ({ header: c.id, width: 12, type: 'id', value: (r) => r.id })

  const sink = bufferSink()
  const wb = await openWorkbook(sink.stream)

  const oh = t.overview.headers
  await writeTable<OverviewRow>(wb, {
    name: t.sheets.overview,
    lang,
    title: heading,
    pageHeader: input.settings.school,
    rows: overviewRows(input, lang),
    columns: [
      { header: oh[0], width: 30, type: 'text', value: (r) => r.item },
      { header: oh[1], width: 56, type: 'auto', value: (r) => r.value },
      { header: oh[2], width: 50, type: 'text', value: (r) => r.detail },
    ],
  })

  const ih = t.itinerary
  await writeTable<Activity>(wb, {
    name: t.sheets.itinerary,
    lang,
    pageHeader: heading,
    totalsLabel: c.total,
    rows: input.activities,
    columns: [
      { header: ih[0], width: 11, type: 'date', value: (a) => a.date },
      { header: ih[1], width: 7, type: 'text', value: (a) => label('period', a.period) },
      { header: ih[2], width: 8, type: 'text', value: (a) => a.city },
      { header: ih[3], width: 10, type: 'text', value: (a) => label('activityKind', a.kind) },
      { header: ih[4], width: 22, type: 'text', value: (a) => a.title, total: 'count' },
      { header: ih[5], width: 22, type: 'text', value: (a) => lines(look.orgs(a.organizationIds).map((o) => o.name)) },
      { header: ih[6], width: 18, type: 'text', value: (a) => peopleMetOf(a, look, lang) },
      { header: ih[7], width: 14, type: 'text', value: (a) => inline(look.staffList(a.staffIds).map((s) => s.name), lang) },
      { header: ih[8], width: 28, type: 'text', value: (a) => a.topics },
      { header: ih[9], width: 34, type: 'text', value: (a) => outcomesText(a, lang) },
      { header: ih[10], width: 9, type: 'number', value: (a) => a.positionsOffered, total: 'sum' },
      id<Activity>(),
    ],
  })

  const orh = t.organizations
  await writeTable<OrgRow>(wb, {
    name: t.sheets.organizations,
    lang,
    pageHeader: heading,
    totalsLabel: c.total,
    rows: organizationRows(input, look),
    columns: [
      { header: orh[0], width: 36, type: 'text', value: (r) => r.org.name },
      { header: orh[1], width: 12, type: 'text', value: (r) => label('organizationKind', r.org.kind) },
      { header: orh[2], width: 16, type: 'text', value: (r) => r.org.industry },
      { header: orh[3], width: 9, type: 'text', value: (r) => r.org.city },
      { header: orh[4], width: 9, type: 'text', value: (r) => yesNo(r.org.alumniFounded), total: { countIf: c.yes } },
      { header: orh[5], width: 7, type: 'text', value: (r) => yesNo(r.visited), total: { countIf: c.yes } },
      { header: orh[6], width: 24, type: 'text', value: (r) => lines(r.people.map((p) => contactWithTitle(p, lang))) },
      { header: orh[7], width: 24, type: 'text', value: (r) => inline([...r.intentions].map((x) => label('cooperationCategory', x)), lang) },
      { header: orh[8], width: 9, type: 'number', value: (r) => r.positions, total: 'sum' },
      { ...id<Organization>(), value: (r: OrgRow) => r.org.id },
    ],
  })

  const ph = t.people
  await writeTable<PersonRow>(wb, {
    name: t.sheets.people,
    lang,
    pageHeader: heading,
    rows: peopleRows(input, look),
    columns: [
      { header: ph[0], width: 12, type: 'text', value: (r) => r.contact.name },
      { header: ph[1], width: 20, type: 'text', value: (r) => r.contact.position },
      { header: ph[2], width: 32, type: 'text', value: (r) => look.org(r.contact.organizationId)?.name },
      { header: ph[3], width: 9, type: 'number', value: (r) => r.contact.alumni?.classYear ?? null },
      { header: ph[4], width: 20, type: 'text', value: (r) => r.contact.alumni?.major },
      { header: ph[5], width: 9, type: 'text', value: (r) => (r.contact.alumni ? label('degree', r.contact.alumni.degree) : '') },
      { header: ph[6], width: 15, type: 'text', value: (r) => r.contact.phone },
      { header: ph[7], width: 22, type: 'text', value: (r) => r.contact.email },
      { header: ph[8], width: 32, type: 'text', value: (r) => lines(r.metAt.map((a) => a.title)) },
      { ...id<Contact>(), value: (r: PersonRow) => r.contact.id },
    ],
  })

  const outh = t.outcomes
  const outcomes: OutcomeRow[] = [
    ...input.agreements.map((record): OutcomeRow => ({ kind: 'agreement', record })),
    ...input.alumniGroups.map((record): OutcomeRow => ({ kind: 'group', record })),
  ]
  await writeTable<OutcomeRow>(wb, {
    name: t.sheets.outcomes,
    lang,
    pageHeader: heading,
    rows: outcomes,
    columns: [
      { header: outh[0], width: 12, type: 'text', value: (r) => (r.kind === 'agreement' ? t.outcomeAgreement : t.outcomeGroup) },
      { header: outh[1], width: 36, type: 'text', value: (r) => (r.kind === 'agreement' ? r.record.title : r.record.name) },
      { header: outh[2], width: 16, type: 'text', value: (r) => (r.kind === 'agreement' ? label('agreementKind', r.record.kind) : label('alumniGroupKind', r.record.kind)) },
      { header: outh[3], width: 32, type: 'text', value: (r) => look.org(r.kind === 'agreement' ? r.record.organizationId : r.record.hostOrganizationId)?.name },
      {
        header: outh[4],
        width: 20,
        type: 'text',
        value: (r) =>
          r.kind === 'agreement'
            ? lines([look.staff(r.record.ownerId)?.name ?? '', look.contact(r.record.partnerContactId)?.name ?? ''])
            : (() => {
                const leader = look.contact(r.record.leaderContactId)
                return leader ? [contactWithTitle(leader, lang), alumniNote(leader, lang)].filter(Boolean).join('\n') : ''
              })(),
      },
      { header: outh[5], width: 11, type: 'date', value: (r) => (r.kind === 'agreement' ? r.record.unveiledDate ?? r.record.signedDate ?? r.record.startDate : r.record.establishedDate) },
      { header: outh[6], width: 10, type: 'text', value: (r) => (r.kind === 'agreement' ? label('agreementStatus', r.record.status) : label('alumniGroupStatus', r.record.status)) },
      {
        header: outh[7],
        width: 40,
        type: 'text',
        value: (r) =>
          r.kind === 'agreement'
            ? inline(r.record.scope.map((s) => label('agreementScope', s)), lang)
            : inline([r.record.region, r.record.focus], lang),
      },
      { ...id<Agreement>(), value: (r: OutcomeRow) => r.record.id },
    ],
  })

  const fh = t.followUps
  await writeTable<FollowUp>(wb, {
    name: t.sheets.followUps,
    lang,
    pageHeader: heading,
    rows: input.followUps,
    columns: [
      { header: fh[0], width: 6, type: 'number', value: (_f, i) => i + 1 },
      { header: fh[1], width: 48, type: 'text', value: (f) => f.title },
      { header: fh[2], width: 12, type: 'text', value: (f) => label('cooperationCategory', f.category) },
      { header: fh[3], width: 30, type: 'text', value: (f) => look.org(f.organizationId)?.name },
      { header: fh[4], width: 12, type: 'text', value: (f) => look.staff(f.ownerId)?.name },
      { header: fh[5], width: 11, type: 'date', value: (f) => f.dueDate },
      { header: fh[6], width: 9, type: 'text', value: (f) => label('followUpStatus', f.status) },
      { header: fh[7], width: 36, type: 'text', value: (f) => latestLog(f) },
      id<FollowUp>(),
    ],
  })

  await finishWorkbook(wb)
  return sink.bytes()
}
