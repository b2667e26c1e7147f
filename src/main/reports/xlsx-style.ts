// The look every generated sheet shares: fonts, header fill, borders, print
// setup. Kept in one place so the trip workbook and the registers print alike
// and a change of house style is one edit.
import type * as ExcelJS from 'exceljs'
import type { Lang } from '../../shared/enums'

export type ExcelModule = typeof import('exceljs')

let excel: Promise<ExcelModule> | null = null

/**
 * exceljs costs ~0.2 s to load, so it is imported when the first report is
 * made, not when the app starts. It is CommonJS: under Node's ESM loader its
 * API sits on `default`, under a bundler or tsx it may be the module itself.
 */
export function loadExcel(): Promise<ExcelModule> {
  excel ??= import('exceljs').then((mod) => (mod as unknown as { default?: ExcelModule }).default ?? mod)
  return excel
}

/** Fonts every office machine has: SimSun for Chinese (WPS and Excel both ship it), Calibri otherwise. */
export function baseFont(lang: Lang): Partial<ExcelJS.Font> {
  return lang === 'zh-CN' ? { name: '宋体', size: 10, charset: 134 } : { name: 'Calibri', size: 10 }
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } }
export const THIN_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }

/** Light blue-grey: prints legibly in black and white, unlike a saturated colour. */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
export const TOTALS_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }

export const DATE_FORMAT = 'yyyy-mm-dd'
export const INTEGER_FORMAT = '0'
/** Excel's built-in Text format (numFmtId 49): what is typed into the cell stays text. */
export const TEXT_FORMAT = '@'

export function headerStyle(lang: Lang): Partial<ExcelJS.Style> {
  return {
    font: { ...baseFont(lang), bold: true },
    fill: HEADER_FILL,
    border: THIN_BORDERS,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  }
}

export function titleStyle(lang: Lang): Partial<ExcelJS.Style> {
  return {
    font: { ...baseFont(lang), size: 14, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  }
}

export function totalsStyle(lang: Lang): Partial<ExcelJS.Style> {
  return { font: { ...baseFont(lang), bold: true }, fill: TOTALS_FILL, border: THIN_BORDERS, alignment: { vertical: 'top', wrapText: true } }
}

/** The style of a body cell by what the column holds; dates and numbers are right-aligned by Excel itself. */
export function bodyStyle(lang: Lang, type: 'text' | 'date' | 'number' | 'id' | 'auto'): Partial<ExcelJS.Style> {
  return {
    font: baseFont(lang),
    border: THIN_BORDERS,
    // A number column may hold a caption (未统计 / not recorded), which wraps like any text.
    alignment: { vertical: 'top', horizontal: type === 'auto' ? 'left' : undefined, wrapText: type === 'text' || type === 'auto' || type === 'number' },
    ...(type === 'date' ? { numFmt: DATE_FORMAT } : type === 'number' ? { numFmt: INTEGER_FORMAT } : {}),
  }
}

/**
 * A4 landscape, one page wide and as many pages tall as needed, the header
 * rows repeated on every page: how the office prints a ledger.
 */
export function printSetup(headerRows: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `1:${headerRows}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
  }
}

/** In a header or footer `&` starts a code; user text must have it doubled. */
export function escapeHeaderText(s: string): string {
  return s.replace(/&/g, '&&')
}

export function headerFooter(pageHeader: string, pageFooter: string): Partial<ExcelJS.HeaderFooter> {
  return {
    oddHeader: pageHeader ? `&C${escapeHeaderText(pageHeader)}` : undefined,
    oddFooter: `&C${pageFooter}`,
  }
}
