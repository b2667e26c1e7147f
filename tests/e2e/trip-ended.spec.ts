// Issue 9 defect 5: a trip entered after it happened keeps the default "planned". Once its end
// date has passed (by the office's local day, from the injected clock), the list and the trip page
// say so and offer to mark it done; nothing changes until the user clicks.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiCall, expect, navigate, openApp, switchToEnglish, test } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

// 00:30 in Shanghai on 10 March is still 9 March in UTC: "today" must be the local day.
test.use({ now: '2026-03-10T00:30:00+08:00' })

interface Trip {
  id: string
  status: string
}

const L = {
  'zh-CN': { completed: '已完成', planned: '筹划中' },
  en: { completed: 'Completed', planned: 'Planned' },
} as const

for (const lang of ['zh-CN', 'en'] as const) {
  test(`a past trip still planned is offered to be marked done (${lang})`, async ({ page, server }) => {
    const past = await apiCall<Trip>(server, 'trips.create', { title: 'Hefei visits / 合肥走访', startDate: '2026-03-02', endDate: '2026-03-05' })
    const endedYesterday = await apiCall<Trip>(server, 'trips.create', { title: 'Wuhan forum / 武汉座谈', startDate: '2026-03-08', endDate: '2026-03-09' })
    // ends today: still under way, not flagged
    await apiCall<Trip>(server, 'trips.create', { title: 'Changsha visits / 长沙走访', startDate: '2026-03-09', endDate: '2026-03-10' })
    await page.setViewportSize({ width: 1440, height: 900 })
    await openApp(page, server)
    if (lang === 'en') await switchToEnglish(page)
    await navigate(page, 'trips')
    const row = (title: string) => page.getByRole('row', { name: new RegExp(title.split(' / ')[0]) })
    await expect(row('Hefei').getByTestId('status-ended')).toBeVisible()
    await expect(row('Wuhan').getByTestId('status-ended')).toBeVisible()
    await expect(row('Changsha').getByTestId('status-ended')).toHaveCount(0)
    await expect(row('Changsha')).toContainText(L[lang].planned)
    await mkdir(outDir, { recursive: true })
    await page.screenshot({ path: join(outDir, `trip-ended-list-${lang}.png`), animations: 'disabled' })

    // One click in the list: the row stays where it is and now reads "completed".
    await row('Wuhan').getByTestId('list-mark-completed').click()
    await expect(row('Wuhan')).toContainText(L[lang].completed)
    await expect(row('Wuhan').getByTestId('status-ended')).toHaveCount(0)
    await expect(page.getByTestId('trip-page')).toHaveCount(0)
    expect((await apiCall<Trip>(server, 'trips.get', { id: endedYesterday.id })).status).toBe('completed')
    // Nothing was changed behind the user's back.
    expect((await apiCall<Trip>(server, 'trips.get', { id: past.id })).status).toBe('planned')

    // The trip page: a banner with the choice.
    await row('Hefei').click()
    const banner = page.getByTestId('trip-ended-banner')
    await expect(banner).toContainText('2026-03-05')
    await page.screenshot({ path: join(outDir, `trip-ended-banner-${lang}.png`), animations: 'disabled' })
    await banner.getByTestId('mark-completed').click()
    await expect(banner).toBeHidden()
    await expect(page.getByTestId('trip-page')).toContainText(L[lang].completed)
    await page.reload()
    await expect(page.getByTestId('trip-page')).toContainText(L[lang].completed)
    await expect(page.getByTestId('trip-ended-banner')).toHaveCount(0)
    expect((await apiCall<Trip>(server, 'trips.get', { id: past.id })).status).toBe('completed')
  })
}

test('the Outcomes tab marks a follow-up whose due date has passed', async ({ page, server }) => {
  const trip = await apiCall<Trip>(server, 'trips.create', { title: '赴合肥开展校企合作活动', startDate: '2026-03-02', endDate: '2026-03-05' })
  // Due yesterday by the local day (still "today" in UTC at 00:30), and due today: only the first is overdue.
  await apiCall(server, 'followUps.create', { title: '寄送实习协议文本', tripId: trip.id, dueDate: '2026-03-09' })
  await apiCall(server, 'followUps.create', { title: '回访校友会筹备进展', tripId: trip.id, dueDate: '2026-03-10' })
  await openApp(page, server)
  await page.goto(`${server.url.split('#')[0]}#/trips/${trip.id}?tab=outcomes`)
  const rows = page.getByTestId('followup-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ hasText: '寄送实习协议文本' }).getByTestId('overdue-flag')).toBeVisible()
  await expect(rows.filter({ hasText: '回访校友会筹备进展' }).getByTestId('overdue-flag')).toHaveCount(0)
})
