/**
 * One normal form for indexed text and queries, so that a search matches whatever way it was typed:
 * NFKC folds full-width Latin and digits (ＡＢＣ１２３) to half-width, lower-casing folds case, and
 * dropping combining marks after NFD folds accents (José → jose).
 */
const MARKS = /\p{M}+/gu
// Printable ASCII and common CJK ideographs need none of that work, and they are most of what is
// indexed (names, phones, e-mails, dates).
const PLAIN = /^[ -~\u4e00-\u9fff]*$/

export function fold(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase()
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC')
}

const PHONE_LIKE = /^[\d\s\-+().]+$/

/**
 * A query typed like a phone number ("138 0000", "0755-8888") also looks for its digits alone,
 * because phone fields are indexed with their digits run together as well.
 */
export function digitsVariant(folded: string): string | null {
  if (!PHONE_LIKE.test(folded)) return null
  const digits = folded.replace(/\D/g, '')
  return digits.length >= 3 && digits !== folded ? digits : null
}

/** The digits of a phone field run together ("138-0013-8000" → "13800138000"), or '' when it has none worth indexing. */
export function phoneDigits(value: string): string {
  const digits = value.replace(/\D/g, '')
  return digits.length >= 3 && digits !== value ? digits : ''
}

/** What a typed query looks for: its folded text, and its digits alone when it looks like a phone number. */
export function queryNeedles(query: string): string[] {
  const folded = fold(query.trim())
  if (folded === '') return []
  const digits = digitsVariant(folded)
  return digits === null ? [folded] : [folded, digits]
}
