// @vitest-environment node
import { it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { openSampleTrip } from './fixtures'
import { tripWorkbook } from '../../../src/main/reports/trip-workbook'
import { tripReportDocx } from '../../../src/main/reports/trip-report-docx'
import { tripReportOutline, outlineText } from '../../../src/main/reports/trip-report-text'
it('x', async () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const s = await openSampleTrip(lang)
    await writeFile(`/tmp/trip-${lang}.xlsx`, await tripWorkbook(s.input, { lang }))
    await writeFile(`/tmp/report-${lang}.docx`, await tripReportDocx(s.input, { lang, date: '2025-12-07' }))
    await writeFile(`/tmp/report-${lang}.txt`, outlineText(tripReportOutline(s.input, { lang, date: '2025-12-07' })))
    await s.app.destroy()
  }
})
