import type { Page } from '@playwright/test'
import { expect, navigate, openApp, test } from './fixtures'

async function loadSample(page: Page): Promise<void> {
  await expect(page.getByTestId('dashboard-empty')).toBeVisible()
  await page.getByRole('button', { name: '载入示例行程' }).click()
  await expect(page.getByTestId('count-organizations')).toHaveText('10')
}

function row(page: Page, name: string | RegExp) {
  return page.getByRole('row', { name })
}

/** Searches and waits until the list shows exactly `rows` records (the search is debounced). */
async function search(page: Page, text: string, rows = 1): Promise<void> {
  await page.getByTestId('register-search').fill(text)
  await expect(page.getByRole('row')).toHaveCount(rows + 1) // + the header row
}

test('organizations: create, validate, edit, delete, undo, reload', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await navigate(page, 'organizations')
  await expect(page.getByRole('heading', { name: '单位' })).toBeVisible()
  await expect(row(page, /上海卓然工程技术股份有限公司/)).toBeVisible()

  // New, with the name left empty: the message sits beside the field and the dialog stays open.
  await page.getByRole('button', { name: '新建' }).click()
  const dialog = page.getByRole('dialog', { name: '新建单位' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('行业').fill('环保技术')
  await dialog.getByLabel('行业').press('Enter')
  await expect(dialog.getByText('必填')).toBeVisible()
  await expect(dialog.getByLabel('名称')).toBeFocused()
  await expect(dialog.getByLabel('行业')).toHaveValue('环保技术') // input kept

  // Fill it in; Enter saves.
  await dialog.getByLabel('名称').fill('南昌测试环保科技有限公司')
  await expect(dialog.getByText('必填')).toBeHidden()
  await dialog.getByLabel('城市').fill('南昌')
  await dialog.getByLabel('标签').fill('测试')
  await dialog.getByLabel('标签').press('Enter') // adds the tag, does not submit
  await expect(dialog.getByRole('button', { name: '测试' })).toBeVisible()
  await dialog.getByLabel('城市').press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('notice')).toContainText('已新建')

  // Server-side search.
  await search(page, '测试环保')
  const created = row(page, /南昌测试环保科技有限公司/)
  await expect(created).toContainText('环保技术')
  await expect(created).toContainText('企业')

  // Edit (row click), Esc on a changed form asks first; discarding saves nothing.
  await created.getByText('南昌测试环保科技有限公司').click()
  const edit = page.getByRole('dialog', { name: '编辑单位' })
  await expect(edit.getByLabel('名称')).toHaveValue('南昌测试环保科技有限公司')
  await edit.getByLabel('行业').fill('不保存')
  await page.keyboard.press('Escape')
  const discard = page.getByRole('dialog', { name: '放弃未保存的修改？' })
  await discard.getByRole('button', { name: '继续编辑' }).click()
  await expect(edit.getByLabel('行业')).toHaveValue('不保存')
  await page.keyboard.press('Escape')
  await discard.getByRole('button', { name: '放弃修改' }).click()
  await expect(edit).toBeHidden()
  await expect(created).toContainText('环保技术')

  await created.getByRole('menuitem', { name: '编辑' }).click()
  await expect(edit).toBeVisible()
  await edit.getByLabel('行业').fill('新材料')
  await edit.getByLabel('校友企业').check()
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(created).toContainText('新材料')
  await expect(created.getByLabel('是')).toBeVisible()

  // Delete, then undo.
  await created.getByRole('menuitem', { name: '删除' }).click()
  await expect(page.getByTestId('notice')).toContainText('已删除“南昌测试环保科技有限公司”')
  await expect(page.getByTestId('register-empty')).toContainText('没有与“测试环保”匹配的记录')
  await page.getByTestId('notice').getByRole('button', { name: '撤销' }).click()
  await expect(page.getByTestId('notice')).toContainText('已恢复')
  await expect(created).toContainText('新材料')

  // Reload: the data is on disk.
  await page.reload()
  await expect(page.getByTestId('nav-dashboard')).toBeVisible()
  await navigate(page, 'organizations')
  await search(page, '测试环保')
  await expect(row(page, /南昌测试环保科技有限公司/)).toContainText('新材料')

  // Show deleted: a deleted record can be restored from the list.
  await row(page, /南昌测试环保科技有限公司/).getByRole('menuitem', { name: '删除' }).click()
  await expect(page.getByTestId('register-empty')).toBeVisible()
  await page.getByLabel('显示已删除').check()
  const gone = row(page, /南昌测试环保科技有限公司/)
  await expect(gone).toContainText('已删除')
  await gone.getByRole('menuitem', { name: '恢复' }).click()
  await expect(page.getByTestId('notice')).toContainText('已恢复')
  await expect(gone).not.toContainText('已删除')
})

test('organizations: a linked organization is not deleted; its links are listed', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await navigate(page, 'organizations')
  await search(page, '纳汉')
  const naham = row(page, /上海纳汉流体技术有限公司/)
  await naham.getByRole('menuitem', { name: '删除' }).click()
  const dialog = page.getByRole('dialog', { name: /无法删除“上海纳汉流体技术有限公司”/ })
  await expect(dialog).toBeVisible()
  const items = dialog.getByTestId('linked-list').getByRole('listitem')
  expect(await items.count()).toBeGreaterThan(0)
  await expect(dialog.getByTestId('linked-list')).toContainText('联系人')
  await expect(dialog.getByTestId('linked-list')).toContainText('关联字段：')
  await dialog.getByRole('button', { name: '关闭' }).click()
  await expect(dialog).toBeHidden()
  await expect(naham).toBeVisible()
  await expect(naham).not.toContainText('已删除')
})

test('language: Chinese by default, English from Settings, kept after reload', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await expect(page.getByTestId('nav-organizations')).toHaveText('单位')
  await expect(page.getByTestId('nav-settings')).toHaveText('设置')

  await navigate(page, 'settings')
  await page.getByTestId('lang-en').click()
  await expect(page.getByTestId('nav-organizations')).toHaveText('Organisations')
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible()

  await navigate(page, 'organizations')
  await expect(page.getByRole('columnheader', { name: 'Name' })).toBeVisible()
  await search(page, '卓然')
  await expect(row(page, /上海卓然工程技术股份有限公司/)).toContainText('Enterprise')

  // Client-side messages follow the language.
  await page.getByRole('button', { name: 'New' }).click()
  const dialog = page.getByRole('dialog', { name: 'New organisation' })
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByText('Required')).toBeVisible()
  await page.keyboard.press('Escape')

  await page.reload()
  await expect(page.getByTestId('nav-organizations')).toHaveText('Organisations')

  await navigate(page, 'settings')
  await page.getByTestId('lang-zh-CN').click()
  await expect(page.getByTestId('nav-organizations')).toHaveText('单位')
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible()
})
