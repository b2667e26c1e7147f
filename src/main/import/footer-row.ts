import type { Cell } from './normalize'
import { normText } from './normalize'

/**
 * What a table's closing lines begin with: totals ("合计：56人"), the signatures an office sheet carries
 * ("制表人：", "审核：", "填表日期："), and the notes under a form ("注：", "说明："). After NFKC the colon is ":".
 */
const FOOTER = /^(?:合计|总计|小计|共计|累计|总人数|制表|填表|填报|审核|审批|复核|负责人|经办人|统计人|签字|签名|盖章|(?:填表|填报|统计)?日期:|注\s*[:\d]|说明:|填表说明|备注:|total\b|subtotal\b|prepared by|checked by|approved by|note:)/i

/**
 * A line under the table, not a record: its first filled cell opens like a footer, and the row's name (as
 * read from the name column) is empty or the footer itself ("合计" typed under the names). A row with a
 * name is always data. Returns the line's first cell, to show the user what was skipped (it may be in a
 * column the import ignores), or null.
 */
export function footerText(cells: readonly Cell[], name: string): string | null {
  if (name !== '' && !FOOTER.test(name)) return null
  for (const c of cells) {
    const text = normText(c)
    if (text !== '') return FOOTER.test(text) ? text : null
  }
  return null
}
