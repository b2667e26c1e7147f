import { ImportFileError, LIMITS } from './limits'
import { sniff } from './sniff'
import { readTextTable } from './text-table'
import type { TextEncoding } from './text-table'
import { readWorkbookTables } from './workbook-table'
import type { SheetTable } from './workbook-table'
import { checkZip } from './zip-check'
import { readXlsxFast } from './xlsx-stream'
import type { ImportErrorCode } from './limits'

const LIMIT_CODES = new Set<ImportErrorCode>(['tooManyRows', 'tooManyColumns', 'cellTooLong', 'tooManySheets'])

export interface ParsedFile {
  format: 'xlsx' | 'xls' | 'text'
  /** text files: how the bytes were decoded and split */
  encoding: TextEncoding | null
  delimiter: string | null
  date1904: boolean
  /** when the workbook says it was created (an export from this app: when it was exported) */
  created: string | null
  sheets: SheetTable[]
}

export interface ParseRequest {
  bytes: Uint8Array
  fileName: string
  encoding?: TextEncoding
}

/** Everything that touches the untrusted bytes; runs inside the parsing process. */
export async function parseFile(req: ParseRequest): Promise<ParsedFile> {
  const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength)
  if (bytes.length > LIMITS.fileBytes) {
    throw new ImportFileError('tooLarge', `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; an import reads files up to ${LIMITS.fileBytes / 1024 / 1024} MB. Split it into smaller files.`)
  }
  const kind = sniff(bytes, req.fileName)
  if (kind === 'text') {
    const t = readTextTable(bytes, req.encoding)
    const name = req.fileName.replace(/\.[^.]*$/, '') || 'Sheet1'
    return { format: 'text', encoding: t.encoding, delimiter: t.delimiter, date1904: false, created: null, sheets: [{ name, rows: t.rows, merges: [], hiddenColumns: [] }] }
  }
  if (kind === 'zip') {
    await checkZip(bytes)
    const fast = await readXlsxFast(bytes).catch((err: unknown) => {
      // A limit the file breaks is the answer; anything else the fast reader trips on, SheetJS gets to try.
      if (err instanceof ImportFileError && LIMIT_CODES.has(err.code)) throw err
      return null
    })
    if (fast) return { format: 'xlsx', encoding: null, delimiter: null, date1904: fast.date1904, created: fast.created, sheets: fast.sheets }
  }
  const wb = readWorkbookTables(bytes)
  return { format: kind === 'zip' ? 'xlsx' : 'xls', encoding: null, delimiter: null, date1904: wb.date1904, created: wb.created, sheets: wb.sheets }
}
