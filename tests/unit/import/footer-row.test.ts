// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { isFooterRow } from '../../../src/main/import/footer-row'

describe('the lines under a table', () => {
  it.each([
    [['合计：56人', null, null], 1],
    [[null, '合计', 56], 1],
    [['总计', '', '56'], 1],
    [['制表人：张老师', null, '审核人：李老师'], 1],
    [['填表日期：2024年3月5日', null, null], 1],
    [['注：1. 请勿修改表头', null, null], 1],
    [['注1：手机号请填写11位', null, null], 1],
    [['说明：届别填写毕业年份', null, null], 1],
    [['Total', null, 56], 1],
  ])('%j is a footer', (cells, nameAt) => {
    expect(isFooterRow(cells, nameAt)).toBe(true)
  })

  it.each([
    // A row with a name is always data, whatever else it says.
    [[7, '张伟', '合计'], 1],
    [['审核', '李审', null], 1],
    // No name but data: an error for the user to see, not something to hide.
    [[8, null, 13812345678], 1],
    [[null, null, '注意：号码待核实'], 1],
    [[null, null, null], 1],
  ])('%j is not', (cells, nameAt) => {
    expect(isFooterRow(cells, nameAt)).toBe(false)
  })
})
