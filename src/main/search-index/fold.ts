import { NAME_DOTS } from '../import/normalize'
import { hanReadings } from './name-pinyin'
import { splitsOf } from './splits'

/**
 * One normal form for indexed text and queries, so that a search matches whatever way it was typed:
 * NFKC folds full-width Latin and digits (ＡＢＣ１２３) to half-width, lower-casing folds case, and
 * dropping combining marks after NFD folds accents (José → jose).
 */
const MARKS = /\p{M}+/gu
// Printable ASCII and common CJK ideographs need none of that work, and they are most of what is
// indexed (names, phones, e-mails, dates).
const PLAIN = /^[ -~\u4e00-\u9fff]*$/
// Chinese text with its punctuation: the full-width forms (，；：（）！) are all NFKC folds, each to
// the ASCII character 0xFEE0 below it, and 、。《》「」『』【】“”‘’· are left as they are. Most notes are
// this, and three normalisations of each took a third of the time of an index build.
const CHINESE_PROSE = /^[ -~\u4e00-\u9fff\uff01-\uff5e\u3001\u3002\u300a-\u3011\u2018\u2019\u201c\u201d\u00b7]*$/
const FULL_WIDTH = /[\uff01-\uff5e]/g
const halfWidth = (ch: string): string => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)

export function fold(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase()
  if (CHINESE_PROSE.test(text)) return text.replace(FULL_WIDTH, halfWidth).toLowerCase()
  return foldFully(text)
}

/** What fold does to any text; fold's shortcuts give exactly this (`fold-and-grams.test.ts`). */
export function foldFully(text: string): string {
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

/**
 * What stands between the letters of one name without being part of it, with any space around it:
 * apostrophes (O'Brien, and O’Brien as Word types it), hyphens and dashes (Jean-Luc, Min-jun), and the
 * dots a name is written with (St. John, 阿依古丽·买买提). Nobody types them the same way twice, and
 * most type none.
 */
const NAME_MARKS = new RegExp(`(?<=\\p{L})\\s*['’‘\`ʼ\\-‐‑‒–—${NAME_DOTS}]+\\s*(?=\\p{L})`, 'gu')
const HAS_NAME_MARK = new RegExp(`['’‘\`ʼ\\-‐‑‒–—${NAME_DOTS}]`)

/** Folded text without the marks between the letters of a name ("o'brien" → "obrien", "st. john" → "stjohn"). */
export function bareName(folded: string): string {
  return HAS_NAME_MARK.test(folded) ? folded.replace(NAME_MARKS, '') : folded
}

/** What a typed query looks for (see `searchQuery`). */
export interface SearchQuery {
  /** each alone finds a record whose text contains it: the query as typed, its digits, the number without +86 */
  needles: string[]
  /** the query's words when it has several: a record whose text holds every one of them is found too */
  words: string[]
  /** those words run together, looked for in names and their pinyin only ("zhang wei" → "zhangwei") */
  joined?: string
  /**
   * the query without the marks between letters ("o'brien", "o’brien" → "obrien"), looked for in
   * names only, where each name is also kept so (record-text.ts): typed with other marks than the
   * record's, a name is still found. Not in other fields: an e-mail's "wei.zhang" is no "weizhang".
   */
  bare?: string
  /**
   * a Chinese query without spaces ("沈伟长沙") read as two words in each likely way, best first
   * (splits.ts): searched as if typed with the space, only when the query finds nothing whole
   */
  splits?: string[][]
  /** a query of pinyin and characters ("zhang伟", "张wei"): see `Spelled` */
  spelled?: Spelled
}

/**
 * A query of pinyin and characters with the characters spelt in pinyin ("zhang伟" → "zhangwei"),
 * every reading of each (at most MAX_FORMS), and the characters themselves: a name whose pinyin is
 * one of the forms and which holds the characters is the name typed so (张伟, and 章伟 alike), and
 * ranks as a name typed in full would.
 */
export interface Spelled {
  forms: string[]
  han: string[]
}

/** Spellings of a query's characters: 曾长乐 alone has 2 × 2 × 2 readings. */
const MAX_FORMS = 8
const PINYIN_WORD = /^[a-z]+$/
const PINYIN_AND_HAN = /^(?=.*[a-z])(?=.*\p{Script=Han})[a-z\p{Script=Han}]+$/u
/** Where letters meet characters, as in "zhang伟" and "张wei": the words of a query typed without the space. */
const SCRIPT_BOUNDARY = /(?<=\p{Script=Latin})(?=\p{Script=Han})|(?<=\p{Script=Han})(?=\p{Script=Latin})/u

function spelledOf(words: readonly string[]): Spelled | undefined {
  if (!PINYIN_AND_HAN.test(words.join(''))) return undefined
  let forms = ['']
  const han: string[] = []
  for (const w of words) {
    if (PINYIN_WORD.test(w)) {
      forms = forms.map((f) => f + w)
      continue
    }
    han.push(w)
    for (const ch of w) forms = forms.flatMap((f) => hanReadings(ch).map((r) => f + r)).slice(0, MAX_FORMS)
  }
  return forms.length === 0 ? undefined : { forms, han }
}

const SPACES = /\s+/g

/**
 * What a typed query looks for. A phone-like query also looks for its digits alone, and a mobile
 * number's without the country code. A query of several words ("zhang wei", "张伟 2014届",
 * "wei zhang") also finds records holding every word in any field, in any order, and ranks a name
 * whose pinyin or text is the words run together as if typed so ("zhangwei", "张伟"): office staff
 * type pinyin by syllables and names with a space. Letters next to characters are two words
 * ("zhang伟" as "zhang 伟"), and a name spelt so ranks first (`spelled`). A Chinese query without
 * spaces that finds nothing whole is read as two words (`splits`): "沈伟长沙" as "沈伟 长沙".
 */
export function searchQuery(query: string): SearchQuery {
  const folded = fold(query.trim())
  if (folded === '') return { needles: [], words: [] }
  const digits = digitsVariant(folded)
  // A mobile number with the country code ("+86 138…", "008613…"), as copied from a card or a
  // message, also looks for the number as offices store it.
  const local = /^(?:0086|86)(1\d{10})$/.exec(digits ?? folded)?.[1]
  if (digits !== null || local !== undefined) return { needles: [folded, ...(digits === null ? [] : [digits]), ...(local === undefined ? [] : [local])], words: [] }
  const bare = bareName(folded)
  const more = bare === folded ? {} : { bare }
  const typed = folded.split(SPACES).flatMap((w) => w.split(SCRIPT_BOUNDARY))
  const words = [...new Set(typed)]
  const splits = words.length < 2 ? splitsOf(folded) : undefined
  if (splits) return { needles: [folded], words: [], ...more, splits }
  if (words.length < 2) return { needles: [folded], words: [], ...more }
  const joined = folded.replace(SPACES, '')
  // Spelt from the words as typed, a repeated one included: "wei伟wei" is not "wei伟".
  const spelled = spelledOf(typed)
  // "zhang伟" run together is the query itself: looking for it twice would find nothing more.
  return { needles: [folded], words, ...(joined === folded ? {} : { joined }), ...more, ...(spelled ? { spelled } : {}) }
}
