import { z } from 'zod'
import { alumniGroupKind, alumniGroupStatus } from '../enums'
import { defineRecord, idList, optionalDate, optionalId, requiredText, shortText } from './common'

export const alumniGroups = defineRecord({
  name: requiredText(200),
  kind: z.enum(alumniGroupKind.values).default('liaisonOffice'),
  region: shortText(100).default(''),
  hostOrganizationId: optionalId,
  leaderContactId: optionalId,
  memberContactIds: idList.default([]),
  /** the major the group gathers, for professional liaison offices */
  focus: shortText(100).default(''),
  establishedDate: optionalDate,
  status: z.enum(alumniGroupStatus.values).default('proposed'),
})
export type AlumniGroup = z.infer<typeof alumniGroups.record>
export type AlumniGroupInput = z.input<typeof alumniGroups.input>
