import { z } from 'zod'
import { organizationKind } from '../enums'
import { defineRecord, requiredText, shortText } from './common'

export const organizations = defineRecord({
  name: requiredText(200),
  /** the name in English, for English reports */
  nameEn: shortText(300).default(''),
  kind: z.enum(organizationKind.values).default('enterprise'),
  industry: shortText(100).default(''),
  city: shortText(60).default(''),
  province: shortText(60).default(''),
  address: shortText(300).default(''),
  website: shortText(300).default(''),
  alumniFounded: z.boolean().default(false),
  /** short names and former names the user confirmed (江铜 for 江西铜业股份有限公司): matched on import, found by Ctrl+K */
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** 统一社会信用代码, when known */
  creditCode: shortText(18).default(''),
})
export type Organization = z.infer<typeof organizations.record>
export type OrganizationInput = z.input<typeof organizations.input>
