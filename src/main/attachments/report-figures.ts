import type { Attachment } from '../../shared/domain/attachments'
import type { ReportFigure } from '../reports/docx-figures'
import type { TripReportInput } from '../reports/collect'
import type { BlobFiles } from './blob-files'
import { imageSize } from './sniff'
import type { Thumbnailer } from './thumbnails'

const FIGURE_MIMES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/heic'])

/**
 * The photos marked "in report" on the trip and on its activities, in itinerary order (the trip's
 * own first), each in the order it was attached. Deleted ones, and those of deleted activities, stay out.
 */
export function reportAttachments(all: readonly Attachment[], input: TripReportInput): Attachment[] {
  const order = new Map<string, number>([[`trips\u0000${input.trip.id}`, 0]])
  input.activities.forEach((a, i) => order.set(`activities\u0000${a.id}`, i + 1))
  return all
    .filter((a) => a.deletedAt === null && a.inReport && FIGURE_MIMES.has(a.mime) && order.has(`${a.recordType}\u0000${a.recordId}`))
    .map((a, i) => ({ a, i, at: order.get(`${a.recordType}\u0000${a.recordId}`) as number }))
    .sort((x, y) => x.at - y.at || x.a.createdAt.localeCompare(y.a.createdAt) || x.i - y.i)
    .map(({ a }) => a)
}

/** A HEIC photo goes into the report as a JPEG this long on its longer side: sharp at the text width. */
export const HEIC_FIGURE_SIDE = 1600

/**
 * The figures' bytes through the codec; a HEIC photo as a JPEG made by `toJpeg` (Word shows no
 * HEIC). A file missing or unreadable is left out rather than failing the whole report.
 */
export async function reportFigures(blobs: BlobFiles, list: readonly Attachment[], log: (line: string) => void = () => undefined, toJpeg?: Thumbnailer): Promise<ReportFigure[]> {
  const out: ReportFigure[] = []
  for (const a of list) {
    try {
      const stored = await blobs.get(a.sha256)
      const heic = a.mime === 'image/heic'
      const data = stored && heic ? (toJpeg ? Buffer.from(await toJpeg(stored, 'image/heic', HEIC_FIGURE_SIDE)) : null) : stored
      const mime = heic ? 'image/jpeg' : (a.mime as 'image/jpeg' | 'image/png')
      const size = data ? imageSize(data, mime) : null
      if (!data || !size) {
        log(`Liaison Desk: report figure ${a.id} has no readable file`)
        continue
      }
      out.push({ type: mime === 'image/png' ? 'png' : 'jpg', data, width: size.width, height: size.height, caption: a.caption })
    } catch (e) {
      log(`Liaison Desk: report figure ${a.id}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return out
}
