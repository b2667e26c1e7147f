import { z } from 'zod'
import { attachmentOwnerKinds } from './domain/attachments'
import { idSchema } from './domain/common'

/**
 * Attachments (issue 13): photos and scanned documents beside a record. The file travels once,
 * base64 in the JSON body (attachments.add), so a transport must accept bodies of
 * ATTACHMENT_MAX_BODY_CHARS; the metadata record is written only after the file is on disk.
 */
export const ATTACHMENT_MAX_FILE_BYTES = 25 * 1024 * 1024
export const ATTACHMENT_MAX_BODY_CHARS = Math.ceil(ATTACHMENT_MAX_FILE_BYTES / 3) * 4 + 4096
/** Images larger than this are refused before any pixel is decoded (a 25 MB file can claim 2 gigapixels). */
export const ATTACHMENT_MAX_MEGAPIXELS = 50
/** The longer side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320
export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'image/heic', 'application/pdf'] as const
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number]

/** Why a file was refused; the renderer says each in words (fieldErrors.data holds `attachment.<code>`). */
export const ATTACHMENT_REFUSALS = ['empty', 'tooLarge', 'type', 'unreadable', 'tooManyPixels', 'owner'] as const
export type AttachmentRefusal = (typeof ATTACHMENT_REFUSALS)[number]

export const attachmentOwner = z.strictObject({ recordType: z.enum(attachmentOwnerKinds), recordId: idSchema })

export const attachmentAddInput = z.strictObject({
  recordType: z.enum(attachmentOwnerKinds),
  recordId: idSchema,
  fileName: z.string().trim().min(1).max(255),
  /** the file's bytes, base64 */
  data: z.string().min(1).max(ATTACHMENT_MAX_BODY_CHARS),
  caption: z.string().trim().max(500).default(''),
  inReport: z.boolean().optional(),
})
export type AttachmentAddInput = z.input<typeof attachmentAddInput>

export const attachmentById = z.strictObject({ id: idSchema })

/** A file's plain bytes for "open" or a download. */
export interface AttachmentContent {
  fileName: string
  mime: string
  /** base64 */
  data: string
}

/** A JPEG thumbnail, or why there is none (a PDF gets a document tile; a HEIC this app cannot decode, a photo tile). */
export type AttachmentThumbnail = { kind: 'image'; data: string } | { kind: 'none'; reason: 'document' | 'undecodable' }

/** What "open" did: the desktop app opened a plain copy with the system viewer; the browser shows the bytes itself. */
export interface AttachmentOpened {
  opened: boolean
}
