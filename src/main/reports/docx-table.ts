// Ruled tables in Word, shared by the itinerary and the trip report's follow-up table and annex.
import type * as Docx from 'docx'
import type { DocxModule, TextStyle } from './docx-layout'
import { runOptions } from './docx-layout'

/**
 * Table lines one and a half times the text (15.75 pt for 五号), exact rather than
 * "single": under the Chinese report's line grid a single-spaced line snaps to the
 * 28.95 pt body pitch, which doubled every table row (seen in LibreOffice's PDF);
 * an exact spacing is kept off the grid. `size` is in half-points, the result in twips.
 */
const tableLine = (s: TextStyle): number => Math.round(s.size * 15)

export const HEADER_SHADE = { fill: 'D9E1F2', type: 'clear', color: 'auto' } as const

export function cellParagraphs(D: DocxModule, s: TextStyle, text: string, bold = false): Docx.Paragraph[] {
  const parts = text.split('\n')
  return parts.map((t) => new D.Paragraph({ spacing: { before: 0, after: 0, line: tableLine(s), lineRule: 'exact' }, children: [new D.TextRun({ ...runOptions(s, { bold }), text: t })] }))
}

export function cell(D: DocxModule, s: TextStyle, text: string | Docx.Paragraph[], width: number, extra: Partial<Docx.ITableCellOptions> = {}): Docx.TableCell {
  return new D.TableCell({
    width: { size: width, type: D.WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: typeof text === 'string' ? cellParagraphs(D, s, text) : text,
    ...extra,
  })
}

export function table(D: DocxModule, s: TextStyle, headers: readonly string[], widths: readonly number[], rows: Docx.TableRow[]): Docx.Table {
  const head = new D.TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) => cell(D, s, cellParagraphs(D, s, h, true), widths[i], { shading: HEADER_SHADE })),
  })
  return new D.Table({ width: { size: widths.reduce((a, b) => a + b, 0), type: D.WidthType.DXA }, columnWidths: [...widths], rows: [head, ...rows] })
}

