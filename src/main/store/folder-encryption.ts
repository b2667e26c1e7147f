// Turning encryption at rest on and off for a closed data folder, safely against a crash at any point.
//
// Every reader tells a sealed file from a plain one by its first bytes (and a sealed journal line from
// a plain one by its shape), so a folder half converted is readable whole, given the key. The key file
// is written first (state 'encrypting' / 'decrypting'), so after a crash the next open knows a key is
// needed and finishes the conversion before the store opens; each file is replaced by its converted
// copy through temp + fsync + rename, so it is always wholly the old or wholly the new. Only when every
// file is converted does the key file say 'on' (or go away, for 'off').
import { join } from 'node:path'
import { removeStaleTemps, isTempFile, writeFileAtomic } from './atomic-write'
import { SealedDamageError, aesCodec } from './aes-codec'
import { BACKUP_DIR } from './backup-files'
import { isSealed, plainCodec } from './file-codec'
import type { FileCodec } from './file-codec'
import { errorCode, nodeFs, syncDir, unlinkIfExists } from './fs-port'
import type { StoreFs } from './fs-port'
import { listJournalFiles } from './journal-files'
import { isPlausibleTornTail, sealJournalLine, seqHint, unsealJournalLine } from './journal-line'
import { KEY_FILE, keyFileFor, readKeyFile, writeKeyFile } from './key-file'
import type { KeyFile, KeyWrap } from './key-file'
import { acquireLock } from './lock'
import { setAside } from './set-aside'

/** Attachments and their thumbnails (attachments/thumbnails/): every regular file under it is personal data. */
export const ATTACHMENTS_DIR = 'attachments'

/**
 * The store's own files at the top of the folder: the snapshot, the journal and what was set aside
 * of them. Nothing else there is touched: in Electron the folder is also Chromium's user-data folder
 * (Preferences, Local State, caches), and the key file, lock, recovery report (file names and seqs),
 * sidecar hash and device id hold nothing personal and must stay readable without the key.
 * backups/ and attachments/ are the store's alone: every regular file in them is converted.
 */
const SET_ASIDE_JOURNAL = /^journal(?:-\d{12})?\.jsonl\.damaged-/
const STORE_FILE = /^(?:db\.json|journal(?:-\d{12})?\.jsonl)(?:\.damaged-[\w-]+)*$/

export interface FolderOptions {
  dir: string
  fs?: StoreFs
  now?: () => Date
  /** the caller already holds the folder's lock (an open store): do not take it again */
  locked?: boolean
}

export class FolderEncryptionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FolderEncryptionError'
  }
}

type Target = { encrypted: true; codec: FileCodec } | { encrypted: false; codec: FileCodec }

async function namesIn(fs: StoreFs, dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort()
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return []
    throw err
  }
}

async function readRegular(fs: StoreFs, path: string): Promise<Buffer | 'dir' | null> {
  try {
    return await fs.readFile(path)
  } catch (err) {
    const code = errorCode(err)
    if (code === 'EISDIR') return 'dir'
    if (code === 'ENOENT') return null
    throw err
  }
}

/** A journal's lines converted one by one; a torn last line was never acknowledged and is dropped, as an open would. */
function convertJournal(bytes: Buffer, target: Target, reader: FileCodec): Buffer {
  const out: Buffer[] = []
  let start = 0
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start)
    if (end === -1) {
      const rest = bytes.subarray(start)
      // Damage (not a torn append) stays for the store to report.
      if (!isPlausibleTornTail(rest)) out.push(rest)
      break
    }
    const line = bytes.subarray(start, end)
    start = end + 1
    let plain: Buffer | null
    try {
      plain = unsealJournalLine(line, reader)
    } catch (err) {
      if (!(err instanceof SealedDamageError)) throw err
      // Altered under the right key: unreadable either way. A marker keeps it reported as a bad line.
      const seq = seqHint(line.toString('latin1')) ?? 0
      out.push(target.encrypted ? Buffer.concat([line, Buffer.from('\n')]) : Buffer.from(`{"seq":${seq},"damaged":"sealed line failed its check"}\n`))
      continue
    }
    if (target.encrypted) out.push(plain === null ? sealJournalLine(line, target.codec) : Buffer.concat([line, Buffer.from('\n')]))
    else out.push(plain ?? line, Buffer.from('\n'))
  }
  return Buffer.concat(out)
}

/** One file into the target form; false when it already was, 'dir' for a folder. */
async function convertFile(fs: StoreFs, dir: string, name: string, journal: boolean, target: Target, reader: FileCodec, now: () => Date): Promise<boolean | 'dir'> {
  const path = join(dir, name)
  const bytes = await readRegular(fs, path)
  if (bytes === 'dir') return 'dir'
  if (bytes === null) return false
  let next: Buffer
  if (journal) {
    next = convertJournal(bytes, target, reader)
    if (next.equals(bytes)) return false
  } else if (target.encrypted) {
    if (isSealed(bytes)) return false
    next = target.codec.seal(bytes)
  } else {
    next = bytes
    if (isSealed(bytes)) {
      try {
        next = reader.open(bytes)
      } catch (err) {
        if (!(err instanceof SealedDamageError)) throw err
        // It cannot be opened with the right key: kept, under a name nothing reads, like any damaged file.
        await setAside(fs, dir, name, now())
        return true
      }
    }
    // A journal the store set aside while encryption was on holds sealed lines: plain again, line by line.
    if (SET_ASIDE_JOURNAL.test(name)) next = convertJournal(next, target, reader)
    if (next.equals(bytes)) return false
  }
  await writeFileAtomic(fs, path, (sink) => sink(next))
  return true
}

