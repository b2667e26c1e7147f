import { z } from 'zod'
import { LANGS } from '../enums'
import { patchOf, shortText } from './common'

export const settingsSchema = z.object({
  university: shortText(100).default(''),
  school: shortText(100).default(''),
  office: shortText(100).default(''),
  signatures: z
    .object({
      source: shortText(200).default(''),
      editor: shortText(100).default(''),
      reviewer: shortText(100).default(''),
    })
    .default({ source: '', editor: '', reviewer: '' }),
  language: z.enum(LANGS).default('zh-CN'),
  reportLanguage: z.enum(LANGS).default('zh-CN'),
  deviceLabel: shortText(60).default(''),
  /** system notifications (Electron) and the page panel (browser) for what is due */
  remindersEnabled: z.boolean().default(true),
})
export type Settings = z.infer<typeof settingsSchema>
const signatureFields = settingsSchema.shape.signatures.unwrap().shape
export const settingsUpdate = patchOf(settingsSchema.shape).extend({
  signatures: patchOf(signatureFields).optional(),
})
export type SettingsUpdate = z.input<typeof settingsUpdate>
