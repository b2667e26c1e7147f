// Page and type for the Word reports in each language: the Chinese layout
// follows GB/T 9704 (gbt9704.ts), the English one is a plain A4 report. The
// builders here turn text into docx paragraphs with the fonts named on every
// run, so the document looks the same whether or not the reader's Word honours
// the styles.
import type * as Docx from 'docx'
import type { Lang } from '../../shared/enums'
import { fontTableOverride } from './docx-fonts'
import { displayWidth } from './format'
import { A4, GBT9704, GBT9704_FONTS, mm } from './gbt9704'
import { rewritePart } from './zip-part'

export type DocxModule = typeof import('docx')

let docx: Promise<DocxModule> | null = null

/** The docx package is loaded with the first Word report, not at start-up. */
export function loadDocx(): Promise<DocxModule> {
  docx ??= import('docx').then((mod) => (mod as unknown as { default?: DocxModule }).default ?? mod)
  return docx
}

export interface TextStyle {
  /** East Asian font */
  font: string
  /** font for digits and Latin letters */
  latin: string
  /** half-points */
  size: number
  bold?: boolean
  italics?: boolean
  /** space added after every character, in twips (negative: tighter), for a fixed number of characters a line */
  tracking?: number
  /**
   * 'eastAsia' makes Word set quotation marks and dashes, which both scripts
   * share, in the Chinese font: full width, as Chinese text needs them.
   */
  hint?: 'eastAsia'
  language?: { value: string; eastAsia: string }
}

export interface BlockSpacing {
  before: number
  after: number
}

export interface Layout {
  lang: Lang
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number }
  title: TextStyle
  h1: TextStyle
  h2: TextStyle
  h3: TextStyle
  body: TextStyle
  small: TextStyle
  pageNumber: TextStyle
  /** `exact` keeps the GB/T 9704 grid of 22 lines per page; `auto` is a multiple of single spacing */
  line: { line: number; rule: 'exact' | 'auto' }
  /** first-line indent of body text and headings, if the layout indents */
  indent: { firstLineChars: number; firstLine: number } | null
  spacing: { title: BlockSpacing; h1: BlockSpacing; h2: BlockSpacing; h3: BlockSpacing; body: BlockSpacing }
  /** text either side of the page number: — 1 — */
  pageNumberAround: [string, string]
  /** a blank line under the title, as GB/T 9704 asks */
  blankAfterTitle: boolean
  /** GB/T 9704's grid of lines and characters; null for a plain page */
  grid: { linePitch: number } | null
  /** odd page numbers right, even left, one character in (GB/T 9704); false centres them */
  mirroredPageNumbers: boolean
  /** the language tag of every run */
  language: { value: string; eastAsia: string }
  /** characters per title line for a balanced manual break; null lets the line wrap */
  titleChars: number | null
}

const latin = GBT9704_FONTS.latin
const none: BlockSpacing = { before: 0, after: 0 }
const ZH_LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' }
const zh = (font: string, size: number, bold?: boolean): TextStyle => ({ font, latin, size, bold, hint: 'eastAsia', language: ZH_LANGUAGE })
/** Text set on GB/T 9704's 28-character line (see GBT9704.tracking). */
const zhLine = (font: string, size: number, bold?: boolean): TextStyle => ({ ...zh(font, size, bold), tracking: GBT9704.tracking })

export const ZH_OFFICIAL: Layout = {
  lang: 'zh-CN',
  margin: { ...GBT9704.margin, header: GBT9704.header, footer: GBT9704.footer },
  title: zh(GBT9704_FONTS.title, GBT9704.size.title),
  h1: zhLine(GBT9704_FONTS.heading1, GBT9704.size.heading),
  h2: zhLine(GBT9704_FONTS.heading2, GBT9704.size.heading),
  h3: zhLine(GBT9704_FONTS.body, GBT9704.size.body, true),
  body: zhLine(GBT9704_FONTS.body, GBT9704.size.body),
  small: zh(GBT9704_FONTS.pageNumber, 21), // 五号, for tables
  // The page number is Arabic digits in 宋体; its dashes stay in the Latin font so they read as — not as two ideographic dashes.
  pageNumber: { font: GBT9704_FONTS.pageNumber, latin: GBT9704_FONTS.pageNumber, size: GBT9704.size.pageNumber, language: ZH_LANGUAGE },
  line: { line: GBT9704.line, rule: 'exact' },
  indent: { firstLineChars: GBT9704.firstLineChars, firstLine: GBT9704.firstLine },
  spacing: { title: none, h1: none, h2: none, h3: none, body: none },
  pageNumberAround: ['— ', ' —'],
  blankAfterTitle: true,
  grid: { linePitch: GBT9704.line },
  mirroredPageNumbers: true,
  language: { value: 'en-US', eastAsia: 'zh-CN' },
  // 156 mm of line at 22 pt (7.76 mm a character)
  titleChars: 20,
}

