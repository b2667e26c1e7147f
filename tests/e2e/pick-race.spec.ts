// A pick made with Enter before the picker's search answer arrives is part of the save
// (issue 7, defect 0): with every list answer held back 1.2 s, the user types a name, presses
// Enter and saves at once; the saved record must hold the pick. The answers are held back until
// after the save was pressed (the reproduction used a 1.2 s delay).
import type { Page } from '@playwright/test'
import { apiCall, expect, navigate, openApp, test } from './fixtures'

/**
 * Holds back the answers of `<collection>.list` (the pickers' search) until `release()`: the
 * save is pressed while the answer is surely still on its way, however fast or slow the machine.
 */
async function holdLists(page: Page, collections: readonly string[]): Promise<() => void> {
  let release: () => void = () => undefined
  const gate = new Promise<void>((ok) => {
    release = ok
  })
  for (const c of collections) {
    await page.route(`**/api/${c}.list`, async (route) => {
      await gate
      await route.continue()
    })
  }
  return release
}

interface Listed {
  items: Array<Record<string, unknown>>
}

test('follow-up: the owner picked with Enter is saved when Save follows at once', async ({ page, server }) => {
  test.setTimeout(120_000)
  const owner = await apiCall<{ id: string }>(server, 'staff.create', { name: '王琪璐', title: '党政办公室工作人员' })
  await apiCall(server, 'staff.create', { name: '王立坤', title: '学院党委书记' })
  await openApp(page, server)
  await navigate(page, 'followUps')
  await page.getByRole('button', { name: '新建', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: /新建跟进事项/ })
  await expect(dialog.getByLabel('标题')).toBeVisible()
  const release = await holdLists(page, ['staff'])
  await dialog.getByLabel('标题').fill('推进上海校友会注册')
  const ownerInput = dialog.getByRole('combobox', { name: '负责人' })
  await ownerInput.fill('王琪')
  await ownerInput.press('Enter')
  // Save before the answer is in: the dialog must wait for the pick, not drop it.
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByRole('button', { name: '正在保存…' })).toBeVisible()
  release()
  await expect(dialog).toBeHidden()
  const saved = await apiCall<Listed>(server, 'followUps.list', { search: '推进上海校友会注册' })
  expect(saved.items).toHaveLength(1)
  expect(saved.items[0]?.ownerId).toBe(owner.id)
})

test('quick-add: the person picked with Enter is saved by an immediate Ctrl+Enter', async ({ page, server }) => {
  test.setTimeout(120_000)
  const org = await apiCall<{ id: string }>(server, 'organizations.create', { name: '南通中集能源装备有限公司', kind: 'enterprise', city: '南通' })
  const person = await apiCall<{ id: string }>(server, 'contacts.create', { name: '黄志明', position: '总经理', organizationId: org.id })
  const trip = await apiCall<{ id: string }>(server, 'trips.create', { title: '赴南通走访', startDate: '2025-12-03', endDate: '2025-12-04' })
  await openApp(page, server)
  await page.goto(`${new URL(server.url).origin}/#/trips/${trip.id}`)
  await expect(page.getByRole('tab', { name: '行程安排（0）' })).toBeVisible()
  const slot = page.getByTestId('slot-2025-12-03-morning')
  await slot.focus()
  await page.keyboard.press('n')
  const dialog = page.getByRole('dialog', { name: /添加活动/ })
  const orgs = dialog.getByRole('combobox', { name: '到访单位' })
  await expect(orgs).toBeFocused()
  const release = await holdLists(page, ['organizations', 'contacts'])
  await orgs.fill('中集')
  await orgs.press('Enter')
  const people = dialog.getByRole('combobox', { name: '会见人员' })
  await people.fill('黄志明')
  await people.press('Enter')
  await page.keyboard.press('Control+Enter')
  await expect(dialog.getByRole('button', { name: '正在保存…' })).toBeVisible()
  release()
  await expect(dialog).toBeHidden()
  const saved = await apiCall<Listed>(server, 'activities.list', { filter: { tripId: trip.id } })
  expect(saved.items).toHaveLength(1)
  expect(saved.items[0]).toMatchObject({ organizationIds: [org.id], contactIds: [person.id], city: '南通', title: '走访南通中集能源装备有限公司' })
})
