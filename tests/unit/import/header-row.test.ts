// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { detectHeaderRow, headerLayout } from '../../../src/main/import/header-row'
import type { Cell } from '../../../src/main/import/normalize'
import type { Merge } from '../../../src/main/import/workbook-table'

const m = (r0: number, c0: number, r1: number, c1: number): Merge => ({ r0, c0, r1, c1 })

describe('the header row', () => {
  it('starts a two-row header on its upper row when 序号 and 姓名 are merged down both rows', () => {
    // The lower row names more columns the dictionary knows; the upper one holds the name column.
    const rows: Cell[][] = [
      ['研究生校友名录', null, null, null, null, null, null],
      ['序号', '姓名', '基本信息', null, '工作信息', null, '联系方式'],
      [null, null, '性别', '毕业时间', '工作单位', '职务', '手机'],
      [1, '邓超', '男', '2015-06', '江西铜业', '工程师', 13800000001],
    ]
    const merges = [m(0, 0, 0, 6), m(1, 0, 2, 0), m(1, 1, 2, 1), m(1, 2, 1, 3), m(1, 4, 1, 5)]
    const header = detectHeaderRow('contacts', rows, merges)
    expect(header).toBe(1)
    expect(headerLayout(rows, merges, header)).toMatchObject({
      depth: 2,
      dataStart: 3,
      labels: ['序号', '姓名', '基本信息 / 性别', '基本信息 / 毕业时间', '工作信息 / 工作单位', '工作信息 / 职务', '联系方式'],
    })
  })

  it('does not take the first person for a second header row under a field merged over two columns', () => {
    const rows: Cell[][] = [
      ['序号', '姓名', '届别', '工作单位', null, '职务', '手机', null],
      [1, '岳峰', '2015届', '江西铜业股份有限公司', '贵溪冶炼厂', '工程师', 13970110001, 18970110001],
      [2, '萧然', '2016届', '南昌大学', null, '讲师', null, 13970110004],
    ]
    const merges = [m(0, 3, 0, 4), m(0, 6, 0, 7)]
    expect(headerLayout(rows, merges, detectHeaderRow('contacts', rows, merges))).toMatchObject({ depth: 1, dataStart: 1 })
  })

  it('does not take a title merged across the table for the upper row of the header', () => {
    const rows: Cell[][] = [
      ['南昌大学资源与环境学院校友名录', null, null],
      ['姓名', '手机', '工作单位'],
      ['张三', 13800000001, '某公司'],
    ]
    expect(detectHeaderRow('contacts', rows, [m(0, 0, 0, 2)])).toBe(1)
    // Two cells above, but no merge that groups the row below: a note line, not a header.
    expect(detectHeaderRow('contacts', [['制表人：王老师', '2024年3月', null], ...rows.slice(1)], [])).toBe(1)
  })
})
