import type { Attachment } from '../../shared/domain/attachments'
import { ATTACHMENT_MAX_FILE_BYTES, ATTACHMENT_MAX_MEGAPIXELS } from '../../shared/attachments'
import type { AttachmentContent, AttachmentRefusal, AttachmentThumbnail } from '../../shared/attachments'
import { z } from 'zod'
import type { attachmentAddInput } from '../../shared/attachments'
import { blobFiles } from '../attachments/blob-files'
import type { BlobFiles } from '../attachments/blob-files'
import { imageSize, sniffAttachment } from '../attachments/sniff'
import { ThumbnailError, workerThumbnailer } from '../attachments/thumbnails'
import { AppError } from '../errors'
import { SINGLE, planBatch } from './batch'
import type { Ctx } from './context'

const MB = 1024 * 1024

function refuse(code: AttachmentRefusal, message: string, field = 'data'): AppError {
  return new AppError('VALIDATION', message, { [field]: [`attachment.${code}`] })
}

/** Strict base64: a body that is not one would otherwise decode to garbage silently. */
function decodeBase64(data: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) throw new AppError('VALIDATION', 'The file data is not base64', { data: ['Not base64'] })
  return Buffer.from(data, 'base64')
}

/** A PDF gets a document tile; a photo that cannot be decoded a photo tile. */
const noThumbnail = (mime: string): AttachmentThumbnail => ({ kind: 'none', reason: mime === 'application/pdf' ? 'document' : 'undecodable' })

export function createAttachmentService(ctx: Ctx) {
  const { store } = ctx
  const thumbnailer = ctx.thumbnailer ?? workerThumbnailer()
  const blobs: BlobFiles = blobFiles(ctx.dataDir, ctx.codec)

  async function thumbnailOf(bytes: Uint8Array, mime: string): Promise<Uint8Array | null> {
    if (mime !== 'image/jpeg' && mime !== 'image/png' && mime !== 'image/heic') return null
    // A HEIC's size is inside its boxes: the worker reads it and applies the same limit before decoding.
    const size = mime === 'image/heic' ? null : imageSize(bytes, mime)
    if (mime !== 'image/heic' && !size) throw refuse('unreadable', 'The image could not be read: its header is damaged')
    const mp = size ? (size.width * size.height) / 1e6 : 0
    if (size && mp > ATTACHMENT_MAX_MEGAPIXELS) {
      throw refuse('tooManyPixels', `The image is ${size.width} × ${size.height} pixels (${mp.toFixed(0)} megapixels); images up to ${ATTACHMENT_MAX_MEGAPIXELS} megapixels are accepted`)
    }
    try {
      return await thumbnailer(bytes, mime)
    } catch (e) {
      if (e instanceof ThumbnailError) throw refuse('unreadable', `The image could not be read (${e.message})`)
      throw e
    }
  }

  function mustFind(id: string): Attachment {
    const a = store.get('attachments', id) as unknown as Attachment | undefined
    if (!a) throw new AppError('NOT_FOUND', `No attachment with id ${id}`, { id: ['Not found'] })
    return a
  }

  async function plainOf(a: Attachment): Promise<Buffer> {
    const bytes = await blobs.get(a.sha256)
    if (!bytes) throw new AppError('NOT_FOUND', `The file of ${a.fileName} is missing from the attachments folder`, { id: ['File missing'] })
    return bytes
  }

  return {
    blobs,

    /**
     * Checks the file (size, type by its bytes, pixels), writes it and its thumbnail durably, and
     * only then commits the record, against the owner as it is at that moment: a crash or a refusal
     * in between leaves at most a file nothing points at, never a record without its file.
     */
    async add(input: z.output<typeof attachmentAddInput>): Promise<Attachment> {
      const bytes = decodeBase64(input.data)
      if (bytes.length === 0) throw refuse('empty', 'The file is empty')
      if (bytes.length > ATTACHMENT_MAX_FILE_BYTES) {
        throw refuse('tooLarge', `The file is ${(bytes.length / MB).toFixed(1)} MB; attachments up to ${ATTACHMENT_MAX_FILE_BYTES / MB} MB are accepted`)
      }
      const mime = sniffAttachment(bytes)
      if (!mime) throw refuse('type', 'Only JPEG, PNG and HEIC photos and PDF documents can be attached (judged by the file contents, not its name)')
      const owner = store.get(input.recordType, input.recordId)
      if (!owner || owner.deletedAt !== null) throw refuse('owner', `No ${input.recordType} record with id ${input.recordId}`, 'recordId')
      // A HEIC photo is kept even where it cannot be decoded (a variant libheif does not read, or
      // too many pixels): it opens in the system viewer, with a photo tile instead of a thumbnail.
      const thumb = mime === 'image/heic' ? await thumbnailOf(bytes, mime).catch(() => null) : await thumbnailOf(bytes, mime)
      const sha256 = await blobs.put(bytes)
      if (thumb) await blobs.putThumbnail(sha256, thumb)
      const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
      const fields = {
        recordType: input.recordType, recordId: input.recordId, fileName: input.fileName, mime, size: bytes.length, sha256,
        caption: input.caption, inReport: input.inReport ?? false,
      }
      const { id } = await store.transact((head) => {
        const now = head.get(input.recordType, input.recordId)
        if (!now || now.deletedAt !== null) throw refuse('owner', `No ${input.recordType} record with id ${input.recordId}`, 'recordId')
        const [{ collection, record }] = planBatch(head, [{ op: 'create', collection: 'attachments', input: fields }], stamp, () => SINGLE)
        return { tx: { puts: [{ collection, record }] }, result: { id: record.id } }
      })
      return mustFind(id)
    },

    async content(id: string): Promise<AttachmentContent> {
      const a = mustFind(id)
      return { fileName: a.fileName, mime: a.mime, data: (await plainOf(a)).toString('base64') }
    },

    /** The stored thumbnail, or one made now (after a backup restore or a package brought only the file). */
    async thumbnail(id: string): Promise<AttachmentThumbnail> {
      const a = mustFind(id)
      if (a.mime !== 'image/jpeg' && a.mime !== 'image/png' && a.mime !== 'image/heic') return noThumbnail(a.mime)
      const kept = await blobs.getThumbnail(a.sha256)
      if (kept) return { kind: 'image', data: kept.toString('base64') }
      try {
        const made = await thumbnailOf(await plainOf(a), a.mime)
        if (!made) return noThumbnail(a.mime)
        await blobs.putThumbnail(a.sha256, made)
        return { kind: 'image', data: Buffer.from(made).toString('base64') }
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION') return noThumbnail(a.mime)
        throw e
      }
    },

    /** Only the caption and the report flag change; the file, its owner and facts stay as added. */
    checkEditable(changes: Record<string, unknown>): void {
      for (const field of ['recordType', 'recordId', 'sha256', 'size', 'mime']) {
        if (field in changes) throw new AppError('VALIDATION', `An attachment's ${field} cannot be changed; add the file again instead`, { [`changes.${field}`]: ['attachment.fixed'] })
      }
    },

    /** The generic create may only point at a file already stored (a merge or an undo does; a person adds through `add`). */
    async checkStored(sha256: string): Promise<void> {
      if (!(await blobs.has(sha256))) throw new AppError('VALIDATION', 'No stored file has this sha256: add files with attachments.add', { sha256: ['attachment.noFile'] })
    },
  }
}
export type AttachmentService = ReturnType<typeof createAttachmentService>
