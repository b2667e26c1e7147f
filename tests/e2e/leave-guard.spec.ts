// Leaving a trip whose overview has unsaved changes asks first; declining keeps what was typed.
import { expect, navigate, openApp, test } from './fixtures'

test('leaving a changed trip overview asks first', async ({ page, server }) => {
  await openApp(page, server)
  await page.getByRole('button', { name: '载入示例行程' }).click()
  await expect(page.getByTestId('dashboard-empty')).toBeHidden()
  await navigate(page, 'trips')
  await page.getByRole('row').nth(1).click()
  await page.getByRole('tab', { name: '概况' }).click()
  const title = page.locator('input[name="title"]')
  await title.fill('赴上海、南通开展校企合作系列活动（修改中）')
  await expect(page.getByTestId('overview-unsaved')).toBeVisible()

  page.once('dialog', (d) => void d.dismiss())
  await navigate(page, 'dashboard', { mayBeBlocked: true })
  await expect(page.getByTestId('trip-page')).toBeVisible()
  await expect(title).toHaveValue('赴上海、南通开展校企合作系列活动（修改中）')

  page.once('dialog', (d) => void d.accept())
  await navigate(page, 'dashboard')
  await expect(page.getByTestId('trip-page')).toBeHidden()
})
