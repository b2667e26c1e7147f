// Every byte of an attachment or a thumbnail that reaches or leaves the disk passes here, through
// the codec the app holds at that moment (store/file-codec.ts): the one place encryption at rest
// needs to look. Files are named by the sha256 of their *plain* bytes, so the same photo is kept
// once and its name never changes when the folder is converted to or from encryption.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { writeFileAtomic } from '../store/atomic-write'
import { errorCode, nodeFs, readIfExists, unlinkIfExists } from '../store/fs-port'
import type { StoreFs } from '../store/fs-port'
import type { FileCodec } from '../store/file-codec'

const SHA = /^[0-9a-f]{64}$/

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export interface BlobFiles {
  readonly dir: string
  /** the attachment's file for these plain bytes, written (temp, fsync, rename) unless already there; resolves once durable */
  put(plain: Uint8Array): Promise<string>
  has(sha256: string): Promise<boolean>
  /** plain bytes, checked against their name; null when there is no such file */
  get(sha256: string): Promise<Buffer | null>
  putThumbnail(sha256: string, jpeg: Uint8Array): Promise<void>
  getThumbnail(sha256: string): Promise<Buffer | null>
  /** the sha256 of every stored file */
  list(): Promise<string[]>
  /** removes a file and its thumbnail; only for files nothing references (see blob-references.ts) */
  remove(sha256: string): Promise<void>
}

function checkName(sha256: string): void {
  // A name from a package or a request must never become a path outside the folder.
  if (!SHA.test(sha256)) throw new Error(`Not an attachment name: ${sha256.slice(0, 80)}`)
}

export function blobFiles(dataDir: string, codec: () => FileCodec, fs: StoreFs = nodeFs): BlobFiles {
  const dir = join(dataDir, 'attachments')
  const thumbs = join(dir, 'thumbnails')
  const pathOf = (sha: string) => join(dir, sha)
  const thumbOf = (sha: string) => join(thumbs, `${sha}.jpg`)

  const exists = async (path: string) => {
    try {
      await fs.stat(path)
      return true
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return false
      throw err
    }
  }
  const write = async (folder: string, path: string, plain: Uint8Array) => {
    await fs.mkdir(folder, { recursive: true })
    const sealed = codec().seal(plain)
    await writeFileAtomic(fs, path, (sink) => sink(sealed))
  }

  return {
    dir,
    async put(plain) {
      const sha = sha256Of(plain)
      if (!(await exists(pathOf(sha)))) await write(dir, pathOf(sha), plain)
      return sha
    },
    async has(sha) {
      checkName(sha)
      return exists(pathOf(sha))
    },
    async get(sha) {
      checkName(sha)
      const stored = await readIfExists(fs, pathOf(sha))
      if (stored === null) return null
      const plain = codec().open(stored)
      if (sha256Of(plain) !== sha) throw new Error(`The attachment file ${sha} is damaged: its contents do not match its name`)
      return plain
    },
    async putThumbnail(sha, jpeg) {
      checkName(sha)
      await write(thumbs, thumbOf(sha), jpeg)
    },
    async getThumbnail(sha) {
      checkName(sha)
      const stored = await readIfExists(fs, thumbOf(sha))
      return stored === null ? null : codec().open(stored)
    },
    async list() {
      try {
        return (await fs.readdir(dir)).filter((n) => SHA.test(n))
      } catch (err) {
        if (errorCode(err) === 'ENOENT') return []
        throw err
      }
    },
    async remove(sha) {
      checkName(sha)
      await unlinkIfExists(fs, thumbOf(sha))
      await unlinkIfExists(fs, pathOf(sha))
    },
  }
}
