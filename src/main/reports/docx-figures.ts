// Photos in the trip report: each scaled to the text width (or down to fit a page), centred,
// with its number and caption below ("图1 …" in Chinese, "Figure 1. …" in English).
import type * as Docx from 'docx'
import type { DocxModule, Layout } from './docx-layout'
import { run } from './docx-layout'
import { A4 } from './gbt9704'

/** One photo with its caption; the bytes are the stored JPEG or PNG, read by the caller. */
export interface ReportFigure {
  type: 'jpg' | 'png'
  data: Buffer
  /** pixels, from the image's header */
  width: number
  height: number
  caption: string
}

/** Twentieths of a point per pixel at 96 dpi, the unit docx sizes an image in. */
const TWIPS_PER_PX = 15
/** A figure and its caption must fit on one page with room to spare. */
const MAX_PAGE_SHARE = 0.7

export function figureLabel(lang: Layout['lang'], n: number, caption: string): string {
  const text = caption.trim()
  if (lang === 'zh-CN') return text ? `图${n} ${text}` : `图${n}`
  return text ? `Figure ${n}. ${text}` : `Figure ${n}.`
}

export function figureSize(l: Layout, f: Pick<ReportFigure, 'width' | 'height'>): { width: number; height: number } {
  const maxWidth = Math.floor((A4.width - l.margin.left - l.margin.right) / TWIPS_PER_PX)
  const maxHeight = Math.floor(((A4.height - l.margin.top - l.margin.bottom) * MAX_PAGE_SHARE) / TWIPS_PER_PX)
  const scale = Math.min(maxWidth / f.width, maxHeight / f.height)
  return { width: Math.round(f.width * scale), height: Math.round(f.height * scale) }
}

export function figureParagraphs(D: DocxModule, l: Layout, figures: readonly ReportFigure[]): Docx.Paragraph[] {
  const out: Docx.Paragraph[] = []
  figures.forEach((f, i) => {
    // The body's exact line height would clip the picture to one line: this paragraph sizes to it.
    out.push(
      new D.Paragraph({
        alignment: D.AlignmentType.CENTER,
        keepNext: true,
        spacing: { line: 240, lineRule: 'auto', before: 120, after: 60 },
        children: [new D.ImageRun({ type: f.type, data: f.data, transformation: figureSize(l, f), altText: { name: `figure-${i + 1}`, description: f.caption, title: f.caption } })],
      }),
    )
    out.push(new D.Paragraph({ alignment: D.AlignmentType.CENTER, spacing: { line: 240, lineRule: 'auto', before: 0, after: 240 }, children: [run(D, l.small, figureLabel(l.lang, i + 1, f.caption))] }))
  })
  return out
}
