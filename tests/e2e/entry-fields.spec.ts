// Issue 10's fields on the forms: everything a report prints can be entered where the record is
// edited, and is saved through the real store. Empty counts stay unknown (null), never 0.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { apiCall, expect, navigate, openApp, switchToEnglish, test } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

interface Rec {
  id: string
  [k: string]: unknown
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(outDir, { recursive: true })
  await page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled' })
}

test('the English name, honorific and English titles are entered on the register forms', async ({ page, server }) => {
  await page.setViewportSize({ width: 1440, height: 1000 })
  await openApp(page, server)
  await switchToEnglish(page)

  await navigate(page, 'organizations')
  await page.getByRole('button', { name: 'New', exact: true }).click()
  const org = page.getByRole('dialog', { name: 'New organisation' })
  await org.getByRole('textbox', { name: 'Name', exact: true }).fill('江西铜业股份有限公司')
  await org.getByLabel('English form of the organisation').fill('Jiangxi Copper Co., Ltd.')
  await shot(page, 'entry-fields-organization-en')
  await org.getByLabel('English form of the organisation').press('Enter')
  await expect(org).toBeHidden()

  await navigate(page, 'staff')
  await page.getByRole('button', { name: 'New', exact: true }).click()
  const staff = page.getByRole('dialog', { name: 'New staff member' })
  await staff.getByRole('textbox', { name: 'Name', exact: true }).fill('王立坤')
  await staff.getByRole('textbox', { name: 'Title', exact: true }).fill('党委书记')
  await staff.getByLabel('Position in English').fill('Party Secretary')
  await staff.getByLabel('Position in English').press('Enter')
  await expect(staff).toBeHidden()

  await navigate(page, 'contacts')
  await page.getByRole('button', { name: 'New', exact: true }).click()
  const contact = page.getByRole('dialog', { name: 'New contact' })
  await contact.getByRole('textbox', { name: 'Name', exact: true }).fill('詹益斌')
  await contact.getByRole('textbox', { name: 'Position', exact: true }).fill('企业负责人')
  await contact.getByLabel('Honorific (Dr., Prof.)').fill('博士')
  await contact.getByLabel('Job title in English').fill('Head of the company')
  await shot(page, 'entry-fields-contact-en')
  await contact.getByLabel('Job title in English').press('Enter')
  await expect(contact).toBeHidden()

  const orgs = await apiCall<{ items: Rec[] }>(server, 'organizations.list', {})
  expect(orgs.items[0]).toMatchObject({ name: '江西铜业股份有限公司', nameEn: 'Jiangxi Copper Co., Ltd.' })
  const staffList = await apiCall<{ items: Rec[] }>(server, 'staff.list', {})
  expect(staffList.items[0]).toMatchObject({ name: '王立坤', title: '党委书记', titleEn: 'Party Secretary' })
  const contacts = await apiCall<{ items: Rec[] }>(server, 'contacts.list', {})
  expect(contacts.items[0]).toMatchObject({ name: '詹益斌', position: '企业负责人', honorific: '博士', positionEn: 'Head of the company' })
})

