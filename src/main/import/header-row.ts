import type { Cell } from './normalize'
import { normText } from './normalize'
import { fieldForHeader } from './fields'
import type { ImportTarget } from './fields'
import type { Merge } from './workbook-table'

export interface HeaderLayout {
  /** 0-based row of the (first) header row */
  headerRow: number
  /** 1 or 2 header rows */
  depth: 1 | 2
  /** one label per column: "联系方式 / 手机" for a two-row header */
  labels: string[]
  /** 0-based first data row */
  dataStart: number
}

const SCAN_ROWS = 20

/**
 * The header row: among the first rows, the one whose cells the dictionary
 * knows best (ties: the most text cells). A title row (one merged cell across
 * the table, "某某学院校友名录") holds one cell and loses. When that row is the
 * lower half of a two-row header (the row above groups it with merges across,
 * "联系方式" over 手机 and 邮箱, and names the columns merged down both rows,
 * "序号", "姓名"), the header starts on the row above, or those columns would
 * have no label.
 */
export function detectHeaderRow(target: ImportTarget, rows: readonly Cell[][], merges: readonly Merge[] = []): number {
  let best = { row: 0, known: -1, text: -1 }
  for (let r = 0; r < Math.min(rows.length, SCAN_ROWS); r++) {
    const cells = rows[r].filter((c) => typeof c === 'string' && normText(c) !== '') as string[]
    const known = cells.filter((c) => fieldForHeader(target, c) !== null).length
    if (known > best.known || (known === best.known && cells.length > best.text)) best = { row: r, known, text: cells.length }
  }
  const above = best.row - 1
  if (above < 0) return best.row
  const filled = (rows[above] ?? []).filter((c) => normText(c) !== '').length
  const groups = merges.some((m) => m.r0 === above && (m.c1 > m.c0 || m.r1 >= best.row))
  return filled >= 2 && groups && headerLayout(rows, merges, above).depth === 2 ? above : best.row
}

/** A value, not a label: a number, or a run of digits (a phone, a year). */
const DATA_LIKE = /^\d+$|\d{4}/

/**
 * Labels for the columns below `headerRow`. When a header cell is merged across
 * several columns ("联系方式" over F:G) and the row under it names those columns
 * ("手机", "邮箱"), the header has two rows and each column is labelled
 * "联系方式 / 手机"; columns merged down both rows keep their one label.
 */
export function headerLayout(rows: readonly Cell[][], merges: readonly Merge[], headerRow: number): HeaderLayout {
  const width = Math.max(0, ...rows.map((r) => r.length))
  const label = (r: number, c: number) => normText(rows[r]?.[c] ?? null)
  const top: string[] = []
  for (let c = 0; c < width; c++) top.push(label(headerRow, c))
  const wide = merges.filter((m) => m.r0 === headerRow && m.r1 === headerRow && m.c1 > m.c0)
  for (const m of wide) for (let c = m.c0 + 1; c <= m.c1; c++) top[c] = top[m.c0]
  const below = headerRow + 1
  // A second header row holds labels: a row with a number anywhere under the header (1 under 序号, a
  // phone under a 手机 merged over two columns) is the first person, not labels.
  const twoRows = wide.length > 0 && wide.every((m) => {
    for (let c = m.c0; c <= m.c1; c++) if (label(below, c) === '') return false
    return true
  }) && top.every((t, c) => t === '' || !DATA_LIKE.test(label(below, c)))
  if (!twoRows) return { headerRow, depth: 1, labels: top, dataStart: headerRow + 1 }
  const labels = top.map((t, c) => {
    const inWide = wide.some((m) => c >= m.c0 && c <= m.c1)
    const sub = label(below, c)
    return inWide ? `${t} / ${sub}` : t || sub
  })
  return { headerRow, depth: 2, labels, dataStart: headerRow + 2 }
}

/**
 * The values a merged cell below the header shows on each of its rows: offices merge an organisation,
 * a class year or a major down over the people it applies to, and the file holds the value only in
 * the merge's first row. Row -> column -> value. Only a merge down one column: a block across columns
 * too is a heading over several rows, or one value over several fields, not a value for each row.
 */
export function mergedDown(rows: readonly Cell[][], merges: readonly Merge[], dataStart: number): Map<number, Map<number, Cell>> {
  const out = new Map<number, Map<number, Cell>>()
  for (const m of merges) {
    if (m.r0 < dataStart || m.r1 === m.r0 || m.c1 !== m.c0) continue
    const value = rows[m.r0]?.[m.c0] ?? null
    if (value === null) continue
    for (let r = m.r0 + 1; r <= m.r1 && r < rows.length; r++) {
      const line = out.get(r) ?? new Map<number, Cell>()
      line.set(m.c0, value)
      out.set(r, line)
    }
  }
  return out
}

/**
 * Headings inside the table: a row below the header whose one filled cell is the start of a merge across
 * columns ("2015届", "一、企业校友", "环境工程专业"), as offices group a list. Row -> its text. A single
 * filled cell that is not merged across is data (a person with only a name).
 */
export function headingRows(rows: readonly Cell[][], merges: readonly Merge[], dataStart: number): Map<number, string> {
  const out = new Map<number, string>()
  for (const m of merges) {
    if (m.r0 < dataStart || m.c1 === m.c0) continue
    const line = rows[m.r0] ?? []
    const text = normText(line[m.c0] ?? null)
    if (text !== '' && line.every((c, i) => i === m.c0 || normText(c) === '')) out.set(m.r0, text)
  }
  return out
}
