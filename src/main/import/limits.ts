/** What one import reads at most; each limit has its own message so the user knows which one a file hit. */
export const LIMITS = {
  fileBytes: 30 * 1024 * 1024,
  rows: 200_000,
  columns: 200,
  cellChars: 20_000,
  sheets: 100,
  zipEntries: 2_000,
  zipTotalBytes: 400 * 1024 * 1024,
  /** inflated / compressed, for entries big enough that the ratio means something */
  zipRatio: 200,
  zipRatioMinBytes: 1024 * 1024,
  /** xl/workbook.xml holds sheet names and defined names: a few KB in a real file */
  workbookPartBytes: 2 * 1024 * 1024,
  /** the parsing process: heap cap and wall clock */
  childHeapMb: 512,
  childTimeoutMs: 30_000,
} as const

export type ImportErrorCode =
  | 'tooLarge' | 'empty' | 'passwordProtected' | 'notSpreadsheet' | 'textAsWorkbook' | 'damaged' | 'zipBomb'
  | 'tooManyRows' | 'tooManyColumns' | 'cellTooLong' | 'tooManySheets' | 'unreadable' | 'timeout'

/** A file the import refuses; the message says why in plain words, the code lets the UI translate it. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ImportFileError'
  }
}

/** A1-style column letters for messages: 0 -> A, 16383 -> XFD. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** A value beyond the columns an import reads: named by its cell, so the user can find and delete it. */
export function checkColumn(sheet: string, col: number, row: number): void {
  if (col < LIMITS.columns) return
  throw new ImportFileError('tooManyColumns', `Sheet "${sheet}" has data in column ${columnLetter(col)} (cell ${columnLetter(col)}${row + 1}); an import reads the first ${LIMITS.columns} columns. Delete what is beyond them and import again.`)
}

export function tooManyRows(sheet: string): ImportFileError {
  return new ImportFileError('tooManyRows', `Sheet "${sheet}" has more than ${LIMITS.rows.toLocaleString('en')} rows, more than one import reads. Split it into smaller files.`)
}
