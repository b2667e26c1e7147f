// The itinerary the delegation carries: the schedule day by day and half-day
// by half-day, who is to be met and how to reach them, and the delegation's own
// phone numbers. As a Word document to print and as a workbook to edit.
import type * as Docx from 'docx'
import type { Activity, Contact } from '../../shared/domain'
import { addDaysIso } from '../../shared/days'
import { enumLabel, memberRoleText } from '../../shared/enums'
import type { Lang } from '../../shared/enums'
import { tripLookup } from './collect'
import type { TripLookup, TripReportInput } from './collect'
import { layoutFor, loadDocx, packDocument, pageNumberFooter, runOptions, sectionPage } from './docx-layout'
import type { DocxModule, Layout } from './docx-layout'
import { dateSpan, daysBetween, joinList, monthDay, weekday } from './format'
import { mm } from './gbt9704'
import { captions } from './labels'
import { contactWithTitle, inline, lines, withTitle } from './names'
import { cell, cellParagraphs, table } from './docx-table'
import { tableJob, workbookBytes, workerSheets } from './sheet-runner'
import type { SheetJob, SheetWriter } from './sheet-runner'

export interface ItineraryOptions {
  lang: Lang
}

/** People met at an activity, one per line, with phone (and organisation when it is not the host's). */
function peopleLines(a: Activity, look: TripLookup, lang: Lang): string[] {
  return look.contacts(a.contactIds).map((c) => {
    const org = c.organizationId && !a.organizationIds.includes(c.organizationId) ? look.org(c.organizationId)?.name : ''
    return [contactWithTitle(c, lang), org, c.phone].filter(Boolean).join(lang === 'zh-CN' ? '，' : ', ')
  })
}

/** Everyone the trip is to meet, in the order the schedule meets them. */
function peopleToMeet(input: TripReportInput, look: TripLookup): Contact[] {
  const seen = new Set<string>()
  const out: Contact[] = []
  for (const a of input.activities) {
    for (const c of look.contacts(a.contactIds)) {
      if (seen.has(c.id)) continue
      seen.add(c.id)
      out.push(c)
    }
  }
  return out
}

/**
 * Every day of the trip, travel days without activities included (the
 * departure and return days), each with its activities and the transport and
 * lodging recorded for it; activities outside the trip's dates keep their own day.
 */
function days(input: TripReportInput): Array<{ date: string; activities: Activity[]; transport: string; lodging: string }> {
  const dates = new Set<string>()
  for (let d = input.trip.startDate; d <= input.trip.endDate && dates.size < 366; d = addDaysIso(d, 1)) dates.add(d)
  for (const a of input.activities) dates.add(a.date)
  return [...dates].sort().map((date) => {
    const day = input.trip.days.find((x) => x.date === date)
    return { date, activities: input.activities.filter((a) => a.date === date), transport: day?.transport ?? '', lodging: day?.lodging ?? '' }
  })
}

/** 上午 9:30–11:00 / Morning 9:30–11:00 */
function periodWithTime(a: Activity, lang: Lang): string {
  const time = a.startTime ? `${a.startTime}${a.endTime ? `–${a.endTime}` : ''}` : ''
  return [enumLabel('period', a.period, lang), time].filter(Boolean).join(' ')
}

/** A topic note that carries its own label ("参会者：…") is printed as it is, not under a second label. */
const LABELLED = /^[^：:\n]{1,12}[：:]/u

// ---------------------------------------------------------------- Word

const DAY_SHADE = { fill: 'F2F2F2', type: 'clear', color: 'auto' } as const

const PAGE_MARGIN = mm(18)
/** A4 width less two margins, in twips */
const CONTENT_WIDTH = 11906 - 2 * PAGE_MARGIN

function heading(D: DocxModule, l: Layout, text: string): Docx.Paragraph {
  return new D.Paragraph({
    heading: D.HeadingLevel.HEADING_1,
    keepNext: true,
    spacing: { before: 240, after: 120 },
    children: [new D.TextRun({ ...runOptions({ ...l.h1, size: 28 }), text })],
  })
}

