// How a person, an alumnus or a list of names is printed, the same way in every report.
import { pinyin } from 'pinyin-pro'
import type { Contact } from '../../shared/domain'
import { enumLabel } from '../../shared/enums'
import type { Lang } from '../../shared/enums'

const HAN = /\p{Script=Han}/u

/** True when the text holds Chinese characters, which an English report must not print as if they were English. */
export function hasHan(s: string): boolean {
  return HAN.test(s)
}

const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '司徒', '夏侯', '尉迟', '公孙', '长孙', '宇文', '轩辕', '端木', '独孤', '南宫', '西门', '呼延', '申屠', '澹台', '太史',
])

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * A Chinese name in Hanyu Pinyin, surname first, as the office's English
 * reports write it: 王立坤 -> Wang Likun, 欧阳修 -> Ouyang Xiu. Surnames are
 * read with their surname readings (单 -> Shan). Names without Chinese
 * characters are returned unchanged.
 */
export function romanizeName(name: string): string {
  const s = name.trim()
  if (!hasHan(s)) return s
  const chars = [...s]
  const surnameLength = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) && chars.length > 2 ? 2 : 1
  const syllables = pinyin(s, { surname: 'head', toneType: 'none', type: 'array', v: true }).map((x) => x.replace(/\s+/g, ''))
  const surname = cap(syllables.slice(0, surnameLength).join(''))
  const given = cap(syllables.slice(surnameLength).join(''))
  return given ? `${surname} ${given}` : surname
}

/** A person's name in the report's language: romanised in English. */
export function personName(name: string, lang: Lang): string {
  return lang === 'en' ? romanizeName(name) : name
}

/** Common Chinese honorifics and their English forms, which go before the name (Dr. Zhan Yibin). */
const HONORIFIC_EN: Record<string, string> = { 博士: 'Dr.', 教授: 'Prof.', 副教授: 'Assoc. Prof.', 院士: 'Academician', 研究员: 'Prof.' }

/** 詹益斌博士 / Dr. Zhan Yibin; an honorific the English report cannot translate is left out. */
export function nameWithHonorific(c: Pick<Contact, 'name' | 'honorific'>, lang: Lang): string {
  const h = c.honorific.trim()
  if (lang === 'zh-CN') return `${c.name}${h}`
  const en = hasHan(h) ? HONORIFIC_EN[h] ?? '' : h
  return en ? `${en} ${romanizeName(c.name)}` : romanizeName(c.name)
}

/** A text in the report's language: the English field when the report is English and it was filled in; Chinese text never stands in for English. */
export function inLang(lang: Lang, zh: string, en = ''): string {
  if (lang === 'zh-CN') return zh
  if (en.trim()) return en
  return hasHan(zh) ? '' : zh
}

/** 罗小秋（总经理） / Luo Xiaoqiu (General Manager) */
export function withTitle(name: string, title: string, lang: Lang): string {
  if (!title) return name
  return lang === 'zh-CN' ? `${name}（${title}）` : `${name} (${title})`
}

/** The position in the report's language. */
export function positionOf(c: Pick<Contact, 'position' | 'positionEn'>, lang: Lang): string {
  return inLang(lang, c.position, c.positionEn)
}

export function contactWithTitle(c: Contact, lang: Lang): string {
  return withTitle(nameWithHonorific(c, lang), positionOf(c, lang), lang)
}

/** Degrees someone entered; 'other' (and an unknown degree) says nothing a report could print. */
export const KNOWN_DEGREES: ReadonlySet<string> = new Set(['bachelor', 'master', 'doctor'])

/** 2001届过程装备与控制工程专业校友 / alumnus, class of 2001, Process Equipment…; the degree only when one was entered. */
export function alumniNote(c: Contact, lang: Lang): string {
  const a = c.alumni
  if (!a) return ''
  const degree = KNOWN_DEGREES.has(a.degree) ? enumLabel('degree', a.degree, lang) : ''
  if (lang === 'zh-CN') {
    return `${a.classYear ? `${a.classYear}届` : ''}${a.major ? `${a.major}专业` : ''}${degree}校友`
  }
  const major = inLang(lang, a.major)
  const bits = [a.classYear ? `class of ${a.classYear}` : '', major, degree].filter(Boolean)
  return bits.length ? `alumnus, ${bits.join(', ')}` : 'alumnus'
}

/** Names in one cell: one per line, so a long list wraps cleanly in a narrow column. */
export function lines(items: readonly string[]): string {
  return items.filter(Boolean).join('\n')
}

/** Names in running text: 、 in Chinese, a comma in English. */
export function inline(items: readonly string[], lang: Lang): string {
  return items.filter(Boolean).join(lang === 'zh-CN' ? '、' : ', ')
}
