// Writes one table sheet through exceljs's streaming WorkbookWriter. Every
// generated workbook, small or large, goes through here, so every sheet gets the
// same safety rules: user text is always a string cell (never a formula),
// dates are real dates, counts are numbers, and long exports yield to the event
// loop and respect the output's backpressure.
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type * as ExcelJS from 'exceljs'
import type { Lang } from '../../shared/enums'
import { captions } from './labels'
import { excelDate } from './format'
import { fitColumnWidth, MAX_ROW_HEIGHT, linesHeight, wrappedLines, wrappedRowHeight } from './xlsx-measure'
import type { WidthLimits } from './xlsx-measure'
import { DATE_FORMAT, INTEGER_FORMAT, TEXT_FORMAT, bodyStyle, headerFooter, headerStyle, loadExcel, printSetup, titleStyle, totalsStyle } from './xlsx-style'

/** A live formula the caller built from sheet and column references (never from user text), with its cached result. */
export interface FormulaInput {
  formula: string
  result: number
}
export type CellInput = string | number | Date | FormulaInput | null | undefined
/**
 * A cell as the sheet writer takes it, computed from the record where the record lives (the main
 * thread) and plain enough to be copied to the workbook worker (register-workbook.ts).
 */
export type SheetCell = string | number | Date | FormulaInput | null
/** auto: a Date stays a date, a number a number, anything else text (for key/value sheets) */
export type ColumnType = 'text' | 'date' | 'number' | 'id' | 'auto'

/** A column as the sheet writer sees it: plain data, without the function that reads the record. */
export interface SheetColumn extends WidthLimits {
  header: string
  /**
   * A fixed width in Excel units (about one Latin character; a Chinese character takes two).
   * Without it the width is fitted to the header and the values, between `min` and `max`.
   */
  width?: number
  type: ColumnType
  /** a totals row adds a sum (numbers), a count (anything) or a count of cells equal to a caption, each over the rows the filter shows */
  total?: 'sum' | 'count' | { countIf: string }
}

export interface Column<R> extends SheetColumn {
  value: (row: R, index: number) => CellInput
}

/** A sheet without its records: what the workbook worker is sent before the rows. */
export interface SheetSpec {
  name: string
  columns: SheetColumn[]
  lang: Lang
  /** a merged title row above the header; printed with it on every page */
  title?: string
  /** centre of the printed page header */
  pageHeader?: string
  /** label of a totals row after the data; no totals row without it */
  totalsLabel?: string
}

export interface TableSpec<R> extends Omit<SheetSpec, 'columns'> {
  columns: Column<R>[]
  rows: Iterable<R>
}

/**
 * The event loop gets a turn every 1,000 rows, or sooner when a slice has run
 * this long: on a busy laptop 1,000 wide rows can take longer than a user
 * should wait for a click to answer.
 */
export const YIELD_EVERY = 1000
export const SLICE_MS = 20
/** How often the clock is read while writing rows. */
const CLOCK_EVERY = 50

/** Excel refuses a cell longer than this. */
const MAX_CELL_TEXT = 32767
// Characters XML 1.0 cannot carry at all; a stray one from a paste would make Excel call the file corrupt.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/**
 * User text as a cell value. A JavaScript string becomes a string cell in
 * exceljs, whatever it starts with (= + - @), so text can never become a
 * formula; formulas are built only by `writeSheet` from column letters.
 */
export function textCell(v: unknown): string | null {
  if (v === null || v === undefined) return null
  const s = String(v).replace(XML_INVALID, '')
  if (s === '') return null
  return s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s
}

function cellValue(type: ColumnType, v: CellInput): SheetCell {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'object' && !(v instanceof Date)) return type === 'auto' ? { formula: v.formula, result: v.result } : v.result
  switch (type) {
    case 'date':
      if (v instanceof Date) return v
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? excelDate(v) : textCell(v)
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : textCell(v)
    case 'auto':
      if (v instanceof Date) return v
      return typeof v === 'number' && Number.isFinite(v) ? v : textCell(v)
    default:
      return textCell(v instanceof Date ? v.toISOString().slice(0, 10) : v)
  }
}

/**
 * Text Excel would read as a formula once someone edits the cell (= + - @).
 * Such cells get the Text format and, in buffered workbooks, quotePrefix (see xlsx-quote.ts).
 */
