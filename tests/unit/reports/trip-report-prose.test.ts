// @vitest-environment node
// Golden checks of the trip report's prose for the sample trip, read the way a
// supervisor reads it: no sentence twice, no placeholder, every organisation
// visited named, figures only where the records support them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectTripReportInput, visitedOrganizations } from '../../../src/main/reports/collect'
import type { TripReportInput } from '../../../src/main/reports/collect'
import { sentenceKey, sentencesOf } from '../../../src/main/reports/prose'
import { checkTripReport } from '../../../src/main/reports/report-check'
import { outlineText, tripReportOutline } from '../../../src/main/reports/trip-report-text'
import type { Block, ReportKind } from '../../../src/main/reports/trip-report-text'
import { LANGS } from '../../../src/shared/enums'
import type { Lang } from '../../../src/shared/enums'
import { openSampleTrip, SAMPLE_TRIP_ID } from './fixtures'
import type { SampleTrip } from './fixtures'

const PLACEHOLDER = /待定|待补充|[Tt]o be decided|\bTBD\b|\bN\/A\b|\bundefined\b|\bnull\b|\bNaN\b/

function body(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : []))
}

function repeatedSentences(blocks: Block[], lang: Lang): string[] {
  const seen = new Set<string>()
  const twice: string[] = []
  for (const p of body(blocks)) {
    for (const s of sentencesOf(p, lang)) {
      const k = sentenceKey(s)
      if (seen.has(k)) twice.push(s)
      seen.add(k)
    }
  }
  return twice
}

async function reload(s: SampleTrip): Promise<TripReportInput> {
  const totals = await s.app.call('trips.totals', { id: SAMPLE_TRIP_ID })
  return collectTripReportInput(s.app.core.store.data, SAMPLE_TRIP_ID, totals)
}

