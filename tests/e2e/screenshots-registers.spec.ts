// Screenshots of the registers (contacts, organisation detail, agreements, alumni organisations,
// follow-ups, staff): lists, forms, details and empty states, in both languages, into screenshots/.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, navigate, openApp, test } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await expect(page.locator('.MuiDataGrid-cell', { hasText: /^…$/ })).toHaveCount(0)
}

async function dismissNotice(page: Page): Promise<void> {
  const notice = page.getByTestId('notice')
  if (await notice.isVisible()) {
    // It may be closing by itself already (auto-hide): then the click has nothing to hit.
    await notice
      .getByRole('button')
      .last()
      .click({ timeout: 2000 })
      .catch(() => undefined)
    await expect(notice).toBeHidden()
  }
}

async function shot(page: Page, lang: string, name: string): Promise<void> {
  await dismissNotice(page)
  await settle(page)
  await page.screenshot({ path: join(outDir, `registers-${lang}-${name}.png`), animations: 'disabled' })
}

/** Calls the API the way the renderer does (browser mode's window.api). */
async function api(page: Page, method: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ([m, i]) => {
      const r = await (globalThis as unknown as { api: Record<string, (x: unknown) => Promise<{ ok: boolean; data?: unknown; error?: unknown }>> }).api[m as string](i)
      if (!r.ok) throw new Error(JSON.stringify(r.error))
      return r.data
    },
    [method, input] as const,
  )
}

