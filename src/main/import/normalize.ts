/**
 * Cell value normalisers. Each takes what the parser read from a cell (text,
 * number, boolean or nothing) and returns the value the record stores, or a
 * problem that says what is wrong in words an office worker can act on.
 */
import { importProblemText } from '../../shared/import-problems'
import type { ImportProblemCode, ImportProblemParams } from '../../shared/import-problems'

export type Cell = string | number | boolean | null

/** A problem as a code and its values (shown in the interface language) and as English text. */
export interface Found {
  code: ImportProblemCode
  params: ImportProblemParams
}
export type Norm<T> = { ok: true; value: T; warning?: string; warningFound?: Found } | { ok: false; error: string; found: Found }

const found = (code: ImportProblemCode, params: ImportProblemParams = {}): Found => ({ code, params })
const ok = <T>(value: T, warning?: Found): Norm<T> =>
  warning === undefined ? { ok: true, value } : { ok: true, value, warning: importProblemText(warning.code, warning.params, 'en'), warningFound: warning }
const bad = <T>(code: ImportProblemCode, params: ImportProblemParams = {}): Norm<T> => ({ ok: false, error: importProblemText(code, params, 'en'), found: found(code, params) })

/** NFKC (full-width letters, digits and the ideographic space become half-width), trimmed, inner runs of space collapsed. */
export function normText(cell: Cell): string {
  if (cell === null) return ''
  // A checkbox or a TRUE/FALSE column reads as Excel shows it, not as JavaScript spells it.
  const s = typeof cell === 'string' ? cell : typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell)
  return s.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, ' ').trim()
}

/** The dot between the parts of a name (阿依古丽·买买提) as files type it: ·, •, ・ (Japanese), ‧, ∙, ⋅ or a full stop. */
export const NAME_DOTS = '·•・‧∙⋅.'

/** normText line by line, for a note: the lines a cell was written in (Alt+Enter) stay lines. */
export function normLines(cell: Cell): string {
  const s = normText(cell)
  if (typeof cell !== 'string' || !/[\r\n]/.test(cell)) return s
  return cell.split(/\r\n|[\r\n]/).map(normText).filter((l) => l !== '').join('\n')
}

/**
 * Text a CSV carries in Excel's own markers for "keep this as text": ="0791…" (what systems export so the
 * leading 0 survives) and a leading apostrophe before a number ('13800138000, typed to stop Excel's rounding).
 */
export function excelText(cell: Cell): Cell {
  // Most cells start with neither mark: two character checks, not two regular expressions, per cell.
  if (typeof cell !== 'string' || (cell.charCodeAt(0) !== 61 && cell.charCodeAt(0) !== 39)) return cell
  const formula = /^="(.*)"$/s.exec(cell)
  if (formula) return formula[1]
  return /^'[+\d]/.test(cell) ? cell.slice(1) : cell
}

const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i

/**
 * Phone numbers as digit strings. Excel keeps numbers of up to 15 digits exactly, so a
 * numeric cell is fine; text such as "1.38E+10" is what a CSV saved from a number
 * column holds, and its digits are gone for good.
 */
export function normPhone(cell: Cell): Norm<string> {
  if (cell === null || cell === '') return ok('')
  if (typeof cell === 'boolean') return bad('notPhone', { value: String(cell) })
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0) return bad('notPhone', { value: cell })
    return checkDigits(String(cell), true)
  }
  const text = normText(cell)
  if (text === '') return ok('')
  if (SCIENTIFIC.test(text)) {
    return bad('phoneScientific', { value: text })
  }
  const parts = phoneParts(cell)
  // Of a landline and a mobile in one cell, the mobile is the person's own number.
  const mobile = parts.length > 1 ? parts.findIndex((p) => MOBILE.test(phoneAndNote(p).number.replace(/[\s\-().]/g, ''))) : -1
  const pick = mobile > 0 ? mobile : 0
  const { number, note } = phoneAndNote(parts[pick] ?? '')
  const r = checkDigits(number.replace(/[\s\-().]/g, ''), false)
  if (r.ok && parts.length > 1) return ok(r.value, found('phoneFirstKept', { rest: parts.filter((_, i) => i !== pick).join(', ') }))
  if (r.ok && note !== '') return ok(r.value, found('phoneNoteLeft', { value: r.value, note }))
  return r
}

