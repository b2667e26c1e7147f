// The words of the trip report, as an outline of blocks. It follows the
// structure of the office's published reports (see shared/domain/
// reference-trip-report.txt): a lead paragraph; 一、 overview and itinerary;
// 二、 achievements by line of work; 三、 experience and next steps; then the
// source, editor, reviewer and date. Facts come from the records; the trip's
// free texts (summary, experience, outlook) supply the lead, the school's
// influence and the closing. Kept apart from the docx rendering so the text
// can be tested and read without unzipping anything.
import type { Activity, Agreement, AlumniGroup, Contact, FollowUp, Organization } from '../../shared/domain'
import { enumLabel } from '../../shared/enums'
import type { Lang } from '../../shared/enums'
import { tripLookup, VISIT_KINDS } from './collect'
import type { TripLookup, TripReportInput } from './collect'
import {
  countWord, dateSpan, daysBetween, joinList, localToday, longDate, monthDay, ordinalLead, paragraphsOf, romanNumeral, sentence, stripEndPunct, zhNumeral,
} from './format'
import { captions } from './labels'
import { alumniNote } from './names'

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
  /** source, editor, reviewer and date at the end */
  | { kind: 'sign'; lines: string[] }

export interface TripReportOptions {
  lang: Lang
  /** the report's date, yyyy-MM-dd; today when left out */
  date?: string
}

/** Organisation kinds met as regional platforms rather than as employers. */
const PLATFORM_KINDS: ReadonlySet<Organization['kind']> = new Set(['devZoneCommittee', 'industrialPark', 'government'])
/** Intentions that go beyond recruiting: how the reference's "deepening cooperation" is recognised. */
const DEEPENING: ReadonlySet<string> = new Set(['jointTraining', 'customCourse', 'continuingEducation', 'research'])

const num = {
  h1: (i: number, lang: Lang) => (lang === 'zh-CN' ? `${zhNumeral(i)}、` : `${romanNumeral(i)}. `),
  h2: (i: number, lang: Lang) => (lang === 'zh-CN' ? `（${zhNumeral(i)}）` : `(${romanNumeral(i)}) `),
  h3: (i: number, lang: Lang) => (lang === 'zh-CN' ? `${i}.` : `${i}. `),
  item: (i: number, lang: Lang) => (lang === 'zh-CN' ? `（${i}）` : `(${i}) `),
}

