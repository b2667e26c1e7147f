import * as XLSX from '@e965/xlsx'
import { fromSerial } from './normalize'
import type { Cell } from './normalize'
import { checkColumn, ImportFileError, LIMITS, tooManyRows } from './limits'

export interface Merge {
  r0: number
  c0: number
  r1: number
  c1: number
}
export interface SheetTable {
  name: string
  rows: Cell[][]
  merges: Merge[]
  /** columns the file hides (an ID number, a helper column): their values are not offered by default */
  hiddenColumns: number[]
  /** set by sideBySide: the sheet this is one of the tables of */
  partOf?: string
}

/**
 * SheetJS CE in dense mode, formulas never evaluated (the cached value is read,
 * never the formula), the used range recomputed from the cells that hold
 * something: a declared dimension of A1:XFD1048576 costs nothing.
 * Date-formatted numbers become yyyy-MM-dd here, where the format is known.
 */
export function readWorkbookTables(bytes: Buffer): { sheets: SheetTable[]; date1904: boolean; created: string | null } {
  let wb: XLSX.WorkBook
  try {
    wb = XLSX.read(bytes, {
      type: 'buffer', dense: true, cellFormula: false, cellHTML: false, cellText: false, cellNF: true, cellStyles: true,
      cellDates: false, bookVBA: false, bookDeps: false, bookFiles: false, WTF: false,
    })
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    if (/password|encrypt/i.test(why)) throw new ImportFileError('passwordProtected', 'The workbook is password-protected. Remove the password in Excel or WPS, save and import again.')
    throw new ImportFileError('damaged', `The workbook could not be read: ${why}`)
  }
  if (wb.SheetNames.length > LIMITS.sheets) throw new ImportFileError('tooManySheets', `The workbook has ${wb.SheetNames.length} sheets; an import reads at most ${LIMITS.sheets}.`)
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904)
  const sheets = wb.SheetNames.map((name) => sheetTable(name, wb.Sheets[name], date1904))
  const when = wb.Props?.CreatedDate
  const created = when instanceof Date && !Number.isNaN(when.getTime()) ? when.toISOString() : null
  return { sheets, date1904, created }
}

function cellValue(cell: XLSX.CellObject, date1904: boolean): Cell {
  switch (cell.t) {
    case 's': {
      const s = String(cell.v ?? '')
      if (s.length > LIMITS.cellChars) throw new ImportFileError('cellTooLong', `A cell holds ${s.length} characters; an import reads at most ${LIMITS.cellChars} per cell.`)
      return s === '' ? null : s
    }
    case 'n': {
      const v = cell.v as number
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        const d = fromSerial(v, date1904)
        if (d.ok) return d.value.iso
      }
      return v
    }
    case 'b':
      return Boolean(cell.v)
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : null
    case 'e':
      // "#N/A", "#REF!": kept as the text Excel shows, so the import can say the cell held an error.
      return typeof cell.w === 'string' ? cell.w : typeof cell.v === 'number' ? (EXCEL_ERRORS[cell.v] ?? null) : null
    default:
      // 'z' (a stub) holds nothing to import
      return null
  }
}

/** Excel's error codes as SheetJS gives them (cell.v of a type 'e' cell read without its text). */
const EXCEL_ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' }

function sheetTable(name: string, ws: XLSX.WorkSheet | undefined, date1904: boolean): SheetTable {
  const data = (ws?.['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>
  const rows: Cell[][] = []
  let lastRow = -1
  let lastCol = -1
  // forEach skips the holes of a sparse array: a lone cell at XFD1048576 is one step, not a million.
  data.forEach((row, r) => {
    if (!row) return
    const out: Cell[] = []
    row.forEach((cell, c) => {
      if (!cell) return
      const v = cellValue(cell, date1904)
      if (v === null) return
      checkColumn(name, c, r)
      out[c] = v
      if (c > lastCol) lastCol = c
    })
    if (out.length > 0) {
      rows[r] = out
      lastRow = r
    }
  })
  // No sheetRows cap: it would drop far rows silently. A sheet too long to hold runs the child out of heap instead.
  if (lastRow > LIMITS.rows) {
    throw tooManyRows(name)
  }
  const merges = ((ws?.['!merges'] ?? []) as XLSX.Range[]).map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c }))
  // cellStyles is what makes SheetJS read the columns' properties, "hidden" among them.
  const hidden: number[] = []
  ;((ws?.['!cols'] ?? []) as Array<XLSX.ColInfo | undefined>).forEach((c, i) => {
    if (c?.hidden === true) hidden.push(i)
  })
  return denseTable(name, rows, lastRow, lastCol, merges, hidden)
}

/** Sparse rows (holes where a row or cell held nothing) to the rectangle of used cells, merges clipped to it. */
export function denseTable(name: string, rows: Cell[][], lastRow: number, lastCol: number, merges: Merge[], hidden: readonly number[] = []): SheetTable {
  const dense: Cell[][] = []
  for (let r = 0; r <= lastRow; r++) {
    const src = rows[r]
    const line: Cell[] = new Array<Cell>(lastCol + 1).fill(null)
    if (src) src.forEach((v, c) => (line[c] = v))
    dense.push(line)
  }
  const clipped = merges
    .filter((m) => m.r0 <= lastRow && m.c0 <= lastCol)
    .slice(0, 10_000)
    .map((m) => ({ r0: m.r0, c0: m.c0, r1: Math.min(m.r1, lastRow), c1: Math.min(m.c1, lastCol) }))
  return { name, rows: dense, merges: clipped, hiddenColumns: hidden.filter((c) => c <= lastCol) }
}
