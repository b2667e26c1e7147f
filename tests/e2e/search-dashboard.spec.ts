import type { Page } from '@playwright/test'
import { expect, navigate, openApp, test } from './fixtures'
import { addDeadlines, apiCall, CLOCK, CLOCK_YEAR, loadSampleFromDashboard } from './insights-helpers'

const TRIP = 'trp-2025-12-shanghai-nantong'

function searchBox(page: Page, label: string) {
  return page.getByRole('combobox', { name: label })
}

// "Today" is fixed (see insights-helpers.ts), so the dashboard's current year and overdue rows do not follow the wall clock.
test.use({ now: CLOCK })

test('dashboard: the sample trip year, KPIs, charts, terms and lists', async ({ page, server }) => {
  await openApp(page, server)
  await loadSampleFromDashboard(page)

  // The current year has no trips, so the dashboard opens on 2025, the year of the sample trip.
  await expect(page.getByTestId('dashboard-range')).toHaveText('2025-01-01 至 2025-12-31')
  await expect(page.getByTestId('kpi-trips')).toHaveText('1')
  await expect(page.getByTestId('kpi-enterprisesVisited')).toHaveText('8')
  await expect(page.getByTestId('kpi-activeInternshipBases')).toHaveText('1')
  await expect(page.getByTestId('kpi-followUpsOpen')).toHaveText('5')
  await expect(page.getByTestId('kpi-followUpsOverdue')).toHaveText('0')
  await expect(page.getByTestId('kpi-label-enterprisesVisited')).toHaveText('走访企业')

  // Charts are drawn (svg) for visits per month, industries and cities.
  for (const id of ['chart-visits', 'chart-industry', 'chart-city']) {
    await expect(page.getByTestId(id).locator('svg').first()).toBeVisible()
  }
  await expect(page.getByTestId('chart-city')).toContainText('南通')
  await expect(page.getByTestId('chart-industry')).toContainText('新材料')

  // Autumn term 2025 holds the trip; spring term 2025 does not.
  await page.getByRole('button', { name: '秋季学期' }).click()
  await expect(page.getByTestId('dashboard-range')).toHaveText('2025-08-01 至 2026-01-31')
  await expect(page.getByTestId('kpi-enterprisesVisited')).toHaveText('8')
  await page.getByRole('button', { name: '春季学期' }).click()
  await expect(page.getByTestId('dashboard-range')).toHaveText('2025-02-01 至 2025-07-31')
  await expect(page.getByTestId('kpi-enterprisesVisited')).toHaveText('0')
  await expect(page.getByTestId('chart-visits')).toContainText('统计期间内没有走访记录')
  await page.getByRole('button', { name: '全年' }).click()

  // Another year from the select.
  await page.getByRole('combobox', { name: '年份' }).click()
  const years = page.getByRole('listbox').getByRole('option')
  await expect(years.first()).toBeVisible()
  await expect(page.getByRole('listbox').getByRole('option', { name: `${CLOCK_YEAR} 年` })).toBeVisible()
  await page.getByRole('listbox').getByRole('option', { name: '2025 年' }).click()
  await expect(page.getByTestId('kpi-enterprisesVisited')).toHaveText('8')

  // Recent trips link to the trip.
  await page.getByTestId('dashboard-trips').getByRole('link').first().click()
  await expect(page).toHaveURL(new RegExp(`#/trips/${TRIP}$`))

  // Overdue follow-ups and expiring agreements, with links to them.
  const { followUpId, agreementId } = await addDeadlines(page)
  await navigate(page, 'dashboard')
  await expect(page.getByTestId('kpi-followUpsOverdue')).toHaveText('1')
  const overdue = page.getByTestId('dashboard-overdue').getByRole('link')
  await expect(overdue).toHaveCount(1)
  await expect(overdue).toContainText('加快上海校友会筹备进程')
  const expiring = page.getByTestId('dashboard-expiring').getByRole('link')
  await expect(expiring).toContainText('南昌大学本科生实习基地')
  await expect(expiring).toContainText('到期')
  await expect(overdue).toHaveAttribute('href', `#/follow-ups?open=${followUpId}`)
  await overdue.click()
  const form = page.getByTestId('record-form')
  await expect(form.locator('input[name="title"]')).toHaveValue(/加快上海校友会筹备进程/)
  await page.keyboard.press('Escape')
  await navigate(page, 'dashboard')
  await expect(page.getByTestId('dashboard-expiring').getByRole('link')).toHaveAttribute('href', `#/agreements?open=${agreementId}`)
  await page.getByTestId('dashboard-expiring').getByRole('link').click()
  await expect(form.locator('input[name="title"]')).toHaveValue('南昌大学本科生实习基地')
})

