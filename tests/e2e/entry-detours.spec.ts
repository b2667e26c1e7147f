// Issue 9's detours: what a report needs is asked for where the user is typing, and nothing is
// invented. The inline organisation dialog takes the industry and "alumni-founded", and
// “More…” opens the rest of the organisation's form in place; a forum's new
// participants do not inherit the host company; the alumni office set up at a forum is hosted by
// the forum's host; "New agreement" from a visit asks for the term and places and assumes no
// unveiling; a city liaison office has a kind of its own.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { apiCall, expect, openApp, switchToEnglish, test } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

interface Rec {
  id: string
  [k: string]: unknown
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(outDir, { recursive: true })
  await page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled' })
}

const L = {
  'zh-CN': {
    forum: '座谈会', create: (s: string) => `新建“${s}”`, city: '城市', industry: '行业', alumniFounded: '校友企业',
    more: (title: string) => `“${title}”的更多操作`, newGroup: '新建校友组织', newAgreement: '新建协议/实习基地',
    host: '依托单位', kind: '类别', person: '姓名', moreFields: '更多…', nameEn: '英文名', regional: '地方校友联络处', name: '名称', title: '标题', start: '开始日期', end: '结束日期',
    places: '年接纳人数', unveiled: '揭牌日期', status: '状态', signed: '已签约', org: '单位',
  },
  en: {
    forum: 'Forum', create: (s: string) => `Create “${s}”`, city: 'City', industry: 'Industry', alumniFounded: 'Alumni-founded',
    more: (title: string) => `More actions for “${title}”`, newGroup: 'New alumni organisation', newAgreement: 'New agreement / internship base',
    host: 'Host organisation', kind: 'Kind', person: 'Name', moreFields: 'More…', nameEn: 'English form of the organisation', regional: 'City or regional liaison office', name: 'Name', title: 'Title', start: 'Start date', end: 'End date',
    places: 'Places per year', unveiled: 'Unveiled', status: 'Status', signed: 'Signed', org: 'Organisation',
  },
} as const