describe.each(LANGS)('trip report prose of the sample trip (%s)', (lang) => {
  let s: SampleTrip
  const text = (kind: ReportKind, input = s.input) => outlineText(tripReportOutline(input, { lang, date: '2025-12-07', kind }))
  beforeAll(async () => {
    s = await openSampleTrip(lang)
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it.each(['news', 'work'] as const)('says no sentence twice and holds no placeholder (%s)', (kind) => {
    const blocks = tripReportOutline(s.input, { lang, date: '2025-12-07', kind })
    expect(repeatedSentences(blocks, lang)).toEqual([])
    expect(outlineText(blocks)).not.toMatch(PLACEHOLDER)
  })

  it('names every organisation visited', () => {
    for (const o of visitedOrganizations(s.input)) expect(text('news')).toContain(o.name)
  })

  it('says the outcome the enterprises share once, then only what differs', () => {
    const t = text('news')
    if (lang === 'zh-CN') {
      expect(t).toContain('等7家企业均就招聘南昌大学特别是资源与环境学院相关专业毕业生达成积极意向。')
      expect(t.match(/毕业生达成积极意向/g)).toHaveLength(1)
      // Three people said the same: once, each with their company, not once per company.
      expect(t).toContain('其中，上海卓然工程技术股份有限公司詹益斌博士、江苏申储新材料有限公司彭海泉、必普帕洛洛（江苏）工程技术有限公司舒雪艳总经理均明确表达了招收优秀学子的迫切愿望。')
      expect(t.match(/明确表达了招收优秀学子的迫切愿望/g)).toHaveLength(1)
      expect(t).toContain('（1）上海卓然工程技术股份有限公司：代表团会见了企业负责人詹益斌博士。\n')
      // What else was discussed there is told once, under 合作内涵 (item 3), as the reference does.
      expect(t).toContain('12月3日上午，在与上海卓然工程技术股份有限公司的交流中，双方探讨了校企联合培养人才和定制课程的可能性。')
      expect(t.match(/定制课程/g)).toHaveLength(1)
    } else {
      expect(t).toContain('The same outcome was recorded with all 7 enterprises visited (')
      expect(t.match(/positive intention reached on recruiting graduates/gi)).toHaveLength(1)
      expect(t).toContain('The delegation met Dr. Zhan Yibin, Responsible person.\n')
      expect(t).toContain('in the talks with Shanghai Zhuoran Engineering Technology Co., Ltd., the two sides discussed the possibility of joint university-enterprise talent training and customized courses.')
      expect(t.match(/customized courses/g)).toHaveLength(1)
      expect(t).toContain('Dr. Zhan Yibin (Shanghai Zhuoran Engineering Technology Co., Ltd.), Peng Haiquan (Jiangsu Shenchu New Materials Co., Ltd.) and General Manager Shu Xueyan (Beep Palolo Jiangsu Engineering Technology Co., Ltd.) all expressed eagerness to recruit outstanding students.')
      expect(t.match(/expressed eagerness to recruit outstanding students/g)).toHaveLength(1)
    }
  })

  it('states no figure the records do not support: no positions, no alumni count, nothing signed', () => {
    const t = text('news')
    expect(t).not.toMatch(/岗位0|0个岗位|0 (job )?positions|会见校友|met \d+ alumn|签约|signed/)
    expect(t).not.toMatch(/参会校友约|alumni attended/)
  })

  it('gives outcome notes typed without a subject one, and sets an English headline in headline capitals', () => {
    const t = text('news')
    if (lang === 'zh-CN') {
      expect(t).toContain('双方还探讨了前瞻性合作议题')
      expect(t).not.toMatch(/。探讨了/)
    } else {
      expect(t).toContain('the two sides discussed the possibility of joint university-enterprise talent training')
      expect(t).not.toMatch(/\. Discussed /)
      expect(t.split('\n')[0]).toBe('Secretary Wang Likun Leads a Delegation to Shanghai and Nantong for a Series of University-Enterprise Cooperation Activities')
    }
  })

  it('puts the leader in the headline and the department in the delegation, without nested brackets', () => {
    const t = text('news')
    if (lang === 'zh-CN') {
      expect(t.split('\n')[0]).toBe('王立坤书记带队赴上海、南通开展校企合作系列活动')
      expect(t).toContain('王琪璐（党政办公室工作人员）')
    } else {
      expect(t.split('\n')[0]).toMatch(/^Secretary Wang Likun Leads a Delegation/)
      expect(t).toContain('Wang Qilu (Staff member, Party and Government Office)')
    }
    expect(t).not.toMatch(/（[^（）\n]*（[^（）\n]*）[^（）\n]*）|））|\)\)|Consensus: Unanimous/)
  })

  it('keeps the labelled summary paragraphs, the sub-points of (三) and the closing paragraph', () => {
    const t = text('news')
    const closing = lang === 'zh-CN' ? '王立坤书记此次带队出访' : "Secretary Wang Likun's leadership of this delegation"
    const sub = lang === 'zh-CN' ? '3.拓展对外合作网络' : "3. Expanding the external cooperation network"
    expect(t).toContain(closing)
    expect(t).toContain(sub)
    expect(t).toContain(lang === 'zh-CN' ? '国家战略性新兴产业领域企业' : 'high-end equipment manufacturing')
  })

  it('uses forum attendance and recorded positions where someone entered them', async () => {
    const forum = s.input.activities.find((a) => a.kind === 'forum' && a.alumniGroupIds.length > 0)
    const visit = s.input.activities.find((a) => a.organizationIds.includes('org-shenchu'))
    if (!forum || !visit) throw new Error('sample changed')
    await s.app.call('activities.update', { id: forum.id, changes: { alumniAttendeesCount: 30 } })
    await s.app.call('activities.update', { id: visit.id, changes: { positionsOffered: 12, jobTitles: [lang === 'zh-CN' ? '工艺工程师' : 'process engineer'] } })
    const t = text('news', await reload(s))
    if (lang === 'zh-CN') {
      expect(t).toContain('参会校友约30人')
      expect(t).toContain('获得就业岗位12个（另有7次走访未统计岗位数）')
      expect(t).toContain('企业提供工艺工程师等就业岗位12个')
    } else {
      expect(t).toContain('About 30 alumni attended.')
      expect(t).toContain('secured 12 job positions (not counted for 7 visits)')
    }
    await s.app.call('activities.update', { id: forum.id, changes: { alumniAttendeesCount: null } })
    await s.app.call('activities.update', { id: visit.id, changes: { positionsOffered: null, jobTitles: [] } })
  })

  it('the work report has the follow-up table and the annex of organisations and contacts; the check lists what it leaves out', () => {
    const blocks = tripReportOutline(s.input, { lang, date: '2025-12-07', kind: 'work' })
    const tables = blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')
    expect(tables).toHaveLength(2)
    expect(tables[0].rows).toHaveLength(s.input.followUps.length)
    expect(tables[1].rows.map((r) => r[2])).toEqual(expect.arrayContaining(visitedOrganizations(s.input).map((o) => (lang === 'en' && o.nameEn ? o.nameEn : o.name))))
    const gaps = checkTripReport(s.input, { lang, kind: 'work', date: '2025-12-07' })
    for (const f of s.input.followUps) {
      expect(gaps).toContainEqual(expect.objectContaining({ collection: 'followUps', id: f.id, field: 'ownerId', problem: 'missing' }))
      expect(gaps).toContainEqual(expect.objectContaining({ collection: 'followUps', id: f.id, field: 'dueDate', problem: 'missing' }))
    }
    expect(gaps).toContainEqual(expect.objectContaining({ collection: 'contacts', id: 'ctc-zhan-yibin', field: 'phone' }))
    expect(gaps).toContainEqual(expect.objectContaining({ collection: 'activities', field: 'positionsOffered' }))
    expect(checkTripReport(s.input, { lang, kind: 'news' })).toContainEqual(expect.objectContaining({ collection: 'report', field: 'date' }))
  })
})

