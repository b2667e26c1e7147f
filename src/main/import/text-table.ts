import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { ImportFileError, LIMITS } from './limits'
import type { Cell } from './normalize'

import { IMPORT_ENCODINGS } from '../../shared/import'

export type TextEncoding = (typeof IMPORT_ENCODINGS)[number]

/**
 * A BOM decides; else strict UTF-8 (a GBK file almost never decodes as valid
 * UTF-8); else GB18030, a superset of GBK, unless the bytes are plainly
 * Windows-1252 (see latinNotChinese). Detectors misread short Chinese text, so
 * none is used; the user can override from the preview.
 */
export function decodeText(bytes: Buffer, override?: TextEncoding): { text: string; encoding: TextEncoding } {
  if (override) return { text: iconv.decode(bytes, override, { stripBOM: true }), encoding: override }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  const head = bytes.subarray(0, 4096)
  let evenNul = 0
  let oddNul = 0
  head.forEach((b, i) => {
    if (b === 0) {
      if (i % 2 === 0) evenNul++
      else oddNul++
    }
  })
  if (oddNul > head.length / 4) return { text: iconv.decode(bytes, 'utf-16le'), encoding: 'utf-16le' }
  if (evenNul > head.length / 4) return { text: iconv.decode(bytes, 'utf-16be'), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    const text = iconv.decode(bytes, 'gb18030')
    if (latinNotChinese(text)) return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' }
    const big5 = big5NotGbk(bytes, text)
    return big5 === null ? { text, encoding: 'gb18030' } : { text: big5, encoding: 'big5' }
  }
}

/**
 * A file saved by an English Excel ("CSV" on Windows writes Windows-1252: José, Müller) read as
 * GB18030: each accented letter takes the next byte with it, giving a lone ideograph inside or after a Latin
 * word (M黮ler, Ren閑) or, before a comma or a space, no character at all (Jos\ufffd). Chinese text gives
 * runs of ideographs between delimiters. So: Windows-1252 when most of what GB18030 made of the
 * high bytes is undecodable or a lone ideograph touching a Latin letter. One damaged byte in a Chinese
 * file stays GB18030.
 */
function latinNotChinese(gbText: string): boolean {
  const han = gbText.match(/[\p{Script=Han}\ufffd]/gu)?.length ?? 0
  const latinLike = gbText.match(/\ufffd|(?<=[A-Za-z])\p{Script=Han}(?!\p{Script=Han})|(?<!\p{Script=Han})\p{Script=Han}(?=[A-Za-z])/gu)?.length ?? 0
  return han > 0 && latinLike * 2 > han
}

/** What GB18030 makes of Big5 bytes besides ideographs: kana, box drawing, Greek, Cyrillic, half-width katakana. */
const NOT_IN_CHINESE_LISTS = /[\u3040-\u30ff\u2500-\u257f\u0370-\u03ff\u0400-\u04ff\uff61-\uff9f\ufffd]/g

/**
 * A Hong Kong or Taiwan chapter's list (Big5) read as GB18030 is ideographs mixed with kana and box
 * drawing (陳大文 → 朝ゅ…), which no Chinese list holds; read as Big5 it has none. Big5 only then: a
 * GBK file read as Big5 is rarely that clean, and one stray symbol in a GBK file decides nothing.
 */
function big5NotGbk(bytes: Buffer, gbText: string): string | null {
  const odd = gbText.match(NOT_IN_CHINESE_LISTS)?.length ?? 0
  if (odd < 3) return null
  const big5 = iconv.decode(bytes, 'big5')
  return big5.search(NOT_IN_CHINESE_LISTS) >= 0 ? null : big5
}

const DELIMITERS = ['\t', ',', ';', '，'] as const

/** Counts a delimiter outside double quotes on one line. */
function countOutsideQuotes(line: string, d: string): number {
  let n = 0
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === d) n++
  }
  return n
}

/**
 * The delimiter whose count is the same on most of the first lines (a table has
 * the same number of columns on every row); ties go to the earlier of tab,
 * comma, semicolon, full-width comma. Chinese prose holds full-width commas, so
 * that one wins only when it is the only consistent choice.
 */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 30).filter((l) => l.trim() !== '')
  let best: { d: string; score: number } = { d: ',', score: 0 }
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d))
    const freq = new Map<number, number>()
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1)
    const top = Math.max(0, ...freq.values())
    if (top > best.score) best = { d, score: top }
  }
  return best.d
}

export interface TextTable {
  encoding: TextEncoding
  delimiter: string
  rows: Cell[][]
}

export function readTextTable(bytes: Buffer, override?: TextEncoding): TextTable {
  const { text, encoding } = decodeText(bytes, override)
  const delimiter = sniffDelimiter(text)
  let records: string[][]
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: LIMITS.cellChars * 4,
      to_line: LIMITS.rows + 2,
    }) as string[][]
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    if (/max_record_size/i.test(why)) throw new ImportFileError('cellTooLong', `A row of the file is longer than ${LIMITS.cellChars * 4} characters; it is probably not a table (or a quote is not closed).`)
    throw new ImportFileError('damaged', `The text could not be read as a table: ${why}`)
  }
  if (records.length > LIMITS.rows + 1) {
    throw new ImportFileError('tooManyRows', `The file has more than ${LIMITS.rows.toLocaleString('en')} rows, more than one import reads. Split it into smaller files.`)
  }
  const rows: Cell[][] = records.map((r) => r.map((v) => (v === '' ? null : v)))
  return { encoding, delimiter, rows }
}
