// The registers: contacts & alumni, agreements, alumni organisations, follow-ups, staff,
// and the organisation detail page. Each test has its own server and empty data folder.
import type { Locator, Page } from '@playwright/test'
import { expect, navigate, openApp, test } from './fixtures'

async function loadSample(page: Page): Promise<void> {
  await expect(page.getByTestId('dashboard-empty')).toBeVisible()
  await page.getByRole('button', { name: '载入示例行程' }).click()
  await expect(page.getByTestId('count-organizations')).toHaveText('10')
}

/** yyyy-MM-dd, `days` from today in the browser's time zone (the config's Asia/Shanghai). */
function dayIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

function row(page: Page, name: string | RegExp): Locator {
  return page.getByRole('row', { name })
}

async function search(page: Page, text: string, rows = 1): Promise<void> {
  await page.getByTestId('register-search').fill(text)
  await expect(page.getByRole('row')).toHaveCount(rows + 1)
}

/** Types into a record picker and chooses the option. */
async function pick(scope: Locator, label: string, text: string, option: string | RegExp = text): Promise<void> {
  // A required field's label ends in an asterisk.
  const input = scope.getByLabel(new RegExp(`^${label}\\s*\\*?$`))
  await input.fill(text)
  await scope.page().getByRole('option', { name: option }).first().click()
}

/** Deletes the row through its action, checks the notice, then undoes. */
async function deleteAndUndo(page: Page, target: Locator, name: string): Promise<void> {
  await target.getByRole('menuitem', { name: '删除' }).click()
  await expect(page.getByTestId('notice')).toContainText(`已删除“${name}”`)
  await expect(target).toBeHidden()
  await page.getByTestId('notice').getByRole('button', { name: '撤销' }).click()
  await expect(page.getByTestId('notice')).toContainText('已恢复')
  await expect(target).toBeVisible()
}

test('staff: create with a field error, edit, delete and undo', async ({ page, server }) => {
  await openApp(page, server)
  await navigate(page, 'staff')
  await expect(page.getByTestId('register-empty')).toContainText('点击“新建”')

  await page.getByRole('button', { name: '新建', exact: true }).click()
  const form = page.getByRole('dialog', { name: '新建本院人员' })
  await form.getByLabel('部门').fill('资源与环境学院')
  await form.getByLabel('部门').press('Enter')
  // The message sits beside the field, the cursor goes there, and what was typed stays.
  await expect(form.getByText('必填')).toBeVisible()
  await expect(form.getByLabel('姓名')).toBeFocused()
  await expect(form.getByLabel('部门')).toHaveValue('资源与环境学院')
  await form.getByLabel('姓名').fill('王测试')
  await form.getByLabel('职务/职称').fill('党政办公室主任')
  await form.getByLabel('职务/职称').press('Enter')
  await expect(form).toBeHidden()
  await expect(page.getByTestId('notice')).toContainText('已新建“王测试”')

  const r = row(page, /王测试/)
  await expect(r).toContainText('党政办公室主任')
  await r.getByText('王测试').click()
  const edit = page.getByRole('dialog', { name: '编辑本院人员' })
  await edit.getByLabel('在职').uncheck()
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(r).toContainText('已离职')
  // Every record's history is one click from its dialog, as from a record's page; Back returns.
  await r.getByText('王测试').click()
  await page.getByRole('dialog', { name: '编辑本院人员' }).getByTestId('history-button').click()
  await expect(page.getByTestId('history-item')).toHaveCount(2)
  await expect(page.getByTestId('history-item').first()).toContainText('在职')
  await page.getByTestId('history-back').click()
  await expect(r).toContainText('已离职')

  await page.getByLabel('只看在职').check()
  await expect(page.getByTestId('register-empty')).toContainText('没有符合筛选条件')
  await page.getByLabel('只看在职').uncheck()
  await deleteAndUndo(page, r, '王测试')
})