export const FORMULA_LIKE = /^[=+\-@]/

/** Rows looked at to size the columns: the first screenful of a long register is what sets its look. */
const WIDTH_SAMPLE = 500

/** What a cell shows, as text, for measuring. */
function shownText(v: SheetCell): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '')
  return ''
}

/**
 * Widths of the columns: fixed ones as given, the others fitted to the header and the first rows' texts.
 * Measuring a thousand rows of a wide register takes about 0.1 s on a busy machine, so it gives the
 * event loop a turn between columns whenever a slice has run SLICE_MS.
 */
export async function columnWidths(columns: readonly SheetColumn[], rows: ReadonlyArray<readonly SheetCell[]>, totals: readonly string[] = []): Promise<number[]> {
  const sample = rows.slice(0, WIDTH_SAMPLE)
  const widths: number[] = []
  let sliceStart = performance.now()
  for (let col = 0; col < columns.length; col++) {
    const c = columns[col]
    if (c.width !== undefined) {
      widths.push(c.width)
      continue
    }
    const texts = sample.map((values) => shownText(values[col] ?? null))
    if (totals[col]) texts.push(totals[col])
    widths.push(fitColumnWidth(c.header, texts, { min: c.min, max: c.max }))
    if (performance.now() - sliceStart > SLICE_MS) {
      await breathe()
      sliceStart = performance.now()
    }
  }
  return widths
}

/** The columns without their value functions, to be sent where functions cannot go. */
export function sheetColumns<R>(columns: ReadonlyArray<Column<R>>): SheetColumn[] {
  return columns.map((c) => ({ header: c.header, type: c.type, width: c.width, min: c.min, max: c.max, total: c.total }))
}

/**
 * The cells of each record, `size` rows at a time. Reading a record can be slow (look-ups, joins of
 * names), so the event loop gets a turn whenever a slice has run SLICE_MS.
 */
export async function* cellBatches<R>(columns: ReadonlyArray<Column<R>>, rows: Iterable<R>, size: number): AsyncGenerator<SheetCell[][], void, undefined> {
  let batch: SheetCell[][] = []
  let n = 0
  let sliceStart = performance.now()
  for (const r of rows) {
    const index = n
    batch.push(columns.map((c) => cellValue(c.type, c.value(r, index))))
    n += 1
    if (batch.length >= size) {
      yield batch
      batch = []
      sliceStart = performance.now()
    } else if (n % CLOCK_EVERY === 0 && performance.now() - sliceStart > SLICE_MS) {
      await breathe()
      sliceStart = performance.now()
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * The height a row of wrapped text needs, stored without customHeight (see
 * xlsx-measure.ts): Excel and WPS fit such a row themselves, LibreOffice prints it
 * at this height. Undefined when every cell fits on one line.
 */
export function rowHeight(values: readonly SheetCell[], columns: ReadonlyArray<{ type: ColumnType }>, widths: readonly number[], bold = false): number | undefined {
  const cells: Array<{ text: string; width: number }> = []
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (typeof v === 'string' && columns[i].type !== 'id') cells.push({ text: v, width: widths[i] })
  }
  return wrappedRowHeight(cells, 10, bold)
}

const CUSTOM_HEIGHT = / customHeight="1"/

/**
 * exceljs marks every row it gives a height as customHeight, which tells Excel
 * and WPS the user fixed it and they must not fit it to its text. This takes
 * the mark off each row's opening tag as the sheet is streamed, except for the
 * rows listed (a merged title, which no application fits).
 */
function keepRowHeightsAutomatic(ws: ExcelJS.Worksheet, fixedRows: ReadonlySet<number>): void {
  const stream = (ws as unknown as { stream: { write: (chunk: unknown, ...rest: unknown[]) => boolean } }).stream
  const write = stream.write.bind(stream)
  stream.write = (chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('<row ')) {
      const end = chunk.indexOf('>')
      const open = chunk.slice(0, end)
      const r = Number(/ r="(\d+)"/.exec(open)?.[1])
      if (!fixedRows.has(r)) return write(open.replace(CUSTOM_HEIGHT, '') + chunk.slice(end), ...rest)
    }
    return write(chunk, ...rest)
  }
}

/** Column letters: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = ''
  let x = n
  while (x > 0) {
    const r = (x - 1) % 26
    s = String.fromCharCode(65 + r) + s
    x = Math.floor((x - 1) / 26)
  }
  return s
}

/**
 * Gives the event loop a turn, and if the destination is full (a slow disk or
 * a slow HTTP client) waits until it drains, so memory stays bounded.
 */
export async function breathe(out?: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve))
  if (out && out.writableNeedDrain && !out.destroyed) await once(out, 'drain')
}

