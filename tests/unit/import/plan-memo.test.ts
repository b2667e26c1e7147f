// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Organization } from '../../../src/shared/domain'
import { planInput } from '../../../src/shared/import'
import { emptyDb } from '../../../src/main/db/schema'
import type { ParsedFile } from '../../../src/main/import/parse-file'
import { planSteps } from '../../../src/main/import/plan'
import type { Plan } from '../../../src/main/import/plan'

/** Names as offices write them: exact, with another legal suffix, branches before and after their parent, near misses, new ones. */
const ORG_NAMES = [
  '江西铜业股份有限公司', '江西铜业（集团）有限公司', '铜业有限公司', '云南铜业股份有限公司', '中国建设银行股份有限公司南昌分行',
  '华为技术有限公司江西办事处', '华为', '宁德时代新能源科技股份有限公司', '宁德时代新能源科技有限公司', '南昌航空大学', '南昌大学',
  '新余钢铁有限公司南昌分公司', '新余钢铁有限公司', 'ABC科技有限公司', 'ＡＢＣ科技有限公司', 'Naham Engineering', 'nhgc',
  '江西省水利规划设计研究院', '江西水利规划设计研究院', '南昌水利规划设计院', '',
]

function org(id: string, name: string, aliases: string[] = []): Organization {
  return { id, name, aliases, creditCode: '', deletedAt: null } as unknown as Organization
}

function workbook(rows: number): ParsedFile {
  const body: Array<Array<string | number | null>> = [['姓名', '手机号', '工作单位']]
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
  for (let i = 0; i < rows; i++) {
    // Every 13th row repeats an earlier person: a duplicate row, whose organisation is not looked up.
    const person = i % 13 === 12 ? i - 5 : i
    body.push([`校友${person}`, 13800000000 + person, ORG_NAMES[next() % ORG_NAMES.length]])
  }
  return { format: 'xlsx', encoding: null, delimiter: null, date1904: false, created: null, sheets: [{ name: '校友', rows: body, merges: [], hiddenColumns: [] }] }
}

function plan(file: ParsedFile, rememberOrgs: boolean): Plan {
  const db = emptyDb()
  db.organizations = [org('o-jx', '江西铜业股份有限公司'), org('o-ccb', '中国建设银行股份有限公司'), org('o-hw', '华为技术有限公司', ['华为']), org('o-nh', '南昌航空大学')]
  const opts = planInput.parse({ sessionId: 'a6c0b3a2-5b0e-4d0e-9d37-0d7f4a1c2b3e', target: 'contacts', sheets: [{ name: '校友' }] })
  const steps = planSteps(file, opts, db, null, rememberOrgs)
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

describe('remembered organisation look-ups in an import plan', () => {
  it('give the same plan as looking every row up afresh', () => {
    const file = workbook(600)
    const remembered = plan(file, true)
    expect(remembered).toEqual(plan(file, false))
    // The file's new organisations are each planned once, however many rows name them.
    const created = remembered.rows.filter((r) => r.organization?.action === 'create')
    expect(created.filter((r) => r.organization?.name === '云南铜业股份有限公司').length).toBeGreaterThan(1)
    expect([...remembered.newOrganizations.values()].filter((n) => n === '云南铜业股份有限公司')).toHaveLength(1)
    expect([...remembered.newOrganizations.values()].filter((n) => n.startsWith('宁德时代'))).toHaveLength(1)
    // Known organisations are linked, by name or alias; a branch of a known one is new, and says so.
    expect(remembered.rows.find((r) => r.organization !== null && r.cells['工作单位'] === '江西铜业（集团）有限公司')?.organization).toMatchObject({ action: 'link', id: 'o-jx' })
    expect(remembered.rows.find((r) => r.organization !== null && r.cells['工作单位'] === '华为')?.organization).toMatchObject({ action: 'link', id: 'o-hw', note: 'alias' })
    expect(remembered.rows.find((r) => r.organization !== null && r.cells['工作单位'] === '中国建设银行股份有限公司南昌分行')?.organization?.note).toBe('a branch of 中国建设银行股份有限公司')
    expect(remembered.counts.duplicate).toBeGreaterThan(0)
  })
})
