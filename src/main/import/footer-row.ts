import type { Cell } from './normalize'
import { normText } from './normalize'

/**
 * What a table's closing lines begin with: totals ("合计：56人"), the signatures an office sheet carries
 * ("制表人：", "审核：", "填表日期："), and the notes under a form ("注：", "说明："). After NFKC the colon is ":".
 */
const FOOTER = /^(?:共\s*\d+\s*(?:人|名|家|条|个单位)$|合计|总计|小计|共计|累计|总人数|制表|填表|填报|审核|审批|复核|负责人|经办人|统计人|签字|签名|盖章|(?:填表|填报|统计)?日期:|注\s*[:\d]|说明:|填表说明|备注:|total\b|subtotal\b|prepared by|checked by|approved by|note:)/i

/**
 * A line under the table, not a record: its first filled cell opens like a footer, and the row's name (as
 * read from the name column) is empty or the footer itself ("合计" typed under the names). A row with a
 * name is always data. Returns the line's first cell, to show the user what was skipped (it may be in a
 * column the import ignores), or null.
 */
export function footerText(cells: readonly Cell[], name: string): string | null {
  // A name cell that is a count ("共10人", a formula under the names) is the footer too.
  if (name !== '' && !FOOTER.test(name)) return null
  for (const c of cells) {
    const text = normText(c)
    if (text !== '') return FOOTER.test(text) ? text : null
  }
  return null
}

/**
 * The header again inside the table, as a list printed with its header on every page has it: at least
 * two cells, and most of the row's filled cells, say their own column's header.
 */
export function repeatsHeader(cells: readonly Cell[], columns: ReadonlyArray<{ label: string }>): boolean {
  let filled = 0
  let same = 0
  // Per row of a 100,000-row import: only a cell about as long as its header is normalised.
  cells.forEach((c, i) => {
    if (c === null || c === '') return
    filled += 1
    const label = columns[i]?.label ?? ''
    if (typeof c !== 'string' || c.length > label.length + 4) return
    const text = c === label ? c : normText(c)
    if (text !== '' && (text === label || label.endsWith(` / ${text}`))) same += 1
  })
  return same >= 2 && same * 2 > filled
}

/** A template's example row ("示例 | 张三 | …", "（此行为示例，请勿删除）"): its first cell says so, or a cell says it is one. */
const EXAMPLE_FIRST = /^(?:示例|样例|范例|例|填写示例|e\.?g\.?|example)[:.]?$/i
const EXAMPLE_SAID = /此行为(?:示例|样例|范例)|示例行|(?:示例|样例)(?:数据)?[,，]?请(?:勿|删除|删去)|填写示例/
// Only a cell with one of these words is normalised and read (e-mails say "example" all day long).
const EXAMPLE_WORD = /[示样范]例/
export function exampleRow(cells: readonly Cell[]): boolean {
  const first = cells.find((c) => c !== null && c !== '')
  if (typeof first === 'string' && first.length <= 12 && EXAMPLE_FIRST.test(normText(first))) return true
  return cells.some((c) => typeof c === 'string' && EXAMPLE_WORD.test(c) && EXAMPLE_SAID.test(normText(c)))
}
