// The sample trip as the real app holds it: loaded through the router into a
// store on a temp folder, then collected for the reports.
import JSZip from 'jszip'
import { collectTripReportInput } from '../../../src/main/reports/collect'
import type { TripReportInput } from '../../../src/main/reports/collect'
import type { DbData } from '../../../src/main/db/schema'
import type { Lang } from '../../../src/shared/enums'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

export const SAMPLE_TRIP_ID = 'trp-2025-12-shanghai-nantong'

export interface SampleTrip {
  app: TestApp
  data: DbData
  input: TripReportInput
}

export async function openSampleTrip(lang: Lang): Promise<SampleTrip> {
  const app = await openTestApp()
  await app.call('settings.update', { language: lang })
  await app.call('sample.load', {})
  const totals = await app.call('trips.totals', { id: SAMPLE_TRIP_ID })
  const data = app.core.store.data
  return { app, data, input: collectTripReportInput(data, SAMPLE_TRIP_ID, totals) }
}

/** The text of one part of an OOXML package (document.xml, a sheet…). */
export async function zipEntry(bytes: Buffer, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const file = zip.file(path)
  if (!file) throw new Error(`${path} is not in the package`)
  return file.async('string')
}

/** The visible text of a WordprocessingML part, paragraphs separated by newlines. */
export function docText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
}
