import { z } from 'zod'
import { degree } from '../enums'
import { MESSAGES } from '../messages'
import { defineRecord, optionalId, requiredText, shortText } from './common'

export const alumniProfile = z.strictObject({
  classYear: z.number().int().min(1940).max(2100).nullable().default(null),
  degree: z.enum(degree.values).default('unknown'),
  major: shortText(100).default(''),
})
export type AlumniProfile = z.infer<typeof alumniProfile>

export const contacts = defineRecord({
  name: requiredText(100),
  organizationId: optionalId,
  position: shortText(100).default(''),
  /** an academic or professional title said with the name: 博士, 教授 (詹益斌博士) */
  honorific: shortText(30).default(''),
  /** the position in English, for English reports of records entered in Chinese */
  positionEn: shortText(150).default(''),
  phone: shortText(40)
    .regex(/^[0-9+()\-\s]*$/, MESSAGES.phoneChars)
    .default(''),
  email: z.union([z.literal(''), z.email()]).default(''),
  wechat: shortText(60).default(''),
  city: shortText(60).default(''),
  /** null: not an alumnus of the school */
  alumni: alumniProfile.nullable().default(null),
})
export type Contact = z.infer<typeof contacts.record>
export type ContactInput = z.input<typeof contacts.input>
