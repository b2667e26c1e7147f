import i18n from 'i18next'
import type { TFunction } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { z } from 'zod'
import { enums, LANGS } from '../../../shared/enums'
import { MESSAGES } from '../../../shared/messages'
import type { EnumName, Lang } from '../../../shared/enums'
import { zhCN } from './zh-CN'
import type { Messages } from './zh-CN'
import { en } from './en'

/** Enum labels as i18n resources, built from src/shared/enums.ts (the one copy of them). */
export type EnumResources = { [K in EnumName]: Record<(typeof enums)[K]['values'][number], string> }

function enumResources(lang: Lang): EnumResources {
  const out: Record<string, Record<string, string>> = {}
  for (const [name, def] of Object.entries(enums)) {
    const labels = def.labels as Record<string, Record<Lang, string>>
    out[name] = Object.fromEntries(Object.entries(labels).map(([value, label]) => [value, label[lang]]))
  }
  return out as EnumResources
}

export type Translation = Messages & { enums: EnumResources }

export const resources: Record<Lang, { translation: Translation }> = {
  'zh-CN': { translation: { ...zhCN, enums: enumResources('zh-CN') } },
  en: { translation: { ...en, enums: enumResources('en') } },
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Translation }
  }
}

export const DEFAULT_LANG: Lang = 'zh-CN'

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

export function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : DEFAULT_LANG
}

/** The label of an enum value in the current language. */
export function enumText(t: TFunction, name: EnumName, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const key = `enums.${name}.${value}` as const
  return t(key as never, { defaultValue: value }) as string
}

/**
 * Zod messages in the UI language: zod's own locale as the base, with friendlier
 * wording for the issues a form shows most.
 */
function zodLocale(lang: Lang): z.core.$ZodErrorMap {
  const base = lang === 'en' ? z.locales.en() : z.locales.zhCN()
  const t = i18n.getFixedT(lang)
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined || issue.input === '') return t('validation.required')
        if (issue.expected === 'int') return t('validation.notInteger')
        break
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t('validation.required')
        if (issue.origin === 'array' && Number(issue.minimum) <= 1) return t('validation.required')
        if (issue.origin === 'number' || issue.origin === 'int') return t('validation.tooSmall', { min: String(issue.minimum) })
        break
      case 'too_big':
        if (issue.origin === 'string') return t('validation.tooLong', { max: String(issue.maximum) })
        if (issue.origin === 'array') return t('validation.tooManyItems', { max: String(issue.maximum) })
        if (issue.origin === 'number' || issue.origin === 'int') return t('validation.tooBig', { max: String(issue.maximum) })
        break
      case 'invalid_format':
        if (issue.format === 'date') return t('validation.invalidDate')
        if (issue.format === 'email') return t('validation.invalidEmail')
        break
      case 'invalid_value':
        return t('validation.invalidOption')
      default:
        break
    }
    return base.localeError(issue)
  }
}

/**
 * Messages written into the shared schemas (custom, English) mapped to i18n keys,
 * so a field error reads in the UI language whichever side produced it.
 */
const knownMessages: Record<string, `validation.${'phoneChars' | 'endBeforeStart' | 'backupName' | 'dateRange' | 'passphraseShort' | 'passphraseMismatch' | 'passphraseWrong' | 'passphraseNeeded'}`> = {
  [MESSAGES.phoneChars]: 'validation.phoneChars',
  [MESSAGES.endBeforeStart]: 'validation.endBeforeStart',
  [MESSAGES.backupName]: 'validation.backupName',
  [MESSAGES.dateRange]: 'validation.dateRange',
  [MESSAGES.passphraseShort]: 'validation.passphraseShort',
  [MESSAGES.passphraseMismatch]: 'validation.passphraseMismatch',
  [MESSAGES.passphraseWrong]: 'validation.passphraseWrong',
  [MESSAGES.passphraseNeeded]: 'validation.passphraseNeeded',
}

export function translateMessage(message: string): string {
  const key = knownMessages[message]
  return key ? i18n.t(key) : message
}

export async function applyLanguage(lang: Lang): Promise<void> {
  await i18n.changeLanguage(lang)
  z.config({ localeError: zodLocale(lang) })
  document.documentElement.lang = lang
  document.title = i18n.t('app.title')
}

export function initI18n(lang: Lang): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LANGS],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  z.config({ localeError: zodLocale(lang) })
  document.documentElement.lang = lang
  document.title = i18n.t('app.title')
  return i18n
}

export { i18n }