for (const lang of ['zh-CN', 'en'] as const) {
  test(`no detours: inline organisation industry, forum participants, office host, agreement term (${lang})`, async ({ page, server }) => {
    test.setTimeout(180_000)
    const s = L[lang]
    const trip = await apiCall<Rec>(server, 'trips.create', { title: '赴苏州开展校企合作活动', startDate: '2026-05-12', endDate: '2026-05-13' })
    const host = await apiCall<Rec>(server, 'organizations.create', { name: '苏州某科技有限公司', city: '苏州' })
    const visit = await apiCall<Rec>(server, 'activities.create', {
      tripId: trip.id, date: '2026-05-13', period: 'morning', kind: 'enterpriseVisit', title: '走访苏州某科技有限公司', organizationIds: [host.id], city: '苏州',
    })
    await page.setViewportSize({ width: 1440, height: 1000 })
    await openApp(page, server)
    if (lang === 'en') await switchToEnglish(page)
    await page.goto(`${server.url.split('#')[0]}#/trips/${trip.id}?tab=itinerary`)

    // A forum hosted by a new organisation, entered with its industry, and a participant from elsewhere.
    const slot = page.getByTestId('slot-2026-05-12-afternoon')
    await slot.focus()
    await page.keyboard.press('n')
    const dialog = page.getByTestId('activity-form')
    await dialog.getByRole('button', { name: s.forum, exact: true }).click()
    const orgs = dialog.getByRole('combobox', { name: /参会单位|Organisations attending/ })
    await orgs.fill('苏州校友企业有限公司')
    await page.getByTestId('picker-create').click()
    const inlineOrg = page.getByTestId('inline-organization')
    await inlineOrg.getByRole('textbox', { name: s.city }).fill('苏州')
    await inlineOrg.getByRole('textbox', { name: s.industry }).fill('新能源')
    await inlineOrg.getByLabel(s.alumniFounded).check()
    await shot(page, `entry-inline-organization-${lang}`)
    // the rest of the organisation's form is one click away, in the same dialog
    await expect(inlineOrg.getByRole('textbox', { name: s.nameEn })).toHaveCount(0)
    await inlineOrg.getByRole('button', { name: s.moreFields }).click()
    await inlineOrg.getByRole('textbox', { name: s.nameEn }).fill('Suzhou Alumni Enterprise Co., Ltd.')
    await expect(inlineOrg.getByRole('button', { name: s.moreFields })).toHaveCount(0)
    await inlineOrg.getByRole('textbox', { name: s.industry }).press('Enter')
    await expect(inlineOrg).toBeHidden()
    const people = dialog.getByRole('combobox', { name: /参会人员|Participants/ })
    await people.fill('李校友')
    await page.getByTestId('picker-create').click()
    const inlineContact = page.getByTestId('inline-contact')
    // the participant's company is not the forum's host
    await expect(inlineContact.getByRole('combobox', { name: s.org })).toHaveValue('')
    await inlineContact.getByRole('textbox', { name: s.person, exact: true }).press('Enter')
    await expect(inlineContact).toBeHidden()
    await dialog.getByRole('textbox', { name: s.title, exact: true }).fill('在苏校友座谈会')
    await page.keyboard.press('Control+Enter')
    await expect(dialog).toBeHidden()

    const created = (await apiCall<{ items: Rec[] }>(server, 'organizations.list', {})).items.find((o) => o.name === '苏州校友企业有限公司')
    expect(created).toMatchObject({ industry: '新能源', alumniFounded: true, city: '苏州', nameEn: 'Suzhou Alumni Enterprise Co., Ltd.' })
    const li = (await apiCall<{ items: Rec[] }>(server, 'contacts.list', {})).items.find((c) => c.name === '李校友')
    expect(li?.organizationId).toBeNull()

    // The liaison office set up at the forum: hosted by the forum's host, a city office.
    await page.getByRole('button', { name: s.more('在苏校友座谈会') }).click()
    await page.getByRole('menuitem', { name: s.newGroup }).click()
    const group = page.getByRole('dialog', { name: new RegExp(s.newGroup) })
    await expect(group.getByRole('combobox', { name: s.host })).toHaveValue('苏州校友企业有限公司')
    await group.getByRole('textbox', { name: s.name, exact: true }).fill('苏州校友联络处')
    await group.getByRole('combobox', { name: s.kind }).click()
    await page.getByRole('option', { name: s.regional }).click()
    await shot(page, `entry-alumni-office-${lang}`)
    await group.getByRole('textbox', { name: s.name, exact: true }).press('Enter')
    await expect(group).toBeHidden()
    const office = (await apiCall<{ items: Rec[] }>(server, 'alumniGroups.list', {})).items[0]
    expect(office).toMatchObject({ name: '苏州校友联络处', kind: 'regionalLiaisonOffice', hostOrganizationId: created?.id })

    // An agreement signed at the visit: the term and places are asked for, no unveiling is assumed.
    await page.getByRole('button', { name: s.more('走访苏州某科技有限公司') }).click()
    await page.getByRole('menuitem', { name: s.newAgreement }).click()
    const agreement = page.getByRole('dialog', { name: new RegExp(s.newAgreement) })
    await expect(agreement.getByRole('textbox', { name: s.unveiled })).toHaveValue('')
    await expect(agreement.getByRole('combobox', { name: s.status })).toHaveText(s.signed)
    await agreement.getByRole('textbox', { name: s.title, exact: true }).fill('实习基地续签')
    await agreement.getByRole('textbox', { name: s.start }).fill('2026-06-01')
    await agreement.getByRole('textbox', { name: s.end }).fill('2029-05-31')
    await agreement.getByRole('textbox', { name: s.places }).fill('15')
    await shot(page, `entry-agreement-from-visit-${lang}`)
    await agreement.getByRole('textbox', { name: s.places }).press('Enter')
    await expect(agreement).toBeHidden()
    const base = (await apiCall<{ items: Rec[] }>(server, 'agreements.list', {})).items[0]
    expect(base).toMatchObject({ title: '实习基地续签', status: 'signed', unveiledDate: null, startDate: '2026-06-01', endDate: '2029-05-31', capacityPerYear: 15, organizationId: host.id })
    expect((await apiCall<Rec>(server, 'activities.get', { id: visit.id })).agreementIds).toEqual([base.id])
  })
}