/** The user's text may carry its own quotation marks; add them only when it does not. */
function quoted(s: string, lang: Lang): string {
  if (/^[“"「『]/.test(s)) return s
  return lang === 'zh-CN' ? `“${s}”` : `"${s}"`
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function lowerFirst(s: string): string {
  // Keep acronyms and proper names: only lower a capital followed by a lower-case letter.
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s
}

/** 12月3日上午 / Morning of December 3 */
export function whenLabel(a: Pick<Activity, 'date' | 'period'>, lang: Lang): string {
  const day = monthDay(a.date, lang)
  const period = enumLabel('period', a.period, lang)
  if (lang === 'zh-CN') return `${day}${period}`
  return a.period === 'allDay' ? `${day} (all day)` : `${period} of ${day}`
}

/** A person met, as prose names them: 总经理舒雪艳 / Shu Xueyan, General Manager */
function personInProse(c: Contact, lang: Lang): string {
  if (!c.position) return c.name
  return lang === 'zh-CN' ? `${c.position}${c.name}` : `${c.name}, ${c.position}`
}

type Group = 'cooperation' | 'alumni' | 'influence'

/**
 * Splits the trip's summary: the first paragraph opens the report; a later
 * paragraph may start with a label ("学院形象与影响：…", "Alumni liaison: …")
 * naming the line of work it belongs to. Unlabelled later paragraphs speak of
 * the trip as a whole and go with the school's influence.
 */
export function splitSummary(summary: string): { lead: string | null; groups: Record<Group, string[]> } {
  const paras = paragraphsOf(summary)
  const groups: Record<Group, string[]> = { cooperation: [], alumni: [], influence: [] }
  const labelled = (p: string) => /^([^：:。.;；]{1,60})[：:]\s*(.+)$/su.exec(p)
  let lead: string | null = null
  paras.forEach((p, i) => {
    const m = labelled(p)
    if (i === 0 && !m) {
      lead = p
      return
    }
    if (!m) {
      groups.influence.push(p)
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
    groups[group].push(upperFirst(body.trim()))
  })
  return { lead, groups }
}

/** The lines of the outlook that restate the plan as a numbered list (一、… / 1. …). */
const NUMBERED_LINE = /^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[.、．)]|[（(][一二三四五六七八九十\d]+[）)])/u

interface Ctx {
  input: TripReportInput
  lang: Lang
  look: TripLookup
}

function orgNames(ids: readonly string[], c: Ctx): string {
  return joinList(c.look.orgs(ids).map((o) => o.name), c.lang)
}

function intentionList(values: readonly string[], lang: Lang): string {
  return joinList(values.map((v) => enumLabel('cooperationCategory', v, lang)), lang)
}

function reportTitle(c: Ctx): string {
  const { trip, leader } = c.input
  if (leader && c.lang === 'zh-CN' && trip.title.startsWith('赴') && !trip.title.includes(leader.name)) return `${leader.name}带队${trip.title}`
  if (leader && c.lang === 'en' && /^delegation\b/i.test(trip.title) && !trip.title.includes(leader.name)) {
    return `${leader.name} Leads a ${upperFirst(trip.title)}`
  }
  return trip.title
}

function generatedLead(c: Ctx): string {
  const { trip, leader, totals, settings } = c.input
  const { lang } = c
  const days = daysBetween(trip.startDate, trip.endDate) + 1
  const activities = c.input.activities.length
  if (lang === 'zh-CN') {
    const who = leader ? `${settings.school}${leader.title}${leader.name}带队` : `${settings.school}代表团`
    const where = trip.destinations.length ? `赴${joinList(trip.destinations, lang)}` : ''
    const theme = trip.theme ? `，以${quoted(trip.theme, lang)}为主题` : ''
    return `${dateSpan(trip.startDate, trip.endDate, lang)}，${who}${where}${theme}开展系列活动。此行历时${days}天，走访企业及单位${totals.enterprisesVisited}家，开展活动${activities}项。`
  }
  const who = leader ? `${leader.name}${leader.title ? `, ${leader.title}` : ''}, led a delegation of the ${settings.school || 'School'}` : `A delegation of the ${settings.school || 'School'} travelled`
  const where = trip.destinations.length ? ` to ${joinList(trip.destinations, lang)}` : ''
  const theme = trip.theme ? ` under the theme ${quoted(trip.theme, lang)}` : ''
  return `From ${dateSpan(trip.startDate, trip.endDate, lang)}, ${who}${where}${theme}. Over ${days} days the delegation visited ${totals.enterprisesVisited} enterprises and organisations in ${activities} activities.`
}

function delegationText(c: Ctx): string | null {
  const { leader, members } = c.input
  const { lang } = c
  const others = members.filter((m) => m.staff.id !== leader?.id)
  const describe = (name: string, title: string, role: string) => {
    const bits = [title, role].filter(Boolean)
    if (!bits.length) return name
    return lang === 'zh-CN' ? `${name}（${bits.join('，')}）` : `${name} (${bits.join('; ')})`
  }
  const list = joinList(others.map((m) => describe(m.staff.name, m.staff.title, m.role === 'member' ? '' : enumLabel('memberRole', m.role, lang))), lang)
  if (lang === 'zh-CN') {
    if (leader && list) return `代表团由${leader.title}${leader.name}带队，成员包括${list}。`
    if (leader) return `代表团由${leader.title}${leader.name}带队。`
    return list ? `代表团成员包括${list}。` : null
  }
  const head = leader ? `The delegation was led by ${describe(leader.name, leader.title, '')}` : ''
  if (head && list) return `${head}; its members were ${list}.`
  if (head) return `${head}.`
  return list ? `Members of the delegation were ${list}.` : null
}

function objectivesText(c: Ctx): string | null {
  const { objectives } = c.input.trip
  const { lang } = c
  if (!objectives.length) return null
  if (lang === 'zh-CN') {
    return `此次活动围绕${countWord(objectives.length, lang)}条主线展开：${objectives.map((o, i) => `${ordinalLead(i, lang)}${stripEndPunct(o)}`).join('；')}。`
  }
  const lines = objectives.map((o, i) => `${ordinalLead(i, lang)}, ${lowerFirst(stripEndPunct(o))}`).join('; ')
  return `The activities focused on ${countWord(objectives.length, lang)} main line${objectives.length > 1 ? 's' : ''} of work: ${lines}.`
}

/** Chinese titles of forums and ceremonies are nouns; in a list of what was done they need a verb. */
const ZH_VERB = /^(走访|拜访|召开|举行|举办|参加|出席|座谈|考察|调研|会见|参观|看望|慰问|赴|与)/u

function itineraryPhrase(a: Activity, lang: Lang): string {
  const title = stripEndPunct(a.title)
  if (lang !== 'zh-CN' || ZH_VERB.test(title)) return title
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
    const cities = [...new Set(slot.map((a) => a.city).filter(Boolean))]
    const where = cities.length ? (lang === 'zh-CN' ? `（${cities.join('、')}）` : ` (${cities.join(', ')})`) : ''
    const what = slot.map((a) => itineraryPhrase(a, lang)).join(lang === 'zh-CN' ? '；' : '; ')
    out.push({ kind: 'p', lead: `${whenLabel(slot[0], lang)}${where}${lang === 'zh-CN' ? '：' : ': '}`, text: sentence(what, lang) })
  }
  return out
}

function figuresSentence(c: Ctx): string {
  const { totals } = c.input
  const { lang } = c
  const forums = totals.activitiesByKind.forum ?? 0
  if (lang === 'zh-CN') {
    const parts = [`走访企业及单位${totals.enterprisesVisited}家`]
    if (forums) parts.push(`召开座谈会${forums}场`)
    if (totals.agreements) parts.push(`签约及揭牌协议${totals.agreements}项${totals.internshipBases ? `（其中实习基地${totals.internshipBases}个）` : ''}`)
    if (totals.alumniGroupsFounded) parts.push(`成立校友组织${totals.alumniGroupsFounded}个`)
    if (totals.peopleMet) parts.push(`会见企业负责人、校友等${totals.peopleMet}人`)
    if (totals.positionsOffered) parts.push(`获得就业岗位${totals.positionsOffered}个`)
    return `此行共${parts.join('，')}，在多个方面取得了实质性成果。`
  }
  const parts = [`visited ${totals.enterprisesVisited} enterprises and organisations`]
  if (forums) parts.push(`held ${forums} forum${forums > 1 ? 's' : ''}`)
  if (totals.agreements) parts.push(`signed or unveiled ${totals.agreements} agreement${totals.agreements > 1 ? 's' : ''}${totals.internshipBases ? ` (${totals.internshipBases} internship base${totals.internshipBases > 1 ? 's' : ''})` : ''}`)
  if (totals.alumniGroupsFounded) parts.push(`set up ${totals.alumniGroupsFounded} alumni organisation${totals.alumniGroupsFounded > 1 ? 's' : ''}`)
  if (totals.peopleMet) parts.push(`met ${totals.peopleMet} business leaders, alumni and officials`)
  if (totals.positionsOffered) parts.push(`secured ${totals.positionsOffered} job positions`)
  return `In all, the delegation ${joinList(parts, lang)}, achieving substantial results across several lines of work.`
}

function isPlatform(a: Activity, c: Ctx): boolean {
  return c.look.orgs(a.organizationIds).some((o) => PLATFORM_KINDS.has(o.kind))
}

interface Item {
  title: string
  blocks: Block[]
}

/** 1. Jobs: every enterprise visited, who was met, what was agreed. */
function jobsItem(c: Ctx): Item | null {
  const { lang, look } = c
  const t = captions(lang).report.items
  const visits = c.input.activities.filter((a) => VISIT_KINDS.has(a.kind) && !isPlatform(a, c) && look.orgs(a.organizationIds).length > 0)
  if (!visits.length) return null
  const visited = new Map<string, Organization>()
  const platforms = new Map<string, Organization>()
  const recruiting = new Set<string>()
  for (const a of c.input.activities) {
    if (!VISIT_KINDS.has(a.kind)) continue
    for (const o of look.orgs(a.organizationIds)) {
      ;(PLATFORM_KINDS.has(o.kind) ? platforms : visited).set(o.id, o)
      if (a.intentions.includes('recruitment')) recruiting.add(o.id)
    }
  }
  const all = visited.size + platforms.size
  const positions = c.input.totals.positionsOffered
  const blocks: Block[] = []
  if (lang === 'zh-CN') {
    const scope = platforms.size ? `企业${visited.size}家、开发区及园区等单位${platforms.size}家` : `企业${visited.size}家`
    const agreed = recruiting.size === all && all > 1 ? `均就招聘毕业生达成积极意向` : recruiting.size ? `其中${recruiting.size}家就招聘毕业生达成积极意向` : ''
    blocks.push({ kind: 'p', text: `代表团走访${scope}${agreed ? `，${agreed}` : ''}${positions ? `，共获得就业岗位${positions}个` : ''}。` })
  } else {
    const ents = `${visited.size} enterprise${visited.size === 1 ? '' : 's'}`
    const scope = platforms.size ? `${ents} and ${platforms.size} ${platforms.size === 1 ? 'development zone, park or agency' : 'development zones, parks or agencies'}` : ents
    const agreed = recruiting.size === all && all > 1 ? 'positive intentions on recruiting graduates were reached with all of them' : recruiting.size ? `positive intentions on recruiting graduates were reached with ${recruiting.size} of them` : ''
    blocks.push({ kind: 'p', text: `The delegation visited ${scope}${agreed ? `; ${agreed}` : ''}${positions ? `, securing ${positions} job positions` : ''}.` })
  }
  visits.forEach((a, i) => {
    const orgs = look.orgs(a.organizationIds)
    const alumni = orgs.some((o) => o.alumniFounded)
    const people = look.contacts(a.contactIds)
    const parts: string[] = []
    if (lang === 'zh-CN') {
      if (people.length) parts.push(`会见${joinList(people.map((p) => personInProse(p, lang)), lang)}`)
      // The outcome usually says what was agreed; the bare list of intentions is for visits recorded without one.
      if (a.intentions.length && !a.outcomes.trim()) parts.push(`达成${intentionList(a.intentions, lang)}等合作意向`)
      if (a.positionsOffered) {
        const jobs = a.jobTitles.length ? `（${joinList(a.jobTitles, lang)}）` : ''
        const majors = a.majorsWanted.length ? `，需求专业为${joinList(a.majorsWanted, lang)}` : ''
        parts.push(`提供就业岗位${a.positionsOffered}个${jobs}${majors}`)
      }
      const lead = `${num.item(i + 1, lang)}${orgs.map((o) => o.name).join('、')}（${whenLabel(a, lang)}${alumni ? '，校友企业' : ''}）：`
      blocks.push({ kind: 'p', lead, text: [parts.length ? sentence(parts.join('；'), lang) : '', a.outcomes.trim()].filter(Boolean).join('') })
    } else {
      if (people.length) parts.push(`met ${joinList(people.map((p) => personInProse(p, lang)), lang)}`)
      if (a.intentions.length && !a.outcomes.trim()) parts.push(`intentions reached: ${intentionList(a.intentions, lang).toLowerCase()}`)
      if (a.positionsOffered) {
        const jobs = a.jobTitles.length ? ` (${joinList(a.jobTitles, lang)})` : ''
        const majors = a.majorsWanted.length ? `, for graduates in ${joinList(a.majorsWanted, lang)}` : ''
        parts.push(`${a.positionsOffered} job positions offered${jobs}${majors}`)
      }
      const lead = `${num.item(i + 1, lang)}${orgs.map((o) => o.name).join(', ')} (${whenLabel(a, lang)}${alumni ? ', alumni-founded' : ''}): `
      blocks.push({ kind: 'p', lead, text: [parts.length ? sentence(upperFirst(parts.join('; ')), lang) : '', a.outcomes.trim()].filter(Boolean).join(' ') })
    }
  })
  return { title: t.jobs, blocks }
}

function agreementSentence(ag: Agreement, c: Ctx): string {
  const { lang, look } = c
  const org = look.org(ag.organizationId)?.name ?? ''
  const scope = joinList(ag.scope.map((s) => enumLabel('agreementScope', s, lang)), lang)
  const kind = enumLabel('agreementKind', ag.kind, lang)
  if (lang === 'zh-CN') {
    const when = ag.unveiledDate ? `于${longDate(ag.unveiledDate, lang)}揭牌` : ag.signedDate ? `于${longDate(ag.signedDate, lang)}签约` : '签约'
    const bits = [
      scope ? `合作范围包括${scope}` : '',
      ag.capacityPerYear ? `每年可接收学生${ag.capacityPerYear}人` : '',
      ag.majors.length ? `面向${joinList(ag.majors, lang)}等专业` : '',
      ag.endDate ? `协议期至${longDate(ag.endDate, lang)}` : '',
    ].filter(Boolean)
    const kindNote = ag.title.includes(kind) ? '' : `（${kind}）`
    return `${quoted(ag.title, lang)}${kindNote}在${org}${when}${bits.length ? `，${bits.join('，')}` : ''}。`
  }
  const when = ag.unveiledDate ? `was unveiled on ${longDate(ag.unveiledDate, lang)}` : ag.signedDate ? `was signed on ${longDate(ag.signedDate, lang)}` : 'was agreed'
  const bits = [
    scope ? `its scope covers ${scope.toLowerCase()}` : '',
    ag.capacityPerYear ? `it can take ${ag.capacityPerYear} students a year` : '',
    ag.majors.length ? `it serves ${joinList(ag.majors, lang)}` : '',
    ag.endDate ? `the agreement runs to ${longDate(ag.endDate, lang)}` : '',
  ].filter(Boolean)
  const kindNote = ag.title.toLowerCase().includes(kind.toLowerCase()) ? '' : ` (${kind.toLowerCase()})`
  return `The ${quoted(ag.title, lang)}${kindNote} at ${org} ${when}${bits.length ? `; ${bits.join('; ')}` : ''}.`
}

/** 2. Internship bases and other agreements, with what the ceremony said of them. */
function basesItem(c: Ctx): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const list = c.input.agreements
  if (!list.length) return null
  const blocks: Block[] = list.map((ag, i) => {
    const at = c.input.activities.find((a) => a.agreementIds.includes(ag.id))
    const text = [agreementSentence(ag, c), at?.outcomes.trim() ?? ''].filter(Boolean).join(lang === 'zh-CN' ? '' : ' ')
    return list.length > 1 ? { kind: 'p', lead: num.item(i + 1, lang), text } : { kind: 'p', text }
  })
  const bases = list.some((a) => a.kind === 'internshipBase' || a.kind === 'employmentBase')
  return { title: bases ? t.bases : lang === 'zh-CN' ? '合作协议签署落地' : 'Cooperation Agreements Signed', blocks }
}