/** A streaming workbook writing to `out`; the caller adds sheets and then `finish`es it. */
export async function openWorkbook(out: Writable): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  const ExcelJS = await loadExcel()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Liaison Desk'
  return wb
}

/** Commits the workbook; resolves once every byte has been handed to the output and it has ended. */
export async function finishWorkbook(wb: ExcelJS.stream.xlsx.WorkbookWriter): Promise<void> {
  await wb.commit()
}

export interface TableResult {
  /** data rows written (header, title and totals rows excluded) */
  rows: number
}

/**
 * Writes a sheet from rows of cells that arrive in batches (in the workbook worker, sent by the
 * main thread: sheet-worker.ts). The first WIDTH_SAMPLE rows are read before anything is
 * written: they set the widths, and the widths go out before the first row.
 */
export async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, batches: AsyncIterable<ReadonlyArray<readonly SheetCell[]>>, out?: Writable): Promise<TableResult> {
  const { columns, lang } = spec
  const t = captions(lang)
  const titleRows = spec.title ? 1 : 0
  const headerRow = titleRows + 1
  const lastCol = columnLetter(columns.length)

  // The streaming writer puts views and print settings at the top of the sheet's XML when it is created.
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: printSetup(headerRow),
    headerFooter: headerFooter(spec.pageHeader ?? '', t.pageFooter),
    properties: { defaultRowHeight: 15 },
  })
  keepRowHeightsAutomatic(ws, new Set(spec.title ? [1] : []))
  const source = batches[Symbol.asyncIterator]()
  const head: Array<readonly SheetCell[]> = []
  let ended = false
  while (head.length < WIDTH_SAMPLE) {
    const next = await source.next()
    if (next.done) {
      ended = true
      break
    }
    for (const values of next.value) head.push(values)
  }
  // What a totals row may show: its label, and "not recorded" under a sum.
  const totalsTexts = spec.totalsLabel === undefined ? [] : columns.map((c, i) => (i === 0 ? spec.totalsLabel ?? '' : c.total === 'sum' ? t.unrecorded : ''))
  const widths = await columnWidths(columns, head, totalsTexts)
  // Columns must be set before the first row is committed: the writer emits <cols> then.
  // One style object per column, given to every cell: exceljs remembers a style object's id, so a
  // shared object costs one lookup per sheet where a fresh one per cell costs a full serialisation.
  const styles = columns.map((c) => bodyStyle(lang, c.type))
  const quoted = styles.map((st) => ({ ...st, numFmt: TEXT_FORMAT }))
  const autoDate = { ...bodyStyle(lang, 'auto'), numFmt: DATE_FORMAT }
  const autoNumber = { ...bodyStyle(lang, 'auto'), numFmt: INTEGER_FORMAT }
  ws.columns = columns.map((c, i) => ({
    header: undefined,
    width: widths[i],
    hidden: c.type === 'id',
    style: styles[i],
  }))

  if (spec.title) {
    const row = ws.addRow([textCell(spec.title)])
    // No application fits a merged cell to its text: the 14 pt title gets the lines it needs across the
    // visible width, a fixed height, and some air below.
    const width = widths.reduce((sum, w, i) => sum + (columns[i].type === 'id' ? 0 : w), 0)
    const title = wrappedLines(spec.title, width, 14, true)
    row.height = Math.min(MAX_ROW_HEIGHT, linesHeight(title.lines, 14, true) + 8)
    // Styled before merging: the merged-over cells take the first cell's style, and a column's border there
    // would draw a stray line at the end of the title.
    row.getCell(1).style = titleStyle(lang)
    ws.mergeCells(1, 1, 1, columns.length)
    row.commit()
  }

  const headerValues = columns.map((c) => textCell(c.header))
  const header = ws.addRow(headerValues)
  header.height = Math.max(18, rowHeight(headerValues, columns, widths, true) ?? 0)
  header.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = headerStyle(lang)
  })
  header.commit()

  const sums = columns.map(() => 0)
  const numbers = columns.map(() => 0)
  const counts = columns.map(() => 0)
  const matches = columns.map(() => 0)
  const autoCols = columns.flatMap((c, i) => (c.type === 'auto' ? [i] : []))
  let n = 0
  let sliceStart = performance.now()
  for (let batch: ReadonlyArray<readonly SheetCell[]> | null = head; batch !== null; ) {
    for (const values of batch) {
      for (let i = 0; i < columns.length; i++) {
        const v = values[i] ?? null
        const c = columns[i]
        if (v === null) continue
        counts[i] += 1
        if (typeof v === 'number') {
          sums[i] += v
          numbers[i] += 1
        }
        if (typeof c.total === 'object' && v === c.total.countIf) matches[i] += 1
      }
      const row = ws.addRow(values)
      const height = rowHeight(values, columns, widths)
      if (height !== undefined) row.height = height
      // Every cell, empty ones too, so the grid of borders is whole.
      for (let i = 0; i < columns.length; i++) {
        const v = values[i]
        row.getCell(i + 1).style = typeof v === 'string' && FORMULA_LIKE.test(v) ? quoted[i] : styles[i]
      }
      // A date or number in a mixed column needs its own number format; the column's style is text.
      for (const i of autoCols) {
        const v = values[i]
        if (v instanceof Date) row.getCell(i + 1).style = autoDate
        else if (typeof v === 'number' || (v !== null && typeof v === 'object' && 'formula' in v)) row.getCell(i + 1).style = autoNumber
      }
      row.commit()
      n += 1
      if (n % YIELD_EVERY === 0 || (n % CLOCK_EVERY === 0 && performance.now() - sliceStart > SLICE_MS)) {
        await breathe(out)
        sliceStart = performance.now()
      }
    }
    if (ended) break
    const next = await source.next()
    batch = next.done ? null : next.value
  }

  const firstData = headerRow + 1
  const lastData = headerRow + n
  if (spec.totalsLabel !== undefined) {
    const values: SheetCell[] = columns.map((c, i) => {
      if (i === 0) return textCell(spec.totalsLabel)
      if (!c.total) return null
      const letter = columnLetter(i + 1)
      // No data rows: a range would be empty or point at the totals row itself, so write the figure alone.
      if (n === 0) return 0
      const range = `${letter}${firstData}:${letter}${lastData}`
      // Unknown is not zero: a sum over rows none of which holds a number says so, not 0.
      if (c.total === 'sum' && numbers[i] === 0) return textCell(t.unrecorded)
      // SUBTOTAL 109/103 count only the rows the autofilter shows, so the totals follow a filter.
      if (c.total === 'sum') return { formula: `SUBTOTAL(109,${range})`, result: sums[i] }
      if (c.total === 'count') return { formula: `SUBTOTAL(103,${range})`, result: counts[i] }
      // A visible-rows COUNTIF: SUBTOTAL(103) of each cell on its own, times the match.
      // The caption is ours (yes / 是), never user text; quotes are doubled as Excel requires anyway.
      const first = `${letter}${firstData}`
      return {
        formula: `SUMPRODUCT(SUBTOTAL(103,OFFSET(${first},ROW(${range})-ROW(${first}),0))*(${range}="${c.total.countIf.replace(/"/g, '""')}"))`,
        result: matches[i],
      }
    })
    const row = ws.addRow(values)
    const height = rowHeight(values, columns, widths, true)
    if (height !== undefined) row.height = height
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const c = columns[col - 1]
      // A sum with rows not recorded is a lower bound, and reads as one ("at least 12").
      const partial = c?.total === 'sum' && numbers[col - 1] > 0 && numbers[col - 1] < n
      cell.style = { ...totalsStyle(lang), ...(c?.total ? { numFmt: partial ? t.atLeastFormat : INTEGER_FORMAT } : {}) }
    })
    row.commit()
  }

  // The filter covers the header and the data, not the totals row, which must stay last when sorted.
  ws.autoFilter = `A${headerRow}:${lastCol}${Math.max(lastData, headerRow)}`
  ws.commit()
  return { rows: n }
}
