// The words of the trip report, as an outline of blocks. It follows the
// structure of the office's published reports (see shared/domain/
// reference-trip-report.txt): a lead paragraph; 一、 overview and itinerary;
// 二、 achievements by line of work; 三、 experience and next steps. A news
// release (新闻稿) ends with the source, editor, reviewer and date; an internal
// work report (工作总结) has a table of follow-up tasks with owners and due
// dates, the office and date, and an annex listing the organisations visited
// and the people met. Facts come only from the records; nothing missing is
// replaced by a placeholder: it is left out, and the pre-export check lists it.
import type { Activity, FollowUp } from '../../shared/domain'
import { enumLabel, memberRoleText } from '../../shared/enums'
import type { Lang } from '../../shared/enums'
import { VISIT_KINDS } from './collect'
import type { TripReportInput } from './collect'
import { countWord, dateSpan, daysBetween, joinList, localToday, longDate, monthDay, ordinalLead, paragraphsOf, romanNumeral, sentence, stripEndPunct, zhNumeral } from './format'
import { captions } from './labels'
import { inLang, nameWithHonorific, positionOf, romanizeName } from './names'
import { lowerFirst, sentenceKey, sentencesOf, shortTitle, withoutRepeats } from './prose'
import { basesItem, deepeningItem, forumsItem, groupsItem, isPlatform, jobsItem, platformsItem, quoted } from './report-achievements'
import type { Item } from './report-achievements'
import { activityTitle, makeCtx, orgName, schoolName, staffName, staffTitle, whenLabel } from './report-context'
import type { Ctx, ReportKind } from './report-context'

export { whenLabel } from './report-context'
export type { ReportKind } from './report-context'

export type Block =
  | { kind: 'title'; text: string }
  /** 一、 / I. */
  | { kind: 'h1'; text: string }
  /** （一） / (I) */
  | { kind: 'h2'; text: string }
  /** 1. */
  | { kind: 'h3'; text: string }
  /** body text; `lead` is printed first (bold in English) */
  | { kind: 'p'; text: string; lead?: string }
  /** source, editor, reviewer and date (news), or the office and date set to the right (work report) */
  | { kind: 'sign'; lines: string[]; align?: 'left' | 'right' }
  /** a ruled table; widths are relative */
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] }
  /** an annex starts on a new page */
  | { kind: 'pageBreak' }

export interface TripReportOptions {
  lang: Lang
  /** the report's date, yyyy-MM-dd; today when left out */
  date?: string
  /** news release (default) or internal work report */
  kind?: ReportKind
}

const num = {
  h1: (i: number, lang: Lang) => (lang === 'zh-CN' ? `${zhNumeral(i)}、` : `${romanNumeral(i)}. `),
  h2: (i: number, lang: Lang) => (lang === 'zh-CN' ? `（${zhNumeral(i)}）` : `(${romanNumeral(i)}) `),
  h3: (i: number, lang: Lang) => (lang === 'zh-CN' ? `${i}.` : `${i}. `),
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

type Group = 'cooperation' | 'alumni' | 'influence'
export interface SummaryPart {
  /** a second label makes the paragraph a numbered sub-point: "学院形象与影响：拓展对外合作网络：…" */
  title?: string
  text: string
}

/**
 * Splits the trip's summary: the first paragraph opens the report; a later
 * paragraph may start with a label ("学院形象与影响：…", "Alumni liaison: …")
 * naming the line of work it introduces, and a second label makes it a
 * numbered sub-point of that line. Unlabelled later paragraphs speak of the
 * trip as a whole and go with the school's influence.
 */
export function splitSummary(summary: string): { lead: string | null; groups: Record<Group, SummaryPart[]> } {
  const paras = paragraphsOf(summary)
  const groups: Record<Group, SummaryPart[]> = { cooperation: [], alumni: [], influence: [] }
  const labelled = (p: string) => /^([^：:。.;；]{1,60})[：:]\s*(.+)$/su.exec(p)
  let lead: string | null = null
  paras.forEach((p, i) => {
    const m = labelled(p)
    if (i === 0 && !m) {
      lead = p
      return
    }
    if (!m) {
      groups.influence.push({ text: p })
      return
    }
    const [, label, body] = m
    const group: Group = /形象|影响|声誉|image|influence|reputation|profile/i.test(label)
      ? 'influence'
      : /校友|alumni/i.test(label)
        ? 'alumni'
        : /企|岗|就业|合作|产教|enterprise|job|employ|cooperat|industr/i.test(label)
          ? 'cooperation'
          : 'influence'
    const sub = /^([^：:。.;；,，]{2,60})[：:]\s*(.+)$/su.exec(body.trim())
    groups[group].push(sub ? { title: sub[1].trim(), text: upperFirst(sub[2].trim()) } : { text: upperFirst(body.trim()) })
  })
  return { lead, groups }
}

/** The lines of the outlook that restate the plan as a numbered list (一、… / 1. …). */
const NUMBERED_LINE = /^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[.、．)]|[（(][一二三四五六七八九十\d]+[）)])/u