/** 3. Cooperation beyond recruiting: joint training, custom courses, continuing education, research. */
function deepeningItem(c: Ctx, printedInJobs: ReadonlySet<string>): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const acts = c.input.activities.filter((a) => a.kind !== 'ceremony' && a.intentions.some((x) => DEEPENING.has(x)) && c.look.orgs(a.organizationIds).length > 0)
  if (!acts.length) return null
  const blocks: Block[] = acts.map((a, i) => {
    const topics = intentionList(a.intentions.filter((x) => DEEPENING.has(x)), lang)
    const orgs = orgNames(a.organizationIds, c)
    // A visit's topics and outcomes were told under item 1; other activities tell them here.
    const detail = printedInJobs.has(a.id) ? '' : [a.topics.trim() ? sentence(a.topics, lang) : '', a.outcomes.trim()].filter(Boolean).join(lang === 'zh-CN' ? '' : ' ')
    const head = lang === 'zh-CN' ? `${whenLabel(a, lang)}，与${orgs}围绕${topics}等深化合作事项进行了探讨。` : `${whenLabel(a, lang)}: with ${orgs}, the delegation discussed deeper cooperation in ${topics.toLowerCase()}.`
    return { kind: 'p', lead: num.item(i + 1, lang), text: [head, detail].filter(Boolean).join(lang === 'zh-CN' ? '' : ' ') }
  })
  return { title: t.deepening, blocks }
}

