// Screenshots of the dashboard and the Ctrl+K search in both languages, into screenshots/, for a human to look at.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, navigate, openApp, test } from './fixtures'
import { addDeadlines, CLOCK, loadSampleFromDashboard } from './insights-helpers'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

async function shot(page: Page, name: string): Promise<void> {
  const notice = page.getByTestId('notice')
  if (await notice.isVisible()) {
    await notice.getByRole('button').last().click()
    await expect(notice).toBeHidden()
  }
  await page.waitForLoadState('networkidle')
  // Charts skip their animation under reduced motion (playwright.config.ts); CSS ones end at once.
  await page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled' })
}

// "Today" is fixed, so the overdue and expiring rows do not depend on the wall clock.
test.use({ now: CLOCK })

for (const lang of ['zh-CN', 'en'] as const) {
  test(`insights screenshots ${lang}`, async ({ page, server }) => {
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
    await shot(page, `insights-${lang}-dashboard-empty`)

    await loadSampleFromDashboard(page)
    await addDeadlines(page)
    await navigate(page, 'organizations')
    await navigate(page, 'dashboard')
    await expect(page.getByTestId('kpi-enterprisesVisited')).toHaveText('8')
    await expect(page.getByTestId('dashboard-overdue').getByRole('link')).toHaveCount(1)
    await shot(page, `insights-${lang}-dashboard`)
    await expect(page.getByTestId('dashboard-counts')).toBeInViewport() // the whole dashboard fits at 1440×900

    // The autumn term.
    await page.getByRole('button', { name: lang === 'en' ? 'Autumn term' : '秋季学期' }).click()
    await expect(page.getByTestId('dashboard-range')).toContainText('2025-08-01')
    await shot(page, `insights-${lang}-dashboard-term`)

    // Search: the hint, then results with one selected.
    await page.keyboard.press('Control+K')
    const box = page.getByRole('combobox', { name: lang === 'en' ? 'Search everything' : '全局搜索' })
    await expect(box).toBeFocused()
    await shot(page, `insights-${lang}-search-empty`)
    await box.pressSequentially(lang === 'en' ? 'Nantong' : '南通')
    await expect(page.getByRole('option').first()).toBeVisible()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await shot(page, `insights-${lang}-search`)
    await box.fill(lang === 'en' ? 'nothing like this' : '没有这个')
    await expect(page.getByTestId('global-search-empty')).toBeVisible()
    await shot(page, `insights-${lang}-search-none`)
  })
}
