// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { sideBySide } from '../../../src/main/import/side-by-side'
import type { SheetTable } from '../../../src/main/import/workbook-table'

const sheet = (rows: SheetTable['rows'], merges: SheetTable['merges'] = []): SheetTable => ({ name: '花名册', rows, merges, hiddenColumns: [] })

describe('a list printed twice across the page', () => {
  it('becomes two tables named by their columns, each keeping the title and its own cells where they were', () => {
    const tables = sideBySide('contacts', sheet([
      ['2015届校友通讯录', null, null, null, null, null, null, null, null],
      ['序号', '姓名', '单位', '电话', null, '序号', '姓名', '单位', '电话'],
      [1, '张伟', '江西铜业', '13800000001', null, 2, '李娜', '南昌大学', '13800000002'],
      [3, '王芳', '江西省水利厅', '13800000003', null, null, null, null, null],
    ], [{ r0: 0, c0: 0, r1: 0, c1: 8 }]))
    expect(tables.map((t) => t.name)).toEqual(['花名册 (A–D)', '花名册 (F–I)'])
    expect(tables[0].rows[2]).toEqual([1, '张伟', '江西铜业', '13800000001', null, null, null, null, null])
    expect(tables[1].rows[2]).toEqual([null, null, null, null, null, 2, '李娜', '南昌大学', '13800000002'])
    expect(tables[1].rows[0][0]).toBe('2015届校友通讯录')
    expect(tables[1].merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 8 }])
  })

  it('also without a gap, and three across', () => {
    const tables = sideBySide('contacts', sheet([['姓名', '电话', '姓名', '电话', '姓名', '电话'], ['张伟', '1', '李娜', '2', '王芳', '3']]))
    expect(tables.map((t) => t.name)).toEqual(['花名册 (A–B)', '花名册 (C–D)', '花名册 (E–F)'])
  })

  it('leaves alone a header that repeats no block with a name, or repeats only in part', () => {
    const months = sheet([['单位', '1月', '2月', '单位', '1月', '2月'], ['江西铜业', 1, 2, '南昌大学', 3, 4]])
    expect(sideBySide('contacts', months)).toEqual([months])
    const partly = sheet([['姓名', '电话', '备注', '姓名', '邮箱'], ['张伟', '1', '', '李娜', 'a@b.cn']])
    expect(sideBySide('contacts', partly)).toEqual([partly])
    const one = sheet([['姓名', '电话'], ['张伟', '1']])
    expect(sideBySide('contacts', one)).toEqual([one])
  })
})
