import { pinyin } from 'pinyin-pro'

const HAN = /\p{Script=Han}/u
const ALL_HAN = /^\p{Script=Han}+$/u
/** Names repeat (surnames, common given names, re-indexed records): pinyin-pro costs ~7 µs a name. */
const cache = { person: new Map<string, readonly string[]>(), other: new Map<string, readonly string[]>() }
const CACHE_MAX = 200_000
/** each character's readings as pinyin-pro lists them: a few thousand characters at most */
const charReadings = new Map<string, readonly string[]>()

const syllable = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '')

function readingsOf(ch: string): readonly string[] {
  let known = charReadings.get(ch)
  if (!known) {
    known = [...new Set(pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).map(syllable))].filter((s) => s !== '')
    charReadings.set(ch, known)
  }
  return known
}

/** The pinyin a character is read as, every reading (长: chang, zhang), ü written v; none for a character that is not Chinese. */
export function hanReadings(ch: string): readonly string[] {
  return HAN.test(ch) ? readingsOf(ch) : []
}

/**
 * A name's syllables. pinyin-pro reads a name as a whole (words, surnames) to choose among a
 * character's readings, at ~7 µs a name: over half a second for the 60,000 distinct names of
 * 100,000 contacts, which a search typed right after opening waited for. A character with one
 * reading has nothing to choose, so a name of such characters only is their readings in a row (the
 * same result; `fold-and-grams.test.ts` checks it against pinyin-pro), and only the others (about a
 * quarter of names: 曾, 单, 长, 乐 …) are read whole.
 */
function syllablesOf(name: string, person: boolean): string[] {
  if (ALL_HAN.test(name)) {
    const out: string[] = []
    for (const ch of name) {
      const r = readingsOf(ch)
      if (r.length !== 1) break
      out.push(r[0])
    }
    if (out.length === [...name].length) return out
  }
  return wholeNameSyllables(name, person)
}

/**
 * Full pinyin and initials of a name ("张伟" → "zhangwei", "zw"), surname readings for people
 * (曾 as zeng, 单 as shan). Empty for a name without Chinese characters: its letters are indexed already.
 * ü is written v, as every pinyin keyboard types it (吕伟 → "lvwei"), and also u, as it is often
 * spelt without the dots ("luwei"); dropped, it made 吕伟 "lwei", found by neither.
 */
export function namePinyin(name: string, person: boolean): readonly string[] {
  if (!HAN.test(name)) return []
  // One map per reading, not a key built per look-up: 100,000 of them at every index build.
  const known = person ? cache.person : cache.other
  const hit = known.get(name)
  if (hit) return hit
  const syllables = syllablesOf(name, person)
  const full = syllables.join('')
  const out = syllables.length === 0 ? [] : [full, syllables.map((s) => s[0]).join(''), ...(full.includes('v') ? [full.replace(/v/g, 'u')] : [])]
  if (known.size >= CACHE_MAX) known.clear()
  known.set(name, out)
  return out
}

/** pinyin-pro reading the whole name: what the shortcut above must agree with. */
export function wholeNameSyllables(name: string, person: boolean): string[] {
  return pinyin(name, { toneType: 'none', type: 'array', v: true, ...(person ? { surname: 'head' as const } : {}) })
    .map(syllable)
    .filter((s) => s !== '')
}