export const EN_PLAIN: Layout = {
  lang: 'en',
  margin: { top: mm(25), bottom: mm(25), left: mm(25), right: mm(25), header: mm(12.5), footer: mm(12.5) },
  title: { font: '宋体', latin, size: 32, bold: true },
  h1: { font: '宋体', latin, size: 26, bold: true },
  h2: { font: '宋体', latin, size: 24, bold: true },
  h3: { font: '宋体', latin, size: 24, bold: true, italics: true },
  body: { font: '宋体', latin, size: 24 },
  small: { font: '宋体', latin, size: 19 },
  pageNumber: { font: '宋体', latin, size: 20 },
  line: { line: 276, rule: 'auto' },
  indent: null,
  spacing: {
    title: { before: 0, after: 360 },
    h1: { before: 240, after: 120 },
    h2: { before: 180, after: 80 },
    h3: { before: 120, after: 60 },
    body: { before: 0, after: 120 },
  },
  pageNumberAround: ['– ', ' –'],
  blankAfterTitle: false,
  grid: null,
  mirroredPageNumbers: false,
  language: { value: 'en-GB', eastAsia: 'zh-CN' },
  titleChars: null,
}

export function layoutFor(lang: Lang): Layout {
  return lang === 'zh-CN' ? ZH_OFFICIAL : EN_PLAIN
}

/** Every font a layout names, for the font table. */
export function layoutFonts(l: Layout): string[] {
  const styles = [l.title, l.h1, l.h2, l.h3, l.body, l.small, l.pageNumber]
  return [...new Set(styles.flatMap((s) => [s.latin, s.font]))]
}

export function fontAttrs(s: TextStyle): Docx.IFontAttributesProperties {
  return { ascii: s.latin, hAnsi: s.latin, cs: s.latin, eastAsia: s.font, ...(s.hint ? { hint: s.hint } : {}) }
}

/**
 * A long Chinese title broken where the sense allows, the upper line a little
 * longer than the lower (GB/T 9704's "梯形"), never leaving one character alone
 * on a line as automatic wrapping does.
 */
export function titleLines(text: string, maxChars: number): string[] {
  const width = (s: string) => displayWidth(s) / 2 // in Chinese characters
  if (width(text) <= maxChars) return [text]
  const chars = [...text]
  const breaksAfter = ['带队', '关于', '的', '，', '：']
  // Inside a list of places or names: only when nothing better offers.
  const weakBreaksAfter = ['、', '和', '与', '及']
  // A verb opens the second line rather than ending the first: 王立坤书记带队赴上海、南通 / 开展校企合作系列活动.
  const breaksBefore = ['开展', '举办', '召开', '举行', '赴', '推进', '深化']
  const total = width(text)
  let best = -1
  let bestScore = Number.POSITIVE_INFINITY
  for (let i = 2; i < chars.length - 1; i++) {
    const head = chars.slice(0, i).join('')
    const tail = chars.slice(i).join('')
    const strong = breaksAfter.some((w) => head.endsWith(w)) || breaksBefore.some((w) => tail.startsWith(w))
    if (!strong && !weakBreaksAfter.some((w) => head.endsWith(w))) continue
    const top = width(head)
    if (top > maxChars || top < total / 2 - 2) continue
    const score = Math.abs(top - total * 0.58) + (strong ? 0 : 4)
    if (score < bestScore) {
      bestScore = score
      best = i
    }
  }
  if (best < 0) best = Math.min(maxChars, Math.ceil(chars.length / 2))
  return [chars.slice(0, best).join(''), ...titleLines(chars.slice(best).join(''), maxChars)]
}

export function runOptions(s: TextStyle, extra: { bold?: boolean } = {}): Docx.IRunOptions {
  return {
    font: fontAttrs(s),
    size: s.size,
    sizeComplexScript: s.size,
    bold: extra.bold ?? s.bold,
    italics: s.italics,
    color: '000000',
    language: s.language,
    ...(s.tracking ? { characterSpacing: s.tracking } : {}),
  }
}

export function run(D: DocxModule, s: TextStyle, text: string, extra: { bold?: boolean } = {}): Docx.TextRun {
  return new D.TextRun({ ...runOptions(s, extra), text })
}

