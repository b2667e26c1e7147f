// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { fieldForHeader, suggestMapping } from '../../../src/main/import/fields'

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
      ['入学时间', 'classYear'],
      ['届别【如2019届】', 'classYear'],
      ['专业名称', 'major'],
      ['微信号码', 'wechat'],
      ['联系方式 / 手机', 'phone'],
      // Two fields in one column: left to the user (kept in the notes), not guessed.
      ['工作单位/职务', null],
      ['性别', null],
    ]
    for (const [label, field] of table) expect(fieldForHeader('contacts', label), label).toBe(field)
  })

  it('keeps an unknown column in the notes and ignores a serial number column', () => {
    expect(suggestMapping('contacts', ['序号', '姓名', '性别', '职务/职称', '职务'])).toEqual(['ignore', 'name', 'keepInNotes', 'position', 'keepInNotes'])
  })
})