function isoIn(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

async function closeForm(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  const discard = page.getByTestId('discard-dialog')
  if (await discard.isVisible().catch(() => false)) await discard.getByRole('button').last().click()
  await expect(page.getByTestId('record-form')).toBeHidden()
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`registers screenshots ${lang}`, async ({ page, server }) => {
    test.setTimeout(180_000)
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await mkdir(outDir, { recursive: true })
    await page.setViewportSize({ width: 1440, height: 900 })
    await openApp(page, server)
    if (lang === 'en') {
      await navigate(page, 'settings')
      await page.getByTestId('lang-en').click()
      await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
    }

    // Empty states first.
    for (const p of ['contacts', 'agreements', 'alumniGroups', 'followUps', 'staff'] as const) {
      await navigate(page, p)
      await expect(page.getByTestId('register-empty').first()).toBeVisible()
      await shot(page, lang, `${p}-empty`)
    }

    await navigate(page, 'dashboard')
    await page.getByTestId('dashboard-empty').getByRole('button').click()
    await expect(page.getByTestId('dashboard-counts')).toBeVisible()
    // Give the sample what a year of use would: an agreement ending soon, one expired,
    // follow-ups with owners, due dates and notes.
    await api(page, 'agreements.update', { id: 'agr-beep-palolo-internship-base', changes: { endDate: isoIn(30), signedDate: '2025-12-05', ownerId: 'stf-liu-jun', partnerContactId: 'ctc-shu-xueyan', capacityPerYear: 20, majors: [L('过程装备与控制工程', 'Process Equipment and Control Engineering')] } })
    await api(page, 'agreements.create', { title: L('联合培养协议（到期示例）', 'Joint-training agreement (expired example)'), kind: 'jointTraining', organizationId: 'org-zhuoran', startDate: '2023-01-01', endDate: isoIn(-10), status: 'active' })
    await api(page, 'followUps.update', { id: 'fup-cooperation-intentions', changes: { ownerId: 'stf-wang-qilu', dueDate: isoIn(-3), status: 'inProgress', organizationId: 'org-zhuoran', log: [{ date: isoIn(-20), text: L('已电话联系卓然公司人事部。', 'Called Zhuoran HR.') }, { date: isoIn(-5), text: L('对方同意下月来校宣讲。', 'They agreed to a campus talk next month.') }] } })
    await api(page, 'followUps.update', { id: 'fup-shanghai-alumni-association', changes: { ownerId: 'stf-deng-teng', dueDate: isoIn(20) } })
    await api(page, 'followUps.update', { id: 'fup-normalized-exchange', changes: { status: 'done', result: L('已形成制度。', 'Now a standing practice.') } })

    // Contacts
    await navigate(page, 'contacts')
    await expect(page.getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'contacts')
    await page.getByTestId('filter-alumni').check()
    await expect(page.getByRole('row')).toHaveCount(2)
    await shot(page, lang, 'contacts-alumni-filter')
    await page.getByTestId('filter-alumni').uncheck()
    await page.getByRole('button', { name: L('新建', 'New') }).click()
    const form = page.getByTestId('record-form')
    await form.getByLabel(L('电子邮件', 'E-mail')).fill('not-an-email')
    await form.getByLabel(L('本院校友', 'Alumnus of the school')).check()
    await form.getByLabel(L('届别', 'Class year')).fill('1800')
    await form.getByRole('button', { name: L('保存', 'Save') }).click()
    await expect(form.getByText(L('必填', 'Required')).first()).toBeVisible()
    await shot(page, lang, 'contact-form-error')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('discard-dialog')).toBeVisible()
    await shot(page, lang, 'discard-dialog')
    await page.getByTestId('discard-dialog').getByRole('button').last().click()
    await expect(form).toBeHidden()
    await page.getByRole('row', { name: /罗小秋|Luo Xiaoqiu/ }).getByRole('menuitem', { name: L('编辑', 'Edit') }).click()
    await expect(form).toBeVisible()
    await shot(page, lang, 'contact-form-alumni')
    await closeForm(page)
    await page.getByRole('row', { name: /罗小秋|Luo Xiaoqiu/ }).getByRole('menuitem', { name: L('查看详情', 'Open details') }).click()
    await expect(page.getByTestId('contact-history')).toBeVisible()
    await expect(page.getByTestId('contact-history').getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'contact-detail')

    // Organisation detail, from the contact's organisation link
    await page.getByTestId('contact-info').getByRole('link').click()
    await expect(page.getByTestId('organization-info')).toBeVisible()
    await expect(page.getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'organization-detail')
    await page.getByTestId('org-tab-contacts').click()
    await expect(page.getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'organization-detail-contacts')
    await navigate(page, 'organizations')
    await page.getByTestId('register-search').fill(L('必普帕洛洛', 'Beep Palolo'))
    await page.getByRole('row', { name: /必普帕洛洛（江苏）|Beep Palolo Jiangsu/ }).getByRole('menuitem', { name: L('查看详情', 'Open details') }).click()
    await page.getByTestId('org-tab-agreements').click()
    await expect(page.getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'organization-detail-agreements')

    // Agreements
    await navigate(page, 'agreements')
    await expect(page.getByTestId('expiry-flag').first()).toBeVisible()
    await shot(page, lang, 'agreements')
    await page.getByTestId('filter-expiring').click()
    await shot(page, lang, 'agreements-expiring')
    await page.getByRole('row').filter({ has: page.locator('[data-state="expiring"]') }).first().click()
    await expect(form).toBeVisible()
    await shot(page, lang, 'agreement-form')
    await closeForm(page)
    await page.getByRole('button', { name: L('新建', 'New') }).click()
    await form.getByRole('button', { name: L('保存', 'Save') }).click()
    await expect(form.getByText(L('必填', 'Required')).first()).toBeVisible()
    await shot(page, lang, 'agreement-form-error')
    await closeForm(page)

    // Alumni organisations
    await navigate(page, 'alumniGroups')
    await expect(page.getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'alumniGroups')
    await page.getByRole('row', { name: /上海校友会|Shanghai Alumni Association/ }).first().click()
    await expect(page.getByTestId('status-steps')).toBeVisible()
    await shot(page, lang, 'alumniGroup-form')
    await closeForm(page)

    // Follow-ups
    await navigate(page, 'followUps')
    await expect(page.getByTestId('board-card').first()).toBeVisible()
    await shot(page, lang, 'followUps-board')
    await page.getByTestId('board-card').filter({ has: page.getByTestId('overdue-flag') }).first().getByTestId('card-menu').click()
    await shot(page, lang, 'followUps-card-menu')
    await page.keyboard.press('Escape')
    await page.getByTestId('board-card').filter({ has: page.getByTestId('overdue-flag') }).first().getByRole('button').first().click()
    await expect(form).toBeVisible()
    await shot(page, lang, 'followUp-form')
    await closeForm(page)
    await page.getByTestId('view-list').click()
    await expect(page.getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'followUps-list')
    await page.getByTestId('view-board').click()

    // Staff
    await navigate(page, 'staff')
    await expect(page.getByRole('row')).not.toHaveCount(1)
    await shot(page, lang, 'staff')
    await page.getByRole('row').nth(1).click()
    await expect(form).toBeVisible()
    await shot(page, lang, 'staff-form')
    await closeForm(page)
  })
}
