// The trip report as a Word document: the outline of trip-report-text.ts laid
// out on the page of the chosen language (GB/T 9704 in Chinese).
import type * as Docx from 'docx'
import type { TripReportInput } from './collect'
import { documentStyles, layoutFor, lineSpacing, loadDocx, packDocument, pageNumberFooter, run, runOptions, sectionPage, titleLines } from './docx-layout'
import type { DocxModule, Layout } from './docx-layout'
import { tripReportOutline } from './trip-report-text'
import type { Block, TripReportOptions } from './trip-report-text'

export type { TripReportOptions } from './trip-report-text'

function titleRuns(D: DocxModule, l: Layout, text: string): Docx.TextRun[] {
  const lines = l.titleChars ? titleLines(text, l.titleChars) : [text]
  return lines.map((line, i) => new D.TextRun({ ...runOptions(l.title), text: line, break: i > 0 ? 1 : undefined }))
}

function paragraphs(D: DocxModule, l: Layout, blocks: readonly Block[]): Docx.Paragraph[] {
  const indent = l.indent ?? undefined
  const justified = D.AlignmentType.JUSTIFIED
  const out: Docx.Paragraph[] = []
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
        const runs = [...(b.lead ? [run(D, l.body, b.lead, { bold: leadBold })] : []), run(D, l.body, b.text)]
        out.push(new D.Paragraph({ alignment: justified, indent, spacing: lineSpacing(l, l.spacing.body), children: runs }))
        break
      }
      case 'sign':
        // GB/T 9704 leaves a blank line before what follows the body.
        out.push(new D.Paragraph({ spacing: lineSpacing(l, l.spacing.body), children: [run(D, l.body, '')] }))
        for (const line of b.lines) out.push(new D.Paragraph({ indent, spacing: lineSpacing(l, { before: 0, after: 0 }), children: [run(D, l.body, line)] }))
        break
    }
  }
  return out
}

export async function tripReportDocx(input: TripReportInput, opts: TripReportOptions): Promise<Buffer> {
  const D = await loadDocx()
  const l = layoutFor(opts.lang)
  const blocks = tripReportOutline(input, opts)
  const title = blocks.find((b): b is Extract<Block, { kind: 'title' }> => b.kind === 'title')?.text ?? input.trip.title
  const doc = new D.Document({
    title,
    creator: input.settings.signatures.editor || input.settings.office || 'Liaison Desk',
    description: input.settings.signatures.source,
    styles: documentStyles(l),
    sections: [
      {
        properties: { page: sectionPage(l) },
        footers: { default: pageNumberFooter(D, l) },
        children: paragraphs(D, l, blocks),
      },
    ],
  })
  return packDocument(D, doc, l)
}