test('a start asks for what the first screen shows all at once, and the dashboard once', async ({ page, server }) => {
  await openApp(page, server)
  await loadSampleFromDashboard(page)
  // A new tab, watched from before its first request: the first one may still have requests in flight.
  const start = await page.context().newPage()
  await start.clock.install({ time: new Date(CLOCK) })
  await start.clock.resume()
  const asked: string[] = []
  let firstAnswer = -1
  start.on('request', (r) => {
    const m = /\/api\/([\w.]+)$/.exec(new URL(r.url()).pathname)
    if (m) asked.push(m[1])
  })
  start.on('requestfinished', (r) => {
    if (firstAnswer < 0 && new URL(r.url()).pathname.startsWith('/api/')) firstAnswer = asked.length
  })
  await start.goto(server.url)
  await expect(start.getByTestId('kpi-enterprisesVisited')).toHaveText('8')
  // Asked before any answer came back, not each after the previous screen rendered.
  const together = asked.slice(0, firstAnswer)
  for (const method of ['settings.get', 'system.status', 'dashboard.summary', 'reminders.list', 'exchange.conflicts']) expect(together).toContain(method)
  // The current year is empty: one request still opens on 2025, the sample trip's year.
  await expect(start.getByTestId('dashboard-range')).toHaveText('2025-01-01 至 2025-12-31')
  expect(asked.filter((m) => m === 'dashboard.summary')).toHaveLength(1)
  await start.close()
})

