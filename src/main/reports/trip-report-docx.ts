// The trip report as a Word document: the outline of trip-report-text.ts laid
// out on the page of the chosen language (GB/T 9704 in Chinese: 22 lines of 28
// characters, page numbers at the outer side).
import type * as Docx from 'docx'
import type { TripReportInput } from './collect'
import {
  documentStyles, layoutFor, lineSpacing, loadDocx, packDocument, pageNumberFooters, run, runOptions, sectionGrid, sectionPage, titleLines,
} from './docx-layout'
import type { DocxModule, Layout } from './docx-layout'
import { cell, cellParagraphs, table } from './docx-table'
import { figureParagraphs } from './docx-figures'
import type { ReportFigure } from './docx-figures'
import { A4 } from './gbt9704'
import { inLang } from './names'
import { tripReportOutline } from './trip-report-text'
import type { Block, TripReportOptions } from './trip-report-text'

export type { TripReportOptions } from './trip-report-text'

function titleRuns(D: DocxModule, l: Layout, text: string): Docx.TextRun[] {
  const lines = l.titleChars ? titleLines(text, l.titleChars) : [text]
  return lines.map((line, i) => new D.TextRun({ ...runOptions(l.title), text: line, break: i > 0 ? 1 : undefined }))
}

function ruledTable(D: DocxModule, l: Layout, b: Extract<Block, { kind: 'table' }>): Docx.Table {
  const width = A4.width - l.margin.left - l.margin.right
  const total = b.widths.reduce((x, y) => x + y, 0)
  const widths = b.widths.map((w) => Math.floor((w / total) * width))
  const rows = b.rows.map((r) => new D.TableRow({ cantSplit: true, children: r.map((text, i) => cell(D, l.small, cellParagraphs(D, l.small, text), widths[i])) }))
  return table(D, l.small, b.header, widths, rows)
}

function paragraphs(D: DocxModule, l: Layout, blocks: readonly Block[]): Array<Docx.Paragraph | Docx.Table> {
  const indent = l.indent ?? undefined
  // Chinese text justifies cleanly; English justified in a narrow column opens wide gaps between long words.
  const justified = l.lang === 'zh-CN' ? D.AlignmentType.JUSTIFIED : D.AlignmentType.LEFT
  const out: Array<Docx.Paragraph | Docx.Table> = []
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        out.push(new D.Paragraph({ heading: D.HeadingLevel.TITLE, alignment: D.AlignmentType.CENTER, spacing: lineSpacing(l, l.spacing.title), children: titleRuns(D, l, b.text) }))
        if (l.blankAfterTitle) out.push(new D.Paragraph({ spacing: lineSpacing(l, l.spacing.body), children: [run(D, l.body, '')] }))
        break
      case 'h1':
        out.push(new D.Paragraph({ heading: D.HeadingLevel.HEADING_1, keepNext: true, indent, spacing: lineSpacing(l, l.spacing.h1), children: [run(D, l.h1, b.text)] }))
        break
      case 'h2':
        out.push(new D.Paragraph({ heading: D.HeadingLevel.HEADING_2, keepNext: true, indent, spacing: lineSpacing(l, l.spacing.h2), children: [run(D, l.h2, b.text)] }))
        break
      case 'h3':
        out.push(new D.Paragraph({ heading: D.HeadingLevel.HEADING_3, keepNext: true, indent, spacing: lineSpacing(l, l.spacing.h3), children: [run(D, l.h3, b.text)] }))
        break
      case 'p': {
        // A lead-in (a date, an organisation, a task) is bold in English; GB/T 9704 body text stays plain,
        // except a numbered task, which is a third-level heading (仿宋 bold).
        const leadBold = l.lang === 'en' || /^\d+\./.test(b.lead ?? '')
        const runs = [...(b.lead ? [run(D, l.body, b.lead, { bold: leadBold })] : []), ...(b.text ? [run(D, l.body, b.text)] : [])]
        out.push(new D.Paragraph({ alignment: justified, indent, spacing: lineSpacing(l, l.spacing.body), children: runs }))
        break
      }
      case 'table':
        out.push(ruledTable(D, l, b))
        break
      case 'pageBreak':
        out.push(new D.Paragraph({ pageBreakBefore: true, spacing: lineSpacing(l, l.spacing.body), children: [] }))
        break
      case 'sign': {
        // GB/T 9704 leaves a blank line before what follows the body; a work report's office and date sit to the right, four characters in.
        out.push(new D.Paragraph({ spacing: lineSpacing(l, l.spacing.body), children: [run(D, l.body, '')] }))
        const right = b.align === 'right'
        for (const line of b.lines) {
          out.push(
            new D.Paragraph({
              ...(right ? { alignment: D.AlignmentType.RIGHT, indent: { right: l.body.size * 10 * 4 } } : { indent }),
              spacing: lineSpacing(l, { before: 0, after: 0 }),
              children: [run(D, l.body, line)],
            }),
          )
        }
        break
      }
    }
  }
  return out
}

/** `figures`: the photos marked for the report (attachments, issue 13), after the body and before the signature. */
export async function tripReportDocx(input: TripReportInput, opts: TripReportOptions, figures: readonly ReportFigure[] = []): Promise<Buffer> {
  const D = await loadDocx()
  const l = layoutFor(opts.lang)
  const blocks = tripReportOutline(input, opts)
  const title = blocks.find((b): b is Extract<Block, { kind: 'title' }> => b.kind === 'title')?.text ?? input.trip.title
  const signAt = blocks.findIndex((b) => b.kind === 'sign')
  const body = signAt < 0 ? blocks : blocks.slice(0, signAt)
  const tail = signAt < 0 ? [] : blocks.slice(signAt)
  const s = input.settings
  // The author is the office that issues the report; docx would otherwise write "Un-named".
  const author = inLang(opts.lang, [s.school, s.office].filter(Boolean).join(opts.lang === 'zh-CN' ? '' : ' ')) || inLang(opts.lang, s.university) || 'Liaison Desk'
  const doc = new D.Document({
    title,
    creator: author,
    lastModifiedBy: author,
    description: inLang(opts.lang, s.signatures.source),
    subject: inLang(opts.lang, input.trip.title, input.trip.titleEn),
    evenAndOddHeaderAndFooters: l.mirroredPageNumbers,
    styles: documentStyles(l),
    sections: [
      {
        properties: { page: sectionPage(l), grid: sectionGrid(D, l) },
        footers: pageNumberFooters(D, l),
        children: [...paragraphs(D, l, body), ...figureParagraphs(D, l, figures), ...paragraphs(D, l, tail)],
      },
    ],
  })
  return packDocument(D, doc, l)
}