/** The headline: the leader's name and short title before the trip's title, as Chinese official news writes it. */
function newsTitle(c: Ctx): string {
  const { trip, leader } = c.input
  if (c.lang === 'zh-CN') {
    if (leader && trip.title.startsWith('赴') && !trip.title.includes(leader.name)) return `${leader.name}${shortTitle(leader.title, 'zh-CN')}带队${trip.title}`
    return trip.title
  }
  const title = inLang('en', trip.title, trip.titleEn)
  if (!title) return leader ? `${staffName(leader, 'en')} Leads a Delegation` : 'Trip Report'
  const name = leader ? staffName(leader, 'en') : ''
  if (leader && /^delegation\b/i.test(title) && !title.includes(name)) {
    const rank = shortTitle(staffTitle(leader, 'en'), 'en')
    return headlineCase(`${rank ? `${rank} ` : ''}${name} Leads a ${upperFirst(title)}`)
  }
  return title
}

const MINOR_WORDS = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'on', 'at', 'to', 'from', 'by', 'of', 'in', 'with', 'as', 'via'])

/**
 * Headline capitals, as English news headlines set them: every word but short
 * function words, each part of a hyphenated word too. Nothing is lowered, so
 * names and acronyms stay as typed ("Leads a Delegation … for a Series of …").
 */
export function headlineCase(s: string): string {
  return s
    .split(' ')
    .map((word, i) => (i > 0 && MINOR_WORDS.has(word) ? word : word.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase())))
    .join(' ')
}

function reportTitle(c: Ctx): string {
  const title = newsTitle(c)
  return c.kind === 'work' ? captions(c.lang).report.workTitle(title) : title
}

function generatedLead(c: Ctx): string {
  const { trip, leader, totals } = c.input
  const { lang } = c
  const days = daysBetween(trip.startDate, trip.endDate) + 1
  const forums = totals.activitiesByKind.forum ?? 0
  const school = schoolName(c)
  const destinations = trip.destinations.map((d) => inLang(lang, d)).filter(Boolean)
  const theme = inLang(lang, trip.theme)
  if (lang === 'zh-CN') {
    const who = leader ? `${school}${memberDescription(leader.title, leader.department, school, lang)}${leader.name}带队` : `${school}代表团`
    const where = destinations.length ? `赴${joinList(destinations, lang)}` : ''
    const about = theme ? `，以${quoted(theme, lang)}为主题` : ''
    return `${dateSpan(trip.startDate, trip.endDate, lang)}，${who}${where}${about}开展系列活动。此行历时${days}天，走访企业及单位${totals.enterprisesVisited}家${forums ? `，召开座谈会${forums}场` : ''}。`
  }
  const title = leader ? staffTitle(leader, lang) : ''
  const of = school ? ` of the ${school}` : ''
  const who = leader ? `${staffName(leader, lang)}${title ? `, ${title},` : ''} led a delegation${of}` : `A delegation${of} travelled`
  const where = destinations.length ? ` to ${joinList(destinations, lang)}` : ''
  const about = theme ? ` under the theme ${quoted(theme, lang)}` : ''
  return `From ${dateSpan(trip.startDate, trip.endDate, lang)}, ${who}${where}${about}. Over ${days} days the delegation visited ${totals.enterprisesVisited} enterprises and organisations${forums ? ` and held ${forums} forum${forums > 1 ? 's' : ''}` : ''}.`
}

/** 党政办公室工作人员: a member's department is said unless the title already names it or it is the school itself. */
function memberDescription(title: string, department: string, school: string, lang: Lang): string {
  const dept = department.trim()
  if (!dept || dept === school || title.includes(dept)) return title
  if (lang === 'zh-CN') return `${dept}${title}`
  return title ? `${title}, ${dept}` : dept
}