test('forms: closing a form with unsaved changes asks first', async ({ page, server }) => {
  await openApp(page, server)
  await navigate(page, 'staff')
  // Untouched: Esc closes at once.
  await page.getByRole('button', { name: '新建', exact: true }).click()
  const form = page.getByRole('dialog', { name: '新建本院人员' })
  await expect(form).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(form).toBeHidden()
  // Changed: Esc asks; "keep editing" keeps the input, "discard" closes.
  await page.getByRole('button', { name: '新建', exact: true }).click()
  await form.getByLabel('姓名').fill('未保存的人')
  await page.keyboard.press('Escape')
  const confirm = page.getByRole('dialog', { name: '放弃未保存的修改？' })
  await expect(confirm).toBeVisible()
  await confirm.getByRole('button', { name: '继续编辑' }).click()
  await expect(confirm).toBeHidden()
  await expect(form.getByLabel('姓名')).toHaveValue('未保存的人')
  await form.getByRole('button', { name: '取消' }).click()
  await confirm.getByRole('button', { name: '放弃修改' }).click()
  await expect(form).toBeHidden()
  await expect(page.getByTestId('register-empty')).toBeVisible()
})

test('contacts: alumni profile, field error, alumni-only filter, edit, detail, delete and undo', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await navigate(page, 'contacts')
  await expect(row(page, /詹益斌/)).toBeVisible()

  await page.getByRole('button', { name: '新建', exact: true }).click()
  const form = page.getByRole('dialog', { name: '新建联系人' })
  await form.getByLabel('姓名').fill('测试校友')
  await pick(form, '单位', '纳汉', '上海纳汉流体技术有限公司')
  await form.getByLabel('职务').fill('技术总监')
  await form.getByLabel('电子邮件').fill('not-an-email')
  await form.getByLabel('本院校友').check()
  await form.getByLabel('届别').fill('2010')
  await form.getByLabel('专业').fill('环境工程')
  // Unknown until someone says: no degree is invented for an alumnus.
  await expect(form.getByLabel('学历')).toHaveText('未知')
  await form.getByLabel('学历').click()
  await page.getByRole('option', { name: '本科', exact: true }).click()
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form.getByText('电子邮件地址格式不正确')).toBeVisible()
  await expect(form.getByLabel('电子邮件')).toBeFocused()
  await expect(form.getByLabel('届别')).toHaveValue('2010')
  await form.getByLabel('电子邮件').fill('alumnus@example.com')
  await form.getByLabel('电子邮件').press('Enter')
  await expect(form).toBeHidden()
  await expect(page.getByTestId('notice')).toContainText('已新建“测试校友”')

  const r = row(page, /测试校友/)
  await expect(r).toContainText('上海纳汉流体技术有限公司')
  await expect(r).toContainText('2010 届 · 本科 · 环境工程')

  // "Alumni only": the new alumnus and the sample's one; not the others.
  await page.getByLabel('只看校友').check()
  await expect(page.getByRole('row')).toHaveCount(3)
  await expect(r).toBeVisible()
  await expect(row(page, /罗小秋/)).toBeVisible()
  await expect(row(page, /詹益斌/)).toBeHidden()
  await page.getByLabel('届别').fill('2010')
  await expect(page.getByRole('row')).toHaveCount(2)
  await page.getByRole('button', { name: '清除筛选' }).click()
  await expect(row(page, /詹益斌/)).toBeVisible()

  // Edit
  await r.getByRole('menuitem', { name: '编辑' }).click()
  const edit = page.getByRole('dialog', { name: '编辑联系人' })
  await expect(edit.getByLabel('专业')).toHaveValue('环境工程')
  await edit.getByLabel('电话').fill('0791-1234567')
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(r).toContainText('0791-1234567')

  await deleteAndUndo(page, r, '测试校友')

  // Detail: the activities Luo Xiaoqiu took part in.
  await row(page, /罗小秋/).getByRole('menuitem', { name: '查看详情' }).click()
  await expect(page.getByRole('heading', { name: '罗小秋' })).toBeVisible()
  const history = page.getByTestId('contact-history')
  await expect(history.getByRole('row', { name: /在沪优秀校友专题座谈会/ })).toContainText('2025-12-03')
  await expect(history.getByRole('row', { name: /在沪优秀校友专题座谈会/ })).toContainText('下午')
  await expect(history.getByRole('row', { name: /在沪优秀校友专题座谈会/ })).toContainText('赴上海、南通开展校企合作系列活动')
})