/** 4. Development zones, parks and agencies: platforms that open a whole cluster of employers. */
function platformsItem(c: Ctx): Item | null {
  const { lang, look } = c
  const t = captions(lang).report.items
  const acts = c.input.activities.filter((a) => VISIT_KINDS.has(a.kind) && isPlatform(a, c))
  if (!acts.length) return null
  const blocks: Block[] = acts.map((a, i) => {
    const people = look.contacts(a.contactIds)
    const met = people.length ? (lang === 'zh-CN' ? `会见${joinList(people.map((p) => personInProse(p, lang)), lang)}。` : `The delegation met ${joinList(people.map((p) => personInProse(p, lang)), lang)}.`) : ''
    const lead = lang === 'zh-CN' ? `${acts.length > 1 ? num.item(i + 1, lang) : ''}${orgNames(a.organizationIds, c)}（${whenLabel(a, lang)}）：` : `${acts.length > 1 ? num.item(i + 1, lang) : ''}${orgNames(a.organizationIds, c)} (${whenLabel(a, lang)}): `
    const text = [met, a.topics.trim() ? sentence(a.topics, lang) : '', a.outcomes.trim()].filter(Boolean).join(lang === 'zh-CN' ? '' : ' ')
    return { kind: 'p', lead, text }
  })
  return { title: t.platforms, blocks }
}

