// keys.json: the folder's data key, never in plain, wrapped by the OS keychain and/or a passphrase.
// Its presence says "this folder is encrypted"; `state` says whether a conversion is still under way
// (see folder-encryption.ts). The passphrase and the data key never reach a log or an error message.
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { SCRYPT, deriveKey } from '../crypto/passphrase-key'
import { keyIdOf } from './aes-codec'
import { writeFileAtomic } from './atomic-write'
import { readIfExists } from './fs-port'
import type { StoreFs } from './fs-port'

export const KEY_FILE = 'keys.json'
const FORMAT = 1

/**
 * The operating system's keychain (Electron safeStorage). Its wrap opens only for this user on this
 * machine: on another machine unwrap() throws, and the passphrase is needed.
 */
export interface KeyWrapper {
  /** e.g. 'keychain', 'dpapi', 'gnome_libsecret', 'basic_text' */
  readonly backend: string
  /** false where the "keychain" is a fixed key anyone can read (Linux without a secret service): not protection */
  readonly secure: boolean
  wrap(dataKey: Buffer): Promise<Buffer>
  unwrap(blob: Buffer): Promise<Buffer>
}

const b64 = z.base64().max(512)
const passphraseWrap = z.strictObject({
  kind: z.literal('passphrase'),
  kdf: z.literal('scrypt'),
  N: z.number().int().min(2 ** 14).max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: b64,
  iv: b64,
  /** the data key under AES-256-GCM, tag appended; the key id is the additional data */
  sealed: b64,
})
const keychainWrap = z.strictObject({ kind: z.literal('keychain'), backend: z.string().max(40), blob: z.base64().max(4096) })
export const keyFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** 'encrypting'/'decrypting': a conversion was started and must be finished before the store opens */
  state: z.enum(['encrypting', 'on', 'decrypting']),
  wrappers: z.array(z.discriminatedUnion('kind', [passphraseWrap, keychainWrap])).min(1).max(8),
})
export type KeyFile = z.infer<typeof keyFileSchema>
export type KeyWrap = KeyFile['wrappers'][number]

export type UnlockRefusal = 'passphrase-needed' | 'wrong-passphrase' | 'key-file-damaged'

/** Why the data key could not be had. The message never holds the passphrase. */
export class UnlockError extends Error {
  constructor(
    readonly reason: UnlockRefusal,
    message: string,
  ) {
    super(message)
    this.name = 'UnlockError'
  }
}

export async function readKeyFile(fs: StoreFs, dir: string): Promise<KeyFile | null> {
  const raw = await readIfExists(fs, join(dir, KEY_FILE))
  if (raw === null) return null
  let json: unknown
  try {
    json = JSON.parse(raw.toString('utf8'))
  } catch {
    throw new UnlockError('key-file-damaged', `${KEY_FILE} cannot be read: the data key is lost unless a copy of that file exists`)
  }
  const parsed = keyFileSchema.safeParse(json)
  if (!parsed.success) throw new UnlockError('key-file-damaged', `${KEY_FILE} is not valid: ${parsed.error.issues[0]?.path.join('.') ?? ''}`)
  return parsed.data
}

export async function writeKeyFile(fs: StoreFs, dir: string, file: KeyFile): Promise<void> {
  const bytes = Buffer.from(`${JSON.stringify(keyFileSchema.parse(file), null, 2)}\n`, 'utf8')
  await writeFileAtomic(fs, join(dir, KEY_FILE), (sink) => sink(bytes))
}

export async function wrapWithPassphrase(dataKey: Buffer, passphrase: string): Promise<KeyWrap> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const key = await deriveKey(passphrase, salt, SCRYPT)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(keyIdOf(dataKey))
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()])
  return { kind: 'passphrase', kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), sealed: sealed.toString('base64') }
}

export async function wrapWithKeychain(dataKey: Buffer, keychain: KeyWrapper): Promise<KeyWrap> {
  return { kind: 'keychain', backend: keychain.backend, blob: (await keychain.wrap(dataKey)).toString('base64') }
}

async function unwrapPassphrase(w: z.infer<typeof passphraseWrap>, keyId: Buffer, passphrase: string): Promise<Buffer | null> {
  const key = await deriveKey(passphrase, Buffer.from(w.salt, 'base64'), w)
  const sealed = Buffer.from(w.sealed, 'base64')
  if (sealed.length !== 48) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(w.iv, 'base64'))
    decipher.setAAD(keyId)
    decipher.setAuthTag(sealed.subarray(32))
    return Buffer.concat([decipher.update(sealed.subarray(0, 32)), decipher.final()])
  } catch {
    return null
  }
}

function matches(dataKey: Buffer, keyId: Buffer): boolean {
  return dataKey.length === 32 && timingSafeEqual(keyIdOf(dataKey), keyId)
}

/**
 * The data key from the key file: through the keychain when it opens (this machine), else through
 * the passphrase. 'passphrase-needed' when neither was possible without one.
 */
export async function unwrapDataKey(
  file: KeyFile,
  opts: { keychain?: KeyWrapper | null; passphrase?: string },
): Promise<{ dataKey: Buffer; via: 'keychain' | 'passphrase' }> {
  const keyId = Buffer.from(file.keyId, 'hex')
  if (opts.keychain) {
    for (const w of file.wrappers) {
      if (w.kind !== 'keychain') continue
      try {
        const dataKey = await opts.keychain.unwrap(Buffer.from(w.blob, 'base64'))
        if (matches(dataKey, keyId)) return { dataKey, via: 'keychain' }
      } catch {
        // Another machine or user: the keychain cannot open this wrap. The passphrase may.
      }
    }
  }
  const withPassphrase = file.wrappers.filter((w) => w.kind === 'passphrase')
  if (opts.passphrase === undefined || opts.passphrase === '') {
    throw new UnlockError('passphrase-needed', withPassphrase.length > 0 ? 'The data folder is encrypted: enter its passphrase' : 'The data folder is encrypted and this machine\'s keychain cannot open it')
  }
  for (const w of withPassphrase) {
    const dataKey = await unwrapPassphrase(w, keyId, opts.passphrase)
    if (dataKey && matches(dataKey, keyId)) return { dataKey, via: 'passphrase' }
  }
  throw new UnlockError('wrong-passphrase', 'The passphrase is wrong')
}

/** A fresh key file body for this data key and these wraps. */
export function keyFileFor(dataKey: Buffer, state: KeyFile['state'], wrappers: KeyWrap[]): KeyFile {
  return { format: FORMAT, keyId: keyIdOf(dataKey).toString('hex'), state, wrappers }
}
