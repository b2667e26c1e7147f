import { displayName } from '../../shared/collections'
import type { AnyRecord, CollectionName, RecordTypes } from '../../shared/collections'
import { searchFields } from '../services/queries'
import { bareName, fold, phoneDigits } from './fold'
import { namePinyin } from './name-pinyin'

/** What the index keeps of one record: enough to match and rank without touching the record again. */
export interface RecordText {
  /** folded names: the display name, then aliases, then those of them written with marks between letters without the marks (bareName) */
  names: readonly string[]
  /** full pinyin and initials of the names */
  pinyin: readonly string[]
  /** every searchable field, folded, with the names' pinyin and phones' digits, separated by SEP */
  text: string
}

/** Between fields, so no match runs from one field into the next (a query never contains it). */
export const SEP = '\u0001'

const PERSON: ReadonlySet<CollectionName> = new Set(['contacts', 'staff'])
const PINYIN_NAMED: ReadonlySet<CollectionName> = new Set(['contacts', 'staff', 'organizations', 'alumniGroups'])

function phonesOf(c: CollectionName, r: AnyRecord): string[] {
  if (c === 'contacts') {
    const o = r as RecordTypes['contacts']
    return [phoneDigits(o.phone), phoneDigits(o.wechat)]
  }
  if (c === 'staff') return [phoneDigits((r as RecordTypes['staff']).phone)]
  return []
}

/**
 * The names, and after them each one written with an apostrophe, hyphen or dot between letters as
 * it is typed without ("o'brien" → "obrien", "jean-luc" → "jeanluc"): as a name, it ranks as the
 * name does. The list itself when no name has such a mark (nearly all of them).
 */
function withBare(names: string[]): string[] {
  let out: string[] | null = null
  for (const n of names) {
    const bare = bareName(n)
    if (bare !== n && !(out ?? names).includes(bare)) (out ??= [...names]).push(bare)
  }
  return out ?? names
}

export function recordText(c: CollectionName, r: AnyRecord): RecordText {
  const rawNames = [displayName(r), ...(c === 'organizations' ? (r as RecordTypes['organizations']).aliases : [])]
  const names = withBare(rawNames.map(fold))
  // One name (all but organisations with aliases): its cached list as it is, not a copy per record.
  const pinyin = !PINYIN_NAMED.has(c) ? [] : rawNames.length === 1 ? namePinyin(rawNames[0], PERSON.has(c)) : rawNames.flatMap((n) => namePinyin(n, PERSON.has(c)))
  const fields = (searchFields[c] as (r: AnyRecord) => Array<string | number>)(r)
  const parts = [...names, ...fields.map((v) => fold(String(v))), ...r.tags.map(fold), fold(r.notes), ...phonesOf(c, r), ...pinyin]
  return { names, pinyin, text: parts.filter((p) => p !== '').join(SEP) }
}
