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
})
export type Organization = z.infer<typeof organizations.record>
export type OrganizationInput = z.input<typeof organizations.input>
