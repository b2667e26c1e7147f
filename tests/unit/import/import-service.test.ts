// @vitest-environment node
import { PassThrough } from 'node:stream'
import * as XLSX from '@e965/xlsx'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as F from '../../../scripts/make-import-fixtures'
import type { ImportOpened } from '../../../src/shared/import'
import { importProblemText } from '../../../src/shared/import-problems'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})

const b64 = (b: Buffer) => b.toString('base64')
async function open(bytes: Buffer, fileName: string, target: 'contacts' | 'organizations' | 'staff' = 'contacts'): Promise<ImportOpened> {
  return app.call('import.open', { fileName, target, data: b64(bytes) })
}
const live = <T extends { deletedAt: string | null }>(list: T[]) => list.filter((r) => r.deletedAt === null)

describe('importing an alumni directory', () => {
  it('finds the header under a merged title, reads the two-row header and plans every row', async () => {
    const o = await open(F.titledAlumniWorkbook(), '校友名录.xlsx')
    expect(o.sheets[0].headerRow).toBe(1)
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '校友名录' }], limit: 50 })
    expect(p.sheets[0]).toMatchObject({ headerRow: 1, headerDepth: 2, dataStart: 3 })
    expect(p.columns.map((c) => [c.label, c.use])).toEqual([
      ['序号', 'ignore'], ['姓名', 'name'], ['届别', 'classYear'], ['专业', 'major'], ['工作单位', 'organization'],
      ['联系方式 / 手机', 'phone'], ['联系方式 / 邮箱', 'email'], ['备注', 'notes'],
    ])
    expect(p.counts).toMatchObject({ create: 4, error: 1, update: 0 })
    const bad = p.rows.find((r) => r.action === 'error')
    expect(bad).toMatchObject({ row: 7, sheet: '校友名录' })
    expect(bad?.problems[0]).toMatchObject({ column: '联系方式 / 手机', letter: 'F', level: 'error' })
    expect(bad?.problems[0].message).toMatch(/scientific notation/)
    // 江西铜业股份有限公司 and 江西铜业集团有限公司 are one new organisation
    expect(p.newOrganizations.sort()).toEqual(['中国瑞林工程技术股份有限公司', '江西铜业股份有限公司', '赣锋锂业股份有限公司'].sort())
  })

  it('commits in one go, records the batch, finds people with Ctrl+K, and undoes', async () => {
    const o = await open(F.titledAlumniWorkbook(), '校友名录.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '校友名录' }] }
    const batch = await app.call('import.commit', plan)
    expect(batch).toMatchObject({ fileName: '校友名录.xlsx', sha256: o.sha256, counts: { created: 4, errors: 1 }, createdCount: 7 })
    const db = app.core.store.data
    const wang = db.contacts.find((c) => c.name === '王磊')
    const zhang = db.contacts.find((c) => c.name === '张伟')
    expect(zhang).toMatchObject({ phone: '13807910001', alumni: { classYear: 2019, major: '环境工程' } })
    expect(wang?.organizationId).toBe(zhang?.organizationId)
    expect(db.contacts.find((c) => c.name === '陈静')).toMatchObject({ email: 'chenjing@example.com', alumni: { classYear: 2019 } })
    expect(db.contacts.find((c) => c.name === '李娜')?.notes).toBe('校友会理事')
    const hits = await app.call('search.global', { query: '陈静' })
    expect(hits.map((h) => h.name)).toContain('陈静')
    const history = await app.call('import.history', {})
    expect(history[0].id).toBe(batch.id)
    // The parsed file is let go once committed (the wizard starts again from a file).
    const gone = await app.raw('import.preview', plan)
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND')

    // The same bytes again: the user is warned, and nothing would be created twice.
    const again = await open(F.titledAlumniWorkbook(), '校友名录 (2).xlsx')
    expect(again.previousImports.map((x) => x.id)).toEqual([batch.id])
    const p2 = await app.call('import.preview', { ...plan, sessionId: again.sessionId })
    expect(p2.counts).toMatchObject({ create: 0, unchanged: 4, error: 1 })

    const undo = await app.call('import.undo', { batchId: batch.id })
    expect(undo).toEqual({ reverted: 7, keptEdited: [] })
    expect(live(app.core.store.data.contacts)).toHaveLength(0)
    expect(live(app.core.store.data.organizations)).toHaveLength(0)
    expect((await app.call('import.history', {}))[0].undoneAt).not.toBeNull()
    expect((await app.raw('import.undo', { batchId: batch.id })).ok).toBe(false)
  })

  it('a correction made in the grid fixes the row before commit', async () => {
    const o = await open(F.titledAlumniWorkbook(), 'a.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '校友名录' }], corrections: [{ sheet: '校友名录', row: 7, column: '联系方式 / 手机', value: '13807910004' }] }
    const p = await app.call('import.preview', { ...plan, onlyProblems: true })
    expect(p.counts).toMatchObject({ create: 5, error: 0 })
    await app.call('import.commit', plan)
    expect(app.core.store.data.contacts.find((c) => c.name === '刘洋')?.phone).toBe('13807910004')
  })

  it('undo leaves records edited after the import and names them', async () => {
    const o = await open(F.titledAlumniWorkbook(), 'a.xlsx')
    const batch = await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '校友名录' }] })
    const zhang = app.core.store.data.contacts.find((c) => c.name === '张伟')!
    app.tick()
    await app.call('contacts.update', { id: zhang.id, changes: { position: '总工程师' } })
    const undo = await app.call('import.undo', { batchId: batch.id })
    expect(undo.keptEdited.map((k) => k.name)).toEqual(expect.arrayContaining(['张伟', '江西铜业股份有限公司']))
    expect(live(app.core.store.data.contacts).map((c) => c.name)).toEqual(['张伟'])
  })

  it('reads GBK CSV and Unicode text the same way', async () => {
    for (const [bytes, name] of [[F.gbkCsv(), 'a.csv'], [F.utf16TabText(), 'a.txt']] as const) {
      const o = await open(bytes, name)
      const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: o.sheets[0].name }] })
      expect(p.counts).toMatchObject({ create: 4, error: 1 })
      expect(p.columns.find((c) => c.label === '性别')?.use).toBe('keepInNotes')
    }
  })

  it('imports several sheets at once with each sheet name as the class year', async () => {
    const o = await open(F.classYearWorkbook(), 'by-year.xlsx')
    expect(o.sheets.map((s) => [s.name, s.classYear, s.classYearFrom])).toEqual([['2017届', 2017, 'name'], ['2018届', 2018, 'name']])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: o.sheets.map((s) => ({ name: s.name, classYear: s.classYear })) })
    const byName = new Map(app.core.store.data.contacts.map((c) => [c.name, c.alumni?.classYear]))
    expect(Object.fromEntries(byName)).toEqual({ 赵敏: 2017, 钱进: 2017, 孙丽: 2018 })
  })

  it('a column of organisation and position is read apart per row, the organisation linked or created, a split by words flagged', async () => {
    const bytes = F.xlsx({ sheets: [{ name: '校友', rows: [
      ['姓名', '工作单位及职务', '手机'],
      ['周杰', '江西铜业股份有限公司/总工程师', 13912345671],
      ['吴敏', '南昌大学资源与环境学院院长', 13912345672],
      ['郑爽', '退休', 13912345673],
    ] }] })
    const o = await open(bytes, '校友.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '校友' }] })
    expect(p.columns.map((c) => c.use)).toEqual(['name', 'orgAndPosition', 'phone'])
    expect(p.counts).toMatchObject({ create: 3, error: 0 })
    expect(p.rows.map((r) => r.problems.map((x) => x.code))).toEqual([[], ['orgPositionSplit'], ['keptInNotes']])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '校友' }] })
    const orgs = new Map(live(app.core.store.data.organizations).map((x) => [x.id, x.name]))
    const person = (name: string) => live(app.core.store.data.contacts).find((c) => c.name === name)
    expect([person('周杰')?.position, orgs.get(person('周杰')?.organizationId ?? '')]).toEqual(['总工程师', '江西铜业股份有限公司'])
    expect([person('吴敏')?.position, orgs.get(person('吴敏')?.organizationId ?? '')]).toEqual(['院长', '南昌大学资源与环境学院'])
    expect(person('郑爽')).toMatchObject({ position: '', organizationId: null, notes: '工作单位及职务: 退休' })
  })

  it('a name cell with two people waits for the user; a number beside a name is the phone when the row has none', async () => {
    const bytes = F.xlsx({ sheets: [{ name: '走访', rows: [
      ['企业名称', '接待人', '联系电话'],
      ['江西铜业股份有限公司', '张三、李四', 13912345671],
      ['南昌水业集团', '王芳 13912345672', null],
      ['江西省地质局', '刘洋：13912345673', 13912345674],
      ['南昌大学', '王和平', null],
    ] }] })
    const o = await open(bytes, '走访.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '走访' }] })
    expect(p.counts).toMatchObject({ create: 3, error: 1 })
    expect(p.rows.map((r) => r.problems.map((x) => x.code))).toEqual([['severalNames'], ['nameWithPhone'], [], []])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '走访' }] })
    const person = (name: string) => live(app.core.store.data.contacts).find((c) => c.name === name)
    expect(person('王芳')).toMatchObject({ phone: '13912345672', notes: '' })
    expect(person('刘洋')).toMatchObject({ phone: '13912345674', notes: '接待人: 13912345673' })
    expect(person('王和平')).toBeDefined()
    expect(live(app.core.store.data.contacts).some((c) => c.name.includes('张三'))).toBe(false)
  })

  it("an employer's particulars on a graduate's row go to the organisation the import creates, and stay with the person when it exists", async () => {
    await app.call('organizations.create', { name: '南昌水业集团有限责任公司', kind: 'government' })
    const bytes = F.xlsx({ sheets: [{ name: '2019届就业方案', rows: [
      ['姓名', '就业单位', '单位性质', '单位行业', '单位所在地', '单位地址'],
      ['周杰', '江西洪都航空工业集团有限责任公司', '国有企业', '制造业', '江西省南昌市', '南昌市青云谱区新溪桥'],
      ['吴敏', '江西洪都航空工业集团有限责任公司', '国有企业', '航空航天', '', ''],
      ['郑爽', '南昌水业集团有限责任公司', '国有企业', '水务', '南昌', ''],
    ] }] })
    const o = await open(bytes, '就业方案.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '2019届就业方案' }] })
    expect(p.columns.map((c) => c.use)).toEqual(['name', 'organization', 'orgKind', 'orgIndustry', 'orgCity', 'orgAddress'])
    expect(p.counts).toMatchObject({ create: 3, error: 0 })
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '2019届就业方案' }] })
    const hongdu = live(app.core.store.data.organizations).find((x) => x.name === '江西洪都航空工业集团有限责任公司')
    // The first row to state a field gives it; the words a kind was read from stay in the notes.
    expect(hongdu).toMatchObject({ kind: 'enterprise', industry: '制造业', city: '江西省南昌市', address: '南昌市青云谱区新溪桥', notes: '单位性质: 国有企业' })
    const person = (name: string) => live(app.core.store.data.contacts).find((c) => c.name === name)
    expect(person('周杰')?.notes).toBe('')
    expect(person('吴敏')).toMatchObject({ organizationId: hongdu?.id, notes: '' })
    // An organisation already in the app is not changed from a person's row.
    const water = live(app.core.store.data.organizations).find((x) => x.name === '南昌水业集团有限责任公司')
    expect(water).toMatchObject({ kind: 'government', industry: '', city: '' })
    expect(person('郑爽')).toMatchObject({ organizationId: water?.id, notes: '单位性质: 国有企业\n单位行业: 水务\n单位所在地: 南昌' })
  })

  it('a list printed twice across the page imports both halves, each problem at its own cell', async () => {
    const bytes = F.xlsx({ sheets: [{ name: '2015届', rows: [
      ['序号', '姓名', '手机', null, '序号', '姓名', '手机'],
      [1, '张伟', 13800000001, null, 2, '李娜', 13800000002],
      [3, '王芳', 13800000003, null, 4, null, 13800000004],
    ] }] })
    const o = await open(bytes, '通讯录.xlsx')
    expect(o.sheets.map((s) => [s.name, s.classYear, s.partOf])).toEqual([['2015届 (A–C)', 2015, '2015届'], ['2015届 (E–G)', 2015, '2015届']])
    const sheets = o.sheets.map((s) => ({ name: s.name, classYear: s.classYear }))
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets })
    expect(p.counts).toMatchObject({ create: 3, error: 1 })
    const bad = p.rows.find((r) => r.action === 'error')
    expect([bad?.row, bad?.problems[0].column, bad?.problems[0].code]).toEqual([3, '姓名', 'noName'])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets })
    expect(live(app.core.store.data.contacts).map((c) => [c.name, c.phone, c.notes, c.alumni?.classYear]).sort()).toEqual([
      ['张伟', '13800000001', '', 2015], ['李娜', '13800000002', '', 2015], ['王芳', '13800000003', '', 2015],
    ])
  })

  it("an employer's credit code on a person's row links the organisation it names, whatever the spelling, and is kept by one the import creates", async () => {
    const known = await app.call('organizations.create', { name: '中国瑞林工程技术股份有限公司', creditCode: '91350100M000100Y43' })
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['姓名', '就业单位', '统一社会信用代码'],
      ['周杰', '瑞林院', '91350100M000100Y43'],
      ['吴敏', '南昌新材料科技有限公司', '91360100MA35XXXX1X'],
      ['郑爽', '江西赣锋锂业集团股份有限公司', '91360100MA35F0LK64'],
    ] }] })
    const o = await open(bytes, 'codes.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    expect(p.columns.map((c) => c.use)).toEqual(['name', 'organization', 'orgCreditCode'])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    const person = (name: string) => live(app.core.store.data.contacts).find((c) => c.name === name)
    expect(person('周杰')).toMatchObject({ organizationId: known.id, notes: '统一社会信用代码: 91350100M000100Y43' })
    const created = live(app.core.store.data.organizations).find((x) => x.name === '南昌新材料科技有限公司')
    // A code whose check character fails is not stored as the code; the organisation's notes keep it.
    expect(created).toMatchObject({ creditCode: '', notes: '统一社会信用代码: 91360100MA35XXXX1X' })
    expect(person('吴敏')?.organizationId).toBe(created?.id)
    expect(live(app.core.store.data.organizations).find((x) => x.name === '江西赣锋锂业集团股份有限公司')).toMatchObject({ creditCode: '91360100MA35F0LK64', notes: '' })
    expect(person('郑爽')?.notes).toBe('')
  })

  it('two rows about one existing record: the first updates it, the second is a duplicate that says why, and the commit goes through', async () => {
    const known = await app.call('contacts.create', { name: '黄志强', phone: '13900000071' })
    const bytes = F.xlsx({ sheets: [{ name: '走访记录', rows: [
      ['日期', '接待人', '手机', '职务'],
      ['2024-03-05', '黄志强', 13900000071, '部长'],
      ['2024-06-11', '黄志强', 13900000071, '副总经理'],
    ] }] })
    const o = await open(bytes, 'visits.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '走访记录' }] })
    expect(p.rows.map((r) => r.action)).toEqual(['update', 'duplicate'])
    expect(p.rows[1].problems.map((x) => x.code)).toContain('sameRecordTwice')
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '走访记录' }] })
    expect(app.core.store.get('contacts', known.id)).toMatchObject({ position: '部长' })
  })

  it("a branch of an organisation earlier in the same file is named by that organisation's name, not an internal id", async () => {
    const bytes = F.xlsx({ sheets: [{ name: '合作企业', rows: [['单位名称'], ['江西铜业股份有限公司'], ['江西铜业股份有限公司南昌分公司']] }] })
    const o = await open(bytes, 'orgs.xlsx', 'organizations')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: '合作企业' }] })
    expect(p.rows[1].problems.find((x) => x.code === 'branchOf')?.params).toEqual({ name: '江西铜业股份有限公司' })
  })

  it('offers the class a title row names when the sheet name names none, and no year when the title names two', async () => {
    const titled = (title: string) => F.xlsx({ sheets: [{ name: 'Sheet1', rows: [[title, null, null], ['姓名', '专业', '手机'], ['赵敏', '环境工程', 13907910011]], merges: ['A1:C1'] }] })
    const o = await open(titled('南昌大学资源与环境学院2015届毕业生通讯录'), 'title.xlsx')
    expect(o.sheets.map((s) => [s.headerRow, s.classYear, s.classYearFrom])).toEqual([[1, 2015, 'title']])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: o.sheets.map((s) => ({ name: s.name, classYear: s.classYear })) })
    expect(live(app.core.store.data.contacts)[0]).toMatchObject({ name: '赵敏', alumni: { classYear: 2015 } })
    expect((await open(titled('2015届、2016届校友名单'), 'two.xlsx')).sheets[0].classYear).toBeNull()
    expect((await open(titled('2015级校友名单'), 'entering.xlsx')).sheets[0].classYear).toBeNull()
  })

  it('remembers the mapping for the next file with the same headers', async () => {
    const o = await open(F.gbkCsv(), 'a.csv')
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'a' }], mapping: { 性别: 'ignore', 所在城市: 'ignore' } })
    expect(app.core.store.data.contacts.find((c) => c.name === '张伟')).toMatchObject({ city: '', notes: '' })
    const o2 = await open(F.utf16TabText(), 'b.txt')
    const p = await app.call('import.preview', { sessionId: o2.sessionId, target: 'contacts', sheets: [{ name: 'b' }] })
    expect(p.columns.find((c) => c.label === '性别')).toMatchObject({ use: 'ignore', source: 'remembered' })
    expect(p.columns.find((c) => c.label === '姓名')).toMatchObject({ use: 'name', source: 'remembered' })
  })

  it('refuses a hostile file with a message and writes nothing', async () => {
    const before = JSON.stringify(app.core.store.data)
    const r = await app.raw('import.open', { fileName: 'bomb.xlsx', target: 'contacts', data: b64(F.zipBomb()) })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/inflate/)
    expect(JSON.stringify(app.core.store.data)).toBe(before)
  })
})