function delegationText(c: Ctx): string | null {
  const { leader, members } = c.input
  const { lang } = c
  const school = schoolName(c)
  const others = members.filter((m) => m.staff.id !== leader?.id)
  const describe = (m: (typeof members)[number]) => {
    const desc = memberDescription(staffTitle(m.staff, lang), inLang(lang, m.staff.department), school, lang)
    const role = m.role === 'member' ? '' : memberRoleText(m.role, lang)
    const bits = [desc, role].filter(Boolean)
    const name = staffName(m.staff, lang)
    if (!bits.length) return name
    return lang === 'zh-CN' ? `${name}（${bits.join('，')}）` : `${name} (${bits.join('; ')})`
  }
  const list = joinList(others.map(describe), lang)
  if (lang === 'zh-CN') {
    const lead = leader ? `${memberDescription(leader.title, leader.department, school, lang)}${leader.name}` : ''
    if (leader && list) return `代表团由${lead}带队，成员包括${list}。`
    if (leader) return `代表团由${lead}带队。`
    return list ? `代表团成员包括${list}。` : null
  }
  const lt = leader ? staffTitle(leader, lang) : ''
  const head = leader ? `The delegation was led by ${staffName(leader, lang)}${lt ? ` (${lt})` : ''}` : ''
  if (head && list) return `${head}; its members were ${list}.`
  if (head) return `${head}.`
  return list ? `Members of the delegation were ${list}.` : null
}

function objectivesText(c: Ctx): string | null {
  const { lang } = c
  const objectives = c.input.trip.objectives.map((o) => inLang(lang, o)).filter(Boolean)
  if (!objectives.length) return null
  if (lang === 'zh-CN') {
    return `此次活动围绕${countWord(objectives.length, lang)}条主线展开：${objectives.map((o, i) => `${ordinalLead(i, lang)}${stripEndPunct(o)}`).join('；')}。`
  }
  const lines = objectives.map((o, i) => `${ordinalLead(i, lang)}, ${lowerFirst(stripEndPunct(o))}`).join('; ')
  return `The activities focused on ${countWord(objectives.length, lang)} main line${objectives.length > 1 ? 's' : ''} of work: ${lines}.`
}

/** Chinese titles of forums and ceremonies are nouns; in a list of what was done they need a verb. */
const ZH_VERB = /^(走访|拜访|召开|举行|举办|参加|出席|座谈|考察|调研|会见|参观|看望|慰问|赴|与)/u

function itineraryPhrase(a: Activity, c: Ctx): string {
  const title = stripEndPunct(activityTitle(a, c))
  if (c.lang !== 'zh-CN' || ZH_VERB.test(title)) return title
  if (a.kind === 'forum') return `召开${title}`
  if (a.kind === 'ceremony') return `举行${title}`
  return title
}

/** The itinerary grouped by half-day, as the reference lists it. */
function itineraryBlocks(c: Ctx): Block[] {
  const { lang } = c
  const out: Block[] = []
  const slots: Activity[][] = []
  for (const a of c.input.activities) {
    const last = slots.at(-1)
    if (last && last[0].date === a.date && last[0].period === a.period) last.push(a)
    else slots.push([a])
  }
  for (const slot of slots) {
    const cities = [...new Set(slot.map((a) => inLang(lang, a.city)).filter(Boolean))]
    const where = cities.length ? (lang === 'zh-CN' ? `（${cities.join('、')}）` : ` (${cities.join(', ')})`) : ''
    const what = slot.map((a) => itineraryPhrase(a, c)).join(lang === 'zh-CN' ? '；' : '; ')
    out.push({ kind: 'p', lead: `${whenLabel({ date: slot[0].date, period: slot[0].period }, lang)}${where}${lang === 'zh-CN' ? '：' : ': '}`, text: sentence(what, lang) })
  }
  return out
}

