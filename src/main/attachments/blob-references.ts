// When may an attachment's file go? Files are immutable and shared by every record (and backup)
// that names their sha256, so only when nothing does: no record in the database, live or deleted
// (a tombstone keeps its attachments until it is purged), and no backup that could be restored.
import type { Attachment } from '../../shared/domain/attachments'
import type { BlobFiles } from './blob-files'

/**
 * Removes the files nothing references and returns their names. `backups` yields each retained
 * backup's text; if one cannot be read (throws) nothing is removed: when in doubt, keep.
 * Must not run while an attachment is being added (its file is written before its record): the
 * app runs it once at start, before the router takes requests.
 */
export async function removeUnreferencedBlobs(blobs: BlobFiles, attachments: readonly Attachment[], backups: () => AsyncIterable<string>): Promise<string[]> {
  const inDatabase = new Set(attachments.map((a) => a.sha256))
  let candidates = (await blobs.list()).filter((sha) => !inDatabase.has(sha))
  if (candidates.length === 0) return []
  try {
    for await (const text of backups()) {
      candidates = candidates.filter((sha) => !text.includes(sha))
      if (candidates.length === 0) return []
    }
  } catch {
    return []
  }
  for (const sha of candidates) await blobs.remove(sha)
  return candidates
}