/**
 * The numbers a phone cell holds: one per line, or between commas, slashes and wide gaps, or before a
 * label after a number ("电话:0791-88888888 手机:13800138000"); and two
 * numbers of seven digits or more with one space between ("13800138000 13900139000"), which no single
 * number is written as ("138 0013 8000" and "0791 88305678" have shorter groups).
 */
const BETWEEN_NUMBERS = /[,;/、]|\s{2,}|(?<=\d)\s*(?=(?:手机|电话|座机|固话|办公电话|宅电|家庭电话|tel|mobile|phone|cell)\s*:?\s*[+\d(])/i
function phoneParts(cell: string): string[] {
  const parts = cell.split(/[\r\n]+/).map(normText).flatMap((line) => line.split(BETWEEN_NUMBERS)).map((p) => p.trim()).filter((p) => p !== '')
  if (parts.length !== 1) return parts
  const groups = parts[0].split(' ')
  return groups.length > 1 && groups.every((g) => /^\+?\d[\d-]{6,}$/.test(g) && g.replace(/-/g, '').length >= 7) ? groups : parts
}

/** "手机：", "Tel:", "电话" before a number (NFKC has made the colon and brackets half-width). */
const PHONE_LABEL = /^(?:[^\d+(]*?:|\p{Script=Han}+)\s*(?=[+\d(])/u
/** Words after the number ("（微信同号）", "微信同号", "转 8001", "ext. 8001"), or words in brackets. */
const PHONE_NOTE = /\s*(?:\([^\d)]*\)|(?:转|分机|ext\.?|x)\s*\d+|\p{Script=Han}.*)$/iu
/** A landline's extension after its number: "0791-83969999-8001", "0791-83969999(8001)". */
const LANDLINE_EXTENSION = /^(\(?0\d{2,3}\)?[-\s]?\d{7,8})(?:-|\s*\()(\d{1,5})\)?$/

/**
 * The number of a phone cell and what was written around it: offices label numbers ("手机：138…")
 * and annotate them ("138…（微信同号）", "0791-8678 1234 转 8001"). The label goes; the
 * annotation is not a phone number, so it goes too, with a warning that names it.
 */
function phoneAndNote(cell: string): { number: string; note: string } {
  const unlabelled = cell.replace(PHONE_LABEL, '')
  const ext = LANDLINE_EXTENSION.exec(unlabelled)
  if (ext) return { number: ext[1], note: ext[0].slice(ext[1].length) }
  const m = PHONE_NOTE.exec(unlabelled)
  if (!m || m.index === 0) return { number: unlabelled, note: '' }
  return { number: unlabelled.slice(0, m.index), note: m[0].trim() }
}

const BARE_LOST_ZERO = /^[2-9]\d{9,10}$/

function checkDigits(raw: string, fromNumber: boolean): Norm<string> {
  let s = raw
  // Another country's number (an alumnus in Hong Kong or abroad) keeps its "+" and code; a Chinese area code never starts 00.
  let country = ''
  if (s.startsWith('+86')) s = s.slice(3)
  else if (s.startsWith('0086')) s = s.slice(4)
  else if (/^861\d{10}$/.test(s)) s = s.slice(2)
  else if (/^(\+|00)[1-9]/.test(s)) {
    country = '+'
    s = s.replace(/^(\+|00)/, '')
  }
  if (!/^\d+$/.test(s)) return bad('phoneChars', { value: raw })
  if (s.length < 5 || s.length > 20) return bad('phoneLength', { value: raw, digits: s.length })
  if (country !== '') return ok(country + s)
  // A landline stored as a number lost its leading 0 (0791 88888888 -> 79188888888); say so rather than guess.
  if (fromNumber && !s.startsWith('1') && s.length >= 9) return ok(s, found('landlineZero', { value: s }))
  // The same number as a CSV saved from such a column writes it: ten or eleven bare digits that are
  // neither a mobile (1…) nor a number with its area code (0…), which no Chinese number is.
  if (!fromNumber && BARE_LOST_ZERO.test(raw)) return ok(s, found('landlineNoZero', { value: s }))
  return ok(s)
}

export type DateOrder = 'ymd' | 'dmy' | 'mdy'
export interface DateOptions {
  /** the workbook counts serial numbers from 1904-01-01 (old Mac Excel) */
  date1904?: boolean
  /** how to read "05/06/2019": chosen per column; unset means such values are refused as ambiguous */
  order?: DateOrder
}
export interface DateValue {
  /** yyyy-MM-dd, or yyyy-MM when only the month is known */
  iso: string
  precision: 'day' | 'month'
}

const pad = (n: number) => String(n).padStart(2, '0')

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

function dayValue(y: number, m: number, d: number, source: string): Norm<DateValue> {
  if (!validDay(y, m, d)) return bad('dateNotInCalendar', { value: source })
  return ok({ iso: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' })
}

/** Excel serial day numbers: 1900 system counts from 1899-12-30 (its 1900-02-29 does not exist), 1904 system from 1904-01-01. */
export function fromSerial(serial: number, date1904 = false): Norm<DateValue> {
  const whole = Math.floor(serial)
  if (whole < 1 || whole > 73050) return bad('notDate', { value: serial })
  let epoch: number
  if (date1904) epoch = Date.UTC(1904, 0, 1)
  else if (whole < 60) epoch = Date.UTC(1899, 11, 31)
  else if (whole === 60) return bad('serial60')
  else epoch = Date.UTC(1899, 11, 30)
  const t = new Date(epoch + whole * 86_400_000)
  return dayValue(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), String(serial))
}

export function normDate(cell: Cell, opts: DateOptions = {}): Norm<DateValue | null> {
  if (cell === null || cell === '') return ok(null)
  if (typeof cell === 'boolean') return bad('notDate', { value: String(cell) })
  if (typeof cell === 'number') {
    // 20190506 typed into a number cell is a compact date, not serial 20 million.
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 21001231) {
      return dayValue(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100, String(cell))
    }
    return fromSerial(cell, opts.date1904)
  }
  const s = normText(cell).replace(/\s+/g, '')
  if (s === '') return ok(null)
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s)
  if (m) return dayValue(+m[1], +m[2], +m[3], s)
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) return dayValue(+m[1], +m[2], +m[3], s)
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s)
  if (m) {
    const y = +m[1]
    const mo = +m[2]
    if (!validDay(y, mo, 1)) return bad('monthNotInCalendar', { value: s })
    return ok({ iso: `${y}-${pad(mo)}`, precision: 'month' })
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s)
  if (m) {
    const a = +m[1]
    const b = +m[2]
    const y = m[3].length === 2 ? twoDigitYear(+m[3]) : +m[3]
    const order = opts.order ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : undefined)
    if (order === undefined || order === 'ymd') {
      return bad('dateAmbiguous', { value: s })
    }
    return order === 'dmy' ? dayValue(y, b, a, s) : dayValue(y, a, b, s)
  }
  if (/^\d+(\.\d+)?$/.test(s)) return normDate(Number(s), opts)
  return bad('dateUnknownForm', { value: s })
}

