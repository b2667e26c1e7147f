// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { fieldForHeader, IMPORT_TARGETS, suggestMapping, TARGET_FIELDS } from '../../../src/main/import/fields'

describe('column headers as offices write them', () => {
  it('matches each to its field, with a qualifier in brackets, two names of one field, spaces and "*"', () => {
    const table: Array<[string, string | null]> = [
      ['姓 名', 'name'],
      ['*姓名（必填）', 'name'],
      ['手机号码', 'phone'],
      ['联系电话（手机）', 'phone'],
      ['工作单位（全称）', 'organization'],
      ['现单位', 'organization'],
      ['职务/职称', 'position'],
      ['职务、职称', 'position'],
      ['学历/学位', 'degree'],
      ['电子信箱', 'email'],
      ['邮箱地址', 'email'],
      ['Email Address', 'email'],
      ['毕业年月', 'classYear'],
      // The year they entered is not the class year (the year they leave): kept in the notes.
      ['入学时间', null],
      ['入学年份', null],
      ['Class of', 'classYear'],
      ['届别【如2019届】', 'classYear'],
      ['专业名称', 'major'],
      ['微信号码', 'wechat'],
      ['联系方式 / 手机', 'phone'],
      // Both of a contact's in one column: read apart per row.
      ['工作单位/职务', 'orgAndPosition'],
      ['性别', null],
    ]
    for (const [label, field] of table) expect(fieldForHeader('contacts', label), label).toBe(field)
  })

  it('keeps an unknown column in the notes and ignores a serial number column', () => {
    expect(suggestMapping('contacts', ['序号', '姓名', '性别', '职务/职称', '职务'])).toEqual(['ignore', 'name', 'keepInNotes', 'keepInNotes', 'position'])
  })

  it('gives a field claimed twice to the better name, and an employer contact\'s phone to the notes', () => {
    // 年级 comes first, but 毕业时间 is the class year.
    expect(suggestMapping('contacts', ['姓名', '年级', '入学时间', '毕业时间'])).toEqual(['name', 'keepInNotes', 'keepInNotes', 'classYear'])
    expect(suggestMapping('contacts', ['姓名', '年级'])).toEqual(['name', 'classYear'])
    // A graduates' employment list: the phone after 单位联系人 is the employer's.
    expect(suggestMapping('contacts', ['姓名', '手机', '就业单位', '单位联系人', '联系电话'])).toEqual(['name', 'phone', 'organization', 'keepInNotes', 'keepInNotes'])
    expect(suggestMapping('contacts', ['姓名', '就业单位', '单位联系人', '联系电话'])).toEqual(['name', 'organization', 'keepInNotes', 'keepInNotes'])
    // A visit ledger names the person who received the delegation.
    expect(suggestMapping('contacts', ['走访日期', '企业名称', '接待人', '职务', '联系电话'])).toEqual(['keepInNotes', 'organization', 'name', 'position', 'phone'])
  })

  it("reads a survey site's numbered questions as the headers they ask for", () => {
    const table: Array<[string, string | null]> = [
      ['1、您的姓名：', 'name'],
      ['2.您的手机号码', 'phone'],
      ['Q3. 请填写您的工作单位', 'organization'],
      ['第4题 您的职务是？', 'position'],
      ['5、毕业年份：', 'classYear'],
      ['6、所学专业（必填）', 'major'],
      ['7、您的性别', null],
      // A question that names its field at the end, after words of its own.
      ['8、您目前所在的城市', 'city'],
      ['请问您的最高学历是？', 'degree'],
      ['您现在的工作单位名称', 'organization'],
      ['9、您的工作单位及职务', 'orgAndPosition'],
      ['Q10. Which hotel?', null],
    ]
    for (const [label, field] of table) expect(fieldForHeader('contacts', label), label).toBe(field)
  })

  it('reads a header in two languages, a collection form\'s "(自动)", a visit log\'s and a staff roster\'s headers', () => {
    expect(suggestMapping('contacts', ['姓名 Name', '单位 Organization', '届别\nClass of', '提交时间(自动)', '单位接待人', '走访单位'])).toEqual(['name', 'organization', 'classYear', 'ignore', 'keepInNotes', 'keepInNotes'])
    expect(suggestMapping('contacts', ['走访日期', '单位接待人', '走访单位'])).toEqual(['keepInNotes', 'name', 'organization'])
    expect(suggestMapping('staff', ['姓名', '所在系(教研室)', '职称'])).toEqual(['name', 'department', 'title'])
  })

  it("ignores a survey's bookkeeping columns, and 来源 or 编号 only beside them", () => {
    expect(suggestMapping('contacts', ['编号', '提交时间', '来源', '填写设备', '答题时长', '姓名'])).toEqual(['ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'name'])
    expect(suggestMapping('contacts', ['编号', '姓名', '来源'])).toEqual(['keepInNotes', 'name', 'keepInNotes'])
  })

  it('never suggests a field the register does not have', () => {
    const headers = ['ID', '姓名', '单位名称', '联系电话', '手机', '城市', '所在地', '地址', '网址', '部门', '职务', '届别', '专业', '邮箱', '微信', '行业', '简称', '统一社会信用代码', '备注', '标签']
    for (const target of IMPORT_TARGETS) {
      const has = new Set<string>([...TARGET_FIELDS[target], 'keepInNotes', 'ignore'])
      for (const use of suggestMapping(target, headers)) expect(has.has(use), `${target}: ${use}`).toBe(true)
    }
    expect(fieldForHeader('organizations', '联系电话')).toBeNull()
    expect(['企业性质', '单位类别', '公司类型'].map((h) => fieldForHeader('organizations', h))).toEqual(['kind', 'kind', 'kind'])
    expect(fieldForHeader('staff', '城市')).toBeNull()
  })
})

describe('headers in traditional characters', () => {
  it('read as their simplified forms', () => {
    expect(suggestMapping('contacts', ['姓名', '英文姓名', '畢業年份', '學系', '公司名稱', '職位', '聯絡電話', '電郵'])).toEqual(['name', 'keepInNotes', 'classYear', 'major', 'organization', 'position', 'phone', 'email'])
  })
})
