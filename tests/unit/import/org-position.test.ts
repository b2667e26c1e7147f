// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { orgAndPosition } from '../../../src/main/import/org-position'

describe('one cell with the organisation and the position', () => {
  it.each([
    ['南昌大学 教授', '南昌大学', '教授'],
    ['江西铜业股份有限公司/总工程师', '江西铜业股份有限公司', '总工程师'],
    ['中国瑞林工程技术股份有限公司，项目经理', '中国瑞林工程技术股份有限公司', '项目经理'],
    ['南昌大学（教授）', '南昌大学', '教授'],
    // An organisation's name with a space of its own: the position is after the last one.
    ['中国建设银行股份有限公司 南昌分行 行长', '中国建设银行股份有限公司 南昌分行', '行长'],
    ['Huawei Technologies Co., Ltd., Engineer', 'Huawei Technologies Co., Ltd.', 'Engineer'],
  ])('split where the writer separated them: %s', (cell, organization, position) => {
    expect(orgAndPosition(cell)).toEqual({ organization, position, by: 'written' })
  })

  it.each([
    ['南昌大学资源与环境学院院长', '南昌大学资源与环境学院', '院长'],
    ['江西铜业股份有限公司副总经理', '江西铜业股份有限公司', '副总经理'],
    ['江西省地质局第一地质大队总工程师', '江西省地质局第一地质大队', '总工程师'],
    ['华为技术有限公司高级工程师', '华为技术有限公司', '高级工程师'],
    ['南昌大学资源与环境学院辅导员', '南昌大学资源与环境学院', '辅导员'],
  ])('split where a unit word meets a position, marked for a look: %s', (cell, organization, position) => {
    expect(orgAndPosition(cell)).toEqual({ organization, position, by: 'words' })
  })

  it('an organisation alone is the organisation; anything else is not guessed', () => {
    expect(orgAndPosition('南昌市水务局')).toEqual({ organization: '南昌市水务局', position: '', by: 'written' })
    expect(orgAndPosition('退休')).toBeNull()
    expect(orgAndPosition('自由职业')).toBeNull()
    expect(orgAndPosition('Huawei Technologies Co., Ltd.')).toBeNull()
  })
})