describe('files as offices make them', () => {
  it('a visit ledger: the person who received the visit is the contact, one name with two kinds of dot is one person, every organisation gets the kind its name says', async () => {
    const bytes = F.xlsx({ sheets: [{ name: '走访台账', rows: [
      ['走访日期', '企业名称', '接待人', '职务', '联系电话', '走访内容'],
      ['2024-03-05', '南昌大学', '阿依古丽・买买提', '处长', 13800000021, '座谈'],
      ['2024-03-06', '南昌大学', '阿依古丽·买买提', '处长', 13800000021, '回访'],
      ['2024-03-06', '江西省水利厅', '周敏', '处长', 13800000022, ''],
      ['2024-03-07', 'Cairo University', '买买提.艾力', 'Professor', '0791-83969999-8001', ''],
      ['2024-03-08', '江西铜业集团有限公司', '刘洋', '工程师', '13800000023/13900000023', ''],
    ] }] })
    const o = await open(bytes, '走访台账.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '走访台账' }] }
    const p = await app.call('import.preview', plan)
    expect(p.columns.map((c) => c.use)).toEqual(['keepInNotes', 'organization', 'name', 'position', 'phone', 'keepInNotes'])
    expect(p.rows.map((r) => r.action)).toEqual(['create', 'duplicate', 'create', 'create', 'create'])
    await app.call('import.commit', plan)
    const people = live(app.core.store.data.contacts)
    const orgs = live(app.core.store.data.organizations)
    const person = (name: string) => people.find((c) => c.name === name)
    expect(people.map((c) => c.name).sort()).toEqual(['买买提·艾力', '刘洋', '周敏', '阿依古丽·买买提'].sort())
    // The extension and the second number are not the phone, and are not lost.
    expect(person('买买提·艾力')).toMatchObject({ phone: '079183969999' })
    expect(person('买买提·艾力')?.notes).toContain('联系电话: 0791-83969999-8001')
    expect(person('刘洋')).toMatchObject({ phone: '13800000023' })
    expect(person('刘洋')?.notes).toContain('13900000023')
    const kind = (name: string) => orgs.find((x) => x.name === name)?.kind
    expect(['南昌大学', '江西省水利厅', 'Cairo University', '江西铜业集团有限公司'].map(kind)).toEqual(['university', 'government', 'university', 'enterprise'])
  })

  it("a graduate office's workbook: each class sheet with its own header, the employer's contact and phone kept apart", async () => {
    const o = await open(F.graduateSheets(), '研究生校友.xlsx')
    expect(o.sheets.map((x) => [x.name, x.classYear, x.headerRow])).toEqual([['填表说明', null, 0], ['2017届（硕士）', 2017, 1], ['2019届就业方案', 2019, 0]])
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: o.sheets.slice(1).map((x) => ({ name: x.name, classYear: x.classYear })) }
    const p = await app.call('import.preview', plan)
    expect(p.rows.map((r) => r.action)).toEqual(['create', 'create', 'create'])
    await app.call('import.commit', plan)
    const people = live(app.core.store.data.contacts)
    const orgOf = (c: { organizationId: string | null }) => live(app.core.store.data.organizations).find((x) => x.id === c.organizationId)
    const person = (name: string) => people.find((c) => c.name === name)
    expect(person('邓超')).toMatchObject({ phone: '13800000041', email: 'dengchao@example.com', position: '工程师', alumni: { classYear: 2017, degree: 'master' } })
    expect(person('阿依古丽·买买提')).toMatchObject({ phone: '13800000042', alumni: { classYear: 2017, degree: 'master' } })
    expect(orgOf(person('阿依古丽·买买提')!)).toMatchObject({ name: '江西省水利厅', kind: 'government' })
    // 夏雨's phone is her own mobile; the employer's contact and number are notes about her employer.
    expect(person('夏雨')).toMatchObject({ phone: '13800000043', alumni: { classYear: 2019, degree: 'bachelor', major: '环境工程' } })
    expect(person('夏雨')?.notes.split('\n')).toEqual(['单位联系人: 刘老师', '联系电话: 0791-83969999-8001'])
    expect(orgOf(person('夏雨')!)).toMatchObject({ name: '南昌大学', kind: 'university' })

    // Without a mobile of her own, the employer's numbers are still not given to her by their look.
    const o2 = await open(F.xlsx({ sheets: [{ name: 'S', rows: [['姓名', '就业单位', '单位联系人', '联系方式'], ['秋云', '南昌大学', '刘老师', 13800000044]] }] }), '方案.xlsx')
    const p2 = await app.call('import.preview', { sessionId: o2.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    expect(p2.columns.map((c) => c.use)).toEqual(['name', 'organization', 'keepInNotes', 'keepInNotes'])
  })

  it('a column the file hides (an ID number) is left out unless the user chooses it, in .xlsx and .xls', async () => {
    const rows = [['姓名', '身份证号', '手机'], ['张三', '360102199001011234', 13800000051]]
    const book = XLSX.utils.book_new()
    const ws = XLSX.utils.aoa_to_sheet(rows)
    ws['!cols'] = [{}, { hidden: true }]
    XLSX.utils.book_append_sheet(book, ws, 'S')
    const xls = Buffer.from(XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Uint8Array)
    for (const [bytes, name] of [[F.xlsx({ sheets: [{ name: 'S', rows, hiddenColumns: [1] }] }), 'h.xlsx'], [xls, 'h.xls']] as const) {
      const o = await open(bytes, name)
      const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: 'S' }] }
      const p = await app.call('import.preview', plan)
      expect(p.columns.map((c) => [c.use, c.source]), name).toEqual([['name', 'dictionary'], ['ignore', 'hidden'], ['phone', 'dictionary']])
      const chosen = await app.call('import.preview', { ...plan, mapping: { 身份证号: 'keepInNotes' } })
      expect(chosen.columns[1]).toMatchObject({ use: 'keepInNotes', source: 'user' })
    }
  })

  it('a title with the name is the honorific, a remark in brackets goes to the notes, a surname with 老师 stays whole', async () => {
    const o = await open(F.xlsx({ sheets: [{ name: 'S', rows: [['姓名', '手机'], ['詹益斌博士', 13800000061], ['Dr. Chen Li', 13800000062], ['张三（班长）', 13800000063], ['王老师', 13800000064], ['欧阳博士', 13800000065]] }] }), '名单.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: 'S' }] }
    const p = await app.call('import.preview', plan)
    expect(p.rows.map((r) => r.problems.map((x) => x.code))).toEqual([['nameHonorific'], ['nameHonorific'], ['nameRemark'], [], ['nameHonorific']])
    await app.call('import.commit', plan)
    const got = live(app.core.store.data.contacts).map((c) => [c.name, c.honorific, c.notes])
    expect(got).toEqual(expect.arrayContaining([['詹益斌', '博士', ''], ['Chen Li', 'Dr.', ''], ['张三', '', '姓名: 张三(班长)'], ['王老师', '', ''], ['欧阳', '博士', '']]))
  })

  it("a printed list's repeated header and a template's example row are skipped; an unread class year is not overruled by the sheet's", async () => {
    const header = ['序号', '姓名', '届别', '手机', '工作单位']
    const o = await open(F.xlsx({ sheets: [{ name: '2019届', rows: [
      header,
      ['示例', '张三', '2015届', 13800000000, '（此行为示例，请勿删除）'],
      [1, '何静', '二〇二〇届', 13800000071, '南昌大学'],
      header,
      [2, '周涛', null, 13800000072, '江西省生态环境厅'],
    ] }] }), '打印名单.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '2019届', classYear: 2019 }] }
    const p = await app.call('import.preview', plan)
    expect(p.rows.map((r) => [r.row, r.action, r.problems[0]?.code])).toEqual([[2, 'skip', 'exampleRow'], [3, 'create', 'keptInNotes'], [4, 'skip', 'headerAgain'], [5, 'create', undefined]])
    await app.call('import.commit', plan)
    const people = live(app.core.store.data.contacts)
    expect(people.map((c) => [c.name, c.alumni?.classYear ?? null])).toEqual([['何静', null], ['周涛', 2019]])
  })

  it('an organisation list without a kind column gives each the kind its name says; a re-import reads the hidden ID column', async () => {
    const o = await open(F.xlsx({ sheets: [{ name: 'S', rows: [['单位名称'], ['江西省生态环境厅'], ['南昌大学'], ['南昌高新区管理委员会'], ['某某科技有限公司']] }] }), 'orgs.xlsx', 'organizations')
    await app.call('import.commit', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: 'S' }] })
    expect(live(app.core.store.data.organizations).map((x) => x.kind)).toEqual(['government', 'university', 'devZoneCommittee', 'enterprise'])
    const id = live(app.core.store.data.organizations)[1].id
    const again = await open(F.xlsx({ sheets: [{ name: 'S', rows: [['ID', '单位名称', '所属行业'], [id, '南昌大学', '教育']], hiddenColumns: [0] }] }), 'orgs-export.xlsx', 'organizations')
    const p = await app.call('import.preview', { sessionId: again.sessionId, target: 'organizations', sheets: [{ name: 'S' }] })
    expect(p.columns[0]).toMatchObject({ use: 'id' })
    expect(p.rows[0]).toMatchObject({ action: 'update', targetId: id, matchedBy: 'id' })
  })

  it('a sheet named for its class with more words still gives its class year; an instructions sheet gives none', async () => {
    const rows = [['姓名', '手机'], ['赵一', 13800000031]]
    const o = await open(F.xlsx({ sheets: [{ name: '说明', rows: [['请按届别填写']] }, { name: '2017届（硕士）', rows }, { name: '2019届就业方案', rows }, { name: '2015级', rows }] }), '分届.xlsx')
    expect(o.sheets.map((x) => x.classYear)).toEqual([null, 2017, 2019, 2015])
  })

  it('a WPS class list: the lines under the table are skipped, padding and "无" are nothing, each cell read as meant', async () => {
    const o = await open(F.officeClassList(), '2015届去向.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: 'Sheet1' }] }
    const p = await app.call('import.preview', plan)
    expect(p.sheets[0]).toMatchObject({ headerRow: 2, dataStart: 3 })
    expect(p.counts).toMatchObject({ create: 4, error: 0, skip: 2 })
    const skipped = p.rows.filter((r) => r.action === 'skip')
    expect(skipped.map((r) => r.row)).toEqual([9, 10])
    expect(skipped.every((r) => r.problems[0].code === 'footerRow')).toBe(true)
    const warned = (name: string) => p.rows.find((r) => r.cells['姓 名'] === name)?.problems.map((x) => x.code)
    expect(warned('欧阳明')).toEqual(['classYearFromRange', 'phoneFirstKept', 'emailFirstKept'])
    expect(warned('王  芳')).toEqual(['classYearNoteLeft'])
    expect(p.newOrganizations.sort()).toEqual(['Tech Ltd (Hong Kong)', '南昌市生态环境局', '江西铜业股份有限公司'].sort())

    await app.call('import.commit', plan)
    const person = (name: string) => live(app.core.store.data.contacts).find((c) => c.name === name)
    // What a cell said beyond the value read from it stays in the notes: the years of study, the second number and address.
    expect(person('欧阳明')).toMatchObject({ phone: '13807910011', email: 'ouyang@163.com', alumni: { classYear: 2015 } })
    expect(person('欧阳明')?.notes.split('\n')).toEqual(['毕业时间: 2011-2015', '专业班级: 环境工程151班', '联系方式: 13807910011 13907910011', '电子邮箱: ouyang@163.com;oym@qq.com'])
    // "王  芳" and "李 娜" lose the padding; "无", "/" and "—" state nothing; Excel's text markers go.
    expect(person('王芳')).toMatchObject({ phone: '079188305678', email: '', notes: '毕业时间: 2015届硕士\n专业班级: 环境科学152班' })
    expect(person('李娜')).toMatchObject({ phone: '13807910013', email: '', organizationId: null, notes: '读研\n专业班级: 环境工程151班' })
    expect(person('陈静')).toMatchObject({ phone: '+85291234567', email: 'chenjing@example.com' })
    expect(live(app.core.store.data.contacts)).toHaveLength(4)
  })

  it('a survey export: numbered questions find their fields, and unanswered ones are empty', async () => {
    const o = await open(F.surveyCsv(), '校友信息登记.csv')
    expect(o.encoding).toBe('gb18030')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: o.sheets[0].name }] })
    // The answering's bookkeeping (when, from where, how long) is ignored; "您目前所在的城市" is the city.
    expect(p.columns.map((c) => c.use)).toEqual(['ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'name', 'phone', 'organization', 'position', 'classYear', 'major', 'city', 'keepInNotes', 'keepInNotes', 'keepInNotes'])
    expect(p.counts).toMatchObject({ create: 2, error: 0 })
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: o.sheets[0].name }] })
    const wu = live(app.core.store.data.contacts).find((c) => c.name === '吴敏')
    expect(wu).toMatchObject({ phone: '', position: '', organizationId: null, city: '深圳', alumni: { classYear: 2012, major: '环境科学 (辅修经济学)' } })
    // One note per option chosen, none for an option left out; a label's own colon is not doubled.
    expect(wu?.notes).toBe('8、您希望学院提供的服务: 就业推荐')
    const zhou = live(app.core.store.data.contacts).find((c) => c.name === '周杰')
    expect(zhou?.notes).toBe('8、您希望学院提供的服务: 校友活动\n8、您希望学院提供的服务: 就业推荐\n9、对学院的建议: 多组织返校活动、加强校企合作')
  })

  it("a formula's error (#N/A, #REF!) is an empty cell with a warning that says so, and TRUE/FALSE read as Excel shows them", async () => {
    const o = await open(Buffer.from('姓名,工作单位,手机,是否理事\n周杰,#N/A,13912345678,TRUE\n吴敏,江西铜业股份有限公司,#REF!,FALSE\n', 'utf8'), 'lookup.csv')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: o.sheets[0].name }] })
    expect(p.counts).toMatchObject({ create: 2, error: 0 })
    const warned = p.rows.flatMap((r) => r.problems).filter((x) => x.code === 'formulaError')
    expect(warned.map((x) => [x.column, x.params.value])).toEqual([['工作单位', '#N/A'], ['手机', '#REF!']])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: o.sheets[0].name }] })
    const zhou = live(app.core.store.data.contacts).find((c) => c.name === '周杰')
    expect(zhou).toMatchObject({ organizationId: null, phone: '13912345678', notes: '是否理事: TRUE' })
    expect(live(app.core.store.data.contacts).find((c) => c.name === '吴敏')).toMatchObject({ phone: '' })
  })

  it('an organisation list with a contact person and a phone keeps them in the notes, not as a field it lacks', async () => {
    const bytes = F.xlsx({ sheets: [{ name: '实习基地', rows: [
      ['单位名称', '所在地', '联系人', '联系电话', '签约时间'],
      ['江西铜业股份有限公司', '贵溪', '王经理', '0701-3777777', '2019-05-06'],
    ] }] })
    const o = await open(bytes, '实习基地.xlsx', 'organizations')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: '实习基地' }] })
    expect(p.columns.map((c) => c.use)).toEqual(['name', 'city', 'keepInNotes', 'keepInNotes', 'keepInNotes'])
    expect(p.counts).toMatchObject({ create: 1, error: 0 })
    await app.call('import.commit', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: '实习基地' }] })
    expect(live(app.core.store.data.organizations)[0].notes).toBe('联系人: 王经理\n联系电话: 0701-3777777\n签约时间: 2019-05-06')
  })

  it('a kind or a degree written with more words is read by its keyword, and the words are kept in the notes', async () => {
    const orgs = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['单位名称', '单位性质'],
      ['江西铜业股份有限公司', '国企'],
      ['南昌大学第一附属医院', '事业单位'],
      ['南昌高新区管委会', '政府派出机构（管委会）'],
      ['某某合作单位', '合作单位'],
      ['江西省环境保护科学研究院', '研究院'],
    ] }] })
    const o = await open(orgs, 'kinds.xlsx', 'organizations')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: 'S' }] })
    expect(p.rows.map((r) => r.action)).toEqual(['create', 'create', 'create', 'create', 'create'])
    expect(p.rows[0].problems[0]).toMatchObject({ code: 'kindReadAs', level: 'warning', params: { kind: 'enterprise' }, message: 'Read as Enterprise; "国企" is kept in the notes' })
    // A kind no keyword names does not lose the organisation: its text goes to the notes, the kind stays unknown.
    expect(p.rows[3].problems[0]).toMatchObject({ code: 'keptInNotes', level: 'warning', params: { why: 'unknownKind' } })
    expect(importProblemText('keptInNotes', p.rows[3].problems[0].params, 'zh-CN')).toMatch(/^“合作单位”不是单位类型.*。原文已保留在备注中，该项留空$/)
    // An exact kind says all there is: no warning, nothing added to the notes.
    expect(p.rows[4].problems).toEqual([])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: 'S' }] })
    const org = (name: string) => live(app.core.store.data.organizations).find((x) => x.name === name)
    expect(org('江西铜业股份有限公司')).toMatchObject({ kind: 'enterprise', notes: '单位性质: 国企' })
    expect(org('南昌大学第一附属医院')).toMatchObject({ kind: 'other', notes: '单位性质: 事业单位' })
    expect(org('南昌高新区管委会')).toMatchObject({ kind: 'devZoneCommittee' })
    expect(org('江西省环境保护科学研究院')).toMatchObject({ kind: 'institute', notes: '' })
    expect(org('某某合作单位')).toMatchObject({ notes: '单位性质: 合作单位' })

    const people = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['姓名', '学历'], ['甲', '全日制本科'], ['乙', '工程硕士'], ['丙', '本科/硕士'], ['丁', '博士'], ['戊', '小学'],
      ['己', 'M.Sc.'], ['庚', 'B. Eng.'], ['辛', '专升本'], ['壬', '本硕连读'], ['癸', '硕博连读'],
    ] }] })
    const o2 = await open(people, 'degrees.xlsx')
    const p2 = await app.call('import.preview', { sessionId: o2.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    // No degree is worth a person: one that names none (小学) is kept in the notes with a warning.
    expect(p2.rows.map((r) => r.action)).toEqual(Array(10).fill('create'))
    expect(p2.rows[4].problems[0]).toMatchObject({ level: 'warning', code: 'keptInNotes', params: { why: 'unknownDegree', value: '小学' } })
    await app.call('import.commit', { sessionId: o2.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    const degreeOf = (name: string) => live(app.core.store.data.contacts).find((c) => c.name === name)
    expect(degreeOf('甲')).toMatchObject({ alumni: { degree: 'bachelor' }, notes: '学历: 全日制本科' })
    expect(degreeOf('乙')?.alumni?.degree).toBe('master')
    expect(degreeOf('丙')?.alumni?.degree).toBe('master')
    expect(degreeOf('丁')).toMatchObject({ alumni: { degree: 'doctor' }, notes: '' })
    expect(degreeOf('戊')).toMatchObject({ alumni: null, notes: '学历: 小学' })
    expect(['己', '庚', '辛', '壬', '癸'].map((n) => degreeOf(n)?.alumni?.degree)).toEqual(['master', 'bachelor', 'bachelor', 'master', 'doctor'])
  })

  it('a value merged down over several people belongs to each of them; a merge across columns fills no other field', async () => {
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['工作单位', '届别', '姓名', '手机', '备注', '职务'],
      ['江西铜业股份有限公司', '2015届', '张一', 13900000001, '三人同一部门', null],
      [null, null, '张二', 13900000002, null, '工程师'],
      [null, null, '张三', 13900000003, null, null],
      ['南昌市生态环境局', '2016届', '李四', 13900000004, null, null],
    ], merges: ['A2:A4', 'B2:B4', 'E2:F2'] }] })
    const o = await open(bytes, 'merged.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    expect(p.rows.map((r) => r.cells['工作单位'])).toEqual(['江西铜业股份有限公司', '江西铜业股份有限公司', '江西铜业股份有限公司', '南昌市生态环境局'])
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    const db = app.core.store.data
    const jx = db.organizations.find((x) => x.name === '江西铜业股份有限公司')
    for (const name of ['张一', '张二', '张三']) expect(db.contacts.find((c) => c.name === name), name).toMatchObject({ organizationId: jx?.id, alumni: { classYear: 2015 } })
    expect(db.contacts.find((c) => c.name === '张一')).toMatchObject({ position: '', notes: '三人同一部门' })
    expect(db.contacts.find((c) => c.name === '张二')).toMatchObject({ position: '工程师', notes: '' })
  })

  it('a heading merged across the table is skipped, and a class year heading gives its year to the rows under it', async () => {
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['姓名', '专业', '手机', '届别'],
      ['2015届', null, null, null],
      ['张一', '环境工程', 13900000001, null],
      ['张二', '地质工程', 13900000002, '2014届'],
      ['环境工程专业', null, null, null],
      ['张三', '环境工程', 13900000003, null],
      ['2016届', null, null, null],
      ['李四', '环境工程', 13900000004, null],
      ['王五', null, null, null],
      ['合计：4人', null, null, null],
      ['2017届', null, null, null],
      [null, null, null, null],
      ['赵六', '环境工程', 13900000006, null],
    ], merges: ['A2:D2', 'A5:D5', 'A7:D7', 'A10:D10', 'A11:D12'] }] })
    const o = await open(bytes, 'sections.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    expect(p.rows.map((r) => [r.row, r.action, r.problems[0]?.code ?? ''])).toEqual([
      [2, 'skip', 'headingRow'], [3, 'create', ''], [4, 'create', ''], [5, 'skip', 'headingRow'], [6, 'create', ''],
      [7, 'skip', 'headingRow'], [8, 'create', ''], [9, 'create', ''], [10, 'skip', 'footerRow'],
      // A heading merged over two rows is one heading, not a person named "2017届" on its second row.
      [11, 'skip', 'headingRow'], [13, 'create', ''],
    ])
    expect(p.rows[0].problems[0].message).toBe('"2015届" is a heading inside the table, not a record: skipped')
    await app.call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    const year = (name: string) => app.core.store.data.contacts.find((c) => c.name === name)?.alumni?.classYear
    // The row's own class year wins; a heading that is not a year leaves the year as it was.
    expect(['张一', '张二', '张三', '李四', '赵六'].map(year)).toEqual([2015, 2014, 2015, 2016, 2017])
    // A name alone, not merged across, is a person.
    expect(app.core.store.data.contacts.find((c) => c.name === '王五')).toMatchObject({ alumni: { classYear: 2016 } })
  })

  it('a column the dictionary does not know is recognised by its values: mobiles are the phone, addresses the e-mail', async () => {
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['学号', '姓名', '入校', '联系方式', '常用地址'],
      [2011001, '张一', 2011, '13900000001', 'zhang1@example.com'],
      [2011002, '张二', 2011, '139 0000 0002', 'zhang2@example.com'],
      [2011003, '张三', 2011, '0791-88305678', ''],
      [2011004, '张四', 2011, '', 'zhang4@example.com'],
    ] }] })
    const o = await open(bytes, 'content.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    // Student numbers and years are numbers, not phones: they stay in the notes.
    expect(p.columns.map((c) => [c.label, c.use, c.source])).toEqual([
      ['学号', 'keepInNotes', 'dictionary'], ['姓名', 'name', 'dictionary'], ['入校', 'keepInNotes', 'dictionary'],
      ['联系方式', 'phone', 'content'], ['常用地址', 'email', 'content'],
    ])
    expect(p.counts).toMatchObject({ create: 4, error: 0 })
    // The user's choice still wins over what the values suggest.
    const mine = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }], mapping: { 联系方式: 'keepInNotes' } })
    expect(mine.columns[3]).toMatchObject({ use: 'keepInNotes', source: 'user' })
    // A field the user gave another column is not given a second one.
    const other = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }], mapping: { 学号: 'phone' } })
    expect(other.columns.map((c) => c.use)).toEqual(['phone', 'name', 'keepInNotes', 'keepInNotes', 'email'])
  })

  it('a row with data but no name says so on the name column', async () => {
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [['姓名', '手机'], ['张三', 13900000001], ['', 13900000002]] }] })
    const o = await open(bytes, 'n.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    expect(p.rows[1]).toMatchObject({ action: 'error', problems: [{ code: 'noName', column: '姓名', letter: 'A', message: 'The row has no name' }] })
  })
})