export async function itineraryDocx(input: TripReportInput, opts: ItineraryOptions): Promise<Buffer> {
  const { lang } = opts
  const D = await loadDocx()
  const l = layoutFor(lang)
  const t = captions(lang)
  const it = t.itinerary
  const look = tripLookup(input)
  const { trip } = input
  const small = l.small
  const colon = lang === 'zh-CN' ? '：' : ': '

  const info: Array<[string, string]> = [
    [it.dates, `${dateSpan(trip.startDate, trip.endDate, lang)}${lang === 'zh-CN' ? `（${daysBetween(trip.startDate, trip.endDate) + 1}天）` : ` (${daysBetween(trip.startDate, trip.endDate) + 1} days)`}`],
    [it.destinations, joinList(trip.destinations, lang)],
  ]
  if (input.leader) info.push([it.leader, withTitle(input.leader.name, input.leader.title, lang)])

  const children: Array<Docx.Paragraph | Docx.Table> = [
    new D.Paragraph({ alignment: D.AlignmentType.CENTER, spacing: { before: 0, after: 240 }, children: [new D.TextRun({ ...runOptions({ ...l.title, size: 36 }), text: it.title(trip.title) })] }),
    ...info.map(([k, v]) => new D.Paragraph({ spacing: { before: 0, after: 60 }, children: [new D.TextRun({ ...runOptions({ ...l.body, size: 24 }, { bold: true }), text: `${k}${colon}` }), new D.TextRun({ ...runOptions({ ...l.body, size: 24 }), text: v })] })),
  ]

  // Schedule: a shaded row per day, then one row per activity.
  children.push(heading(D, l, it.scheduleHeading))
  const w = [1250, 3900, 2900, CONTENT_WIDTH - 1250 - 3900 - 2900]
  const rows: Docx.TableRow[] = []
  for (const day of days(input)) {
    const cities = [...new Set(day.activities.map((a) => a.city).filter(Boolean))]
    const travel = [
      day.transport ? `${lang === 'zh-CN' ? '交通' : 'Travel'}${colon}${day.transport}` : '',
      day.lodging ? `${lang === 'zh-CN' ? '住宿' : 'Lodging'}${colon}${day.lodging}` : '',
    ].filter(Boolean)
    const label = [
      `${monthDay(day.date, lang)}${lang === 'zh-CN' ? `（${weekday(day.date, lang)}）` : ` (${weekday(day.date, lang)})`}${cities.length ? `  ${inline(cities, lang)}` : ''}`,
      ...travel,
    ].join('    ')
    rows.push(new D.TableRow({ cantSplit: true, children: [cell(D, small, cellParagraphs(D, small, label, true), CONTENT_WIDTH, { columnSpan: 4, shading: DAY_SHADE })] }))
    for (const a of day.activities) {
      const orgs = look.orgs(a.organizationIds).map((o) => o.name)
      const where = a.location || a.city
      const detail = [
        where ? `${lang === 'zh-CN' ? '地点' : 'Where'}${colon}${where}` : '',
        orgs.length && !orgs.every((o) => a.title.includes(o)) ? `${lang === 'zh-CN' ? '单位' : 'With'}${colon}${inline(orgs, lang)}` : '',
        a.topics ? (LABELLED.test(a.topics) ? a.topics : `${lang === 'zh-CN' ? '事由' : 'Purpose'}${colon}${a.topics}`) : '',
      ].filter(Boolean)
      rows.push(
        new D.TableRow({
          cantSplit: true,
          children: [
            cell(D, small, periodWithTime(a, lang), w[0]),
            cell(D, small, [...cellParagraphs(D, small, a.title, true), ...detail.flatMap((x) => cellParagraphs(D, small, x))], w[1]),
            cell(D, small, lines(peopleLines(a, look, lang)), w[2]),
            cell(D, small, inline(look.staffList(a.staffIds).map((s) => s.name), lang), w[3]),
          ],
        }),
      )
    }
  }
  if (rows.length) children.push(table(D, small, it.docSchedule, w, rows))
  else children.push(new D.Paragraph({ children: [new D.TextRun({ ...runOptions(l.body), text: it.noActivities })] }))

  // The delegation, with phones.
  if (input.members.length) {
    children.push(heading(D, l, it.delegationHeading))
    const dw = [1800, 4400, 1200, CONTENT_WIDTH - 1800 - 4400 - 1200]
    const memberRows = input.members.map(
      (m) =>
        new D.TableRow({
          cantSplit: true,
          children: [
            cell(D, small, m.staff.name, dw[0]),
            cell(D, small, m.staff.title, dw[1]),
            cell(D, small, memberRoleText(m.role, lang), dw[2]),
            cell(D, small, m.staff.phone, dw[3]),
          ],
        }),
    )
    children.push(table(D, small, it.delegation, dw, memberRows))
  }

  // Everyone to be met, with phone and e-mail.
  const people = peopleToMeet(input, look)
  if (people.length) {
    children.push(heading(D, l, it.contactsHeading))
    const cw = [1400, 3300, 1900, 1500, CONTENT_WIDTH - 1400 - 3300 - 1900 - 1500]
    const contactRows = people.map(
      (c) =>
        new D.TableRow({
          cantSplit: true,
          children: [
            cell(D, small, c.name, cw[0]),
            cell(D, small, look.org(c.organizationId)?.name ?? '', cw[1]),
            cell(D, small, c.position, cw[2]),
            cell(D, small, c.phone, cw[3]),
            cell(D, small, c.email, cw[4]),
          ],
        }),
    )
    children.push(table(D, small, it.contacts.slice(0, 5), cw, contactRows))
  }

  const doc = new D.Document({
    title: it.title(trip.title),
    creator: input.settings.office || 'Liaison Desk',
    styles: { default: { document: { run: runOptions(l.body) } } },
    sections: [
      {
        properties: { page: { ...sectionPage(l), margin: { top: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN, header: mm(10), footer: mm(10) } } },
        footers: { default: pageNumberFooter(D, { ...l, mirroredPageNumbers: false, pageNumber: { ...l.pageNumber, size: 20 } }) },
        children,
      },
    ],
  })
  return packDocument(D, doc, l)
}

