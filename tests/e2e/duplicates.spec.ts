// Two records of one company, each with its own visit and contact: the Possible duplicates screen
// proposes them, the merge dialog merges them, every visit and contact follows the survivor (on its
// page and in Ctrl+K), and the merge is undone. Screenshots: screenshots/duplicates-<lang>-<step>.png.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { apiCall, expect, navigate, openApp, test } from './fixtures'
import type { AppServer } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

async function shot(page: Page, lang: string, name: string): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: join(outDir, `duplicates-${lang}-${name}.png`) })
}

interface Rec {
  id: string
}

async function seed(server: AppServer) {
  const kept = await apiCall<Rec>(server, 'organizations.create', { name: '江西铜业股份有限公司', city: '南昌', industry: '有色金属' })
  const dup = await apiCall<Rec>(server, 'organizations.create', { name: '江西铜业（集团）有限公司', website: 'https://www.jxcc.com', creditCode: '' })
  await apiCall(server, 'contacts.create', { name: '张伟', position: '人力资源部经理', organizationId: kept.id })
  await apiCall(server, 'contacts.create', { name: '王磊', position: '总工程师', organizationId: dup.id })
  await apiCall(server, 'activities.create', { date: '2025-07-01', period: 'morning', kind: 'enterpriseVisit', title: '走访江铜总部', organizationIds: [kept.id] })
  await apiCall(server, 'activities.create', { date: '2025-07-02', period: 'afternoon', kind: 'enterpriseVisit', title: '座谈江铜集团', organizationIds: [dup.id] })
  // a second, unrelated pair: the organisation page's "Merge duplicate…" must show only its own
  await apiCall(server, 'organizations.create', { name: '华为技术有限公司' })
  await apiCall(server, 'organizations.create', { name: '华为技术 有限公司' })
  return { kept, dup }
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`merge two duplicate organisations ${lang}`, async ({ page, server }) => {
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await mkdir(outDir, { recursive: true })
    const { kept, dup } = await seed(server)
    await openApp(page, server)
    if (lang === 'en') {
      await navigate(page, 'settings')
      await page.getByTestId('lang-en').click()
      await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
    }
    await expect(page.getByTestId('nav-duplicates-count')).toHaveText('2')
    await navigate(page, 'duplicates')
    await expect(page.getByTestId('duplicate-pair')).toHaveCount(2)
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: '江西铜业' })
    await expect(pair).toContainText(L('名称相同', 'Same name'))
    await shot(page, lang, '1-list')

    await pair.getByTestId('pair-merge').click()
    const dialog = page.getByTestId('merge-dialog')
    await expect(dialog.getByTestId('merge-survivor')).toHaveText('江西铜业股份有限公司')
    await expect(dialog.getByTestId('merge-links')).toContainText('2')
    // The survivor's empty website is filled from the other by default; its city is kept.
    await expect(dialog.getByTestId('choose-website-other').locator('input')).toBeChecked()
    await expect(dialog.getByTestId('choose-city-survivor').locator('input')).toBeChecked()
    await shot(page, lang, '2-dialog')
    await dialog.getByTestId('merge-confirm').click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('duplicate-pair')).toHaveCount(1)
    await expect(page.getByTestId('nav-duplicates-count')).toHaveText('1')
    await expect(page.getByTestId('merge-history')).toContainText('江西铜业（集团）有限公司')
    await shot(page, lang, '3-merged')

    // Every visit and contact now belongs to the survivor.
    await page.goto(`${server.url}#/organizations/${kept.id}`)
    await expect(page.getByTestId('org-tab-visits')).toContainText('(2)')
    await expect(page.getByTestId('org-tab-contacts')).toContainText('(2)')
    await expect(page.getByRole('grid')).toContainText('座谈江铜集团')
    await page.getByTestId('org-tab-contacts').click()
    await expect(page.getByRole('grid')).toContainText('王磊')
    await shot(page, lang, '4-survivor')

    // Ctrl+K finds the survivor under the other's name, and the other no longer.
    await page.keyboard.press('Control+K')
    await page.getByTestId('global-search-input').pressSequentially('江西铜业（集团）')
    const options = page.getByRole('option')
    await expect(options.filter({ hasText: '江西铜业股份有限公司' })).toHaveCount(1)
    await expect(options.filter({ hasText: '江西铜业（集团）有限公司' })).toHaveCount(0)
    await page.keyboard.press('Escape')

    // The other's page says where it went.
    await page.goto(`${server.url}#/organizations/${dup.id}`)
    await expect(page.getByTestId('org-merged-into')).toBeVisible()

    await navigate(page, 'duplicates')
    await page.getByTestId('undo-merge-江西铜业（集团）有限公司').click()
    await expect(page.getByTestId('merge-history')).toContainText(L('已撤销', 'Undone'))
    await expect(page.getByTestId('duplicate-pair')).toHaveCount(2)
    await shot(page, lang, '5-undone')
    await page.goto(`${server.url}#/organizations/${kept.id}`)
    await expect(page.getByTestId('org-tab-visits')).toContainText('(1)')
    await expect(page.getByTestId('org-tab-contacts')).toContainText('(1)')

    // From the organisation's page: the same screen, limited to that record's pairs.
    await page.getByTestId('org-merge-with').click()
    await expect(page.getByTestId('duplicate-pair')).toHaveCount(1)
    await expect(page.getByTestId('duplicate-pair')).toContainText('江西铜业（集团）有限公司')
  })
}