test('search: Ctrl+K finds Chinese text, arrows move, Enter opens, Esc closes', async ({ page, server }) => {
  await openApp(page, server)
  await loadSampleFromDashboard(page)
  await navigate(page, 'settings')

  await page.keyboard.press('Control+K')
  const box = searchBox(page, '全局搜索')
  await expect(box).toBeFocused()
  await box.pressSequentially('卓然')
  const option = page.getByRole('option', { name: '上海卓然工程技术股份有限公司', exact: true })
  await expect(option).toBeVisible()
  // Grouped: the organisation comes under 单位, the visit under 行程活动.
  await expect(page.getByRole('group', { name: '单位' }).getByRole('option')).toHaveCount(1)
  await expect(page.getByRole('group', { name: '行程活动' }).getByRole('option', { name: /卓然/ })).toBeVisible()
  await expect(option).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('global-search')).toBeHidden()
  await expect(page).toHaveURL(/#\/organizations\/org-zhuoran$/)

  // Arrow keys move one row at a time; the visit opens on its trip.
  await page.keyboard.press('Control+K')
  await expect(box).toHaveValue('')
  await box.fill('卓然')
  await expect(option).toBeVisible()
  const options = page.getByRole('option')
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(option).toHaveAttribute('aria-selected', 'false')
  await page.keyboard.press('ArrowUp')
  await expect(option).toHaveAttribute('aria-selected', 'true')
  // Down, one row at a time, to the visit (after the organisation and whatever else matches).
  const visit = page.getByRole('group', { name: '行程活动' }).getByRole('option').first()
  const labels = await options.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))
  const visitIndex = labels.indexOf((await visit.getAttribute('aria-label')) ?? '')
  expect(visitIndex).toBeGreaterThan(0)
  for (let i = 0; i < visitIndex; i += 1) await page.keyboard.press('ArrowDown')
  await expect(visit).toHaveAttribute('aria-selected', 'true')
  await expect(box).toHaveAttribute('aria-activedescendant', (await visit.getAttribute('id')) ?? '')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/trips/${TRIP}\\?activity=act-2025-12-03-am-zhuoran$`))

  // A person, a follow-up; nothing found; Esc closes.
  await page.getByTestId('appbar-search').click()
  await box.fill('益斌')
  await expect(page.getByRole('group', { name: '联系人与校友' }).getByRole('option', { name: '詹益斌', exact: true })).toBeVisible()
  await box.fill('校友会筹备')
  await page.getByRole('group', { name: '跟进事项' }).getByRole('option').first().click()
  // The follow-up's form opens (the address gives up the id once it is taken).
  const form = page.getByTestId('record-form')
  await expect(form.locator('input[name="title"]')).toHaveValue(/加快上海校友会筹备进程/)
  await expect(page).toHaveURL(/#\/follow-ups$/)
  await page.keyboard.press('Escape')
  await expect(form).toBeHidden()
  await page.keyboard.press('Control+K')
  await box.fill('完全没有这个词')
  await expect(page.getByTestId('global-search-empty')).toContainText('没有与“完全没有这个词”匹配的记录')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('global-search')).toBeHidden()
})

test('search: a Latin name in English, created on the Organizations page', async ({ page, server }) => {
  await openApp(page, server)
  await navigate(page, 'settings')
  await page.getByTestId('lang-en').click()
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
  await navigate(page, 'dashboard')
  await loadSampleFromDashboard(page) // the English sample
  await expect(page.getByTestId('kpi-label-enterprisesVisited')).toHaveText('Enterprises visited')

  await navigate(page, 'organizations')
  await page.getByRole('button', { name: 'New' }).click()
  const dialog = page.getByRole('dialog', { name: 'New organisation' })
  await dialog.getByLabel('Name').fill('Acme Robotics Ltd.')
  await dialog.getByLabel('City').fill('Suzhou')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  const created = (await apiCall<{ items: Array<{ id: string }> }>(page, 'organizations.list', { search: 'Acme Robotics' })).items[0]

  await navigate(page, 'dashboard')
  await page.keyboard.press('Meta+K') // Cmd+K works too
  const box = searchBox(page, 'Search everything')
  await expect(box).toBeFocused()
  await box.pressSequentially('acme rob')
  const option = page.getByRole('option', { name: 'Acme Robotics Ltd.', exact: true })
  await expect(option).toBeVisible()
  await expect(page.getByRole('group', { name: 'Organisations' })).toContainText('Suzhou')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/organizations/${created.id}$`))

  // A name from the English sample.
  await page.keyboard.press('Control+K')
  await box.fill('Naham')
  await expect(page.getByRole('option', { name: 'Shanghai Naham Fluid Technology Co., Ltd.', exact: true })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('global-search')).toBeHidden()
})

test('Ctrl+K: a lone letter is searched once the user pauses on it, and typing on does not wait for it', async ({ page, server }) => {
  // The page's timers on a clock of the test's own: "a pause" is a step of that clock, not of the machine's.
  await page.clock.install({ time: new Date(CLOCK) })
  await openApp(page, server)
  await loadSampleFromDashboard(page)
  await page.clock.pauseAt(new Date(Date.parse(CLOCK) + 60_000))
  const asked: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/api/search.global')) asked.push((JSON.parse(r.postData() ?? '{}') as { query: string }).query)
  })
  await page.keyboard.press('Control+K')
  const box = searchBox(page, '全局搜索')
  const shown = (q: string) => page.locator(`[role="listbox"][data-query="${q}"]`)

  // Typed on at once: the lone "z" is never asked, "zh" is.
  await box.pressSequentially('zh')
  await expect(shown('zh')).toBeAttached()
  expect(asked).toEqual(['zh'])

  // Stopped on one letter: asked once the pause has run, and its hits come.
  await box.fill('')
  await box.pressSequentially('z')
  await expect(shown('')).toBeAttached()
  expect(asked).toEqual(['zh'])
  await page.clock.runFor(200)
  await expect(shown('z')).toBeAttached()
  expect(asked).toEqual(['zh', 'z'])
})