/** Counts the records support: agreements only when a signing or unveiling date was recorded, positions only as recorded. */
function figuresSentence(c: Ctx): string {
  const { totals, agreements, activities } = c.input
  const { lang } = c
  const forums = totals.activitiesByKind.forum ?? 0
  const unveiled = agreements.filter((a) => a.unveiledDate !== null).length
  const signed = agreements.filter((a) => a.unveiledDate === null && a.signedDate !== null).length
  const alumniCounts = activities.filter((a) => a.kind === 'forum' && a.alumniAttendeesCount !== null).map((a) => a.alumniAttendeesCount ?? 0)
  const alumni = alumniCounts.reduce((x, y) => x + y, 0)
  const positions = totals.positionsOffered
  if (lang === 'zh-CN') {
    const parts = [`走访企业及单位${totals.enterprisesVisited}家`]
    if (forums) parts.push(`召开座谈会${forums}场`)
    if (alumniCounts.length) parts.push(`参会校友约${alumni}人`)
    if (unveiled) parts.push(`揭牌基地${unveiled}个`)
    if (signed) parts.push(`签署合作协议${signed}项`)
    if (totals.alumniGroupsFounded) parts.push(`成立校友组织${totals.alumniGroupsFounded}个`)
    if (positions) parts.push(`获得就业岗位${positions}个${totals.positionsUnrecorded ? `（另有${totals.positionsUnrecorded}次走访未统计岗位数）` : ''}`)
    return `此行共${parts.join('，')}。`
  }
  const parts = [`visited ${totals.enterprisesVisited} enterprises and organisations`]
  if (forums) parts.push(`held ${forums} forum${forums > 1 ? 's' : ''}`)
  if (alumniCounts.length) parts.push(`met about ${alumni} alumni at ${alumniCounts.length > 1 ? 'forums' : 'a forum'}`)
  if (unveiled) parts.push(`unveiled ${unveiled} base${unveiled > 1 ? 's' : ''}`)
  if (signed) parts.push(`signed ${signed} cooperation agreement${signed > 1 ? 's' : ''}`)
  if (totals.alumniGroupsFounded) parts.push(`set up ${totals.alumniGroupsFounded} alumni organisation${totals.alumniGroupsFounded > 1 ? 's' : ''}`)
  if (positions) parts.push(`secured ${positions} job positions${totals.positionsUnrecorded ? ` (not counted for ${totals.positionsUnrecorded} visit${totals.positionsUnrecorded > 1 ? 's' : ''})` : ''}`)
  return `In all, the delegation ${joinList(parts, lang)}.`
}

/** The sentences of the follow-ups' notes, less those the outlook says anyway. */
function followUpNotes(f: FollowUp, outlookKeys: ReadonlySet<string>, lang: Lang): string {
  const notes = inLang(lang, f.notes)
  return sentencesOf(notes, lang)
    .filter((s) => !outlookKeys.has(sentenceKey(s)))
    .join(lang === 'zh-CN' ? '' : ' ')
}

function followUpBlocks(c: Ctx, outlookKeys: ReadonlySet<string>): Block[] {
  const { lang, look } = c
  const r = captions(lang).report
  const list = c.input.followUps.filter((f) => inLang(lang, f.title))
  if (!list.length) return []
  const out: Block[] = [{ kind: 'p', text: r.nextSteps }]
  if (c.kind === 'news') {
    list.forEach((f, i) => {
      const notes = followUpNotes(f, outlookKeys, lang)
      out.push({ kind: 'p', lead: `${num.h3(i + 1, lang)}${sentence(inLang(lang, f.title), lang)}${lang === 'zh-CN' ? '' : ' '}`, text: sentence(notes, lang) })
    })
    return out
  }
  const rows = list.map((f, i) => {
    const owner = look.staff(f.ownerId)
    const notes = followUpNotes(f, outlookKeys, lang)
    const latest = [...f.log].sort((a, b) => a.date.localeCompare(b.date)).at(-1)
    const progress = [f.status === 'open' ? '' : enumLabel('followUpStatus', f.status, lang), latest ? inLang(lang, latest.text) : ''].filter(Boolean).join(lang === 'zh-CN' ? '；' : '; ')
    return [
      String(i + 1),
      [stripEndPunct(inLang(lang, f.title)), notes].filter(Boolean).join(lang === 'zh-CN' ? '。' : '. '),
      owner ? staffName(owner, lang) : '',
      f.dueDate ? longDate(f.dueDate, lang) : '',
      progress,
    ]
  })
  out.push({ kind: 'table', header: [...r.followUpTable], rows, widths: [8, 50, 12, 16, 14] })
  return out
}

