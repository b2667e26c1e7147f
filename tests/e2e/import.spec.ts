// Importing an alumni workbook through the wizard in both languages: file, header under a
// merged title, mapping, preview with an error fixed in the grid, commit, Ctrl+K, undo.
// Screenshots of every step go to screenshots/import-<lang>-<step>.png.
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { employmentList, graduateSheets, twoAcrossList, officeClassList, titledAlumniWorkbook } from '../../scripts/make-import-fixtures'
import { expect, navigate, openApp, test } from './fixtures'
import type { AppServer } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

async function shot(page: Page, lang: string, name: string): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: join(outDir, `import-${lang}-${name}.png`) })
}

/** The app in the language, on the contacts register's import wizard. */
async function openImport(page: Page, server: AppServer, lang: 'zh-CN' | 'en'): Promise<void> {
  await mkdir(outDir, { recursive: true })
  await openApp(page, server)
  if (lang === 'en') {
    await navigate(page, 'settings')
    await page.getByTestId('lang-en').click()
    await expect(page.getByTestId('nav-settings')).toHaveText('Settings')
  }
  await navigate(page, 'contacts')
  await page.getByTestId('import-contacts').click()
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`import an alumni workbook ${lang}`, async ({ page, server }) => {
    test.setTimeout(180_000)
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await openImport(page, server, lang)
    await expect(page.getByRole('heading', { name: L('导入表格', 'Import a spreadsheet') })).toBeVisible()
    await shot(page, lang, '1-file')

    await page.getByTestId('import-file').setInputFiles({ name: '校友名录.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: titledAlumniWorkbook() })
    // The title row is passed over: the header is row 2.
    await expect(page.getByTestId('header-row-text')).toContainText('2')
    await shot(page, lang, '2-sheets')

    await page.getByTestId('import-next').click()
    await expect(page.getByTestId('map-联系方式 / 手机')).toHaveValue('phone')
    await shot(page, lang, '3-mapping')

    await page.getByTestId('import-next').click()
    const counts = page.getByTestId('import-counts')
    await expect(counts).toContainText(L('新建 4', 'New 4'))
    await expect(counts).toContainText(L('有错误 1', 'Error 1'))
    await shot(page, lang, '4-preview')

    await page.getByTestId('only-problems').check()
    const cell = page.locator('.MuiDataGrid-cell.cell-error')
    await expect(cell).toHaveCount(1)
    // The problem reads in the interface language.
    await expect(page.locator('.MuiDataGrid-row').filter({ has: cell })).toContainText(L('数字已经丢失', 'has lost digits'))
    await shot(page, lang, '5-problems')
    await cell.dblclick()
    const editor = page.locator('.MuiDataGrid-cell input')
    await editor.fill('13807910004')
    await editor.press('Enter')
    await expect(counts).toContainText(L('新建 5', 'New 5'))
    await expect(counts).toContainText(L('有错误 0', 'Error 0'))

    await page.getByTestId('import-commit').click()
    await expect(page.getByTestId('import-done')).toContainText(L('新建 5', '5 new'))
    await expect(page.getByTestId('import-history')).toContainText('校友名录.xlsx')
    await shot(page, lang, '6-done')

    await page.keyboard.press('Control+K')
    await page.getByTestId('global-search-input').pressSequentially('刘洋')
    await expect(page.getByRole('option', { name: /刘洋/ })).toBeVisible()
    await page.keyboard.press('Escape')

    await page.getByTestId('undo-校友名录.xlsx').click()
    await page.getByTestId('undo-confirm').click()
    await expect(page.getByTestId('import-history')).toContainText(L('已撤销', 'Undone'))
    await shot(page, lang, '7-undone')
    await navigate(page, 'contacts')
    await expect(page.getByTestId('register-empty').first()).toBeVisible()
  })
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`import a class list as an office keeps it ${lang}`, async ({ page, server }) => {
    test.setTimeout(120_000)
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await openImport(page, server, lang)
    await page.getByTestId('import-file').setInputFiles({ name: '2015届去向.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: officeClassList() })
    // Under the title and the "填表单位 / 填表日期" line: the header is row 3.
    await expect(page.getByTestId('header-row-text')).toContainText('3')
    await page.getByTestId('import-next').click()
    // "联系方式" is not in the dictionary: its values are mobiles, so it is the phone, marked as read from them.
    await expect(page.getByTestId('map-联系方式')).toHaveValue('phone')
    await expect(page.getByText(L('按内容识别', 'from the values'))).toBeVisible()
    await shot(page, lang, '8-office-mapping')
    await page.getByTestId('import-next').click()
    const counts = page.getByTestId('import-counts')
    await expect(counts).toContainText(L('新建 4', 'New 4'))
    await expect(counts).toContainText(L('跳过 2', 'Skip 2'))
    await expect(counts).toContainText(L('有错误 0', 'Error 0'))
    await page.getByTestId('only-problems').check()
    // The total and the signatures are named as what they are, in the interface language.
    await expect(page.locator('.MuiDataGrid-row[data-id="Sheet1!9"]')).toContainText(L('“合计:4人”是表格下方', '"合计:4人" is a line under the table'))
    await shot(page, lang, '9-office-list')
    await page.getByTestId('import-commit').click()
    await expect(page.getByTestId('import-done')).toContainText(L('新建 4', '4 new'))
    await page.keyboard.press('Control+K')
    await page.getByTestId('global-search-input').pressSequentially('王芳')
    await expect(page.getByRole('option', { name: /王芳/ })).toBeVisible()
  })
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`import a graduate office's workbook, a sheet per class ${lang}`, async ({ page, server }) => {
    test.setTimeout(120_000)
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await openImport(page, server, lang)
    await page.getByTestId('import-file').setInputFiles({ name: '研究生校友.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: graduateSheets() })
    // The class sheets are chosen, each with the year its name gives; the instructions sheet is not.
    await expect(page.getByTestId('sheet-填表说明')).not.toBeChecked()
    await expect(page.getByTestId('sheet-2017届（硕士）')).toBeChecked()
    await expect(page.getByTestId('sheet-2019届就业方案')).toBeChecked()
    await page.getByTestId('sheet-box-2017届（硕士）').click({ position: { x: 4, y: 4 } })
    // 序号 and 姓名 are merged down the two header rows: the header starts on row 2, under the title.
    await expect(page.getByTestId('header-row-text')).toContainText('2')
    await shot(page, lang, '10-graduate-sheets')
    await page.getByTestId('import-next').click()
    await shot(page, lang, '11-graduate-mapping')
    await page.getByTestId('import-next').click()
    const counts = page.getByTestId('import-counts')
    await expect(counts).toContainText(L('新建 3', 'New 3'))
    await expect(counts).toContainText(L('有错误 0', 'Error 0'))
    await shot(page, lang, '12-graduate-preview')
    await page.getByTestId('import-commit').click()
    await expect(page.getByTestId('import-done')).toContainText(L('新建 3', '3 new'))
    await page.keyboard.press('Control+K')
    // One name, whichever dot the sheet typed.
    await page.getByTestId('global-search-input').pressSequentially('阿依古丽')
    await expect(page.getByRole('option', { name: /阿依古丽·买买提/ })).toBeVisible()
  })

  test(`import an employment list: class from the title, employer and position in one column ${lang}`, async ({ page, server }) => {
    test.setTimeout(120_000)
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await openImport(page, server, lang)
    await page.getByTestId('import-file').setInputFiles({ name: '2019届就业去向.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: employmentList() })
    // The sheet is "Sheet1": the class year comes from the title above the header, and says so.
    const box = page.getByTestId('sheet-box-Sheet1')
    await expect(box.getByRole('spinbutton')).toHaveValue('2019')
    await expect(box).toContainText(L('按表头上方标题中的届别', 'From the title above the header'))
    await shot(page, lang, '13-employment-sheet')
    await page.getByTestId('import-next').click()
    await expect(page.getByText(L('工作单位及职务', 'Organisation and position')).first()).toBeVisible()
    await shot(page, lang, '14-employment-mapping')
    await page.getByTestId('import-next').click()
    const counts = page.getByTestId('import-counts')
    await expect(counts).toContainText(L('新建 3', 'New 3'))
    await expect(counts).toContainText(L('有错误 0', 'Error 0'))
    await shot(page, lang, '15-employment-preview')
    await page.getByTestId('import-commit').click()
    await expect(page.getByTestId('import-done')).toContainText(L('新建 3', '3 new'))
    // The employer was created once, with the industry its rows state.
    await navigate(page, 'organizations')
    await expect(page.getByText('江西洪都航空工业集团有限责任公司')).toHaveCount(1)
    await expect(page.getByText('制造业').first()).toBeVisible()
    await shot(page, lang, '16-employment-organisations')
  })

  test(`import a list printed twice across the page: both halves ${lang}`, async ({ page, server }) => {
    test.setTimeout(120_000)
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await openImport(page, server, lang)
    await page.getByTestId('import-file').setInputFiles({ name: '通讯录.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: twoAcrossList() })
    // One sheet, two tables: both chosen, each with the class its title names.
    await expect(page.getByTestId('sheet-通讯录 (A–D)')).toBeChecked()
    await expect(page.getByTestId('sheet-通讯录 (F–I)')).toBeChecked()
    await expect(page.getByTestId('sheet-box-通讯录 (F–I)').getByRole('spinbutton')).toHaveValue('2016')
    await page.getByTestId('sheet-box-通讯录 (F–I)').click({ position: { x: 4, y: 4 } })
    await shot(page, lang, '17-two-across-sheets')
    await page.getByTestId('import-next').click()
    await page.getByTestId('import-next').click()
    await expect(page.getByTestId('import-counts')).toContainText(L('新建 5', 'New 5'))
    await page.getByTestId('import-commit').click()
    await expect(page.getByTestId('import-done')).toContainText(L('新建 5', '5 new'))
  })

  test(`a list whose name column is not recognised says so on the mapping step ${lang}`, async ({ page, server }) => {
    const L = (zh: string, en: string) => (lang === 'en' ? en : zh)
    await openImport(page, server, lang)
    await page.getByTestId('import-file').setInputFiles({ name: '来访.csv', mimeType: 'text/csv', buffer: Buffer.from('来访日期,来宾,手机\n2024-03-05,黄志强,13900000081\n', 'utf8') })
    await page.getByTestId('import-next').click()
    await expect(page.getByTestId('mapping-no-name')).toBeVisible()
    await shot(page, lang, '18-no-name-column')
    // Choosing the name for 来宾 puts it right.
    await page.getByTestId('map-来宾').locator('..').getByRole('combobox').click()
    await page.getByRole('option', { name: L('姓名/名称', 'Name'), exact: true }).click()
    await expect(page.getByTestId('mapping-no-name')).toHaveCount(0)
    await page.getByTestId('import-next').click()
    await expect(page.getByTestId('import-counts')).toContainText(L('新建 1', 'New 1'))
  })
}