describe('an English report of a trip entered in Chinese', () => {
  let s: SampleTrip
  beforeAll(async () => {
    s = await openSampleTrip('zh-CN')
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('romanises names, and every Chinese text it still holds is listed by the check', () => {
    const text = outlineText(tripReportOutline(s.input, { lang: 'en', date: '2025-12-07', kind: 'news' }))
    expect(text).toContain('Wang Likun')
    expect(text).toContain('Dr. Zhan Yibin')
    expect(text).toContain('Editor: Liu Jun')
    const gaps = checkTripReport(s.input, { lang: 'en', kind: 'news', date: '2025-12-07' })
    expect(gaps.filter((g) => g.problem === 'notEnglish').length).toBeGreaterThan(10)
    const bare = (t: string) => t.replace(/[（）“”、]/g, '')
    const flagged = gaps.filter((g) => g.problem === 'notEnglish').map((g) => bare(g.name))
    for (const run of text.match(/[\p{Script=Han}（）“”、]+/gu) ?? []) {
      const han = bare(run)
      if (!han) continue
      expect(flagged.some((name) => name.includes(han)), han).toBe(true)
    }
  })

  it('numbers the items it keeps without gaps, prints no heading with nothing under it, and says a kind without a name as a kind', () => {
    const blocks = tripReportOutline(s.input, { lang: 'en', date: '2025-12-07', kind: 'news' })
    // Items (1) (2) … run on from 1 under each heading, even where a repeated sentence emptied one.
    let expected = 1
    for (const b of blocks) {
      if (b.kind === 'h1' || b.kind === 'h2' || b.kind === 'h3') expected = 1
      const lead = b.kind === 'p' ? (b.lead ?? '') : ''
      const m = /^\((\d+)\) /.exec(lead)
      if (m) expect(Number(m[1]), lead).toBe(expected++)
    }
    // The experience and outlook are in Chinese only: section III has nothing to say in English, so it is not printed.
    blocks.forEach((b, i) => {
      if (b.kind !== 'h1') return
      const next = blocks[i + 1]
      expect(next && next.kind !== 'h1' && next.kind !== 'sign', b.text).toBe(true)
    })
    const text = outlineText(blocks)
    expect(text).not.toMatch(/"(Regional alumni association|Professional liaison office|Internship base)"/)
    expect(text).toContain('A professional liaison office was established on December 3')
    // An appositive takes commas on both sides; a bracketed note alone takes none.
    expect(text).toContain('Luo Xiaoqiu (alumnus, class of 2001) is the person in charge')
    expect(text).not.toMatch(/\), is the person|\w, is the person/)
  })

  it('uses the English fields once they are filled in, and the check no longer lists them', async () => {
    const orgs = s.input.organizations
    for (const o of orgs) await s.app.call('organizations.update', { id: o.id, changes: { nameEn: `Org ${o.id}` } })
    await s.app.call('trips.update', { id: SAMPLE_TRIP_ID, changes: { titleEn: 'Delegation to Shanghai and Nantong' } })
    const input = await reload(s)
    const text = outlineText(tripReportOutline(input, { lang: 'en', date: '2025-12-07', kind: 'news' }))
    expect(text).toContain('Org org-zhuoran')
    expect(text.split('\n')[0]).toBe('Wang Likun Leads a Delegation to Shanghai and Nantong')
    const gaps = checkTripReport(input, { lang: 'en', kind: 'news', date: '2025-12-07' })
    expect(gaps.some((g) => g.collection === 'organizations')).toBe(false)
    expect(gaps.some((g) => g.collection === 'trips' && g.field === 'titleEn')).toBe(false)
  })
})
