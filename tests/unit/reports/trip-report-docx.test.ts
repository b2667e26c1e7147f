// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectTripReportInput, visitedOrganizations } from '../../../src/main/reports/collect'
import { tripReportDocx } from '../../../src/main/reports/trip-report-docx'
import { outlineText, splitSummary, tripReportOutline } from '../../../src/main/reports/trip-report-text'
import { docText, openSampleTrip, SAMPLE_TRIP_ID, zipEntry } from './fixtures'
import type { SampleTrip } from './fixtures'

const attr = (xml: string, tag: string, name: string): string | undefined => new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1]

/** The run properties of the first run whose text starts with `text`. */
function runPropsOf(xml: string, text: string): string {
  const i = xml.indexOf(`>${text}`)
  if (i < 0) throw new Error(`no run with ${text}`)
  const start = xml.lastIndexOf('<w:r>', i)
  return xml.slice(start, i)
}

/** The paragraph properties of the paragraph holding `text`. */
function paraPropsOf(xml: string, text: string): string {
  const i = xml.indexOf(`>${text}`)
  const start = xml.lastIndexOf('<w:p>', i)
  return xml.slice(start, xml.indexOf('</w:pPr>', start))
}

describe('trip report in Chinese (GB/T 9704)', () => {
  let s: SampleTrip
  let doc: string
  let footers: string[]
  let fonts: string
  let text: string
  let core: string
  let settings: string
  beforeAll(async () => {
    s = await openSampleTrip('zh-CN')
    const bytes = await tripReportDocx(s.input, { lang: 'zh-CN', date: '2025-12-07' })
    doc = await zipEntry(bytes, 'word/document.xml')
    footers = [await zipEntry(bytes, 'word/footer1.xml'), await zipEntry(bytes, 'word/footer2.xml')]
    fonts = await zipEntry(bytes, 'word/fontTable.xml')
    core = await zipEntry(bytes, 'docProps/core.xml')
    settings = await zipEntry(bytes, 'word/settings.xml')
    text = docText(doc)
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('is A4 with the margins of GB/T 9704 (37/35/28/26 mm)', () => {
    expect(attr(doc, 'w:pgSz', 'w:w')).toBe('11906')
    expect(attr(doc, 'w:pgSz', 'w:h')).toBe('16838')
    expect(attr(doc, 'w:pgMar', 'w:top')).toBe(String(Math.round(37 * 56.7)))
    expect(attr(doc, 'w:pgMar', 'w:bottom')).toBe(String(Math.round(35 * 56.7)))
    expect(attr(doc, 'w:pgMar', 'w:left')).toBe(String(Math.round(28 * 56.7)))
    expect(attr(doc, 'w:pgMar', 'w:right')).toBe(String(Math.round(26 * 56.7)))
  })

  it('sets the title in 22 pt 小标宋, headings in 黑体 and 楷体, body in 仿宋 with Latin in Times New Roman', () => {
    const title = runPropsOf(doc, '王立坤书记带队赴上海')
    expect(title).toContain('w:eastAsia="方正小标宋简体"')
    expect(title).toContain('<w:sz w:val="44"/>')
    const h1 = runPropsOf(doc, '一、活动概况与主要行程')
    expect(h1).toContain('w:eastAsia="黑体"')
    expect(h1).toContain('<w:sz w:val="32"/>')
    const h2 = runPropsOf(doc, '（一）')
    expect(h2).toContain('w:eastAsia="楷体_GB2312"')
    const body = runPropsOf(doc, '代表团由')
    expect(body).toContain('w:eastAsia="仿宋_GB2312"')
    expect(body).toContain('w:ascii="Times New Roman"')
    expect(body).toContain('<w:sz w:val="32"/>')
    expect(runPropsOf(doc, '1.就业岗位有效拓展')).toContain('<w:b/>')
  })

  it('holds 22 lines of 28 characters a page: 579-twip exact lines on a line grid, runs tracked to 28 a line', () => {
    const p = paraPropsOf(doc, '代表团由')
    expect(p).toContain('w:line="579"')
    expect(p).toContain('w:lineRule="exact"')
    expect(p).toContain('w:firstLineChars="200"')
    expect(paraPropsOf(doc, '王立坤书记带队赴上海')).toContain('<w:jc w:val="center"/>')
    // A character grid makes LibreOffice set 15 characters a line: lines only.
    expect(attr(doc, 'w:docGrid', 'w:type')).toBe('lines')
    expect(attr(doc, 'w:docGrid', 'w:linePitch')).toBe('579')
    const height = 16838 - Number(attr(doc, 'w:pgMar', 'w:top')) - Number(attr(doc, 'w:pgMar', 'w:bottom'))
    expect(Math.floor(height / 579)).toBe(22)
    // Each 16 pt body and heading character plus its tracking (twips): 28 fit on the line, 29 do not.
    const width = 11906 - Number(attr(doc, 'w:pgMar', 'w:left')) - Number(attr(doc, 'w:pgMar', 'w:right'))
    for (const text of ['代表团由', '1.就业岗位有效拓展']) {
      const tracking = /<w:spacing w:val="(-?\d+)"\/>/.exec(runPropsOf(doc, text))
      expect(tracking, text).not.toBeNull()
      expect(Math.floor(width / (16 * 20 + Number(tracking?.[1])))).toBe(28)
    }
  })

  it('breaks the title at a sense boundary, not inside a phrase', () => {
    const at = doc.lastIndexOf('<w:p>', doc.indexOf('>王立坤书记带队'))
    const title = doc.slice(at, doc.indexOf('</w:p>', at))
    const lines = [...title.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1])
    expect(lines).toEqual(['王立坤书记带队赴上海、南通', '开展校企合作系列活动'])
  })

  it('numbers odd pages at the right and even pages at the left, one character in, — 1 — in 宋体 4号', () => {
    expect(settings).toContain('<w:evenAndOddHeaders/>')
    expect(doc).toMatch(/<w:footerReference w:type="default"/)
    expect(doc).toMatch(/<w:footerReference w:type="even"/)
    const odd = footers.find((f) => f.includes('<w:jc w:val="right"/>'))
    const even = footers.find((f) => f.includes('<w:jc w:val="left"/>'))
    expect(odd).toContain('<w:ind w:right="280"/>')
    expect(even).toContain('<w:ind w:left="280"/>')
    for (const f of footers) {
      expect(f).toContain('PAGE')
      expect(docText(f)).toMatch(/—\s*\d*\s*—/)
      expect(f).toContain('w:eastAsia="宋体"')
      expect(f).toContain('<w:sz w:val="28"/>')
    }
  })

  it('tags the text as Chinese and names the office as the author', () => {
    expect(runPropsOf(doc, '代表团由')).toContain('w:eastAsia="zh-CN"')
    expect(core).toContain('<dc:creator>资源与环境学院党政办公室</dc:creator>')
    expect(core).toContain('<cp:lastModifiedBy>资源与环境学院党政办公室</cp:lastModifiedBy>')
    expect(core).not.toContain('Un-named')
  })

  it('sets table text on exact 1.5-line spacing, off the 28.95 pt body grid that doubled every table row', async () => {
    const bytes = await tripReportDocx(s.input, { lang: 'zh-CN', date: '2025-12-07', kind: 'work' })
    const work = await zipEntry(bytes, 'word/document.xml')
    const tables = work.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []
    expect(tables.length).toBe(2)
    for (const t of tables) {
      const spacings = t.match(/<w:spacing [^>]*>/g) ?? []
      expect(spacings.length).toBeGreaterThan(10)
      // 五号 (10.5 pt) text on 15.75 pt lines
      for (const sp of spacings) expect(sp).toMatch(/w:line="315" w:lineRule="exact"/)
    }
    expect(paraPropsOf(work, '序号')).toContain('w:lineRule="exact"')
  })

  it('names a substitute for each Chinese font in the font table', () => {
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/)
    expect(fonts).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/)
    expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/)
    expect(fonts).toContain('<w:charset w:val="86"/>')
  })

  it('follows the structure of the reference report', () => {
    const order = ['一、活动概况与主要行程', '二、主要成效与重要成果', '（一）', '1.就业岗位有效拓展', '2.实习基地扎实建立', '3.合作内涵持续深化', '4.区域合作平台加快构建', '（二）', '（三）', '三、经验总结与下一步工作']
    let at = -1
    for (const h of order) {
      const i = text.indexOf(h, at + 1)
      expect(i, h).toBeGreaterThan(at)
      at = i
    }
    expect(text).toContain('12月3日上午（上海）：走访上海卓然工程技术股份有限公司。')
    expect(text).toContain('一是深入开展访企拓岗')
    expect(text).toContain('走访企业及单位8家')
    expect(text).toContain('王立坤书记带队赴上海、南通开展校企合作系列活动')
    expect(text).toMatch(/来源：资源与环境学院过程装备与控制工程系\n编辑：刘军\n审核：王立坤\n日期：2025年12月7日/)
  })

  it('names every organisation visited, every person met with their title, and every follow-up', () => {
    for (const o of visitedOrganizations(s.input)) expect(text).toContain(o.name)
    for (const f of s.input.followUps) expect(text).toContain(f.title)
    expect(text).toContain('总经理舒雪艳')
    expect(text).toContain('书记陈武侠')
    expect(text).toContain('“南昌大学本科生实习基地”')
    expect(text).toContain('设于上海纳汉流体技术有限公司，由总经理罗小秋')
    expect(text).toContain('设于上海艾森特环境科技有限公司，由总经理江文华')
  })
})

