// How a person, an alumnus or a list of names is printed, the same way in every report.
import type { Contact } from '../../shared/domain'
import { enumLabel } from '../../shared/enums'
import type { Lang } from '../../shared/enums'

/** 罗小秋（总经理） / Luo Xiaoqiu (General Manager) */
export function withTitle(name: string, title: string, lang: Lang): string {
  if (!title) return name
  return lang === 'zh-CN' ? `${name}（${title}）` : `${name} (${title})`
}

export function contactWithTitle(c: Contact, lang: Lang): string {
  return withTitle(c.name, c.position, lang)
}

/** 2001届过程装备与控制工程专业本科校友 / alumnus, class of 2001, Process Equipment… (Bachelor's) */
export function alumniNote(c: Contact, lang: Lang): string {
  const a = c.alumni
  if (!a) return ''
  const degree = enumLabel('degree', a.degree, lang)
  if (lang === 'zh-CN') {
    return `${a.classYear ? `${a.classYear}届` : ''}${a.major ? `${a.major}专业` : ''}${a.degree === 'other' ? '' : degree}校友`
  }
  const bits = [a.classYear ? `class of ${a.classYear}` : '', a.major, a.degree === 'other' ? '' : degree].filter(Boolean)
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
