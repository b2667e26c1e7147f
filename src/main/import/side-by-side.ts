import { fieldForHeader, normHeader } from './fields'
import type { ImportTarget } from './fields'
import { detectHeaderRow } from './header-row'
import { columnLetter } from './limits'
import type { SheetTable } from './workbook-table'

/**
 * A list printed to fit a page twice across: the same header repeated to the right, often after an
 * empty column ("序号 姓名 单位 电话 | 序号 姓名 单位 电话"). Read as one table, the right half's
 * people went to the left half's notes. Each half becomes a table of its own, named by its columns
 * ("花名册 (A–D)", "花名册 (F–I)"): the other half's cells are left out, so column letters and row
 * numbers still point at the file's cells. The rows above the header (a title) stay in both.
 */
export function sideBySide(target: ImportTarget, sheet: SheetTable): SheetTable[] {
  const headerRow = detectHeaderRow(target, sheet.rows, sheet.merges)
  const blocks = repeatedBlocks(target, sheet.rows[headerRow] ?? [])
  if (blocks === null) return [sheet]
  return blocks.map(({ from, to }) => ({
    name: `${sheet.name} (${columnLetter(from)}–${columnLetter(to - 1)})`,
    rows: sheet.rows.map((row, r) => (r < headerRow ? row : row.map((cell, c) => (c >= from && c < to ? cell : null)))),
    merges: sheet.merges.filter((m) => m.r1 < headerRow || (m.c0 >= from && m.c1 < to)),
    hiddenColumns: sheet.hiddenColumns,
    partOf: sheet.name,
  }))
}

/**
 * Where the header's labels repeat: the first block (its labels up to the first repeat of its first
 * label, without the empty columns at its end) found again, label for label, once or more to its
 * right. Only a block with a name column counts: "1月 … 12月 1月" is not two tables.
 */
function repeatedBlocks(target: ImportTarget, header: readonly unknown[]): Array<{ from: number; to: number }> | null {
  const keys = header.map((c) => (typeof c === 'string' ? normHeader(c) : ''))
  const first = keys.findIndex((k) => k !== '')
  if (first < 0) return null
  for (let next = first + 2; next < keys.length; next++) {
    if (keys[next] !== keys[first]) continue
    let width = next - first
    while (width > 0 && keys[first + width - 1] === '') width--
    const block = keys.slice(first, first + width)
    if (width < 2 || !block.some((_, i) => fieldForHeader(target, String(header[first + i])) === 'name')) return null
    const blocks = [{ from: first, to: first + width }]
    for (let at = next; at < keys.length && block.every((k, i) => keys[at + i] === k); ) {
      blocks.push({ from: at, to: at + width })
      at += width
      while (at < keys.length && keys[at] === '') at++
    }
    return blocks.length > 1 ? blocks : null
  }
  return null
}
