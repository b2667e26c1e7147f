import { ImportFileError } from './limits'

export type FileKind = 'zip' | 'ole' | 'text'

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v)

/** The directory name of an encrypted OOXML package inside its OLE wrapper, as UTF-16LE. */
const ENCRYPTED_MARK = Buffer.from('EncryptedPackage', 'utf16le')

/**
 * The format from the first bytes, not from the name: an encrypted .xlsx is an
 * OLE file, a "workbook" may be a renamed CSV, a renamed picture is neither.
 */
export function sniff(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length === 0) throw new ImportFileError('empty', 'The file is empty.')
  if (startsWith(bytes, ZIP)) return 'zip'
  if (startsWith(bytes, ZIP_EMPTY)) throw new ImportFileError('damaged', 'The file is an empty zip archive, not a workbook.')
  if (startsWith(bytes, OLE)) {
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_MARK)) {
      throw new ImportFileError('passwordProtected', 'The workbook is password-protected. Open it in Excel or WPS, remove the password (File › Info › Protect Workbook), save and import again.')
    }
    return 'ole'
  }
  if (looksLikeText(bytes)) {
    if (/\.(xlsx|xlsm|xls|et)$/i.test(fileName)) {
      throw new ImportFileError('textAsWorkbook', `"${fileName}" is named like a workbook but holds plain text. If it is a table saved as text, rename it to .csv or .txt and import again.`)
    }
    return 'text'
  }
  throw new ImportFileError('notSpreadsheet', `"${fileName}" is not a spreadsheet: the import reads .xlsx, .xls, .csv and .txt files.`)
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192)
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true
  let nul = 0
  let control = 0
  for (const b of head) {
    if (b === 0) nul++
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++
  }
  // UTF-16 without a BOM: every other byte NUL for Latin text.
  if (nul > 0) return nul >= head.length / 4 && control === 0
  return control <= head.length / 100
}
