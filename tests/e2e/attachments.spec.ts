// Attachments as a new user meets them, in both languages: a photo attached to a visit with the file
// button and another dropped on it, a file that is not a photo refused, a caption typed in place, a
// photo put into the trip report, and the downloaded Word report holding the image and its caption.
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import JSZip from 'jszip'
import { apiCall, expect, navigate, openApp, switchToEnglish, test } from './fixtures'
import { jpegOf, pngOf } from '../unit/attachments/images'

const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

const L = {
  'zh-CN': { loadSample: '载入示例行程', caption: '实习基地揭牌仪式现场', refused: '只能添加 JPEG、PNG、HEIC 照片和 PDF 文档', figure: '图1 实习基地揭牌仪式现场', english: null, cancel: '取消', overview: '概况', empty: '还没有附件', pdfTile: 'PDF 文档' },
  en: { loadSample: 'Load the sample trip', caption: 'Unveiling the internship base', refused: 'Only JPEG, PNG and HEIC photos and PDF documents', figure: 'Figure 1. Unveiling the internship base', english: 'English', cancel: 'Cancel', overview: 'Overview', empty: 'No attachments yet', pdfTile: 'PDF document' },
} as const

for (const lang of ['zh-CN', 'en'] as const) {
  test(`attach photos to a visit and put one in the report (${lang})`, async ({ page, server }) => {
    test.setTimeout(120_000)
    const s = L[lang]
    await mkdir(shots, { recursive: true })
    await page.setViewportSize({ width: 1440, height: 1000 })
    await openApp(page, server)
    // The sample must load after the setting is stored, or it loads in Chinese.
    if (lang === 'en') await switchToEnglish(page, server)
    await page.getByRole('button', { name: s.loadSample }).click()
    await expect(page.getByTestId('dashboard-empty')).toBeHidden()
    await navigate(page, 'trips')
    await page.getByRole('row').nth(1).click()
    await expect(page.getByTestId('trip-page')).toBeVisible()
    await page.getByTestId('activity-card').first().click()
    const dialog = page.getByRole('dialog').first()
    const panel = dialog.getByTestId('attachments-panel')
    await expect(panel).toBeVisible()

    // By the file button (the hidden input behind it).
    await panel.getByTestId('attachment-input').setInputFiles({ name: 'unveiling.jpg', mimeType: 'image/jpeg', buffer: jpegOf(960, 640) })
    const cards = panel.getByTestId('attachment-card')
    await expect(cards).toHaveCount(1)
    await expect(cards.first().getByTestId('attachment-thumbnail')).toBeVisible()

    // By drag and drop onto the panel.
    const png = pngOf(400, 300).toString('base64')
    const transfer = await page.evaluateHandle((data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
      // In the page; this file is type-checked without the DOM library.
      const dt = new (globalThis as unknown as { DataTransfer: new () => { items: { add(f: File): void } } }).DataTransfer()
      dt.items.add(new File([bytes], 'forum.png', { type: 'image/png' }))
      return dt
    }, png)
    await panel.dispatchEvent('dragover', { dataTransfer: transfer })
    await panel.dispatchEvent('drop', { dataTransfer: transfer })
    await expect(cards).toHaveCount(2)
    await expect(panel.locator('[data-file="forum.png"]').getByTestId('attachment-thumbnail')).toBeVisible()

    // Not a photo, whatever its name says: refused, nothing stored.
    await panel.getByTestId('attachment-input').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some text, not a photo') })
    await expect(panel.getByTestId('attachment-error')).toContainText(s.refused)
    await expect(cards).toHaveCount(2)

    // The caption, typed in place; the photo marked for the report.
    const photo = panel.locator('[data-file="unveiling.jpg"]')
    await photo.getByTestId('attachment-caption').click()
    await photo.getByTestId('attachment-caption-input').fill(s.caption)
    await photo.getByTestId('attachment-caption-input').press('Enter')
    await expect(photo.getByTestId('attachment-caption')).toHaveText(s.caption)
    await photo.getByTestId('attachment-in-report').locator('input').click()
    await expect(photo.getByTestId('attachment-in-report').locator('input')).toBeChecked()
    // The record's dialog is still open: Enter saved the caption, not the visit.
    await expect(dialog).toBeVisible()
    await panel.scrollIntoViewIfNeeded()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(shots, `${lang}-attachments-visit.png`) })

    // Open: in the browser, the photo itself in a new tab.
    const [tab] = await Promise.all([page.waitForEvent('popup'), photo.getByTestId('attachment-open').click()])
    await expect.poll(() => tab.url()).toMatch(/^blob:/)
    await tab.close()

    await dialog.getByRole('button', { name: s.cancel }).click()
    await expect(dialog).toBeHidden()
    await page.getByTestId('tab-reports').click()
    await expect(page.getByTestId('trip-reports')).toBeVisible()
    if (s.english) await page.getByTestId('trip-reports').getByRole('button', { name: s.english, exact: true }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trip-report').click()])
    const zip = await JSZip.loadAsync(await readFile((await download.path()) as string))
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toHaveLength(1)
    const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string')
    expect(xml).toContain(s.figure)

    // The trip itself takes attachments too: on its overview, under the form.
    await page.getByRole('tab', { name: s.overview }).click()
    const tripPanel = page.getByTestId('attachments-panel')
    await tripPanel.scrollIntoViewIfNeeded()
    await expect(tripPanel).toContainText(s.empty)
    await page.screenshot({ path: join(shots, `${lang}-attachments-trip.png`) })

    // An organisation's page: a scanned agreement (a PDF) gets a document tile.
    const orgs = await apiCall<{ items: Array<{ id: string }> }>(server, 'organizations.list', { limit: 1 })
    await page.goto(`${server.url.split('#')[0]}#/organizations/${orgs.items[0].id}`)
    const orgPanel = page.getByTestId('attachments-panel')
    await orgPanel.getByTestId('attachment-input').setInputFiles({ name: 'agreement-scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
    await expect(orgPanel.getByTestId('attachment-tile')).toContainText(s.pdfTile)
    await page.screenshot({ path: join(shots, `${lang}-attachments-organization.png`) })
  })
}