function isAlumniActivity(a: Activity, c: Ctx): boolean {
  return a.intentions.includes('alumni') || a.alumniGroupIds.length > 0 || c.look.contacts(a.contactIds).some((p) => p.alumni !== null)
}

/** Forums with alumni and the consensus they reached. */
function forumsItem(c: Ctx): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const forums = c.input.activities.filter((a) => a.kind === 'forum' && isAlumniActivity(a, c))
  if (!forums.length) return null
  const blocks: Block[] = forums.map((a, i) => {
    const where = a.city && !a.title.includes(a.city) ? (lang === 'zh-CN' ? `在${a.city}` : ` in ${a.city}`) : ''
    const head = lang === 'zh-CN' ? `${whenLabel(a, lang)}，${where}召开${stripEndPunct(a.title)}。` : `${whenLabel(a, lang)}: ${stripEndPunct(a.title)}${where}.`
    const consensus = a.consensus.trim() ? (lang === 'zh-CN' ? `会议达成共识：${sentence(a.consensus, lang)}` : `Consensus: ${sentence(a.consensus, lang)}`) : ''
    const text = [head, a.topics.trim() ? sentence(a.topics, lang) : '', consensus, a.outcomes.trim()].filter(Boolean).join(lang === 'zh-CN' ? '' : ' ')
    return forums.length > 1 ? { kind: 'p', lead: num.item(i + 1, lang), text } : { kind: 'p', text }
  })
  return { title: t.forums, blocks }
}

