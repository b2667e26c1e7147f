// @vitest-environment node
// Photos marked "in report" become the trip report's figures, with their captions, in both languages.
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PassThrough } from 'node:stream'
import JSZip from 'jszip'
import { afterEach, describe, expect, it } from 'vitest'
import { figureLabel, figureSize } from '../../../src/main/reports/docx-figures'
import { layoutFor } from '../../../src/main/reports/docx-layout'
import { docText, openSampleTrip, SAMPLE_TRIP_ID } from '../reports/fixtures'
import type { TestApp } from '../helpers'
import { jpegOf, pngOf } from './images'

let app: TestApp | null = null
afterEach(async () => {
  await app?.destroy()
  app = null
})

async function reportOf(a: TestApp, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const prepared = a.core.exporter.prepare('trip.report', { tripId: SAMPLE_TRIP_ID, lang, date: '2025-12-20' })
  if (!prepared.ok) throw new Error(prepared.error.message)
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await prepared.job.write(out)
  return Buffer.concat(chunks)
}

describe('report figures', () => {
  it('puts the photos marked for the report, in itinerary order, with numbered captions; the others stay out', async () => {
    const sample = await openSampleTrip('zh-CN')
    app = sample.app
    const [first, second] = sample.input.activities
    const b64 = (b: Buffer) => b.toString('base64')
    // Attached to the later visit first: the report follows the itinerary, not the order of attaching.
    await app.call('attachments.add', { recordType: 'activities', recordId: second.id, fileName: 'b.png', data: b64(pngOf(300, 200)), caption: '校友座谈会现场', inReport: true })
    await app.call('attachments.add', { recordType: 'activities', recordId: first.id, fileName: 'a.jpg', data: b64(jpegOf(800, 600)), caption: '实习基地揭牌', inReport: true })
    await app.call('attachments.add', { recordType: 'activities', recordId: first.id, fileName: 'c.jpg', data: b64(jpegOf(80, 60)), caption: '不放入报告' })
    const docx = await reportOf(app, 'zh-CN')
    const zip = await JSZip.loadAsync(docx)
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))
    expect(media).toHaveLength(2)
    const text = docText(await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string'))
    expect(text).toContain('图1 实习基地揭牌')
    expect(text).toContain('图2 校友座谈会现场')
    expect(text).not.toContain('不放入报告')
    expect(text.indexOf('图1')).toBeLessThan(text.indexOf('图2'))
    if (process.env.REPORT_OUT) await writeFile(join(process.env.REPORT_OUT, 'figures-zh.docx'), docx)

    const en = await JSZip.loadAsync(await reportOf(app, 'en'))
    const enText = docText(await (en.file('word/document.xml') as JSZip.JSZipObject).async('string'))
    expect(enText).toContain('Figure 1. 实习基地揭牌')
    if (process.env.REPORT_OUT) await writeFile(join(process.env.REPORT_OUT, 'figures-en.docx'), await reportOf(app, 'en'))
  })

  it('a HEIC photo from a phone gets a thumbnail and goes into the report as a JPEG figure', async () => {
    const sample = await openSampleTrip('zh-CN')
    app = sample.app
    // 64 × 48, made with libheif's heif-enc (what an iPhone writes, in miniature).
    const heic = await readFile(join(dirname(fileURLToPath(import.meta.url)), 'photo.heic'))
    const added = await app.call('attachments.add', { recordType: 'activities', recordId: sample.input.activities[0].id, fileName: 'IMG_0001.HEIC', data: heic.toString('base64'), caption: '手机拍摄的合影', inReport: true })
    expect(added.mime).toBe('image/heic')
    const thumb = await app.call('attachments.thumbnail', { id: added.id })
    expect(thumb.kind).toBe('image')
    expect(Buffer.from(thumb.kind === 'image' ? thumb.data : '', 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    const zip = await JSZip.loadAsync(await reportOf(app, 'zh-CN'))
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))
    expect(media).toHaveLength(1)
    expect((await (zip.file(media[0]) as JSZip.JSZipObject).async('nodebuffer')).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    expect(docText(await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string'))).toContain('图1 手机拍摄的合影')
  })

  it('scales a figure to the text width, or down so it fits a page; labels it by language', () => {
    const zh = layoutFor('zh-CN')
    // 156 mm of text width at 96 dpi
    expect(figureSize(zh, { width: 4000, height: 3000 })).toEqual({ width: 589, height: 442 })
    const tall = figureSize(zh, { width: 1000, height: 4000 })
    expect(tall.height).toBeLessThan(620)
    expect(tall.width * 4).toBeCloseTo(tall.height, -1)
    expect(figureLabel('zh-CN', 3, ' 合影 ')).toBe('图3 合影')
    expect(figureLabel('en', 3, '')).toBe('Figure 3.')
  })
})