test('organizations: detail page lists visits, agreements, contacts and follow-ups', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await navigate(page, 'organizations')
  await search(page, '必普帕洛洛（江苏）')
  await row(page, /必普帕洛洛/).getByRole('menuitem', { name: '查看详情' }).click()
  await expect(page.getByRole('heading', { name: '必普帕洛洛（江苏）工程技术有限公司' })).toBeVisible()
  await expect(page.getByTestId('org-tab-visits')).toContainText('(3)')
  await expect(page.getByRole('row', { name: /揭牌仪式|实习基地/ }).first()).toBeVisible()
  await page.getByTestId('org-tab-agreements').click()
  await expect(page.getByRole('row', { name: /南昌大学本科生实习基地/ })).toBeVisible()
  await page.getByTestId('org-tab-contacts').click()
  await expect(page.getByRole('row', { name: /舒雪艳/ })).toBeVisible()
  await page.getByTestId('org-tab-followUps').click()
  await expect(page.getByRole('row', { name: /产教融合/ })).toBeVisible()
  // A follow-up added here belongs to the organisation.
  await page.getByRole('button', { name: '新建跟进事项' }).click()
  const form = page.getByRole('dialog', { name: '新建跟进事项' })
  await form.getByLabel('标题').fill('确认下一届实习生名额')
  await form.getByLabel('标题').press('Enter')
  await expect(form).toBeHidden()
  await expect(page.getByRole('row', { name: /确认下一届实习生名额/ })).toBeVisible()
  await expect(page.getByTestId('org-tab-followUps')).toContainText('(2)')
  await page.getByTestId('org-tab-contacts').click()
  await page.getByRole('row', { name: /舒雪艳/ }).click()
  await expect(page.getByRole('heading', { name: '舒雪艳' })).toBeVisible()
})