describe('duplicates at import', () => {
  it('links contacts to existing organisations through the name rules and confirmed aliases', async () => {
    const org = await app.call('organizations.create', { name: '江西铜业（集团）有限公司', aliases: ['江铜'] })
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [['姓名', '单位', '手机'], ['甲', '江铜', 13900000001], ['乙', '江西铜业股份有限公司', 13900000002], ['丙', '中国建设银行南昌分行', 13900000003]] }] })
    const o = await open(bytes, 'x.xlsx')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    expect(p.rows.map((r) => r.organization?.action)).toEqual(['link', 'link', 'create'])
    expect(p.rows[0].organization?.id).toBe(org.id)
  })

  it('same mobile and name updates, same mobile other name warns, same name+class year+major waits for a decision', async () => {
    await app.call('contacts.create', { name: '张三', phone: '13812345678', alumni: { classYear: 2019, major: '环境工程' } })
    const li = await app.call('contacts.create', { name: '李四', phone: '', alumni: { classYear: 2015, major: '地质学' } })
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['姓名', '手机', '届别', '专业', '职务'],
      ['张三', '+86 138 1234 5678', '2019届', '环境工程', '工程师'],
      ['张珊', 13812345678, '', '', ''],
      ['李四', '', '2015届', '地质学', '教授'],
      ['李四', '', '', '', ''],
      ['王五', 13900000009, '', '', ''],
      ['王五', '139 0000 0009', '', '', ''],
    ] }] })
    const o = await open(bytes, 'p.xlsx')
    const base = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: 'S' }] }
    const p = await app.call('import.preview', base)
    expect(p.rows.map((r) => r.action)).toEqual(['update', 'create', 'duplicate', 'create', 'create', 'duplicate'])
    expect(p.rows[0].changes).toEqual([{ field: 'position', from: '', to: '工程师' }])
    expect(p.rows[1].problems[0].message).toMatch(/belongs to 张三/)
    expect(p.rows[2]).toMatchObject({ targetId: li.id, matchedBy: 'name+classYear+major' })
    const decided = await app.call('import.preview', { ...base, decisions: { 'S!4': 'update' } })
    expect(decided.rows[2]).toMatchObject({ action: 'update', changes: [{ field: 'position', from: '', to: '教授' }] })
    const createOnly = await app.call('import.preview', { ...base, mode: 'create' })
    expect(createOnly.rows[0].action).toBe('skip')
    const updateOnly = await app.call('import.preview', { ...base, mode: 'update' })
    expect(updateOnly.counts).toMatchObject({ update: 1, create: 0 })
  })

  it('organisations: matched by normalised name, alias or credit code; a branch is created as its own', async () => {
    await app.call('organizations.create', { name: '中国瑞林工程技术股份有限公司', creditCode: '91350100M000100Y43' })
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [
      ['单位名称', '统一社会信用代码', '所属行业', '简称'],
      ['瑞林院', '91350100M000100Y43', '工程设计', ''],
      ['赣锋锂业股份有限公司', '', '新能源', '赣锋'],
      ['赣锋锂业', '', '', ''],
      ['坏代码公司', '91350100M000100Y44', '', ''],
    ] }] })
    const o = await open(bytes, 'orgs.xlsx', 'organizations')
    const p = await app.call('import.preview', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: 'S' }] })
    expect(p.rows.map((r) => r.action)).toEqual(['update', 'create', 'duplicate', 'create'])
    expect(p.rows[0]).toMatchObject({ matchedBy: 'creditCode', changes: [{ field: 'industry', from: '', to: '工程设计' }] })
    // A code that fails its check is not stored as one (nor matched by): it is kept in the notes, said on its cell.
    expect(p.rows[3].problems[0]).toMatchObject({ column: '统一社会信用代码', letter: 'B', level: 'warning', code: 'keptInNotes', params: { why: 'badCreditCode' } })
    await app.call('import.commit', { sessionId: o.sessionId, target: 'organizations', sheets: [{ name: 'S' }] })
    const hits = await app.call('search.global', { query: '赣锋' })
    expect(hits.filter((h) => h.collection === 'organizations')).toHaveLength(1)
  })
})