/**
 * The day/month order a column's values imply: any first part above 12 means
 * day first, any second part above 12 means month first; both or neither leave
 * it to the user (null), so a day and month are never swapped silently.
 */
export function detectDateOrder(cells: readonly Cell[]): DateOrder | null {
  let dmy = false
  let mdy = false
  for (const c of cells) {
    if (typeof c !== 'string') continue
    const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(normText(c).replace(/\s+/g, ''))
    if (!m) continue
    if (+m[1] > 12) dmy = true
    if (+m[2] > 12) mdy = true
  }
  if (dmy === mdy) return null
  return dmy ? 'dmy' : 'mdy'
}

/** Fixed pivot, not today's date: the same file must read the same way every year. */
function twoDigitYear(yy: number): number {
  return yy <= 50 ? 2000 + yy : 1900 + yy
}

const DEGREE_WORDS = '(?:本科|硕士|博士|研究生|专科|大专)(?:研究)?生?'
const CLASS_YEAR_WITH_WORDS = new RegExp(`^(${DEGREE_WORDS})?(\\d{4}|\\d{2})(届|级)(毕业生?|${DEGREE_WORDS}(?:毕业生?)?)?$`)
const STUDY_YEARS = /^(\d{4})(?:[.\-/年]\d{1,2}月?)?[-~至到—–](\d{4})(?:[.\-/年]\d{1,2}月?)?$/

/**
 * Class years as offices write them: 2019届 (graduating class), 2019级 (entering class),
 * 19届, 2019, 2019年, or a graduation date. The number is kept as written; which
 * kind of year it is stays what the office's own column meant.
 */