test('agreements: partner required, expiring flag and filter, edit, delete and undo', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await navigate(page, 'agreements')
  await expect(row(page, /南昌大学本科生实习基地/)).toBeVisible()

  await page.getByRole('button', { name: '新建', exact: true }).click()
  const form = page.getByRole('dialog', { name: '新建协议' })
  await form.getByLabel('标题').fill('卓然公司联合培养协议')
  await form.getByLabel('类别').click()
  await page.getByRole('option', { name: '联合培养协议' }).click()
  await form.getByLabel('结束日期').fill(dayIn(30))
  await expect(form.getByTestId('expiry-flag')).toHaveAttribute('data-state', 'expiring')
  await form.getByRole('button', { name: '保存' }).click()
  // The partner is required: the message is under the picker.
  await expect(form.getByText('必填')).toBeVisible()
  await expect(form.getByLabel(/^合作单位/)).toBeFocused()
  await expect(form.getByLabel('结束日期')).toHaveValue(dayIn(30))
  await pick(form, '合作单位', '卓然', '上海卓然工程技术股份有限公司')
  await expect(form.getByText('必填')).toBeHidden()
  await form.getByLabel('签约日期').fill('2026/1/5')
  await form.getByLabel('合作内容').click()
  await page.getByRole('option', { name: '联合培养' }).click()
  await page.getByRole('option', { name: '毕业设计' }).click()
  await page.keyboard.press('Escape')
  await pick(form, '负责人', '刘军')
  await form.getByLabel('协议编号').fill('NCU-2026-001')
  await form.getByLabel('协议编号').press('Enter')
  await expect(form).toBeHidden()
  await expect(page.getByTestId('notice')).toContainText('已新建“卓然公司联合培养协议”')

  const r = row(page, /卓然公司联合培养协议/)
  await expect(r).toContainText('上海卓然工程技术股份有限公司')
  await expect(r).toContainText('2026-01-05')
  await expect(r).toContainText(dayIn(30))
  await expect(r.getByTestId('expiry-flag')).toHaveAttribute('data-state', 'expiring')
  await expect(r).toContainText('刘军')

  // "Expiring soon": only the agreement that ends within 90 days.
  await page.getByTestId('filter-expiring').click()
  await expect(page.getByRole('row')).toHaveCount(2)
  await expect(r).toBeVisible()
  await page.getByRole('button', { name: '全部' }).click()
  await expect(page.getByRole('row')).toHaveCount(3)

  // Edit: an end date in the past is flagged as expired.
  await r.getByText('卓然公司联合培养协议').click()
  const edit = page.getByRole('dialog', { name: '编辑协议' })
  await expect(edit.getByLabel('签约日期')).toHaveValue('2026-01-05')
  await edit.getByLabel('结束日期').fill(dayIn(-1))
  await expect(edit.getByTestId('expiry-flag')).toHaveAttribute('data-state', 'expired')
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(r.getByTestId('expiry-flag')).toContainText('已过期')

  await deleteAndUndo(page, r, '卓然公司联合培养协议')
})

test('alumni organisations: create, status advanced as steps, edit, delete and undo', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await navigate(page, 'alumniGroups')

  await page.getByRole('button', { name: '新建', exact: true }).click()
  const form = page.getByRole('dialog', { name: '新建校友组织' })
  await form.getByLabel('地区').fill('南通')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form.getByText('必填')).toBeVisible()
  await expect(form.getByLabel('名称')).toBeFocused()
  await form.getByLabel('名称').fill('南通校友联络处')
  await pick(form, '依托单位', '申储', '江苏申储新材料有限公司')
  await pick(form, '负责人', '彭海泉')
  await pick(form, '成员', '彭海泉')
  await pick(form, '成员', '舒雪艳')
  // Steps: proposed -> preparing with "Advance".
  await expect(form.getByRole('tab', { name: '已倡议' })).toHaveAttribute('aria-selected', 'true')
  await form.getByTestId('advance-status').click()
  await expect(form.getByRole('tab', { name: '筹备中' })).toHaveAttribute('aria-selected', 'true')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form).toBeHidden()

  const r = row(page, /南通校友联络处/)
  await expect(r).toContainText('筹备中')
  await expect(r).toContainText('江苏申储新材料有限公司')
  await expect(r).toContainText('彭海泉')
  await expect(r).toContainText('2') // members

  // Advance from the list: preparing -> established; the founding date is today.
  await r.getByRole('menuitem', { name: '推进到“已成立”' }).click()
  await expect(page.getByTestId('notice')).toContainText('已推进到“已成立”')
  await expect(r).toContainText('已成立')
  await expect(r).toContainText(dayIn(0))

  // Edit: choose the last step directly.
  await r.getByText('南通校友联络处').click()
  const edit = page.getByRole('dialog', { name: '编辑校友组织' })
  await edit.getByRole('tab', { name: '已注册' }).click()
  await expect(edit.getByTestId('advance-status')).toBeDisabled()
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(r).toContainText('已注册')

  await deleteAndUndo(page, r, '南通校友联络处')
})

