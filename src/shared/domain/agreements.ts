import { z } from 'zod'
import { agreementKind, agreementScope, agreementStatus } from '../enums'
import { defineRecord, idSchema, optionalDate, optionalId, requiredText, shortText, textList } from './common'

export const agreements = defineRecord({
  kind: z.enum(agreementKind.values).default('internshipBase'),
  title: requiredText(200),
  organizationId: idSchema,
  signedDate: optionalDate,
  unveiledDate: optionalDate,
  startDate: optionalDate,
  endDate: optionalDate,
  scope: z.array(z.enum(agreementScope.values)).max(10).default([]),
  capacityPerYear: z.number().int().min(0).max(100000).nullable().default(null),
  majors: textList(50).default([]),
  ownerId: optionalId,
  partnerContactId: optionalId,
  status: z.enum(agreementStatus.values).default('signed'),
  documentNumber: shortText(100).default(''),
})
export type Agreement = z.infer<typeof agreements.record>
export type AgreementInput = z.input<typeof agreements.input>