export function normClassYear(cell: Cell): Norm<number | null> {
  if (cell === null || cell === '') return ok(null)
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1940 && cell <= 2100) return ok(cell)
    if (Number.isInteger(cell) && cell >= 0 && cell < 100) return ok(twoDigitYear(cell))
    // "2015.07" typed into a General cell is the number 2015.07 (and "2015.10" is 2015.1): a year and its month.
    const month = Math.round((cell - Math.floor(cell)) * 100)
    if (cell >= 1940 && cell < 2101 && (month >= 1 && month <= 12 || month % 10 === 0)) return ok(Math.floor(cell))
    // A graduation date pasted as a plain number: Excel's serial (42186 is 2015-07-01), said in a warning.
    if (Number.isInteger(cell) && cell >= 14611 && cell <= 73051) {
      const d = normDate(cell, {})
      if (d.ok && d.value !== null) return ok(Number(d.value.iso.slice(0, 4)), found('classYearFromSerial', { value: cell, date: d.value.iso }))
    }
    return bad('notClassYear', { value: cell })
  }
  if (typeof cell === 'boolean') return bad('notClassYear', { value: String(cell) })
  // A graduation date-time as systems export one ("2019/6/30 0:00:00"), a remark in brackets ("2015届（本科）").
  const s = normText(cell).replace(/\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/, '').replace(/\s+/g, '').replace(/^classof/i, '').replace(/\(([^()]*)\)$/, '$1')
  if (s === '') return ok(null)
  let m = /^(\d{4})(届|级|年|年级|届毕业生|年毕业)?$/.exec(s)
  if (m) return entering(range(+m[1], s), m[2])
  m = /^(\d{2})(届|级)?$/.exec(s)
  if (m) return entering(range(twoDigitYear(+m[1]), s), m[2])
  // "2015届硕士", "本科2015届": the year, with what else the cell says named in a warning.
  m = CLASS_YEAR_WITH_WORDS.exec(s)
  if (m) {
    const y = range(m[2].length === 2 ? twoDigitYear(+m[2]) : +m[2], s)
    const words = (m[1] ?? '') + (m[4] ?? '')
    return y.ok && y.value !== null && !/^毕业生?$/.test(words) && words !== '' ? ok(y.value, found('classYearNoteLeft', { value: y.value, note: words })) : y
  }
  // Years of study, "2011-2015" or "2011.09-2015.06": the class is the year they end, said in a warning.
  m = STUDY_YEARS.exec(s)
  if (m && +m[2] > +m[1] && +m[2] - +m[1] <= 10) {
    const y = range(+m[2], s)
    return y.ok && y.value !== null ? ok(y.value, found('classYearFromRange', { value: y.value, range: s })) : y
  }
  // A graduation date: 05/06/2019 is ambiguous as a day, but not as a year, which is all a class year takes.
  // "2015年6月毕业": the date they left.
  const left = s.replace(/毕业生?$/, '')
  const d = normDate(left, { order: 'dmy' })
  if (d.ok && d.value !== null) return range(Number(d.value.iso.slice(0, 4)), s)
  const md = normDate(left, { order: 'mdy' })
  if (md.ok && md.value !== null) return range(Number(md.value.iso.slice(0, 4)), s)
  return bad('notClassYear', { value: s })
}

/** 2015级 is, strictly, the class that entered in 2015: read as written, and said, since 届别 is the year they leave. */
function entering(y: Norm<number | null>, suffix: string | undefined): Norm<number | null> {
  return y.ok && y.value !== null && (suffix === '级' || suffix === '年级') ? ok(y.value, found('classYearEntering', { value: y.value })) : y
}

function range(y: number, source: string): Norm<number | null> {
  if (y < 1940 || y > 2100) return bad('classYearRange', { value: source })
  return ok(y)
}

/** An address as mail programs take it: one @, a dot in the domain, no spaces, commas or semicolons. */
const EMAIL = /^[^@\s,;]+@[^@\s,;.]+(\.[^@\s,;.]+)+$/

/**
 * E-mail addresses: NFKC (full-width ＠ and letters), trimmed, lower-cased domain, a "mailto:" link's
 * address. A cell with several addresses keeps the first and names the rest in a warning.
 */
export function normEmail(cell: Cell): Norm<string> {
  const parts = normText(cell).split(/[\s;,/、]+/).map((p) => p.replace(/^mailto:/i, '')).filter((p) => p !== '')
  if (parts.length === 0) return ok('')
  const s = parts[0]
  const at = s.lastIndexOf('@')
  if (!EMAIL.test(s) || (parts.length > 1 && !parts.slice(1).every((p) => EMAIL.test(p)))) return bad('notEmail', { value: normText(cell) })
  const value = `${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`
  return parts.length > 1 ? ok(value, found('emailFirstKept', { rest: parts.slice(1).join(', ') })) : ok(value)
}