function groupSentence(g: AlumniGroup, c: Ctx): string {
  const { lang, look } = c
  const host = look.org(g.hostOrganizationId)?.name
  const leader = look.contact(g.leaderContactId)
  const note = leader ? alumniNote(leader, lang) : ''
  const status = enumLabel('alumniGroupStatus', g.status, lang)
  const founded = g.status === 'established' || g.status === 'registered'
  if (lang === 'zh-CN') {
    const who = leader ? `由${leader.position}${leader.name}${note ? `（${note}）` : ''}担任负责人` : ''
    if (!founded) return `倡议成立${quoted(g.name, lang)}${host ? `（依托${host}）` : ''}，目前${status}${who ? `，${who}` : ''}。`
    const when = g.establishedDate ? `于${monthDay(g.establishedDate, lang)}` : ''
    return `${quoted(g.name, lang)}${when}${host ? `设于${host}` : '成立'}${who ? `，${who}` : ''}。`
  }
  const who = leader ? `${leader.name}${leader.position ? `, ${leader.position}` : ''}${note ? ` (${note})` : ''}, is the person in charge` : ''
  if (!founded) return `The establishment of the ${quoted(g.name, lang)} was proposed${host ? ` with ${host} as host` : ''}; status: ${status.toLowerCase()}${who ? `; ${who}` : ''}.`
  const when = g.establishedDate ? ` on ${monthDay(g.establishedDate, lang)}` : ''
  return `The ${quoted(g.name, lang)} was established${when}${host ? ` at ${host}` : ''}${who ? `; ${who}` : ''}.`
}

