// 二、 of the trip report: what was achieved, line of work by line of work,
// stated only as far as the records go. Each item is a numbered sub-point
// (1. 就业岗位有效拓展 …) with its paragraphs.
import type { Activity, Agreement, AlumniGroup, Contact, Organization } from '../../shared/domain'
import { enumLabel } from '../../shared/enums'
import type { Lang } from '../../shared/enums'
import { VISIT_KINDS } from './collect'
import { joinList, longDate, monthDay, sentence, stripEndPunct } from './format'
import { captions } from './labels'
import { alumniNote, inLang, nameWithHonorific, positionOf, romanizeName } from './names'
import { leadClause, lowerFirst, outcomeWithSubject, sentenceKey, topicsSentence } from './prose'
import { activityTitle, orgName, orgNames, outcomesOf, whenLabel } from './report-context'
import type { Ctx } from './report-context'
import type { Block } from './trip-report-text'

export interface Item {
  title: string
  blocks: Block[]
}

/** Organisation kinds met as regional platforms rather than as employers. */
const PLATFORM_KINDS: ReadonlySet<Organization['kind']> = new Set(['devZoneCommittee', 'industrialPark', 'government'])
/** Intentions that go beyond recruiting: how the reference's "deepening cooperation" is recognised. */
const DEEPENING: ReadonlySet<string> = new Set(['jointTraining', 'customCourse', 'continuingEducation', 'research'])

