// Helpers shared by the search/dashboard specs.
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/**
 * The instant the dashboard tests run at (`test.use({ now: CLOCK })`): 06:30 in Shanghai, when
 * the UTC date is still the day before, so a UTC "today" anywhere would show.
 */
export const CLOCK = '2026-03-10T06:30:00+08:00'
export const CLOCK_YEAR = 2026

/** Loads the sample trip from the dashboard's empty state, in the UI language. */
export async function loadSampleFromDashboard(page: Page): Promise<void> {
  const empty = page.getByTestId('dashboard-empty')
  await expect(empty).toBeVisible()
  await empty.getByRole('button').click()
  // The first dashboard draws every chart: on a loaded 2-core machine that can take well over 10 s.
  await expect(page.getByTestId('count-organizations')).toHaveText('10', { timeout: 30_000 })
}

/** Calls the API straight from the page (as the renderer would), for set-up only. */
export async function apiCall<T = unknown>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([m, i]) => {
      const api = (globalThis as unknown as { api: Record<string, (x: unknown) => Promise<{ ok: boolean; data?: unknown; error?: unknown }>> }).api
      return api[m as string](i)
    },
    [method, input] as const,
  )
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`)
  return result.data as T
}

/** yyyy-MM-dd, `days` from today in the browser's time zone. */
export async function dayFromToday(page: Page, days: number): Promise<string> {
  return page.evaluate((d) => {
    const t = new Date()
    t.setDate(t.getDate() + d)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`
  }, days)
}

/** Gives the sample an overdue follow-up and an agreement that ends soon, so the dashboard's lists have rows. */
export async function addDeadlines(page: Page): Promise<{ followUpId: string; agreementId: string }> {
  const followUpId = 'fup-shanghai-alumni-association'
  const agreementId = 'agr-beep-palolo-internship-base'
  await apiCall(page, 'followUps.update', { id: followUpId, changes: { dueDate: await dayFromToday(page, -20) } })
  await apiCall(page, 'agreements.update', { id: agreementId, changes: { endDate: await dayFromToday(page, 45) } })
  return { followUpId, agreementId }
}
