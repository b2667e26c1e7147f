// Dates, numbers and lists as the reports print them. The office stores dates as
// yyyy-MM-dd strings; prose needs "2025年12月3日" or "December 3, 2025", and a
// spreadsheet needs a real date, so every conversion lives here, in one place.
import type { Lang } from '../../shared/enums'

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const ZH_WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

function parts(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number)
  return { y, m, d }
}

/**
 * A stored day as an Excel date. Midnight UTC, because exceljs turns a Date into
 * a serial day number from its UTC time: any other hour would shift the day for
 * users east or west of Greenwich.
 */
export function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`)
}

/** Today as yyyy-MM-dd in the local time zone of the machine (the office's day, not UTC's). */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Whole days from `from` to `to` (both yyyy-MM-dd); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((excelDate(to).getTime() - excelDate(from).getTime()) / 86_400_000)
}

/** 2025年12月3日 / December 3, 2025 */
export function longDate(iso: string, lang: Lang): string {
  const { y, m, d } = parts(iso)
  return lang === 'zh-CN' ? `${y}年${m}月${d}日` : `${EN_MONTHS[m - 1]} ${d}, ${y}`
}

/** 12月3日 / December 3: inside a trip the year goes without saying. */
export function monthDay(iso: string, lang: Lang): string {
  const { m, d } = parts(iso)
  return lang === 'zh-CN' ? `${m}月${d}日` : `${EN_MONTHS[m - 1]} ${d}`
}

export function weekday(iso: string, lang: Lang): string {
  const day = excelDate(iso).getUTCDay()
  return lang === 'zh-CN' ? ZH_WEEKDAYS[day] : EN_WEEKDAYS[day]
}

/** 2025年12月2日至5日 / December 2 to 5, 2025 — the way the reference report opens. */
export function dateSpan(from: string, to: string, lang: Lang): string {
  const a = parts(from)
  const b = parts(to)
  if (from === to) return longDate(from, lang)
  if (lang === 'zh-CN') {
    if (a.y !== b.y) return `${longDate(from, lang)}至${longDate(to, lang)}`
    if (a.m !== b.m) return `${a.y}年${a.m}月${a.d}日至${b.m}月${b.d}日`
    return `${a.y}年${a.m}月${a.d}日至${b.d}日`
  }
  if (a.y !== b.y) return `${longDate(from, lang)} to ${longDate(to, lang)}`
  if (a.m !== b.m) return `${EN_MONTHS[a.m - 1]} ${a.d} to ${EN_MONTHS[b.m - 1]} ${b.d}, ${a.y}`
  return `${EN_MONTHS[a.m - 1]} ${a.d} to ${b.d}, ${a.y}`
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 -> 一, 12 -> 十二, 25 -> 二十五: the numbering of official-document headings (up to 99). */
export function zhNumeral(n: number): string {
  if (n < 10) return ZH_DIGITS[n]
  if (n < 20) return `十${n % 10 ? ZH_DIGITS[n % 10] : ''}`
  if (n < 100) return `${ZH_DIGITS[Math.floor(n / 10)]}十${n % 10 ? ZH_DIGITS[n % 10] : ''}`
  return String(n)
}

/** 1 -> I, 4 -> IV: English heading numbers. */
export function romanNumeral(n: number): string {
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]
  let out = ''
  let rest = n
  for (const [value, sym] of table) {
    while (rest >= value) {
      out += sym
      rest -= value
    }
  }
  return out
}

const EN_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth']
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']

/** 一是 / first: how the reference lists the lines of work. */
export function ordinalLead(i: number, lang: Lang): string {
  if (lang === 'zh-CN') return `${zhNumeral(i + 1)}是`
  return EN_ORDINALS[i] ?? `${i + 1}.`
}

/** A small count in words (三 / three), digits beyond ten. */
export function countWord(n: number, lang: Lang): string {
  // Before a measure word two is 两 (两条主线), never 二.
  if (lang === 'zh-CN') return n === 2 ? '两' : n <= 10 ? zhNumeral(n) : String(n)
  return EN_NUMBERS[n] ?? String(n)
}

/** 甲、乙和丙 / A, B and C */
export function joinList(items: readonly string[], lang: Lang): string {
  const list = items.filter((s) => s.length > 0)
  if (list.length <= 1) return list[0] ?? ''
  if (lang === 'zh-CN') return list.join('、')
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`
}

// Abbreviations whose full stop belongs to the word, not to the sentence.
const ABBREVIATION = /(?:\b(?:Ltd|Co|Inc|Corp|Dr|Mr|Mrs|Ms|Prof|St|No|etc|Jr|Sr)|\b[A-Z])\.$/

/** Removes final punctuation so the caller can add its own without doubling it; keeps the dot of "Co., Ltd.". */
export function stripEndPunct(s: string): string {
  let t = s.trim().replace(/[。．；;，,：:]+$/u, '')
  if (t.endsWith('.') && !ABBREVIATION.test(t)) t = t.replace(/\.+$/, '')
  return t
}

/** Ends a sentence once: adds 。 or . unless the text already ends with a full stop, ! or ?. */
export function sentence(s: string, lang: Lang): string {
  const t = s.trim()
  if (t === '') return ''
  if (/[。！？!?.…]$/u.test(t)) return t
  // A quotation that itself ends a sentence ("…。” / "….") needs nothing more.
  if (/[。！？!?.][”"」』]$/u.test(t)) return t
  return t.replace(/[；;，,：:]+$/u, '') + (lang === 'zh-CN' ? '。' : '.')
}

/** The paragraphs of a free-text field: blank lines and single line breaks both separate. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/**
 * Width of text in Excel's units (the width of a digit in the default font):
 * a Chinese (full-width) character at 10 pt takes about two, a Latin letter a
 * little less than one.
 */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0
    const wide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000
    w += wide ? 2 : 0.9
  }
  return w
}
