// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { footerText } from '../../../src/main/import/footer-row'

describe('the lines under a table', () => {
  // The second column holds the names; the name passed is what the import read from it.
  const name = (cells: Array<string | number | null>) => (typeof cells[1] === 'string' ? cells[1] : '')
  it.each([
    [['合计：56人', null, null]],
    [[null, '合计', 56]],
    [['总计', '', '56']],
    [['制表人：张老师', null, '审核人：李老师']],
    [['填表日期：2024年3月5日', null, null]],
    [['注：1. 请勿修改表头', null, null]],
    [['注1：手机号请填写11位', null, null]],
    [['说明：届别填写毕业年份', null, null]],
    [['Total', null, 56]],
    // A count under the names (a formula giving "共10人").
    [['合计', '共10人', 5400]],
    [[null, '共 10 人', 5400]],
  ])('%j is a footer', (cells) => {
    expect(footerText(cells, name(cells))).toBe(cells.find((c) => c !== null && c !== '')?.toString().replace('：', ':'))
  })

  it.each([
    // A row with a name is always data, whatever else it says.
    [[7, '张伟', '合计']],
    [['审核', '李审', null]],
    // No name but data: an error for the user to see, not something to hide.
    [[8, null, 13812345678]],
    [[null, null, '注意：号码待核实']],
    [[null, null, null]],
  ])('%j is not', (cells) => {
    expect(footerText(cells, name(cells))).toBeNull()
  })
})