// ---------------------------------------------------------------- Excel

export async function itineraryWorkbook(input: TripReportInput, opts: ItineraryOptions, sheets: SheetWriter = workerSheets()): Promise<Buffer> {
  const { lang } = opts
  const t = captions(lang)
  const it = t.itinerary
  const look = tripLookup(input)
  const title = `${it.title(input.trip.title)}  ${dateSpan(input.trip.startDate, input.trip.endDate, lang)}`
  const jobs: SheetJob[] = []
  const h = it.schedule
  jobs.push(tableJob<Activity>({
    name: it.sheets.schedule,
    lang,
    title,
    pageHeader: input.settings.school,
    rows: input.activities,
    columns: [
      { header: h[0], max: 11, type: 'date', value: (a) => a.date },
      { header: h[1], max: 9, type: 'text', value: (a) => weekday(a.date, lang) },
      { header: h[2], max: 12, type: 'text', value: (a) => periodWithTime(a, lang) },
      { header: h[3], max: 8, type: 'text', value: (a) => a.city },
      { header: h[4], max: 18, type: 'text', value: (a) => a.location },
      { header: h[5], max: 28, type: 'text', value: (a) => a.title },
      { header: h[6], max: 28, type: 'text', value: (a) => lines(look.orgs(a.organizationIds).map((o) => o.name)) },
      { header: h[7], max: 34, type: 'text', value: (a) => lines(peopleLines(a, look, lang)) },
      { header: h[8], max: 16, type: 'text', value: (a) => inline(look.staffList(a.staffIds).map((s) => s.name), lang) },
      { header: t.id, width: 12, type: 'id', value: (a) => a.id },
    ],
  }))
  const dh = it.delegation
  jobs.push(tableJob({
    name: it.sheets.delegation,
    lang,
    pageHeader: it.title(input.trip.title),
    rows: input.members,
    columns: [
      { header: dh[0], max: 14, type: 'text', value: (m) => m.staff.name },
      { header: dh[1], max: 60, type: 'text', value: (m) => m.staff.title },
      { header: dh[2], max: 10, type: 'text', value: (m) => memberRoleText(m.role, lang) },
      { header: dh[3], max: 18, type: 'text', value: (m) => m.staff.phone },
      { header: t.id, width: 12, type: 'id', value: (m) => m.staff.id },
    ],
  }))
  const ch = it.contacts
  jobs.push(tableJob<Contact>({
    name: it.sheets.contacts,
    lang,
    pageHeader: it.title(input.trip.title),
    rows: peopleToMeet(input, look),
    columns: [
      { header: ch[0], max: 14, type: 'text', value: (c) => c.name },
      { header: ch[1], max: 36, type: 'text', value: (c) => look.org(c.organizationId)?.name },
      { header: ch[2], max: 20, type: 'text', value: (c) => c.position },
      { header: ch[3], max: 18, type: 'text', value: (c) => c.phone },
      { header: ch[4], max: 26, type: 'text', value: (c) => c.email },
      { header: ch[5], max: 16, type: 'text', value: (c) => c.wechat },
      { header: t.id, width: 12, type: 'id', value: (c) => c.id },
    ],
  }))
  return workbookBytes(sheets, jobs)
}
