// Screenshots of every page in both languages, into screenshots/ (gitignored), for a human to look at.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, navigate, openApp, test } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

const PAGES = ['dashboard', 'trips', 'organizations', 'contacts', 'agreements', 'alumniGroups', 'followUps', 'staff', 'settings'] as const

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  // Linked names are fetched after the rows; wait until none is still a placeholder.
  await expect(page.locator('.MuiDataGrid-cell', { hasText: /^…$/ })).toHaveCount(0)
}

/** Snackbars come and go; keep them out of the pictures. */
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
  test(`screenshots ${lang}`, async ({ page, server }) => {
    test.setTimeout(120_000)
    await mkdir(outDir, { recursive: true })
    await page.setViewportSize({ width: 1440, height: 900 })
    await openApp(page, server)
    if (lang === 'en') {
      await navigate(page, 'settings')
      await page.getByTestId('lang-en').click()
      await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
      await navigate(page, 'dashboard')
    }
    await expect(page.getByTestId('dashboard-empty')).toBeVisible()
    await shot(page, `${lang}-dashboard-empty`)
    await navigate(page, 'organizations')
    await shot(page, `${lang}-organizations-empty`)
    await navigate(page, 'dashboard')
    await page.getByTestId('dashboard-empty').getByRole('button').click()
    await expect(page.getByTestId('dashboard-counts')).toBeVisible()
    await expect(page.getByTestId('dashboard-trips').getByRole('link')).not.toHaveCount(0)

    for (const p of PAGES) {
      await navigate(page, p)
      if (p !== 'dashboard' && p !== 'settings') await expect(page.getByRole('row')).not.toHaveCount(1)
      await shot(page, `${lang}-${p}`)
    }
    // The lower half of Settings: data safety and backups.
    await navigate(page, 'settings')
    await page.getByTestId('backups').or(page.getByText(lang === 'en' ? 'No backups yet.' : '还没有备份。')).scrollIntoViewIfNeeded()
    await shot(page, `${lang}-settings-backups`)

    // The organization form with a field error, and the "still linked" dialog.
    await navigate(page, 'organizations')
    await page.getByRole('button', { name: lang === 'en' ? 'New' : '新建' }).click()
    await page.getByRole('dialog').getByRole('button', { name: lang === 'en' ? 'Save' : '保存' }).click()
    await shot(page, `${lang}-organization-form-error`)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()

    await page.getByRole('row').nth(1).getByRole('menuitem', { name: lang === 'en' ? 'Delete' : '删除' }).click()
    await expect(page.getByTestId('linked-list')).toBeVisible()
    await shot(page, `${lang}-organization-linked`)
  })
}
