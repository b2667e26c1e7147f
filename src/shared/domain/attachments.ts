import { z } from 'zod'
import { MESSAGES } from '../messages'
import { defineRecord, idSchema, requiredText, shortText } from './common'

export const attachmentOwnerKinds = [
  'organizations', 'contacts', 'staff', 'trips', 'activities', 'agreements', 'alumniGroups', 'followUps',
] as const

/** Metadata only: the file itself sits beside the database, named by its sha256. */
export const attachments = defineRecord({
  recordType: z.enum(attachmentOwnerKinds),
  recordId: idSchema,
  fileName: requiredText(255),
  mime: shortText(100).default('application/octet-stream'),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, MESSAGES.sha256),
  caption: shortText(500).default(''),
  /** a photo shown as a figure, with its caption, in the trip report */
  inReport: z.boolean().default(false),
})
export type Attachment = z.infer<typeof attachments.record>
export type AttachmentInput = z.input<typeof attachments.input>