/** 走访单位及对接人一览表: every organisation visited, with the people met there and their phones. */
function annexBlocks(c: Ctx): Block[] {
  const { lang, look } = c
  const r = captions(lang).report
  const rows: string[][] = []
  for (const a of c.input.activities) {
    if (!VISIT_KINDS.has(a.kind)) continue
    for (const o of look.orgs(a.organizationIds)) {
      const people = look.contacts(a.contactIds).filter((p) => p.organizationId === o.id)
      const date = monthDay(a.date, lang)
      if (!people.length) rows.push([String(rows.length + 1), date, orgName(o, lang), '', '', ''])
      for (const p of people) rows.push([String(rows.length + 1), date, orgName(o, lang), nameWithHonorific(p, lang), positionOf(p, lang), p.phone])
    }
  }
  if (!rows.length) return []
  return [
    { kind: 'pageBreak' },
    { kind: 'p', text: r.annex },
    { kind: 'title', text: r.annexTitle },
    { kind: 'table', header: [...r.annexHeaders], rows, widths: [8, 13, 35, 14, 14, 16] },
  ]
}

function achievementGroups(c: Ctx, summary: ReturnType<typeof splitSummary>): Block[] {
  const { lang, input } = c
  const r = captions(lang).report
  const printedInJobs = new Set(input.activities.filter((a) => VISIT_KINDS.has(a.kind) && !isPlatform(a, c)).map((a) => a.id))
  const fromSummary = (parts: SummaryPart[]) => ({
    intro: parts.filter((p) => !p.title).map((p) => inLang(lang, p.text)).filter(Boolean),
    items: parts.filter((p) => p.title && inLang(lang, p.text)).map((p): Item => ({ title: inLang(lang, p.title ?? ''), blocks: [{ kind: 'p', text: inLang(lang, p.text) }] })),
  })
  const coop = fromSummary(summary.groups.cooperation)
  const jobs = jobsItem(c)
  const alumni = fromSummary(summary.groups.alumni)
  const influence = fromSummary(summary.groups.influence)
  const groups: Array<{ title: string; intro: string[]; items: Item[] }> = [
    { title: r.groups[0], intro: coop.intro, items: [jobs.item, basesItem(c), deepeningItem(c, printedInJobs, jobs.deferred), platformsItem(c), ...coop.items].filter((x): x is Item => x !== null) },
    { title: r.groups[1], intro: alumni.intro, items: [forumsItem(c), groupsItem(c), ...alumni.items].filter((x): x is Item => x !== null) },
    { title: r.groups[2], intro: influence.intro, items: influence.items },
  ]
  const out: Block[] = []
  let g = 0
  for (const group of groups) {
    if (!group.intro.length && !group.items.length) continue
    g += 1
    out.push({ kind: 'h2', text: `${num.h2(g, lang)}${group.title}` })
    for (const text of group.intro) out.push({ kind: 'p', text })
    group.items.forEach((item, i) => {
      out.push({ kind: 'h3', text: `${num.h3(i + 1, lang)}${item.title}` })
      out.push(...item.blocks)
    })
  }
  return out
}

function signature(c: Ctx, date: string): Block {
  const { lang, input } = c
  const r = captions(lang).report
  const colon = lang === 'zh-CN' ? '：' : ': '
  const day = longDate(date, lang)
  if (c.kind === 'work') {
    const office = [inLang(lang, input.settings.school), inLang(lang, input.settings.office)].filter(Boolean).join(lang === 'zh-CN' ? '' : ', ')
    return { kind: 'sign', align: 'right', lines: [office, day].filter(Boolean) }
  }
  const s = input.settings.signatures
  const person = (name: string) => (lang === 'en' ? romanizeName(name) : name)
  return {
    kind: 'sign',
    lines: [
      inLang(lang, s.source) ? `${r.source}${colon}${inLang(lang, s.source)}` : '',
      s.editor ? `${r.editor}${colon}${person(s.editor)}` : '',
      s.reviewer ? `${r.reviewer}${colon}${person(s.reviewer)}` : '',
      `${r.date}${colon}${day}`,
    ].filter(Boolean),
  }
}

/** No sentence twice: a later paragraph loses what an earlier one said; a paragraph left empty goes. */
const ITEM_LEAD = /^(（)\d+(）)|^(\()\d+(\) )/u
const HEADING_LEVEL: Partial<Record<Block['kind'], number>> = { h1: 1, h2: 2, h3: 3 }