describe('trip report in English', () => {
  let s: SampleTrip
  let doc: string
  let text: string
  beforeAll(async () => {
    s = await openSampleTrip('en')
    const bytes = await tripReportDocx(s.input, { lang: 'en', date: '2025-12-07' })
    doc = await zipEntry(bytes, 'word/document.xml')
    text = docText(doc)
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('is a plain A4 page with 25 mm margins in Times New Roman', () => {
    expect(attr(doc, 'w:pgSz', 'w:w')).toBe('11906')
    expect(attr(doc, 'w:pgMar', 'w:top')).toBe(String(Math.round(25 * 56.7)))
    expect(attr(doc, 'w:pgMar', 'w:left')).toBe(String(Math.round(25 * 56.7)))
    const body = runPropsOf(doc, 'The delegation was led by')
    expect(body).toContain('w:ascii="Times New Roman"')
    expect(body).toContain('w:eastAsia=')
    expect(body).toContain('<w:sz w:val="24"/>')
  })

  it('sets English body text flush left: justified, long words opened wide gaps in the line', () => {
    expect(paraPropsOf(doc, 'The delegation was led by')).toContain('<w:jc w:val="left"/>')
  })

  it('reads like the reference: numbered headings, the delegation, the itinerary, the outcomes and the plan', () => {
    for (const h of ['I. Activity Overview and Main Itinerary', 'II. Core Achievements and Major Outcomes', '(I) ', '(II) ', '(III) ', 'III. Experience Summary and Next Steps']) expect(text).toContain(h)
    expect(text).toContain('Secretary Wang Likun Leads a Delegation to Shanghai and Nantong')
    expect(text).toContain('Morning of December 3 (Shanghai): Visit to Shanghai Zhuoran Engineering Technology Co., Ltd.')
    expect(text).toContain('first, conduct in-depth corporate visits')
    for (const o of visitedOrganizations(s.input)) expect(text).toContain(o.name)
    for (const f of s.input.followUps) expect(text).toContain(f.title)
    expect(text).toContain('Luo Xiaoqiu, General Manager (alumnus, class of 2001')
    expect(text).toMatch(/Editor: Liu Jun\nReviewer: Wang Likun\nDate: December 7, 2025/)
  })
})

describe('trip report text', () => {
  let s: SampleTrip
  beforeAll(async () => {
    s = await openSampleTrip('zh-CN')
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('splits the summary into the lead and the lines of work by their labels', () => {
    const r = splitSummary('开场段落。\n\n校友联络：甲。\n学院形象与影响：乙。\n无标签的段落。\nSchool image and influence: c.')
    expect(r.lead).toBe('开场段落。')
    expect(r.groups.alumni).toEqual([{ text: '甲。' }])
    expect(r.groups.influence).toEqual([{ text: '乙。' }, { text: '无标签的段落。' }, { text: 'C.' }])
    expect(splitSummary('开场。\n学院形象与影响：拓展对外合作网络：丙。').groups.influence).toEqual([{ title: '拓展对外合作网络', text: '丙。' }])
  })

  it('lists follow-ups with owners and due dates in the work report, and leaves out deleted records', async () => {
    const staff = (await s.app.call('staff.list', {})).items.find((x) => x.name === '刘军')
    const [first, second] = s.input.followUps
    await s.app.call('followUps.update', { id: first.id, changes: { ownerId: staff?.id ?? null, dueDate: '2026-03-31', status: 'inProgress' } })
    await s.app.call('followUps.delete', { id: second.id })
    const visit = s.input.activities.find((a) => a.organizationIds.includes('org-yuchuan'))
    if (!visit) throw new Error('no Yuchuan visit')
    await s.app.call('activities.delete', { id: visit.id })
    const totals = await s.app.call('trips.totals', { id: SAMPLE_TRIP_ID })
    const input = collectTripReportInput(s.app.core.store.data, SAMPLE_TRIP_ID, totals)
    const text = outlineText(tripReportOutline(input, { lang: 'zh-CN', date: '2026-01-05', kind: 'work' }))
    expect(text).toMatch(/\n1 \| 推动合作意向落地落实[^\n]* \| 刘军 \| 2026年3月31日 \| 进行中\n/)
    expect(text).toContain('关于王立坤书记带队赴上海、南通开展校企合作系列活动的工作总结')
    expect(text).not.toMatch(/待定|to be decided/)
    expect(text).not.toContain(second.title)
    expect(text).not.toContain('江苏宇川新能源科技有限公司')
    expect(text).toContain('走访企业及单位7家')
    expect(input.organizations.some((o) => o.id === 'org-yuchuan')).toBe(false)
  })
})
