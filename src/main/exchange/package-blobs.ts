// The attachment files a package carries beside its records: { sha256: base64 }. Each is checked
// against its name on the way in, so a file damaged or swapped in transit is refused, never stored.
import { z } from 'zod'
import { ATTACHMENT_MAX_FILE_BYTES } from '../../shared/attachments'
import type { StoredRecord } from '../store'
import type { BlobFiles } from '../attachments/blob-files'
import { sha256Of } from '../attachments/blob-files'
import { PackageError } from './package-file'

const SHA = /^[0-9a-f]{64}$/
const blobsShape = z.record(z.string(), z.string()).default({})

/** The files of the attachment records being sent (tombstones too: a restore on the other laptop needs the file). */
export async function packageBlobs(blobs: BlobFiles, attachments: readonly StoredRecord[] | undefined): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const r of attachments ?? []) {
    const sha = r.sha256
    if (typeof sha !== 'string' || sha in out) continue
    const bytes = await blobs.get(sha)
    if (bytes) out[sha] = bytes.toString('base64')
  }
  return out
}

/** `value`: the payload's `blobs` as read (undefined in a package without files). */
export function readPackageBlobs(value: unknown): Map<string, Buffer> {
  const raw = blobsShape.safeParse(value)
  if (!raw.success) throw new PackageError('invalid', 'The package holds invalid attachment files.')
  const out = new Map<string, Buffer>()
  for (const [sha, data] of Object.entries(raw.data)) {
    if (!SHA.test(sha)) throw new PackageError('invalid', 'The package holds an attachment file with an invalid name.')
    const bytes = Buffer.from(data, 'base64')
    if (bytes.length > ATTACHMENT_MAX_FILE_BYTES || sha256Of(bytes) !== sha) throw new PackageError('invalid', `The package's attachment file ${sha.slice(0, 12)}… is damaged.`)
    out.set(sha, bytes)
  }
  return out
}