for (const lang of ['zh-CN', 'en'] as const) {
  // What a receive leaves when two laptops each entered the trip: two trips, one visit recorded twice.
  test(`one trip entered on two laptops is merged, then its visit ${lang}`, async ({ page, server }) => {
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await mkdir(outDir, { recursive: true })
    const org = await apiCall<Rec>(server, 'organizations.create', { name: '上海卓然工程技术股份有限公司', city: '上海' })
    const zhang = await apiCall<Rec>(server, 'contacts.create', { name: '张伟', organizationId: org.id })
    const li = await apiCall<Rec>(server, 'contacts.create', { name: '李娜', organizationId: org.id })
    const mine = await apiCall<Rec>(server, 'trips.create', { title: '赴上海、南通开展校企合作', startDate: '2026-05-06', endDate: '2026-05-08', destinations: ['上海'] })
    const theirs = await apiCall<Rec>(server, 'trips.create', { title: '赴上海南通校企合作', startDate: '2026-05-06', endDate: '2026-05-08', destinations: ['上海', '南通'] })
    await apiCall(server, 'activities.create', { tripId: mine.id, date: '2026-05-06', kind: 'enterpriseVisit', title: '走访卓然', organizationIds: [org.id], contactIds: [zhang.id], outcomes: '就实习基地达成意向。' })
    await apiCall(server, 'activities.create', { tripId: theirs.id, date: '2026-05-06', kind: 'enterpriseVisit', title: '走访上海卓然', organizationIds: [org.id], contactIds: [li.id], outcomes: '对方愿提供20个岗位。' })
    await openApp(page, server)
    if (lang === 'en') {
      await navigate(page, 'settings')
      await page.getByTestId('lang-en').click()
      await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
    }
    await expect(page.getByTestId('nav-duplicates-count')).toHaveText('2')
    await navigate(page, 'duplicates')
    await page.getByTestId('dupes-tab-trips').click()
    await expect(page.getByTestId('duplicate-pair')).toContainText(L('日期相同、标题相近', 'Same dates and a like title'))
    await page.getByTestId('pair-merge').click()
    const dialog = page.getByTestId('merge-dialog')
    await expect(dialog.getByTestId('merge-survivor')).toHaveText('赴上海、南通开展校企合作')
    // Destinations are united unless a side is chosen.
    await expect(dialog.getByRole('row').filter({ hasText: L('南通', '南通') }).getByRole('radio').first()).toBeChecked()
    await shot(page, lang, '6-trip-dialog')
    await dialog.getByTestId('merge-confirm').click()
    await expect(dialog).toBeHidden()

    await page.getByTestId('dupes-tab-activities').click()
    await expect(page.getByTestId('duplicate-pair')).toContainText(L('同一天、同一单位', 'same day, same organisation'))
    await page.getByTestId('pair-merge').click()
    // People met are shown by name, and both are kept by default.
    await expect(dialog).toContainText('张伟')
    await expect(dialog).toContainText('李娜')
    await shot(page, lang, '7-visit-dialog')
    await dialog.getByTestId('merge-confirm').click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('nav-duplicates-count')).toBeHidden()

    await page.goto(`${server.url}#/trips/${mine.id}`)
    await expect(page.getByText('走访卓然')).toBeVisible()
    await expect(page.getByText('走访上海卓然')).toHaveCount(0)
  })
}
