// @vitest-environment node
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bufferSink } from '../../../src/main/reports/buffer-sink'
import { captions } from '../../../src/main/reports/labels'
import { termStatus, writeAlumniDirectory, writeAlumniGroups, writeFollowUps, writeInternshipBases, writeVisitsLedger } from '../../../src/main/reports/registers'
import type { RegisterResult } from '../../../src/main/reports/registers'
import type { DbData } from '../../../src/main/db/schema'
import { tempDir } from '../helpers'
import { openSampleTrip } from './fixtures'
import type { SampleTrip } from './fixtures'

type Writer = (out: Writable) => Promise<RegisterResult>

async function run(write: Writer): Promise<{ result: RegisterResult; ws: ExcelJS.Worksheet }> {
  const sink = bufferSink()
  const result = await write(sink.stream)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(sink.bytes() as unknown as ArrayBuffer)
  return { result, ws: wb.worksheets[0] }
}

/** Data rows as objects keyed by header (the header row is row 1). */
function records(ws: ExcelJS.Worksheet, withTotals: boolean): Array<Record<string, unknown>> {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String)
  const last = withTotals ? ws.rowCount - 1 : ws.rowCount
  const out: Array<Record<string, unknown>> = []
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r)
    out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])))
  }
  return out
}

function expectRegisterLayout(ws: ExcelJS.Worksheet): void {
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' })
  expect(String(ws.autoFilter)).toMatch(/^A1:[A-Z]+\d+$/)
  const lastCol = ws.getRow(1).cellCount
  expect(ws.getRow(1).getCell(lastCol).value).toBe('ID')
  expect(ws.getColumn(lastCol).hidden).toBe(true)
}

