import type { ColumnUse, ImportTarget } from './fields'
import { TARGET_FIELDS } from './fields'
import type { Cell } from './normalize'
import { excelText, normEmail, normPhone, normText } from './normalize'

/** Values looked at per column: enough to tell, few enough to cost nothing at 100,000 rows. */
const SAMPLE = 100
/** The share of a column's values that must read as the field. */
const SHARE = 0.8

/** A mobile, a landline with its area code, or a number with a country code: not a serial number or a year. */
const looksLikePhone = (c: Cell): boolean => {
  const r = normPhone(c)
  return r.ok && /^(?:1[3-9]\d{9}|0\d{9,11}|\+\d{7,15})$/.test(r.value)
}
const looksLikeEmail = (c: Cell): boolean => {
  const r = normEmail(c)
  return r.ok && r.value !== ''
}

/**
 * Columns the dictionary left to the notes, recognised by what they hold: "联系方式" or "Tel./WeChat"
 * full of mobile numbers is the phone, a column of addresses the e-mail, when the register has that
 * field and no other column claims it. Returns the columns so recognised (index -> field).
 */
export function fieldsByContent(
  target: ImportTarget,
  uses: readonly ColumnUse[],
  /** false for a column whose use the user chose (or an earlier import remembers) */
  open: (col: number) => boolean,
  rows: readonly Cell[][],
  dataStart: number,
): Map<number, ColumnUse> {
  const out = new Map<number, ColumnUse>()
  const has = new Set<string>(TARGET_FIELDS[target])
  const tests: Array<[ColumnUse, (c: Cell) => boolean]> = [['phone', looksLikePhone], ['email', looksLikeEmail]]
  for (const [field, test] of tests) {
    if (!has.has(field) || uses.includes(field)) continue
    for (let col = 0; col < uses.length; col++) {
      if (uses[col] !== 'keepInNotes' || !open(col) || out.has(col)) continue
      let seen = 0
      let hits = 0
      for (let r = dataStart; r < rows.length && seen < SAMPLE; r++) {
        const c = rows[r][col] ?? null
        if (normText(c) === '') continue
        seen += 1
        if (test(excelText(c))) hits += 1
      }
      if (seen > 0 && hits / seen >= SHARE) {
        out.set(col, field)
        break
      }
    }
  }
  return out
}
