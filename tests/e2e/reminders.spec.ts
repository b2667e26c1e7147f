// Browser mode shows the reminders the desktop app would notify: in a panel, once per local day.
// The page's clock is fixed (page.clock), and the page asks the server for the reminders of its own
// local day, so nothing here depends on the real date.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, openApp, test } from './fixtures'
import { apiCall } from './insights-helpers'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')
// 10:00 on Monday 5 January 2026 in Shanghai (the browser's zone in playwright.config.ts).
const MONDAY = new Date('2026-01-05T10:00:00+08:00')

async function seed(page: Page): Promise<{ overdueId: string }> {
  const org = await apiCall<{ id: string }>(page, 'organizations.create', { name: '南通智造科技有限公司' })
  const overdue = await apiCall<{ id: string }>(page, 'followUps.create', { title: '联系校友会秘书处', dueDate: '2026-01-01', organizationId: org.id })
  await apiCall(page, 'followUps.create', { title: '提交实习岗位清单', dueDate: '2026-01-08', status: 'inProgress' })
  await apiCall(page, 'followUps.create', { title: '下周再办的事', dueDate: '2026-01-09' })
  await apiCall(page, 'followUps.create', { title: '已经办完的事', dueDate: '2026-01-02', status: 'done' })
  await apiCall(page, 'agreements.create', { title: '智造实习基地', organizationId: org.id, endDate: '2026-02-04', status: 'active' })
  await apiCall(page, 'agreements.create', { title: '远期实习基地', organizationId: org.id, endDate: '2026-02-05', status: 'active' })
  return { overdueId: overdue.id }
}

test('reminders appear in the page, open their record, and stay dismissed until the next day', async ({ page, server }) => {
  test.setTimeout(180_000)
  await page.clock.install({ time: MONDAY })
  await openApp(page, server)
  await expect(page.getByTestId('dashboard-empty')).toBeVisible()
  await expect(page.getByTestId('reminders-panel')).toHaveCount(0) // nothing is due in an empty folder
  const { overdueId } = await seed(page)
  await page.reload()

  const panel = page.getByTestId('reminders-panel')
  // On a loaded machine the first page load can take a while: wait for the state, not for a time.
  await expect(panel).toBeVisible({ timeout: 30_000 })
  await expect(panel.getByRole('heading', { name: '今日提醒' })).toBeVisible()
  await expect(panel.getByRole('heading', { name: '跟进事项（2）' })).toBeVisible()
  await expect(panel.getByRole('link')).toHaveText(['联系校友会秘书处', '提交实习岗位清单', '智造实习基地'])
  await expect(panel).toContainText('南通智造科技有限公司 · 已逾期 4 天')
  await expect(panel).toContainText('3 天后到期')
  await expect(panel).toContainText('30 天后到期')
  await expect(panel).not.toContainText('下周再办的事')
  await expect(panel).not.toContainText('已经办完的事')
  await expect(panel).not.toContainText('远期实习基地')

  await mkdir(outDir, { recursive: true })
  await page.screenshot({ path: join(outDir, 'reminders-zh-CN.png') })

  // The link opens the record itself: its form, on the follow-ups page.
  await panel.getByRole('link', { name: '联系校友会秘书处' }).click()
  const form = page.getByRole('dialog', { name: '编辑跟进事项' })
  await expect(form.getByLabel('标题')).toHaveValue('联系校友会秘书处')
  await expect(page).toHaveURL(/#\/follow-ups/)
  await form.press('Escape')
  await expect(form).toBeHidden()

  // Marking it done takes it off the list at once.
  await apiCall(page, 'followUps.update', { id: overdueId, changes: { status: 'done' } })
  await page.reload()
  await expect(panel.getByRole('link')).toHaveText(['提交实习岗位清单', '智造实习基地'])

  await panel.getByTestId('reminders-dismiss').click()
  await expect(panel).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('nav-dashboard')).toBeVisible()
  await expect(panel).toHaveCount(0)

  // The next morning the page notices the new day by itself and reminds again, one day closer.
  await page.clock.fastForward('24:00:00')
  await expect(panel).toBeVisible()
  await expect(panel).toContainText('2 天后到期')
  await expect(panel).toContainText('29 天后到期')
})

test('Settings turn the reminders off and on', async ({ page, server }) => {
  test.setTimeout(180_000)
  await page.clock.install({ time: MONDAY })
  await openApp(page, server)
  await seed(page)
  await page.reload()
  const panel = page.getByTestId('reminders-panel')
  await expect(panel).toBeVisible()

  await page.getByTestId('nav-settings').click()
  const toggle = page.getByTestId('settings-reminders')
  await expect(toggle).toBeChecked()
  await toggle.click()
  await expect(toggle).not.toBeChecked()
  await expect(panel).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('settings-reminders')).not.toBeChecked()
  await expect(panel).toHaveCount(0)

  await page.getByTestId('settings-reminders').click()
  await expect(panel).toBeVisible()
})

test('reminders in English', async ({ page, server }) => {
  await page.clock.install({ time: MONDAY })
  await openApp(page, server)
  await apiCall(page, 'settings.update', { language: 'en' })
  await seed(page)
  await page.reload()
  const panel = page.getByTestId('reminders-panel')
  await expect(panel.getByRole('heading', { name: 'Reminders for today' })).toBeVisible()
  await expect(panel.getByRole('heading', { name: 'Follow-ups (2)' })).toBeVisible()
  await expect(panel.getByRole('heading', { name: 'Internship bases ending soon (1)' })).toBeVisible()
  await expect(panel).toContainText('4 days overdue')
  await expect(panel).toContainText('Due in 3 days')
  await expect(panel).toContainText('Ends in 30 days')
  await mkdir(outDir, { recursive: true })
  await page.screenshot({ path: join(outDir, 'reminders-en.png') })
  await panel.getByRole('button', { name: 'Not again today' }).first().click()
  await expect(panel).toHaveCount(0)
})