function dropRepeats(blocks: Block[], lang: Lang): Block[] {
  const seen = new Set<string>()
  const out: Block[] = []
  // Numbered paragraphs ((1) (2) …) count again from each heading, so a dropped one leaves no gap.
  let items = 0
  for (const b of blocks) {
    if (b.kind !== 'p') {
      if (HEADING_LEVEL[b.kind]) items = 0
      out.push(b)
      continue
    }
    const text = withoutRepeats(b.text, seen, lang)
    // A paragraph whose every sentence was said before goes, lead-in and all.
    if (!(text || (b.lead && !b.text))) continue
    const lead = b.lead?.replace(ITEM_LEAD, (_m, zo: string | undefined, zc: string | undefined, eo: string | undefined, ec: string | undefined) => `${zo ?? eo}${++items}${zc ?? ec}`)
    out.push({ ...b, text, ...(lead === undefined ? {} : { lead }) })
  }
  return withoutEmptyHeadings(out)
}

/** A heading with nothing under it before the next heading of its rank (a section whose records say nothing in this language) goes. */
function withoutEmptyHeadings(blocks: Block[]): Block[] {
  const out: Block[] = []
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]
    const level = HEADING_LEVEL[b.kind]
    if (level !== undefined) {
      const next = out[0]
      const nextLevel = next ? HEADING_LEVEL[next.kind] : undefined
      if (!next || next.kind === 'sign' || next.kind === 'pageBreak' || (nextLevel !== undefined && nextLevel <= level)) continue
    }
    out.unshift(b)
  }
  return out
}

export function tripReportOutline(input: TripReportInput, opts: TripReportOptions): Block[] {
  const { lang } = opts
  const c = makeCtx(input, lang, opts.kind ?? 'news')
  const r = captions(lang).report
  const out: Block[] = []
  const summary = splitSummary(input.trip.summary)

  out.push({ kind: 'title', text: reportTitle(c) })
  out.push({ kind: 'p', text: (summary.lead && inLang(lang, summary.lead)) || generatedLead(c) })

  // 一、 overview and itinerary
  out.push({ kind: 'h1', text: `${num.h1(1, lang)}${r.h1[0]}` })
  for (const text of [delegationText(c), objectivesText(c)]) if (text) out.push({ kind: 'p', text })
  if (input.activities.length) {
    out.push({ kind: 'p', text: r.itineraryIntro })
    out.push(...itineraryBlocks(c))
  }

  // 二、 achievements, by line of work
  out.push({ kind: 'h1', text: `${num.h1(2, lang)}${r.h1[1]}` })
  out.push({ kind: 'p', text: figuresSentence(c) })
  out.push(...achievementGroups(c, summary))

  // 三、 experience and next steps
  out.push({ kind: 'h1', text: `${num.h1(3, lang)}${r.h1[2]}` })
  for (const text of paragraphsOf(inLang(lang, input.trip.experience))) out.push({ kind: 'p', text })
  // The follow-up records are the plan. When the outlook restates it as a numbered list of no more items
  // than there are follow-ups, its numbered lines are left out; the rest of it closes the report.
  const outlook = paragraphsOf(inLang(lang, input.trip.outlook))
  const numbered = outlook.filter((p) => NUMBERED_LINE.test(p))
  const restated = numbered.length > 0 && numbered.length <= input.followUps.length
  const closing = outlook.filter((p) => !(restated && NUMBERED_LINE.test(p)))
  const closingKeys = new Set(closing.flatMap((p) => sentencesOf(p, lang).map(sentenceKey)))
  out.push(...followUpBlocks(c, closingKeys))
  for (const text of closing) out.push({ kind: 'p', text })

  out.push(signature(c, opts.date ?? localToday()))
  if (c.kind === 'work') out.push(...annexBlocks(c))
  return dropRepeats(out, lang)
}

/** The outline as plain text, for tests and for a quick look without Word. */
export function outlineText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'sign':
          return b.lines.join('\n')
        case 'p':
          return `${b.lead ?? ''}${b.text}`
        case 'table':
          return [b.header, ...b.rows].map((row) => row.join(' | ')).join('\n')
        case 'pageBreak':
          return ''
        default:
          return b.text
      }
    })
    .join('\n')
}