/** Alumni organisations proposed or set up, each with its host and person in charge. */
function groupsItem(c: Ctx): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const list = c.input.alumniGroups
  if (!list.length) return null
  // Proposed associations first, as the forum's decision reads: the association, then its liaison offices.
  const order = (g: AlumniGroup) => (g.kind === 'regionalAssociation' ? 0 : 1)
  const sorted = [...list].sort((a, b) => order(a) - order(b))
  const blocks: Block[] = sorted.map((g, i) => (sorted.length > 1 ? { kind: 'p', lead: num.item(i + 1, lang), text: groupSentence(g, c) } : { kind: 'p', text: groupSentence(g, c) }))
  return { title: t.groups, blocks }
}

/** The alumni met, named with class and major. */
function alumniMetItem(c: Ctx): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const seen = new Set<string>()
  const alumni: Contact[] = []
  for (const a of c.input.activities) {
    for (const p of c.look.contacts(a.contactIds)) {
      if (!p.alumni || seen.has(p.id)) continue
      seen.add(p.id)
      alumni.push(p)
    }
  }
  if (!alumni.length) return null
  const who = joinList(
    alumni.map((p) => {
      const org = c.look.org(p.organizationId)?.name
      const note = alumniNote(p, lang)
      return lang === 'zh-CN' ? `${p.name}（${[org, p.position, note].filter(Boolean).join('，')}）` : `${p.name} (${[p.position, org, note].filter(Boolean).join(', ')})`
    }),
    lang,
  )
  const text = lang === 'zh-CN' ? `此行共会见校友${alumni.length}人：${who}。` : `The delegation met ${alumni.length} alumn${alumni.length > 1 ? 'i' : 'us'}: ${who}.`
  return { title: t.alumniMet, blocks: [{ kind: 'p', text }] }
}

function followUpBlock(f: FollowUp, i: number, c: Ctx): Block {
  const { lang, look } = c
  const t = captions(lang)
  const owner = look.staff(f.ownerId)?.name ?? t.tbd
  const due = f.dueDate ? longDate(f.dueDate, lang) : t.tbd
  const org = look.org(f.organizationId)?.name
  const done = f.status === 'done' || f.status === 'dropped'
  const status = enumLabel('followUpStatus', f.status, lang)
  const notes = f.notes.trim() ? sentence(f.notes, lang) : ''
  const result = f.result.trim() ? sentence(f.result, lang) : ''
  if (lang === 'zh-CN') {
    const meta = `责任人：${owner}；完成时限：${due}${org ? `；对接单位：${org}` : ''}${f.status !== 'open' ? `；当前状态：${status}` : ''}`
    return { kind: 'p', lead: `${num.h3(i + 1, lang)}${sentence(f.title, lang)}`, text: `${notes}${done ? result : ''}（${meta}）` }
  }
  const meta = `owner: ${owner}; due: ${due}${org ? `; organisation: ${org}` : ''}${f.status !== 'open' ? `; status: ${status.toLowerCase()}` : ''}`
  return { kind: 'p', lead: `${num.h3(i + 1, lang)}${sentence(f.title, lang)} `, text: [notes, done ? result : '', `(${upperFirst(meta)})`].filter(Boolean).join(' ') }
}