for (const lang of ['zh-CN', 'en'] as const) {
  test(`a trip's English title, travel days and an item's times, attendee counts and English outcomes (${lang})`, async ({ page, server }) => {
    const trip = await apiCall<Rec>(server, 'trips.create', { title: '赴合肥开展校企合作活动', startDate: '2026-04-07', endDate: '2026-04-08' })
    await page.setViewportSize({ width: 1440, height: 1000 })
    await openApp(page, server)
    if (lang === 'en') await switchToEnglish(page)
    const L = lang === 'en'
      ? { titleEn: 'Trip name in English', transport: 'Transport', lodging: 'Lodging', forum: 'Forum', start: 'Starts', end: 'Ends', attendees: 'Attendees', alumni: 'of whom alumni', outcomesEn: 'Outcomes in English', orgs: /Organisations attending/, title: 'Title' }
      : { titleEn: '英文行程名称', transport: '交通', lodging: '住宿', forum: '座谈会', start: '开始时间', end: '结束时间', attendees: '参会人数', alumni: '其中校友人数', outcomesEn: '英文成果', orgs: /参会单位/, title: '标题' }

    await page.goto(`${server.url.split('#')[0]}#/trips/${trip.id}?tab=overview`)
    await expect(page.getByTestId('trip-page')).toBeVisible()
    await page.getByLabel(L.titleEn).fill('University–enterprise cooperation visits to Hefei')
    const days = page.getByTestId('trip-day')
    await expect(days).toHaveCount(2)
    await days.nth(0).getByLabel(L.transport).fill('G1234 南昌西—合肥南 08:05')
    await days.nth(0).getByLabel(L.lodging).fill('合肥某酒店')
    await days.nth(1).getByLabel(L.transport).fill('G5678 合肥南—南昌西 17:20')
    await shot(page, `entry-fields-overview-${lang}`)
    await page.keyboard.press('Control+s')
    await expect(page.getByTestId('overview-unsaved')).toHaveCount(0)
    const saved = await apiCall<Rec>(server, 'trips.get', { id: trip.id })
    expect(saved.titleEn).toBe('University–enterprise cooperation visits to Hefei')
    expect(saved.days).toEqual([
      { date: '2026-04-07', transport: 'G1234 南昌西—合肥南 08:05', lodging: '合肥某酒店' },
      { date: '2026-04-08', transport: 'G5678 合肥南—南昌西 17:20', lodging: '' },
    ])

    // A forum in the afternoon of the first day: times typed as the office types them.
    await page.getByRole('tab', { name: lang === 'en' ? /Itinerary/ : /行程安排/ }).click()
    const slot = page.getByTestId('slot-2026-04-07-afternoon')
    await slot.focus()
    await page.keyboard.press('n')
    const dialog = page.getByTestId('activity-form')
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: L.forum, exact: true }).click()
    await dialog.getByRole('textbox', { name: L.title }).fill('在肥校友座谈会')
    await dialog.getByLabel(L.start).fill('1430')
    await dialog.getByLabel(L.end).fill('16:30')
    await dialog.getByRole('textbox', { name: L.attendees, exact: true }).fill('23')
    // the alumni among them were not counted: left empty
    await page.getByTestId('activity-add-english').click()
    await dialog.getByLabel(L.outcomesEn).fill('Agreed to set up a Hefei alumni liaison office')
    await dialog.getByLabel(L.start).focus()
    await page.keyboard.press('Tab')
    await expect(dialog.getByLabel(L.start)).toHaveValue('14:30')
    await shot(page, `entry-fields-activity-${lang}`)
    await page.keyboard.press('Control+Enter')
    await expect(dialog).toBeHidden()
    const items = await apiCall<{ items: Rec[] }>(server, 'activities.list', {})
    expect(items.items[0]).toMatchObject({
      kind: 'forum',
      startTime: '14:30',
      endTime: '16:30',
      attendeesCount: 23,
      alumniAttendeesCount: null,
      positionsOffered: null,
      outcomesEn: 'Agreed to set up a Hefei alumni liaison office',
    })
  })
}

