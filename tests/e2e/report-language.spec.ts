// Reports follow the interface language unless the user chose another (issue 9, defect 3).
import { apiCall, expect, openApp, test } from './fixtures'

interface Langs {
  language: string
  reportLanguage: string
}

test('switching the interface to English makes reports English; reports set apart stay', async ({ page, server }) => {
  await openApp(page, server)
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
  await expect.poll(async () => (await apiCall<Langs>(server, 'settings.get', {})).reportLanguage).toBe('en')

  // Reports set apart from the interface (English interface, Chinese reports) stay where the user put them.
  await apiCall(server, 'settings.update', { reportLanguage: 'zh-CN' })
  await page.reload()
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
  await page.getByTitle('切换到简体中文').click()
  await expect(page.getByTestId('nav-settings')).toHaveText('设置')
  await expect.poll(async () => (await apiCall<Langs>(server, 'settings.get', {})).language).toBe('zh-CN')
  expect((await apiCall<Langs>(server, 'settings.get', {})).reportLanguage).toBe('zh-CN')
})