describe('registers', () => {
  let s: SampleTrip
  let data: DbData
  beforeAll(async () => {
    s = await openSampleTrip('zh-CN')
    const { call } = s.app
    // Records outside the sample trip, to exercise ranges, terms and filters.
    const org = await call('organizations.create', { name: '杭州某新材料有限公司', industry: '新材料', city: '杭州' })
    const staff = await call('staff.create', { name: '赵老师', title: '就业专员' })
    await call('activities.create', { date: '2025-06-10', kind: 'enterpriseVisit', title: '走访杭州某新材料有限公司', organizationIds: [org.id], staffIds: [staff.id], positionsOffered: 12, jobTitles: ['工艺工程师'], majorsWanted: ['环境工程'], visitMethod: 'online' })
    await call('activities.create', { date: '2024-11-01', kind: 'enterpriseVisit', title: '去年的走访', organizationIds: [org.id] })
    const deleted = await call('activities.create', { date: '2025-07-01', kind: 'enterpriseVisit', title: '已删除的走访', organizationIds: [org.id], positionsOffered: 99 })
    await call('activities.delete', { id: deleted.id })
    for (const [title, endDate] of [['已到期基地', '2025-12-31'], ['即将到期基地', '2026-03-01'], ['有效基地', '2027-06-30']] as const) {
      await call('agreements.create', { title, organizationId: org.id, startDate: '2023-01-01', endDate, capacityPerYear: 10 })
    }
    await call('agreements.create', { kind: 'research', title: '科研协议（非基地）', organizationId: org.id })
    const a1 = await call('contacts.create', { name: '钱一', organizationId: org.id, alumni: { classYear: 2010, major: '环境工程' }, phone: '13800000001' })
    await call('contacts.create', { name: '孙二', city: '北京', alumni: { classYear: 2010, major: '过程装备与控制工程' } })
    const gone = await call('contacts.create', { name: '李三', alumni: { classYear: 2010, major: '环境工程' } })
    await call('alumniGroups.create', { name: '杭州校友会', kind: 'regionalAssociation', establishedDate: '2024-05-01', status: 'registered', leaderContactId: a1.id, memberContactIds: [a1.id, gone.id] })
    await call('followUps.create', { title: '逾期任务', dueDate: '2025-12-01', ownerId: staff.id, organizationId: org.id, log: [{ date: '2025-11-01', text: '已电话联系' }, { date: '2025-11-20', text: '等待回复' }] })
    await call('followUps.create', { title: '已完成任务', dueDate: '2025-12-01', status: 'done', result: '已签约' })
    // The app refuses to delete a contact still linked; a merge from another laptop can still bring
    // in a tombstone for one, so the registers must cope: mark 李三 deleted in a copy of the data.
    const stored = s.app.core.store.data
    data = { ...stored, contacts: stored.contacts.map((c) => (c.id === gone.id ? { ...c, deletedAt: '2026-01-01T00:00:00.000Z' } : c)) }
  })
  afterAll(async () => {
    await s.app.destroy()
  })

  it('visits ledger: every enterprise visit in the range, led by the trip leader or the first attendee', async () => {
    const t = captions('zh-CN').registers.visits
    const { result, ws } = await run((out) => writeVisitsLedger(data, { lang: 'zh-CN', from: '2025-01-01', to: '2025-12-31' }, out))
    expectRegisterLayout(ws)
    expect(ws.name).toBe(t.sheet)
    expect((ws.getRow(1).values as unknown[]).slice(1, -1)).toEqual(t.headers)
    // 7 visits and 1 call on the sample trip, plus the June visit; not last year's, not the deleted one
    expect(result.rows).toBe(9)
    const rows = records(ws, true)
    expect(rows.map((r) => r['序号'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    const june = rows[0]
    expect(june['日期']).toEqual(new Date('2025-06-10T00:00:00Z'))
    expect(june['带队人']).toBe('赵老师')
    expect(june['走访方式']).toBe('线上')
    expect(june['提供岗位']).toBe(12)
    expect(june['岗位名称']).toBe('工艺工程师')
    expect(rows.slice(1).every((r) => r['带队人'] === '王立坤')).toBe(true)
    expect(rows.some((r) => String(r['单位']).includes('如东经济技术开发区'))).toBe(true)
    const totals = ws.getRow(ws.rowCount)
    expect(totals.getCell(9).value).toEqual({ formula: 'SUBTOTAL(109,I2:I10)', result: 12 })
    // 12 from the June visit, the sample trip's 8 not recorded: a lower bound, and it says so.
    expect(totals.getCell(9).numFmt).toBe('"至少 "#,##0')
    expect(totals.getCell(2).value).toEqual({ formula: 'SUBTOTAL(103,B2:B10)', result: 9 })
  })

  it('visits ledger: a total over rows none of which was recorded is "not recorded", never 0', async () => {
    const { ws } = await run((out) => writeVisitsLedger(data, { lang: 'en', from: '2025-12-01', to: '2025-12-31' }, out))
    const totals = ws.getRow(ws.rowCount)
    expect(totals.getCell(9).value).toBe(captions('en').unrecorded)
  })

  it('internship bases: term status as of a day, expired, expiring within 90 days, current or open-ended', async () => {
    const e = captions('zh-CN').registers.internshipBases.expiry
    const { result, ws } = await run((out) => writeInternshipBases(data, { lang: 'zh-CN', asOf: '2026-01-05' }, out))
    expectRegisterLayout(ws)
    expect(result.rows).toBe(4)
    const rows = records(ws, true)
    const byTitle = new Map(rows.map((r) => [r['基地名称'], r]))
    expect(byTitle.get('已到期基地')?.['到期状态']).toBe(e.expired)
    expect(byTitle.get('已到期基地')?.['剩余天数']).toBe(-5)
    expect(byTitle.get('即将到期基地')?.['到期状态']).toBe(e.expiring)
    expect(byTitle.get('有效基地')?.['到期状态']).toBe(e.current)
    expect(byTitle.get('南昌大学本科生实习基地')?.['到期状态']).toBe(e.openEnded)
    expect(byTitle.has('科研协议（非基地）')).toBe(false)
    expect(byTitle.get('有效基地')?.['结束日期']).toEqual(new Date('2027-06-30T00:00:00Z'))
    expect(ws.getRow(ws.rowCount).getCell(12).value).toEqual({ formula: 'SUBTOTAL(109,L2:L5)', result: 30 })
    // a range keeps the bases whose term overlaps it
    const later = await run((out) => writeInternshipBases(data, { lang: 'zh-CN', asOf: '2026-01-05', from: '2026-06-01', to: '2026-12-31' }, out))
    expect(records(later.ws, true).map((r) => r['基地名称']).sort()).toEqual(['南昌大学本科生实习基地', '有效基地'].sort())
  })

  it('term status', () => {
    expect(termStatus({ endDate: '2026-04-05', status: 'active' }, '2026-01-05')).toBe('expiring')
    expect(termStatus({ endDate: '2026-04-06', status: 'active' }, '2026-01-05')).toBe('current')
    expect(termStatus({ endDate: '2026-01-05', status: 'active' }, '2026-01-05')).toBe('expiring')
    expect(termStatus({ endDate: '2026-01-04', status: 'active' }, '2026-01-05')).toBe('expired')
    expect(termStatus({ endDate: null, status: 'terminated' }, '2026-01-05')).toBe('terminated')
  })

  it('alumni directory: filters by class year, major and city; deleted people never appear', async () => {
    const all = await run((out) => writeAlumniDirectory(data, { lang: 'zh-CN' }, out))
    expectRegisterLayout(all.ws)
    const names = records(all.ws, false).map((r) => r['姓名'])
    expect(names).toEqual(expect.arrayContaining(['罗小秋', '钱一', '孙二']))
    expect(names).not.toContain('李三')
    expect(all.result.rows).toBe(3)
    // class 2001 before 2010
    expect(names[0]).toBe('罗小秋')
    const byYear = await run((out) => writeAlumniDirectory(data, { lang: 'zh-CN', filter: { classYear: 2010, major: '环境' } }, out))
    expect(records(byYear.ws, false).map((r) => r['姓名'])).toEqual(['钱一'])
    const rows = records(byYear.ws, false)
    expect(rows[0]['届别']).toBe(2010)
    expect(rows[0]['电话']).toBe('13800000001')
    // the city of their organisation counts when they have none of their own
    const hz = await run((out) => writeAlumniDirectory(data, { lang: 'en', filter: { city: '杭州' } }, out))
    expect(records(hz.ws, false).map((r) => r['Name'])).toEqual(['钱一'])
  })

  it('alumni organisations: members still on record, dates, established in the range', async () => {
    const { result, ws } = await run((out) => writeAlumniGroups(data, { lang: 'zh-CN' }, out))
    expectRegisterLayout(ws)
    expect(result.rows).toBe(4)
    const hz = records(ws, true).find((r) => r['名称'] === '杭州校友会')
    expect(hz?.['成员数']).toBe(1)
    expect(hz?.['负责人']).toBe('钱一')
    expect(hz?.['成立日期']).toEqual(new Date('2024-05-01T00:00:00Z'))
    const in2025 = await run((out) => writeAlumniGroups(data, { lang: 'zh-CN', from: '2025-01-01', to: '2025-12-31' }, out))
    expect(in2025.result.rows).toBe(2)
  })

  it('follow-ups: owner, due date, overdue flag and the latest log entry', async () => {
    const { result, ws } = await run((out) => writeFollowUps(data, { lang: 'zh-CN', asOf: '2026-01-05' }, out))
    expectRegisterLayout(ws)
    expect(result.rows).toBe(7)
    const rows = records(ws, true)
    const late = rows.find((r) => r['任务'] === '逾期任务')
    expect(late?.['是否逾期']).toBe('是')
    expect(late?.['责任人']).toBe('赵老师')
    expect(late?.['完成时限']).toEqual(new Date('2025-12-01T00:00:00Z'))
    expect(late?.['最近进展']).toBe('2025-11-20 等待回复')
    expect(rows.find((r) => r['任务'] === '已完成任务')?.['是否逾期']).toBe('否')
    expect(ws.getRow(ws.rowCount).getCell(8).value).toEqual({ formula: 'SUMPRODUCT(SUBTOTAL(103,OFFSET(H2,ROW(H2:H8)-ROW(H2),0))*(H2:H8="是"))', result: 1 })
    const done = await run((out) => writeFollowUps(data, { lang: 'zh-CN', status: 'done' }, out))
    expect(done.result.rows).toBe(1)
  })

  it('streams to a file', async () => {
    const dir = await tempDir('reports-')
    const file = join(dir, 'visits.xlsx')
    const out = createWriteStream(file)
    const closed = new Promise<void>((resolve) => out.on('close', () => resolve()))
    const r = await writeVisitsLedger(data, { lang: 'en' }, out)
    await closed
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets[0].name).toBe('Visits ledger')
    expect(wb.worksheets[0].rowCount).toBe(r.rows + 2)
    await rm(dir, { recursive: true, force: true })
  })
})