describe("re-importing the app's own register export", () => {
  async function exportAlumni(): Promise<Buffer> {
    const prepared = app.core.exporter.prepare('register.alumni', { lang: 'zh-CN' })
    if (!prepared.ok) throw new Error(prepared.error.message)
    const sink = new PassThrough()
    const chunks: Buffer[] = []
    sink.on('data', (c: Buffer) => chunks.push(c))
    await prepared.job.write(sink)
    return Buffer.concat(chunks)
  }

  it('updates the records by their id; a row missing from the sheet deletes nothing', async () => {
    const a = await app.call('contacts.create', { name: '张三', phone: '13812345678', alumni: { classYear: 2019, major: '环境工程' } })
    const b = await app.call('contacts.create', { name: '李四', phone: '13812345679', alumni: { classYear: 2018, major: '地质学' } })
    const exported = await exportAlumni()
    const wb = XLSX.read(exported, { type: 'buffer' })
    const ws = wb.Sheets[wb.SheetNames[0]]
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 })
    const headerIdx = rows.findIndex((r) => Array.isArray(r) && r.includes('姓名'))
    const phoneCol = (rows[headerIdx] as string[]).indexOf('电话')
    const zhangRow = rows.findIndex((r) => Array.isArray(r) && r[0] === '张三')
    const liRow = rows.findIndex((r) => Array.isArray(r) && r[0] === '李四')
    ws[XLSX.utils.encode_cell({ r: zhangRow, c: phoneCol })] = { t: 's', v: '13900000000' }
    // the user deleted 李四's row in Excel
    for (let c = 0; c < (rows[headerIdx] as unknown[]).length; c++) delete ws[XLSX.utils.encode_cell({ r: liRow, c })]
    const edited = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer
    const o = await open(edited, 'alumni.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, mode: 'update' as const, sheets: [{ name: o.sheets[0].name }] }
    const p = await app.call('import.preview', plan)
    expect(p.columns.find((c) => c.label === 'ID')?.use).toBe('id')
    expect(p.rows.map((r) => [r.targetId, r.action, r.matchedBy])).toEqual([[a.id, 'update', 'id']])
    await app.call('import.commit', plan)
    expect(app.core.store.get('contacts', a.id)).toMatchObject({ phone: '13900000000' })
    expect(app.core.store.get('contacts', b.id)).toMatchObject({ deletedAt: null, phone: '13812345679' })
  })

  it('a record changed since the export is a conflict with both values, not overwritten', async () => {
    const a = await app.call('contacts.create', { name: '张三', phone: '13812345678' })
    // an export taken before the record's last change
    const bytes = F.xlsx({ created: '2026-01-01T00:00:00Z', sheets: [{ name: '校友名录', rows: [['姓名', '电话', 'ID'], ['张三', '13900000000', a.id]] }] })
    const o = await open(bytes, 'old-export.xlsx')
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '校友名录' }] }
    const p = await app.call('import.preview', plan)
    expect(p.rows[0]).toMatchObject({ action: 'conflict', conflicts: [{ field: 'phone', sheet: '13900000000', current: '13812345678' }] })
    await app.call('import.commit', plan)
    expect(app.core.store.get('contacts', a.id)).toMatchObject({ phone: '13812345678' })
  })
})

describe('error rows', () => {
  it('downloads the rows with errors as a workbook with a problem column, cells kept as text', async () => {
    const bytes = F.xlsx({ sheets: [{ name: 'S', rows: [['姓名', '手机', '备注'], ['甲', '1.38E+10', '=1+1'], ['乙', 13900000001, '']] }] })
    const o = await open(bytes, '名单.xlsx')
    const f = await app.call('import.errorRows', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: 'S' }] })
    expect(f).toMatchObject({ fileName: '名单-errors.xlsx', rows: 1 })
    const wb = XLSX.read(Buffer.from(f.data, 'base64'), { type: 'buffer', cellFormula: true })
    const ws = wb.Sheets[wb.SheetNames[0]]
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 })
    expect(rows[0]).toEqual(['姓名', '手机', '备注', '问题 / Problem', '原行号 / Row'])
    expect(rows[1].slice(0, 3)).toEqual(['甲', '1.38E+10', '=1+1'])
    // In the interface language (Chinese by default), like the preview grid.
    expect(String(rows[1][3])).toMatch(/手机 \(B\): .*科学计数法/)
    expect(rows[1][4]).toBe(2)
    expect(ws.C2.f).toBeUndefined()
  })
})