/** Every file of the folder that can hold personal data, into the target form. Idempotent. */
async function convertAll(fs: StoreFs, dir: string, target: Target, reader: FileCodec, now: () => Date): Promise<number> {
  let converted = 0
  const journals = new Set(await listJournalFiles(fs, dir))
  // backups/ and attachments/ (with its thumbnails/ and any other folder in them) are walked whole.
  const folders = [dir, join(dir, BACKUP_DIR), join(dir, ATTACHMENTS_DIR)]
  for (let i = 0; i < folders.length; i += 1) {
    const sub = folders[i]
    await removeStaleTemps(fs, sub)
    for (const name of await namesIn(fs, sub)) {
      if (isTempFile(name) || (sub === dir && !STORE_FILE.test(name))) continue
      const done = await convertFile(fs, sub, name, sub === dir && journals.has(name), target, reader, now)
      if (done === 'dir') folders.push(join(sub, name))
      else if (done) converted += 1
    }
  }
  return converted
}

async function withLock<T>(opts: FolderOptions, fn: (fs: StoreFs, now: () => Date) => Promise<T>): Promise<T> {
  const fs = opts.fs ?? nodeFs
  const now = opts.now ?? ((): Date => new Date())
  if (opts.locked) return fn(fs, now)
  const lock = await acquireLock(fs, opts.dir, now)
  try {
    return await fn(fs, now)
  } finally {
    await lock.release()
  }
}

/** Finishes a conversion a crash interrupted; the key file's state says which way. Call with the store closed. */
export async function finishConversion(opts: FolderOptions, dataKey: Buffer): Promise<'on' | 'off' | 'plain'> {
  return withLock(opts, (fs, now) => resume(fs, opts.dir, dataKey, now))
}

async function resume(fs: StoreFs, dir: string, dataKey: Buffer, now: () => Date): Promise<'on' | 'off' | 'plain'> {
  const file = await readKeyFile(fs, dir)
  if (!file) return 'plain'
  const codec = aesCodec(dataKey)
  if (codec.keyId.toString('hex') !== file.keyId) throw new FolderEncryptionError('The data key does not belong to this folder')
  if (file.state === 'encrypting') {
    await convertAll(fs, dir, { encrypted: true, codec }, codec, now)
    await writeKeyFile(fs, dir, { ...file, state: 'on' })
    return 'on'
  }
  if (file.state === 'decrypting') {
    await convertAll(fs, dir, { encrypted: false, codec: plainCodec }, codec, now)
    // Gone only once every file is plain: until then the next open still asks for the key and goes on.
    await unlinkIfExists(fs, join(dir, KEY_FILE))
    await syncDir(fs, dir)
    return 'off'
  }
  return 'on'
}

/** Turns encryption on for a plain folder: the key file first, then every file sealed, then 'on'. */
export async function encryptFolder(opts: FolderOptions, dataKey: Buffer, wrappers: KeyWrap[]): Promise<void> {
  if (wrappers.length === 0) throw new FolderEncryptionError('The data key needs at least one way to be unlocked')
  await withLock(opts, async (fs, now) => {
    if (await readKeyFile(fs, opts.dir)) throw new FolderEncryptionError('This folder is already encrypted')
    await writeKeyFile(fs, opts.dir, keyFileFor(dataKey, 'encrypting', wrappers))
    await resume(fs, opts.dir, dataKey, now)
  })
}

/** Turns encryption off: 'decrypting' first, then every file plain, then the key file goes. */
export async function decryptFolder(opts: FolderOptions, dataKey: Buffer): Promise<void> {
  await withLock(opts, async (fs, now) => {
    const file = await readKeyFile(fs, opts.dir)
    if (!file) return
    if (aesCodec(dataKey).keyId.toString('hex') !== file.keyId) throw new FolderEncryptionError('The data key does not belong to this folder')
    await writeKeyFile(fs, opts.dir, { ...file, state: 'decrypting' })
    await resume(fs, opts.dir, dataKey, now)
  })
}

/** Replaces the wraps of the data key (passphrase changed or removed, keychain wrap added). The data is not touched. */
export async function rewrapKey(opts: FolderOptions, dataKey: Buffer, wrappers: KeyWrap[]): Promise<KeyFile> {
  if (wrappers.length === 0) throw new FolderEncryptionError('The data key needs at least one way to be unlocked')
  return withLock(opts, async (fs) => {
    const file = await readKeyFile(fs, opts.dir)
    if (!file) throw new FolderEncryptionError('This folder is not encrypted')
    if (aesCodec(dataKey).keyId.toString('hex') !== file.keyId) throw new FolderEncryptionError('The data key does not belong to this folder')
    const next = { ...file, wrappers }
    await writeKeyFile(fs, opts.dir, next)
    return next
  })
}