test('the New trip dialog takes the whole delegation, and the leader is not listed twice', async ({ page, server }) => {
  const leader = await apiCall<Rec>(server, 'staff.create', { name: '王立坤', title: '学院党委书记' })
  const member = await apiCall<Rec>(server, 'staff.create', { name: '刘军', title: '党支部书记' })
  await openApp(page, server)
  await navigate(page, 'trips')
  await page.getByRole('button', { name: '新建行程' }).click()
  const dialog = page.getByRole('dialog', { name: '新建出访行程' })
  await dialog.getByRole('textbox', { name: '标题', exact: true }).fill('赴苏州开展校企合作活动')
  await dialog.getByLabel('开始日期').fill('2026-05-12')
  await dialog.getByLabel('结束日期').fill('2026-05-13')
  const pick = async (name: string, text: string) => {
    const input = dialog.getByRole('combobox', { name })
    await input.fill(text)
    await expect(page.getByRole('listbox').getByRole('option', { name: new RegExp(text) }).first()).toBeVisible()
    await input.press('Enter')
    await expect(page.getByRole('listbox')).toBeHidden()
  }
  await pick('带队领导', '王立坤')
  // the leader is not offered again as a member
  const others = dialog.getByRole('combobox', { name: '其他出访成员' })
  await others.fill('王立坤')
  await expect(page.getByRole('listbox').getByRole('option', { name: /王立坤/ })).toHaveCount(0)
  await others.fill('')
  await pick('其他出访成员', '刘军')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  const trips = await apiCall<{ items: Rec[] }>(server, 'trips.list', {})
  expect(trips.items[0]).toMatchObject({ leaderId: leader.id, members: [{ staffId: leader.id, role: 'leader' }, { staffId: member.id, role: 'member' }] })
  await page.getByRole('tab', { name: '概况' }).click()
  await expect(page.getByRole('combobox', { name: '带队领导' })).toHaveValue('王立坤')
  const rows = page.getByTestId('trip-members').getByTestId('member-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.getByRole('combobox', { name: '成员 1' })).toHaveValue('刘军')
})

test('a new item takes the kind, city and our attendees of the same day’s last item', async ({ page, server }) => {
  const a = await apiCall<Rec>(server, 'staff.create', { name: '王立坤' })
  const b = await apiCall<Rec>(server, 'staff.create', { name: '刘军' })
  const trip = await apiCall<Rec>(server, 'trips.create', {
    title: '赴苏州开展校企合作活动', startDate: '2026-05-12', endDate: '2026-05-13', leaderId: a.id, members: [{ staffId: a.id, role: 'leader' }, { staffId: b.id, role: 'member' }],
  })
  await apiCall(server, 'activities.create', { tripId: trip.id, date: '2026-05-12', period: 'morning', kind: 'meeting', title: '拜访苏州工业园区管委会', city: '苏州', staffIds: [a.id] })
  await openApp(page, server)
  await page.goto(`${server.url.split('#')[0]}#/trips/${trip.id}?tab=itinerary`)
  const dialog = page.getByTestId('activity-form')

  await page.getByTestId('slot-2026-05-12-afternoon').focus()
  await page.keyboard.press('n')
  await expect(dialog.getByRole('button', { name: '会见/会谈', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await expect(dialog.getByRole('textbox', { name: '城市' })).toHaveValue('苏州')
  await expect(dialog.locator('.MuiChip-label', { hasText: '刘军' })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // another day starts from the defaults: a visit, no city, the whole delegation
  await page.getByTestId('slot-2026-05-13-morning').focus()
  await page.keyboard.press('n')
  await expect(dialog.getByRole('button', { name: '企业走访', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await expect(dialog.getByRole('textbox', { name: '城市' })).toHaveValue('')
  await expect(dialog.locator('.MuiChip-label', { hasText: '刘军' })).toHaveCount(1)
})

test('a member’s role: one of the offered roles, or whatever the office calls it', async ({ page, server }) => {
  const a = await apiCall<Rec>(server, 'staff.create', { name: '王立坤' })
  const b = await apiCall<Rec>(server, 'staff.create', { name: '刘军' })
  const c = await apiCall<Rec>(server, 'staff.create', { name: '王琪璐' })
  const trip = await apiCall<Rec>(server, 'trips.create', {
    title: '赴苏州开展校企合作活动', startDate: '2026-05-12', endDate: '2026-05-13', leaderId: a.id,
    members: [{ staffId: a.id, role: 'leader' }, { staffId: b.id, role: 'member' }, { staffId: c.id, role: 'member' }],
  })
  await openApp(page, server)
  await page.goto(`${server.url.split('#')[0]}#/trips/${trip.id}?tab=overview`)
  const rows = page.getByTestId('trip-members').getByTestId('member-row')
  await expect(rows).toHaveCount(2)
  // An offered role, chosen from the suggestions…
  const first = rows.nth(0).getByRole('combobox', { name: '分工' })
  await first.fill('翻')
  await page.getByRole('listbox').getByRole('option', { name: '翻译' }).click()
  await expect(first).toHaveValue('翻译')
  // …and one the list does not have, typed.
  const second = rows.nth(1).getByRole('combobox', { name: '分工' })
  await second.fill('摄影')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('overview-unsaved')).toHaveCount(0)
  const saved = await apiCall<Rec>(server, 'trips.get', { id: trip.id })
  expect(saved.members).toEqual([
    { staffId: a.id, role: 'leader' },
    { staffId: b.id, role: 'interpreter' },
    { staffId: c.id, role: '摄影' },
  ])
  await page.reload()
  await expect(page.getByTestId('trip-members').getByTestId('member-row').nth(1).getByRole('combobox', { name: '分工' })).toHaveValue('摄影')
})