const item = (i: number, lang: Lang) => (lang === 'zh-CN' ? `（${i}）` : `(${i}) `)
const zh = (c: Ctx) => c.lang === 'zh-CN'
const glue = (c: Ctx) => (zh(c) ? '' : ' ')

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** "an internship base", "a professional liaison office" */
function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`
}

/** The user's text may carry its own quotation marks; add them only when it does not. */
export function quoted(s: string, lang: Lang): string {
  if (/^[“"「『]/.test(s)) return s
  return lang === 'zh-CN' ? `“${s}”` : `"${s}"`
}

/** A person met, as prose names them: 企业负责人詹益斌博士 / Dr. Zhan Yibin, Responsible person */
export function personInProse(p: Contact, lang: Lang): string {
  const name = nameWithHonorific(p, lang)
  const position = positionOf(p, lang)
  if (!position) return name
  return lang === 'zh-CN' ? `${position}${name}` : `${name}, ${position}`
}

function intentionList(values: readonly string[], lang: Lang): string {
  return joinList(values.map((v) => enumLabel('cooperationCategory', v, lang)), lang)
}

export function isPlatform(a: Activity, c: Ctx): boolean {
  return c.look.orgs(a.organizationIds).some((o) => PLATFORM_KINDS.has(o.kind))
}

/** Organisations the trip visited (not just met at a forum): an alumni enterprise met only at a forum was invited. */
function visitedIds(c: Ctx): Set<string> {
  const ids = new Set<string>()
  for (const a of c.input.activities) if (VISIT_KINDS.has(a.kind)) a.organizationIds.forEach((id) => ids.add(id))
  return ids
}

/** 必普帕洛洛…及受邀校友企业南通中集… / Beep Palolo … and Nantong CIMC … (an invited alumni enterprise) */
function orgsWithInvited(a: Activity, c: Ctx): string {
  const visited = visitedIds(c)
  const names = c.look.orgs(a.organizationIds).map((o) => {
    const invited = o.alumniFounded && !visited.has(o.id)
    if (!invited) return orgName(o, c.lang)
    return zh(c) ? `受邀校友企业${o.name}` : `${orgName(o, c.lang)} (an invited alumni enterprise)`
  })
  return zh(c) ? names.join('及') : joinList(names, c.lang)
}

const ZH_SHARED_START = /^(就|围绕|在|对|与)/u

/**
 * 1. Jobs: the outcome many companies share said once, then what differs per company. What a visit
 * that item 3 tells of said beyond that (双方还探讨了联合培养…) is told there, not here too:
 * `deferred` hands it over.
 */
export function jobsItem(c: Ctx): { item: Item | null; deferred: Map<string, string> } {
  const { lang, look } = c
  const t = captions(lang).report.items
  const deferred = new Map<string, string>()
  const toDeepening = new Set(deepeningActivities(c).map((a) => a.id))
  const visits = c.input.activities.filter((a) => VISIT_KINDS.has(a.kind) && !isPlatform(a, c) && look.orgs(a.organizationIds).length > 0)
  if (!visits.length) return { item: null, deferred }
  const blocks: Block[] = []

  // The lead clause of the outcomes that most visits share ("就招聘…达成积极意向").
  const byLead = new Map<string, { text: string; visits: Activity[] }>()
  for (const a of visits) {
    const [lead] = leadClause(outcomesOf(a, lang), lang)
    if (!lead) continue
    const key = sentenceKey(lead)
    const entry = byLead.get(key) ?? { text: lead, visits: [] }
    entry.visits.push(a)
    byLead.set(key, entry)
  }
  const shared = [...byLead.values()].filter((e) => e.visits.length > 1 && (!zh(c) || ZH_SHARED_START.test(e.text))).sort((x, y) => y.visits.length - x.visits.length)[0]
  const sharedIds = new Set(shared?.visits.map((a) => a.id) ?? [])
  const enterprises = new Set(visits.flatMap((a) => a.organizationIds))
  const positions = c.input.totals.positionsOffered

  if (zh(c)) {
    const head = `代表团走访企业${enterprises.size}家${positions ? `，共获得就业岗位${positions}个` : ''}。`
    const names = shared ? [...new Set(shared.visits.flatMap((a) => orgNames(a.organizationIds, c)))] : []
    const together = shared ? `与${names.join('、')}${names.length > 2 ? `等${names.length}家企业` : ''}均${shared.text}。` : ''
    blocks.push({ kind: 'p', text: head + together })
  } else {
    const head = `The delegation visited ${enterprises.size} enterprise${enterprises.size === 1 ? '' : 's'}${positions ? `, securing ${positions} job positions` : ''}.`
    const names = shared ? [...new Set(shared.visits.flatMap((a) => orgNames(a.organizationIds, c)))] : []
    const whom = names.length === enterprises.size ? `all ${names.length} enterprises visited` : `${names.length} of them`
    const together = shared ? ` The same outcome was recorded with ${whom} (${joinList(names, lang)}): ${sentence(lowerFirst(shared.text), lang)}` : ''
    blocks.push({ kind: 'p', text: head + together })
  }

  // What several people met said alike ("詹益斌博士明确表达了…", "彭海泉明确表达了…"): once, each with their company.
  const restOf = new Map(visits.map((a) => [a.id, sharedIds.has(a.id) ? leadClause(outcomesOf(a, lang), lang)[1] : outcomesOf(a, lang)]))
  const alike = sameSaying(visits, restOf, c)
  if (alike) {
    const speakers = alike.said.map(({ visit, subject }) => (zh(c) ? `${orgNames(visit.organizationIds, c).join('、')}${subject}` : `${subject} (${joinList(orgNames(visit.organizationIds, c), lang)})`))
    const last = blocks[blocks.length - 1]
    const line = zh(c) ? `其中，${joinList(speakers, lang)}均${alike.predicate}。` : ` ${joinList(speakers, lang)} all ${alike.predicate}.`
    if (last && last.kind === 'p') blocks[blocks.length - 1] = { ...last, text: last.text + line }
    for (const { visit, remainder } of alike.said) restOf.set(visit.id, remainder)
  }

  let n = 0
  for (const a of visits) {
    const orgs = look.orgs(a.organizationIds)
    const people = look.contacts(a.contactIds)
    const outcome = outcomesOf(a, lang)
    const rest = restOf.get(a.id) ?? ''
    const parts: string[] = []
    if (people.length) parts.push(sentence(zh(c) ? `代表团会见了${joinList(people.map((p) => personInProse(p, lang)), lang)}` : `The delegation met ${joinList(people.map((p) => personInProse(p, lang)), lang)}`, lang))
    if (orgs.some((o) => o.alumniFounded) && !/校友|alumni/i.test(rest)) parts.push(zh(c) ? '该企业为校友企业。' : 'It is an alumni-founded enterprise.')
    if (rest && toDeepening.has(a.id)) deferred.set(a.id, rest)
    else if (rest) parts.push(sentence(outcomeWithSubject(zh(c) ? rest : upperFirst(rest), lang, parts.length > 0), lang))
    else if (!outcome && a.intentions.length) parts.push(sentence(zh(c) ? `双方达成${intentionList(a.intentions, lang)}等合作意向` : `Intentions were reached on ${intentionList(a.intentions, lang).toLowerCase()}`, lang))
    if (a.positionsOffered) {
      const jobs = a.jobTitles.map((j) => inLang(lang, j)).filter(Boolean)
      const majors = a.majorsWanted.map((m) => inLang(lang, m)).filter(Boolean)
      parts.push(
        zh(c)
          ? `企业提供${jobs.length ? `${joinList(jobs, lang)}等` : ''}就业岗位${a.positionsOffered}个${majors.length ? `，需求专业为${joinList(majors, lang)}` : ''}。`
          : `The company offered ${a.positionsOffered} job positions${jobs.length ? `, including ${joinList(jobs, lang)}` : ''}${majors.length ? `, for graduates in ${joinList(majors, lang)}` : ''}.`,
      )
    }
    if (!parts.length) continue
    n += 1
    blocks.push({ kind: 'p', lead: `${item(n, lang)}${orgs.map((o) => orgName(o, lang)).join(zh(c) ? '、' : ', ')}${zh(c) ? '：' : ': '}`, text: parts.join(glue(c)) })
  }
  return { item: { title: t.jobs, blocks }, deferred }
}

/** leadClause that does not take the dot of "Dr." or "Co., Ltd." for the end of the clause. */
function firstClause(text: string, lang: Lang): [string, string] {
  if (lang === 'zh-CN') return leadClause(text, lang)
  const t = text.trim()
  const end = /;|\.\s+(?=[A-Z])/g
  for (let m = end.exec(t); m; m = end.exec(t)) {
    if (m[0] !== ';' && /\b(?:Dr|Mr|Mrs|Ms|Prof|Assoc|St|No|Co|Ltd|Inc|Jr|Sr)$/.test(t.slice(0, m.index))) continue
    return [stripEndPunct(t.slice(0, m.index)), t.slice(m.index + m[0].length).trim()]
  }
  return [stripEndPunct(t), '']
}

interface Saying {
  predicate: string
  said: Array<{ visit: Activity; subject: string; remainder: string }>
}

/**
 * The first clause of each visit's remaining outcome, split into the person met who says it (their
 * name as the record writes it, with what stands around it: 詹益斌博士, General Manager Shu Xueyan)
 * and what they said; the predicate most visits share, when two or more share one.
 */
function sameSaying(visits: readonly Activity[], restOf: ReadonlyMap<string, string>, c: Ctx): Saying | null {
  const { lang, look } = c
  const groups = new Map<string, Saying>()
  for (const visit of visits) {
    const rest = restOf.get(visit.id) ?? ''
    const [first, remainder] = firstClause(rest, lang)
    if (!first) continue
    for (const p of look.contacts(visit.contactIds)) {
      const name = lang === 'zh-CN' ? p.name : romanizeName(p.name)
      const at = first.indexOf(name)
      // The name starts the clause, or follows only a title (Dr., General Manager).
      if (at < 0 || at > 24 || (lang === 'zh-CN' && at > 0)) continue
      let end = at + name.length
      if (lang === 'zh-CN') for (const suffix of [p.honorific, p.position].map((x) => x.trim()).filter(Boolean)) if (first.startsWith(suffix, end)) end += suffix.length
      const predicate = first.slice(end).trim()
      if (predicate.length < 4) continue
      const key = sentenceKey(predicate)
      const g = groups.get(key) ?? { predicate, said: [] }
      g.said.push({ visit, subject: first.slice(0, end).trim(), remainder })
      groups.set(key, g)
      break
    }
  }
  return [...groups.values()].filter((g) => g.said.length > 1).sort((x, y) => y.said.length - x.said.length)[0] ?? null
}

function agreementSentence(ag: Agreement, c: Ctx): string {
  const { lang, look } = c
  const o = look.org(ag.organizationId)
  const org = o ? orgName(o, lang) : ''
  const scope = joinList(ag.scope.map((s) => enumLabel('agreementScope', s, lang)), lang)
  const kind = enumLabel('agreementKind', ag.kind, lang)
  const title = inLang(lang, ag.title) || kind
  const majors = ag.majors.map((m) => inLang(lang, m)).filter(Boolean)
  if (zh(c)) {
    const when = ag.unveiledDate ? `于${longDate(ag.unveiledDate, lang)}揭牌` : ag.signedDate ? `于${longDate(ag.signedDate, lang)}签约` : '商定共建'
    const bits = [
      scope ? `合作范围包括${scope}` : '',
      ag.capacityPerYear ? `每年可接收学生${ag.capacityPerYear}人` : '',
      majors.length ? `面向${joinList(majors, lang)}等专业` : '',
      ag.endDate ? `协议期至${longDate(ag.endDate, lang)}` : '',
    ].filter(Boolean)
    return `${quoted(title, lang)}在${org}${when}${bits.length ? `，${bits.join('，')}` : ''}。`
  }
  const when = ag.unveiledDate ? `was unveiled on ${longDate(ag.unveiledDate, lang)}` : ag.signedDate ? `was signed on ${longDate(ag.signedDate, lang)}` : 'was agreed'
  const bits = [
    scope ? `its scope covers ${scope.toLowerCase()}` : '',
    ag.capacityPerYear ? `it can take ${ag.capacityPerYear} students a year` : '',
    majors.length ? `it serves ${joinList(majors, lang)}` : '',
    ag.endDate ? `the agreement runs to ${longDate(ag.endDate, lang)}` : '',
  ].filter(Boolean)
  const subject = inLang(lang, ag.title) ? `The ${quoted(title, lang)}` : upperFirst(withArticle(kind.toLowerCase()))
  return `${subject}${org ? ` at ${org}` : ''} ${when}${bits.length ? `; ${bits.join('; ')}` : ''}.`
}

/** 2. Internship bases and other agreements, with what the ceremony said of them. */
export function basesItem(c: Ctx): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const list = c.input.agreements
  if (!list.length) return null
  const blocks: Block[] = list.map((ag, i) => {
    const at = c.input.activities.find((a) => a.agreementIds.includes(ag.id))
    const text = [agreementSentence(ag, c), at ? sentence(outcomesOf(at, lang), lang) : ''].filter(Boolean).join(glue(c))
    return list.length > 1 ? { kind: 'p', lead: item(i + 1, lang), text } : { kind: 'p', text }
  })
  const bases = list.some((a) => a.kind === 'internshipBase' || a.kind === 'employmentBase')
  return { title: bases ? t.bases : zh(c) ? '合作协议签署落地' : 'Cooperation Agreements Signed', blocks }
}

/** The activities item 3 tells of: cooperation beyond recruiting, with an organisation named. */
function deepeningActivities(c: Ctx): Activity[] {
  return c.input.activities.filter((a) => a.kind !== 'ceremony' && a.intentions.some((x) => DEEPENING.has(x)) && c.look.orgs(a.organizationIds).length > 0)
}

/**
 * 3. Cooperation beyond recruiting: joint training, custom courses, continuing education, research.
 * A visit told under item 1 brings here what its outcomes said beyond the jobs (`deferred`), in
 * place of the topics its intentions name, which would only say the same thing twice.
 */
export function deepeningItem(c: Ctx, printedInJobs: ReadonlySet<string>, deferred: ReadonlyMap<string, string>): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const acts = deepeningActivities(c)
  if (!acts.length) return null
  const blocks: Block[] = acts.map((a, i) => {
    const topics = intentionList(a.intentions.filter((x) => DEEPENING.has(x)), lang)
    const orgs = orgsWithInvited(a, c)
    const told = deferred.get(a.id)
    let text: string
    if (told) {
      // 12月3日上午，在与上海卓然…的交流中，双方还探讨了…: one sentence, not a head that says it too.
      const said = sentence(outcomeWithSubject(zh(c) ? told : upperFirst(told), lang, false), lang)
      text = zh(c) ? `${whenLabel(a, lang)}，在与${orgs}的交流中，${said}` : `${whenLabel(a, lang)}: in the talks with ${orgs}, ${lowerFirst(said)}`
    } else {
      // A visit's outcomes were told under item 1; other activities tell their topics and outcomes here.
      const detail = printedInJobs.has(a.id)
        ? ''
        : [topicsSentence(inLang(lang, a.topics), zh(c) ? '双方' : 'The two sides', lang), sentence(outcomeWithSubject(outcomesOf(a, lang), lang, true), lang)].filter(Boolean).join(glue(c))
      const head = zh(c)
        ? `${whenLabel(a, lang)}，代表团与${orgs}围绕${topics}等深化合作事项进行了探讨。`
        : `${whenLabel(a, lang)}: the delegation and ${orgs} discussed deeper cooperation in ${topics.toLowerCase()}.`
      text = [head, detail].filter(Boolean).join(glue(c))
    }
    return { kind: 'p', lead: acts.length > 1 ? item(i + 1, lang) : undefined, text }
  })
  return { title: t.deepening, blocks }
}

/** 4. Development zones, parks and agencies: platforms that open a whole cluster of employers. */
export function platformsItem(c: Ctx): Item | null {
  const { lang, look } = c
  const t = captions(lang).report.items
  const acts = c.input.activities.filter((a) => VISIT_KINDS.has(a.kind) && isPlatform(a, c))
  if (!acts.length) return null
  const blocks: Block[] = acts.map((a, i) => {
    const people = look.contacts(a.contactIds)
    const where = joinList(orgNames(a.organizationIds, c), lang)
    const head = zh(c)
      ? `${whenLabel(a, lang)}，代表团拜访${where}${people.length ? `，会见了${joinList(people.map((p) => personInProse(p, lang)), lang)}` : ''}。`
      : `${whenLabel(a, lang)}: the delegation called on ${where}${people.length ? ` and met ${joinList(people.map((p) => personInProse(p, lang)), lang)}` : ''}.`
    const text = [head, topicsSentence(inLang(lang, a.topics), zh(c) ? '代表团' : 'The delegation', lang), sentence(outcomeWithSubject(outcomesOf(a, lang), lang, true), lang)].filter(Boolean).join(glue(c))
    return { kind: 'p', lead: acts.length > 1 ? item(i + 1, lang) : undefined, text }
  })
  return { title: t.platforms, blocks }
}

function isAlumniActivity(a: Activity, c: Ctx): boolean {
  return a.intentions.includes('alumni') || a.alumniGroupIds.length > 0 || c.look.contacts(a.contactIds).some((p) => p.alumni !== null)
}

/** 参会人员约40人，其中校友约30人: only the figures somebody recorded. */
function attendance(a: Activity, lang: Lang): string {
  const all = a.attendeesCount
  const alumni = a.alumniAttendeesCount
  if (lang === 'zh-CN') {
    if (all !== null && alumni !== null) return `参会人员约${all}人，其中校友约${alumni}人。`
    if (alumni !== null) return `参会校友约${alumni}人。`
    return all !== null ? `参会人员约${all}人。` : ''
  }
  if (all !== null && alumni !== null) return `About ${all} people attended, some ${alumni} of them alumni.`
  if (alumni !== null) return `About ${alumni} alumni attended.`
  return all !== null ? `About ${all} people attended.` : ''
}

function consensusSentence(text: string, c: Ctx): string {
  const s = stripEndPunct(text)
  if (!s) return ''
  if (zh(c)) return /^(一致|均|共同|大家)/u.test(s) ? sentence(`与会人员${s}`, c.lang) : sentence(`会议达成共识：${s}`, c.lang)
  return /^(unanimous\s+)?consensus\b/i.test(s) ? sentence(`The forum reached a ${lowerFirst(s)}`, c.lang) : sentence(`The forum agreed that ${lowerFirst(s)}`, c.lang)
}

/** Forums with alumni, what they discussed and the consensus they reached. */
export function forumsItem(c: Ctx): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const forums = c.input.activities.filter((a) => a.kind === 'forum' && isAlumniActivity(a, c))
  if (!forums.length) return null
  const blocks: Block[] = forums.map((a, i) => {
    const title = stripEndPunct(activityTitle(a, c))
    const city = inLang(lang, a.city)
    const where = city && !title.includes(city) ? (zh(c) ? `在${city}` : ` in ${city}`) : ''
    const head = zh(c) ? `${whenLabel(a, lang)}，代表团${where}召开${title}。` : `${whenLabel(a, lang)}: ${title}${where}.`
    const text = [
      head,
      attendance(a, lang),
      topicsSentence(inLang(lang, a.topics), zh(c) ? '与会人员' : 'Participants', lang),
      consensusSentence(inLang(lang, a.consensus), c),
      sentence(outcomesOf(a, lang), lang),
    ]
      .filter(Boolean)
      .join(glue(c))
    return forums.length > 1 ? { kind: 'p', lead: item(i + 1, lang), text } : { kind: 'p', text }
  })
  return { title: t.forums, blocks }
}

function groupSentence(g: AlumniGroup, c: Ctx): string {
  const { lang, look } = c
  const hostOrg = look.org(g.hostOrganizationId)
  const host = hostOrg ? orgName(hostOrg, lang) : ''
  const leader = look.contact(g.leaderContactId)
  const note = leader ? alumniNote(leader, lang) : ''
  const status = enumLabel('alumniGroupStatus', g.status, lang)
  const founded = g.status === 'established' || g.status === 'registered'
  const name = inLang(lang, g.name) || enumLabel('alumniGroupKind', g.kind, lang)
  if (zh(c)) {
    const who = leader ? `由${positionOf(leader, lang)}${nameWithHonorific(leader, lang)}${note ? `（${note}）` : ''}担任负责人` : ''
    if (!founded) return `倡议成立${quoted(name, lang)}${host ? `，依托${host}` : ''}，目前${status}${who ? `，${who}` : ''}。`
    const when = g.establishedDate ? `于${monthDay(g.establishedDate, lang)}` : ''
    return `${quoted(name, lang)}${when}${host ? `设于${host}` : '成立'}${who ? `，${who}` : ''}。`
  }
  const position = leader ? positionOf(leader, lang) : ''
  // An appositive position takes a comma on each side; a bracketed note alone takes none.
  const who = leader ? `${nameWithHonorific(leader, lang)}${position ? `, ${position}` : ''}${note ? ` (${note})` : ''}${position ? ',' : ''} is the person in charge` : ''
  // Without an English name the kind is said as a kind, not quoted as if it were the name.
  const named = inLang(lang, g.name)
  if (!founded) return `${named ? `The establishment of the ${quoted(named, lang)} was proposed` : `${upperFirst(withArticle(name.toLowerCase()))} was proposed`}${host ? ` with ${host} as host` : ''}; status: ${status.toLowerCase()}${who ? `; ${who}` : ''}.`
  const when = g.establishedDate ? ` on ${monthDay(g.establishedDate, lang)}` : ''
  return `${named ? `The ${quoted(named, lang)}` : upperFirst(withArticle(name.toLowerCase()))} was established${when}${host ? ` at ${host}` : ''}${who ? `; ${who}` : ''}.`
}

/** Alumni organisations proposed or set up, each with its host and person in charge. */
export function groupsItem(c: Ctx): Item | null {
  const { lang } = c
  const t = captions(lang).report.items
  const list = c.input.alumniGroups
  if (!list.length) return null
  // Proposed associations first, as the forum's decision reads: the association, then its liaison offices.
  const order = (g: AlumniGroup) => (g.kind === 'regionalAssociation' ? 0 : 1)
  const sorted = [...list].sort((a, b) => order(a) - order(b))
  const blocks: Block[] = sorted.map((g, i) => (sorted.length > 1 ? { kind: 'p', lead: item(i + 1, lang), text: groupSentence(g, c) } : { kind: 'p', text: groupSentence(g, c) }))
  return { title: t.groups, blocks }
}