export function lineSpacing(l: Layout, sp: BlockSpacing): Docx.ISpacingProperties {
  return { line: l.line.line, lineRule: l.line.rule === 'exact' ? 'exact' : 'auto', before: sp.before, after: sp.after }
}

/** Style defaults, so text typed into the report later looks like the rest. */
export function documentStyles(l: Layout): Docx.IStylesOptions {
  const para = (sp: BlockSpacing, indent: boolean) => ({
    spacing: lineSpacing(l, sp),
    ...(indent && l.indent ? { indent: l.indent } : {}),
  })
  const style = (s: TextStyle) => ({ ...runOptions(s), color: '000000' })
  return {
    default: {
      document: { run: style(l.body), paragraph: para(l.spacing.body, false) },
      title: { run: style(l.title), paragraph: { ...para(l.spacing.title, false), alignment: 'center' } },
      heading1: { run: style(l.h1), paragraph: { ...para(l.spacing.h1, true), keepNext: true } },
      heading2: { run: style(l.h2), paragraph: { ...para(l.spacing.h2, true), keepNext: true } },
      heading3: { run: style(l.h3), paragraph: { ...para(l.spacing.h3, true), keepNext: true } },
    },
  }
}

/** The footer with the page number: — 1 — in Chinese at the outer side, one character in; – 1 – centred in English. */
export function pageNumberFooter(D: DocxModule, l: Layout, side: 'odd' | 'even' = 'odd'): Docx.Footer {
  const [before, after] = l.pageNumberAround
  const oneChar = l.pageNumber.size * 10 // half-points to twips: one 四号 character is 280 twips
  const placement = !l.mirroredPageNumbers
    ? { alignment: D.AlignmentType.CENTER }
    : side === 'odd'
      ? { alignment: D.AlignmentType.RIGHT, indent: { right: oneChar } }
      : { alignment: D.AlignmentType.LEFT, indent: { left: oneChar } }
  return new D.Footer({
    children: [new D.Paragraph({ ...placement, children: [new D.TextRun({ ...runOptions(l.pageNumber), children: [before, D.PageNumber.CURRENT, after] })] })],
  })
}

/** Odd and even footers where the layout mirrors page numbers, one centred footer otherwise. */
export function pageNumberFooters(D: DocxModule, l: Layout): { default: Docx.Footer; even?: Docx.Footer } {
  return l.mirroredPageNumbers ? { default: pageNumberFooter(D, l, 'odd'), even: pageNumberFooter(D, l, 'even') } : { default: pageNumberFooter(D, l) }
}

/**
 * The section's line grid per GB/T 9704. Only lines: a character grid (linesAndChars with a
 * negative charSpace) is what Word wants, but LibreOffice spreads each character over a
 * grid cell and sets 15 a line; the 28 characters come from the runs' tracking instead,
 * which Word, WPS and LibreOffice all honour.
 */
export function sectionGrid(D: DocxModule, l: Layout): Docx.ISectionPropertiesOptions['grid'] {
  return l.grid ? { type: D.DocumentGridType.LINES, linePitch: l.grid.linePitch } : undefined
}

export function sectionPage(l: Layout, orientation: 'portrait' | 'landscape' = 'portrait'): NonNullable<Docx.ISectionPropertiesOptions['page']> {
  const landscape = orientation === 'landscape'
  return {
    // docx swaps width and height itself for a landscape page, so the size is always given portrait.
    size: { width: A4.width, height: A4.height, orientation: landscape ? 'landscape' : 'portrait' },
    margin: l.margin,
  }
}

/** Packs a document with a font table that names substitutes for the Chinese fonts. */
export async function packDocument(D: DocxModule, doc: Docx.Document, l: Layout): Promise<Buffer> {
  const bytes = await D.Packer.toBuffer(doc, false, [fontTableOverride(layoutFonts(l))])
  return l.grid ? rewritePart(bytes, 'word/document.xml', tablesOffGrid) : bytes
}

/**
 * Table paragraphs leave the line grid (w:snapToGrid off). Under the Chinese
 * report's 28.95 pt grid LibreOffice puts every table line on a grid line, even
 * at an exact spacing, which doubled each row of 五号 text. The docx package
 * cannot write a paragraph's snapToGrid, so it is set in the finished XML, in
 * the place the schema gives it (just before w:spacing).
 */
export function tablesOffGrid(documentXml: string): string {
  return documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl) =>
    tbl.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/g, (pPr, inner: string) => (inner.includes('<w:snapToGrid') ? pPr : `<w:pPr>${inner.replace(/<w:spacing /, '<w:snapToGrid w:val="0"/><w:spacing ')}</w:pPr>`)),
  )
}
