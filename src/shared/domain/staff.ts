import { z } from 'zod'
import { defineRecord, requiredText, shortText } from './common'

export const staff = defineRecord({
  name: requiredText(100),
  title: shortText(200).default(''),
  /** the title in English, for English reports of records entered in Chinese */
  titleEn: shortText(300).default(''),
  department: shortText(100).default(''),
  phone: shortText(40).default(''),
  active: z.boolean().default(true),
})
export type Staff = z.infer<typeof staff.record>
export type StaffInput = z.input<typeof staff.input>
