// Every Ctrl+K result opens its record (issue 9, defect 1): agreements, alumni organisations,
// follow-ups and staff live in lists, and their result opens the record's form there.
import { expect, openApp, test } from './fixtures'
import { loadSampleFromDashboard } from './insights-helpers'

const CASES = [
  { query: '南昌大学本科生实习基地', group: '协议与实习基地', field: 'title', url: /#\/agreements$/ },
  { query: '环境工程专业校友联络处', group: '校友组织', field: 'name', url: /#\/alumni-groups$/ },
  { query: '建立访企拓岗与校友联络常态化交流机制', group: '跟进事项', field: 'title', url: /#\/follow-ups$/ },
  { query: '王琪璐', group: '本院人员', field: 'name', url: /#\/staff$/ },
] as const

test('Ctrl+K: agreements, alumni organisations, follow-ups and staff open their form', async ({ page, server }) => {
  test.setTimeout(180_000)
  await openApp(page, server)
  await loadSampleFromDashboard(page)
  const form = page.getByTestId('record-form')
  for (const c of CASES) {
    await page.keyboard.press('Control+K')
    const box = page.getByRole('combobox', { name: '全局搜索' })
    await expect(box).toBeFocused()
    await box.fill(c.query)
    const option = page.getByRole('group', { name: c.group }).getByRole('option').first()
    await expect(option).toContainText(c.query)
    // Down to it, then Enter, as a keyboard user would.
    for (let i = 0; i < 20 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown')
    await expect(option).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('Enter')
    // The list page loads, then the record: on a loaded 2-core machine this can take a while.
    await expect(form.locator(`input[name="${c.field}"]`)).toHaveValue(new RegExp(c.query), { timeout: 30_000 })
    await expect(page).toHaveURL(c.url)
    await page.keyboard.press('Escape')
    await expect(form).toBeHidden()
  }
})
