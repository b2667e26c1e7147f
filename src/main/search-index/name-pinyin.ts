import { pinyin } from 'pinyin-pro'

const HAN = /\p{Script=Han}/u
/** Names repeat (surnames, common given names, re-indexed records): pinyin-pro costs ~7 µs a name. */
const cache = { person: new Map<string, readonly string[]>(), other: new Map<string, readonly string[]>() }
const CACHE_MAX = 200_000

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
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true, ...(person ? { surname: 'head' as const } : {}) })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((s) => s !== '')
  const full = syllables.join('')
  const out = syllables.length === 0 ? [] : [full, syllables.map((s) => s[0]).join(''), ...(full.includes('v') ? [full.replace(/v/g, 'u')] : [])]
  if (known.size >= CACHE_MAX) known.clear()
  known.set(name, out)
  return out
}
