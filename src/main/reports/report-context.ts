// What every part of the trip report needs: the records, the language, and
// how a record's name, title or text is said in that language. In English a
// Chinese text is never printed as if it were English: the English field is
// used when filled in, a person's name is romanised, and other Chinese text is
// left out (the pre-export check lists each such field).
import type { Activity, Organization, Staff } from '../../shared/domain'
import { enumLabel } from '../../shared/enums'
import type { Lang } from '../../shared/enums'
import { tripLookup } from './collect'
import type { TripLookup, TripReportInput } from './collect'
import { joinList, monthDay } from './format'
import { inLang, romanizeName } from './names'

export type ReportKind = 'news' | 'work'

export interface Ctx {
  input: TripReportInput
  lang: Lang
  kind: ReportKind
  look: TripLookup
}

export function makeCtx(input: TripReportInput, lang: Lang, kind: ReportKind): Ctx {
  return { input, lang, kind, look: tripLookup(input) }
}

/** 12月3日上午 / Morning of December 3; with the clock time when one was recorded (12月3日上午9:30). */
export function whenLabel(a: Pick<Activity, 'date' | 'period'> & Partial<Pick<Activity, 'startTime'>>, lang: Lang): string {
  const day = monthDay(a.date, lang)
  const period = enumLabel('period', a.period, lang)
  const time = a.startTime ?? ''
  if (lang === 'zh-CN') return `${day}${period}${time}`
  const base = a.period === 'allDay' ? `${day} (all day)` : `${period} of ${day}`
  return time ? `${base}, ${time}` : base
}

/** An organisation's name in the report's language; without an English name the Chinese one stays (and is listed by the check). */
export function orgName(o: Organization, lang: Lang): string {
  return lang === 'en' && o.nameEn.trim() ? o.nameEn.trim() : o.name
}

export function orgNames(ids: readonly string[], c: Ctx): string[] {
  return c.look.orgs(ids).map((o) => orgName(o, c.lang))
}

export function staffName(s: Staff, lang: Lang): string {
  return lang === 'en' ? romanizeName(s.name) : s.name
}

export function staffTitle(s: Staff, lang: Lang): string {
  return inLang(lang, s.title, s.titleEn)
}

/** The school as the report names it; in English only when it was entered in English. */
export function schoolName(c: Ctx): string {
  return inLang(c.lang, c.input.settings.school)
}

/** An activity's title in the report's language, or a plain English one made from its kind and organisations. */
export function activityTitle(a: Activity, c: Ctx): string {
  const own = inLang(c.lang, a.title)
  if (own) return own
  // An organisation without an English name keeps its own (the check lists it) rather than leave the item unnamed.
  const orgs = orgNames(a.organizationIds, c)
  const kind = enumLabel('activityKind', a.kind, c.lang)
  const names = joinList(orgs, c.lang)
  if (a.kind === 'enterpriseVisit' && orgs.length) return `Visit to ${names}`
  if (a.kind === 'meeting' && orgs.length) return `Call on ${names}`
  return orgs.length ? `${kind} at ${names}` : kind
}

/** The activity's outcomes in the report's language. */
export function outcomesOf(a: Activity, lang: Lang): string {
  return inLang(lang, a.outcomes, a.outcomesEn).trim()
}