test('follow-ups: create, move across the board, add a log note, list view, delete and undo', async ({ page, server }) => {
  await openApp(page, server)
  await loadSample(page)
  await navigate(page, 'followUps')
  const col = (s: string) => page.getByTestId(`board-column-${s}`)
  await expect(col('open').getByTestId('board-card')).toHaveCount(5)

  await page.getByRole('button', { name: '新建', exact: true }).click()
  const form = page.getByRole('dialog', { name: '新建跟进事项' })
  await form.getByLabel('截止日期').fill(dayIn(-2))
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form.getByText('必填')).toBeVisible()
  await expect(form.getByLabel('标题')).toBeFocused()
  await form.getByLabel('标题').fill('落实卓然公司宣讲会')
  await pick(form, '负责人', '王琪璐')
  await pick(form, '单位', '卓然', '上海卓然工程技术股份有限公司')
  await expect(form.getByTestId('overdue-flag')).toBeVisible()
  await form.getByLabel('标题').press('Enter')
  await expect(form).toBeHidden()

  const card = page.getByTestId('board-card').filter({ hasText: '落实卓然公司宣讲会' })
  await expect(col('open').getByTestId('board-card').filter({ hasText: '落实卓然公司宣讲会' })).toBeVisible()
  await expect(card.getByTestId('overdue-flag')).toBeVisible()
  await expect(card).toContainText('王琪璐 · 上海卓然工程技术股份有限公司')

  // Keyboard: the "move on" button, then the menu.
  await card.getByTestId('move-next').focus()
  await page.keyboard.press('Enter')
  await expect(col('inProgress').getByTestId('board-card').filter({ hasText: '落实卓然公司宣讲会' })).toBeVisible()
  await expect(page.getByTestId('notice')).toContainText('已移到“进行中”')
  // The keyboard focus follows the card to its new column.
  await expect(col('inProgress').getByRole('button', { name: '落实卓然公司宣讲会' })).toBeFocused()
  await expect(col('open').getByTestId('board-card')).toHaveCount(5)
  await card.getByTestId('card-menu').click()
  await page.getByRole('menuitem', { name: '移到“已完成”' }).click()
  await expect(col('done').getByTestId('board-card').filter({ hasText: '落实卓然公司宣讲会' })).toBeVisible()
  await expect(card.getByTestId('overdue-flag')).toBeHidden() // done is never overdue
  // Undo the move
  await page.getByTestId('notice').getByRole('button', { name: '撤销' }).click()
  await expect(col('inProgress').getByTestId('board-card').filter({ hasText: '落实卓然公司宣讲会' })).toBeVisible()

  // Add a log note (dated today) and a result.
  await card.getByRole('button', { name: '落实卓然公司宣讲会' }).click()
  const edit = page.getByRole('dialog', { name: '编辑跟进事项' })
  await expect(edit.getByLabel('记录日期')).toHaveValue(dayIn(0))
  await edit.getByTestId('log-input').fill('已与人事部确认宣讲时间')
  await edit.getByTestId('log-input').press('Enter') // adds the note, does not save the form
  await expect(edit.getByTestId('follow-up-log')).toContainText('已与人事部确认宣讲时间')
  await expect(edit.getByTestId('follow-up-log')).toContainText(dayIn(0))
  await expect(edit).toBeVisible()
  await edit.getByLabel('结果').fill('宣讲会已排期')
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(card).toContainText('已与人事部确认宣讲时间')

  // Filters: overdue, owner.
  await page.getByLabel('截止', { exact: true }).click()
  await page.getByRole('option', { name: '已逾期' }).click()
  await expect(page.getByTestId('board-card')).toHaveCount(1)
  await expect(card).toBeVisible()

  // List view, then delete and undo.
  await page.getByTestId('view-list').click()
  const r = row(page, /落实卓然公司宣讲会/)
  await expect(r).toContainText('进行中')
  await expect(r.getByTestId('overdue-flag')).toBeVisible()
  await page.getByRole('button', { name: '清除筛选' }).click()
  await expect(page.getByRole('row')).toHaveCount(7)
  await deleteAndUndo(page, r, '落实卓然公司宣讲会')
})
