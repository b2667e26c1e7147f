// @vitest-environment node
// A trip that is not the sample, entered through the router the way an office would (Chinese only,
// some figures unknown), read as a supervisor reads the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectTripReportInput } from '../../../src/main/reports/collect'
import type { TripReportInput } from '../../../src/main/reports/collect'
import { outlineText, tripReportOutline } from '../../../src/main/reports/trip-report-text'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
let input: TripReportInput

beforeAll(async () => {
  app = await openTestApp()
  const call = app.call
  const leader = await call('staff.create', { name: '刘海燕', title: '院长', department: '机电工程学院' })
  const m1 = await call('staff.create', { name: '赵磊', title: '就业指导中心主任' })
  const m2 = await call('staff.create', { name: '孙倩', title: '辅导员', department: '学生工作办公室' })
  const o1 = await call('organizations.create', { name: '深圳汇川技术股份有限公司', city: '深圳', industry: '工业自动化' })
  const o2 = await call('organizations.create', { name: '比亚迪股份有限公司', city: '深圳', industry: '新能源汽车' })
  const o3 = await call('organizations.create', { name: '东莞松山湖高新技术产业开发区管理委员会', city: '东莞', kind: 'devZoneCommittee' })
  const o4 = await call('organizations.create', { name: '广东前海校友创投有限公司', city: '深圳', alumniFounded: true })
  const p1 = await call('contacts.create', { name: '朱兴明', position: '董事长', organizationId: o1.id })
  const p2 = await call('contacts.create', { name: '何龙', position: '人力资源总监', organizationId: o2.id })
  const p3 = await call('contacts.create', { name: '吴磊', position: '总经理', organizationId: o4.id, alumni: { classYear: 2008, major: '机械设计制造及其自动化' } })
  const trip = await call('trips.create', {
    title: '赴深圳、东莞访企拓岗', startDate: '2026-06-15', endDate: '2026-06-17', destinations: ['深圳', '东莞'], status: 'completed',
    leaderId: leader.id, members: [{ staffId: m1.id, role: 'member' }, { staffId: m2.id, role: 'secretary' }], objectives: ['访企拓岗', '共建实习基地'],
  })
  const base = { tripId: trip.id, city: '深圳' }
  await call('activities.create', { ...base, date: '2026-06-15', period: 'afternoon', kind: 'enterpriseVisit', title: '走访汇川技术', organizationIds: [o1.id], contactIds: [p1.id], outcomes: '就共建实习基地达成一致，计划明年接收20名学生实习。', intentions: ['internship', 'jointTraining'], positionsOffered: 15, jobTitles: ['电气工程师', '嵌入式软件工程师'] })
  await call('activities.create', { ...base, date: '2026-06-16', period: 'morning', kind: 'enterpriseVisit', title: '走访比亚迪', organizationIds: [o2.id], contactIds: [p2.id] })
  await call('activities.create', { ...base, date: '2026-06-16', period: 'evening', kind: 'forum', title: '深圳校友座谈会', intentions: ['alumni'], organizationIds: [o4.id], contactIds: [p3.id], consensus: '成立深圳校友联络处，挂靠前海校友创投。', attendeesCount: 25 })
  await call('activities.create', { ...base, city: '东莞', date: '2026-06-17', period: 'morning', kind: 'meeting', title: '拜访松山湖管委会', organizationIds: [o3.id], topics: '园区企业用人需求、实习对接', outcomes: '管委会同意组织园区企业专场招聘会。' })
  input = collectTripReportInput(app.core.store.data, trip.id, await call('trips.totals', { id: trip.id }))
})
afterAll(() => app.destroy())

describe('the trip report of a trip nobody tuned it for', () => {
  const text = () => outlineText(tripReportOutline(input, { lang: 'zh-CN', date: '2026-06-20', kind: 'news' }))

  it('says the leader with their department, and counts two lines of work as 两条', () => {
    const t = text()
    expect(t.split('\n')[0]).toBe('刘海燕院长带队赴深圳、东莞访企拓岗')
    expect(t).toContain('2026年6月15日至17日，机电工程学院院长刘海燕带队赴深圳、东莞开展系列活动。')
    expect(t).toContain('代表团由机电工程学院院长刘海燕带队，成员包括赵磊（就业指导中心主任）、孙倩（学生工作办公室辅导员，秘书）。')
    expect(t).toContain('此次活动围绕两条主线展开：一是访企拓岗；二是共建实习基地。')
  })

  it('states only what was recorded: positions where counted, attendance without an alumni figure nobody gave', () => {
    const t = text()
    expect(t).toContain('获得就业岗位15个（另有2次走访未统计岗位数）')
    expect(t).toContain('参会人员约25人。')
    expect(t).not.toMatch(/校友约|未定|undefined|null|NaN/)
    // A visit's outcome is told once: under item 3 when it has cooperation beyond jobs.
    expect(t.match(/共建实习基地达成一致/g)).toHaveLength(1)
  })
})