export function tripReportOutline(input: TripReportInput, opts: TripReportOptions): Block[] {
  const { lang } = opts
  const c: Ctx = { input, lang, look: tripLookup(input) }
  const cap = captions(lang)
  const r = cap.report
  const out: Block[] = []
  const summary = splitSummary(input.trip.summary)

  out.push({ kind: 'title', text: reportTitle(c) })
  out.push({ kind: 'p', text: summary.lead ?? generatedLead(c) })

  // 一、 overview and itinerary
  out.push({ kind: 'h1', text: `${num.h1(1, lang)}${r.h1[0]}` })
  for (const text of [delegationText(c), objectivesText(c)]) if (text) out.push({ kind: 'p', text })
  if (input.activities.length) {
    out.push({ kind: 'p', text: lang === 'zh-CN' ? '按时间顺序，主要行程如下：' : 'The main itinerary in chronological order is as follows:' })
    out.push(...itineraryBlocks(c))
  }

  // 二、 achievements, by line of work
  out.push({ kind: 'h1', text: `${num.h1(2, lang)}${r.h1[1]}` })
  out.push({ kind: 'p', text: figuresSentence(c) })
  const jobs = jobsItem(c)
  const printedInJobs = new Set(input.activities.filter((a) => VISIT_KINDS.has(a.kind) && !isPlatform(a, c)).map((a) => a.id))
  const groups: Array<{ title: string; intro: string[]; items: Item[] }> = [
    { title: r.groups[0], intro: [], items: [jobs, basesItem(c), deepeningItem(c, printedInJobs), platformsItem(c)].filter((x): x is Item => x !== null) },
    { title: r.groups[1], intro: [], items: [forumsItem(c), groupsItem(c), alumniMetItem(c)].filter((x): x is Item => x !== null) },
    { title: r.groups[2], intro: summary.groups.influence, items: [] },
  ]
  // The records tell cooperation and alumni work item by item; a summary paragraph
  // labelled for one of them would repeat it, so it is printed only where the
  // records have nothing to say.
  if (!groups[0].items.length) groups[0].intro = summary.groups.cooperation
  if (!groups[1].items.length) groups[1].intro = summary.groups.alumni
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

  // 三、 experience and next steps
  out.push({ kind: 'h1', text: `${num.h1(3, lang)}${r.h1[2]}` })
  for (const text of paragraphsOf(input.trip.experience)) out.push({ kind: 'p', text })
  if (input.followUps.length) {
    out.push({ kind: 'p', text: lang === 'zh-CN' ? '下一步，学院将重点做好以下工作：' : 'Next, the School will focus on the following tasks:' })
    input.followUps.forEach((f, i) => out.push(followUpBlock(f, i, c)))
  }
  // The follow-up records are the plan, with owners and dates. When the outlook
  // restates that plan as a numbered list of no more items than there are
  // follow-ups, its numbered lines are left out; the rest of it closes the report.
  const outlook = paragraphsOf(input.trip.outlook)
  const numbered = outlook.filter((p) => NUMBERED_LINE.test(p))
  const restated = numbered.length > 0 && numbered.length <= input.followUps.length
  for (const text of outlook) if (!(restated && NUMBERED_LINE.test(text))) out.push({ kind: 'p', text })

  const s = input.settings.signatures
  const colon = lang === 'zh-CN' ? '：' : ': '
  const date = longDate(opts.date ?? localToday(), lang)
  out.push({
    kind: 'sign',
    lines: [
      s.source ? `${r.source}${colon}${s.source}` : '',
      s.editor ? `${r.editor}${colon}${s.editor}` : '',
      s.reviewer ? `${r.reviewer}${colon}${s.reviewer}` : '',
      `${r.date}${colon}${date}`,
    ].filter(Boolean),
  })
  return out
}

/** The outline as plain text, for tests and for a quick look without Word. */
export function outlineText(blocks: readonly Block[]): string {
  return blocks.map((b) => (b.kind === 'sign' ? b.lines.join('\n') : b.kind === 'p' ? `${b.lead ?? ''}${b.text}` : b.text)).join('\n')
}
