// Screenshots of the trip pages in both languages, into screenshots/ (gitignored), for a human to look at:
// the list (empty and with the sample trip), the trip page's tabs, the quick-add, the pickers and the
// inline dialogs. The sample trip is loaded through the dashboard's button, as a user would.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, navigate, openApp, switchToEnglish, test } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

const L = {
  'zh-CN': {
    loadSample: '载入示例行程',
    overview: '概况',
    itinerary: /行程安排/,
    outcomes: /成果与跟进/,
    newTrip: '新建行程',
    forum: '在沪优秀校友专题座谈会',
    ceremony: '“南昌大学本科生实习基地”揭牌仪式',
    people: /会见人员|参会人员/,
    orgs: /到访单位|参会单位/,
    moreFor: (title: string) => `“${title}”的更多操作`,
    newAgreement: '新建协议/实习基地',
    cancel: '取消',
    discard: /放弃|Discard/,
  },
  en: {
    loadSample: 'Load the sample trip',
    overview: 'Overview',
    itinerary: /Itinerary/,
    outcomes: /Outcomes/,
    newTrip: 'New trip',
    forum: 'Thematic forum with outstanding alumni in Shanghai',
    ceremony: 'Unveiling ceremony of the "Nanchang University Undergraduate Internship Base"',
    people: /People met|Participants/,
    orgs: /Organisations visited|Organisations attending/,
    moreFor: (title: string) => `More actions for “${title}”`,
    newAgreement: 'New agreement / internship base',
    cancel: 'Cancel',
    discard: /Discard|放弃/,
  },
} as const

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  // Linked names are fetched after the records; wait until none is still a placeholder.
  await expect(page.getByText('…', { exact: true })).toHaveCount(0)
  await expect(page.locator('.MuiDataGrid-cell', { hasText: /^…$/ })).toHaveCount(0)
}

async function dismissNotice(page: Page): Promise<void> {
  const notice = page.getByTestId('notice')
  if (await notice.isVisible()) {
    await notice.getByRole('button').last().click()
    await expect(notice).toBeHidden()
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await dismissNotice(page)
  await settle(page)
  await page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled' })
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`trip screenshots ${lang}`, async ({ page, server }) => {
    test.setTimeout(180_000)
    const s = L[lang]
    await mkdir(outDir, { recursive: true })
    await page.setViewportSize({ width: 1440, height: 900 })
    await openApp(page, server)
    if (lang === 'en') await switchToEnglish(page)

    // Empty list: says what to do.
    await navigate(page, 'trips')
    await expect(page.getByTestId('register-empty')).toBeVisible()
    await shot(page, `${lang}-trips-empty`)

    // A new trip: the form, then the blank itinerary it opens on.
    await page.getByRole('button', { name: s.newTrip }).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await shot(page, `${lang}-trip-new`)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()

    await navigate(page, 'dashboard')
    await page.getByRole('button', { name: s.loadSample }).click()
    await expect(page.getByTestId('dashboard-empty')).toBeHidden()
    await navigate(page, 'trips')
    await expect(page.getByRole('row')).toHaveCount(2)
    await shot(page, `${lang}-trips-list`)

    await page.getByRole('row').nth(1).click()
    await expect(page.getByTestId('trip-page')).toBeVisible()
    await expect(page.getByTestId('activity-card')).toHaveCount(11)
    await shot(page, `${lang}-trip-itinerary`)

    // Further down: the forum with its alumni chip, and the Rudong afternoon with five items.
    const forum = page.getByTestId('activity-card').filter({ hasText: s.forum })
    await forum.scrollIntoViewIfNeeded()
    await page.getByTestId('slot-2025-12-03-afternoon').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(page, `${lang}-trip-itinerary-forum`)
    await page.getByTestId('day-2025-12-04').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(page, `${lang}-trip-itinerary-rudong`)
    await page.getByTestId('day-2025-12-05').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(page, `${lang}-trip-itinerary-dec5`)

    await page.getByRole('tab', { name: s.overview }).click()
    await shot(page, `${lang}-trip-overview`)
    await page.getByTestId('trip-members').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(page, `${lang}-trip-overview-members`)

    await page.getByRole('tab', { name: s.outcomes }).click()
    await expect(page.getByTestId('outcomes')).toBeVisible()
    await shot(page, `${lang}-trip-outcomes`)

    // Quick-add on an empty slot, with the organisation picker open.
    await page.getByRole('tab', { name: s.itinerary }).click()
    await page.getByTestId('slot-2025-12-02-afternoon').focus()
    await page.keyboard.press('n')
    const dialog = page.getByRole('dialog').first()
    await expect(dialog).toBeVisible()
    await shot(page, `${lang}-activity-quickadd`)
    await page.keyboard.type(lang === 'en' ? 'Shanghai' : '上海')
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible()
    await shot(page, `${lang}-activity-quickadd-orgs`)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await page.keyboard.type(lang === 'en' ? 'Luo' : '罗')
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible()
    await shot(page, `${lang}-activity-quickadd-people`)
    // A person who is not there yet: the inline dialog, with an alumni profile.
    await page.keyboard.type(lang === 'en' ? ' Newperson' : '新同学')
    await expect(page.getByTestId('picker-create')).toBeVisible()
    await page.keyboard.press('Enter')
    const inline = page.getByTestId('inline-contact')
    await expect(inline).toBeVisible()
    await inline.locator('input[name="isAlumnus"]').check()
    await shot(page, `${lang}-inline-contact`)
    // A changed form asks before it closes, the short one opened from a picker too.
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('discard-dialog')).toBeVisible()
    await page.getByTestId('discard-dialog').getByRole('button', { name: s.discard }).click()
    await expect(inline).toBeHidden()
    await expect(page.getByTestId('discard-dialog')).toBeHidden()
    // Closing a form with something typed asks first.
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('discard-dialog')).toBeVisible()
    await shot(page, `${lang}-activity-discard`)
    await page.getByTestId('discard-dialog').getByRole('button', { name: s.discard }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)

    // Editing the forum: participants with the alumni chip, the consensus.
    await page.getByTestId('activity-card').filter({ hasText: s.forum }).getByTestId('activity-title').click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await shot(page, `${lang}-activity-edit-forum`)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)

    // A record created from an item: an agreement from the ceremony.
    const ceremony = page.getByTestId('activity-card').filter({ hasText: s.ceremony })
    await ceremony.getByRole('button', { name: s.moreFor(s.ceremony) }).click()
    await shot(page, `${lang}-activity-menu`)
    await page.getByRole('menuitem', { name: s.newAgreement }).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await shot(page, `${lang}-agreement-from-item`)
    await page.getByRole('dialog').getByRole('button', { name: s.cancel }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)
  })
}
