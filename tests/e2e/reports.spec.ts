// The trip's documents, downloaded from the Reports tab in browser mode and read back:
// what a user gets is a real workbook and a real Word file, in the language chosen.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, navigate, openApp, test } from './fixtures'

const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

test('the trip page downloads the summary workbook and the Word report', async ({ page, server }) => {
  await openApp(page, server)
  await page.getByRole('button', { name: '载入示例行程' }).click()
  await expect(page.getByTestId('dashboard-empty')).toBeHidden()
  await navigate(page, 'trips')
  await page.getByRole('row').nth(1).click()
  await expect(page.getByTestId('trip-page')).toBeVisible()
  await page.getByTestId('tab-reports').click()
  await expect(page.getByTestId('trip-reports')).toBeVisible()
  await page.setViewportSize({ width: 1440, height: 1100 })
  // The report date is today's, shown where it cannot be missed; the check lists what the records leave out.
  await expect(page.getByTestId('report-date-shown')).toContainText(/报告日期：\d{4}-\d{2}-\d{2}/)
  await expect(page.getByTestId('report-check')).toContainText('提供岗位数')
  await page.getByTestId('report-kind-work').click()
  await expect(page.getByTestId('report-check')).toContainText('责任人')
  await expect(page.getByTestId('report-check').getByRole('link', { name: '去填写' }).first()).toBeVisible()
  await page.screenshot({ path: `${shots}/zh-CN-trip-reports.png`, fullPage: true })
  await page.getByTestId('report-kind-news').click()

  const [workbookDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trip-workbook').click()])
  expect(workbookDownload.suggestedFilename()).toMatch(/^出访汇总表 .*\.xlsx$/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile((await workbookDownload.path())!)
  expect(wb.worksheets.length).toBeGreaterThanOrEqual(6)
  expect(JSON.stringify(wb.worksheets[0].getRow(1).values)).toContain('资源与环境学院')
  await expect(page.getByTestId('export-notice')).toContainText('已保存')

  // English, chosen on the tab: the Word report follows it.
  await page.getByTestId('trip-reports').getByRole('button', { name: 'English', exact: true }).click()
  // A Chinese-entered trip in English: the user is told what is still Chinese before exporting.
  await expect(page.getByTestId('report-check')).toContainText('无英文')
  const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trip-report').click()])
  expect(reportDownload.suggestedFilename()).toMatch(/^Trip report .*\.docx$/)
  const zip = await JSZip.loadAsync(await readFile((await reportDownload.path())!))
  const xml = await zip.file('word/document.xml')!.async('string')
  // English captions, names romanised; organisation names without an English name stay as entered (the check listed them).
  expect(xml).toContain('Activity Overview and Main Itinerary')
  expect(xml).toContain('Wang Likun')
  expect(xml).toContain('必普帕洛洛')

  await page.getByTestId('appbar-language').click()
  await expect(page.getByTestId('trip-reports')).toContainText('Trip summary workbook')
  await expect(page.getByTestId('report-check')).toContainText('no English')
  await page.screenshot({ path: `${shots}/en-trip-reports.png`, fullPage: true })
})

test('a register exports what its filters show', async ({ page, server }) => {
  await openApp(page, server)
  await page.getByRole('button', { name: '载入示例行程' }).click()
  await expect(page.getByTestId('dashboard-empty')).toBeHidden()
  await navigate(page, 'contacts')
  await page.getByLabel('专业').fill('过程装备')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-alumni').click()])
  expect(download.suggestedFilename()).toMatch(/^校友名录.*\.xlsx$/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile((await download.path())!)
  const sheet = wb.worksheets[0]
  const cells = sheet.getSheetValues().flat().map(String).join('|')
  // The one alumnus of the sample, class of 2001, with the record id for re-import.
  expect(cells).toContain('罗小秋')
  expect(cells).toContain('2001')
})
