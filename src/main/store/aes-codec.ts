// The data folder's files sealed with AES-256-GCM under the folder's data key (Node's crypto only).
//
// Envelope: SEALED_MAGIC (6) | format (1) | key id (8) | nonce (12) | ciphertext | tag (16).
// The header (magic to nonce) is GCM's additional data, so none of it can be swapped. The key id
// names the data key, so a file sealed under another folder's key is a KeyError ("wrong key"),
// told apart from a file whose bytes were altered (a SealedDamageError: damage like any other).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { KeyError, SEALED_MAGIC, isSealed } from './file-codec'
import type { FileCodec, Sealer } from './file-codec'

const FORMAT = 1
const KEY_ID_BYTES = 8
const NONCE_BYTES = 12
const TAG_BYTES = 16
export const HEADER_BYTES = SEALED_MAGIC.length + 1 + KEY_ID_BYTES + NONCE_BYTES

export class SealedDamageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SealedDamageError'
  }
}

/** A name for a data key that says nothing about it: the first 8 bytes of a hash of it. */
export function keyIdOf(dataKey: Buffer): Buffer {
  return createHash('sha256').update('liaison-desk data key id\0').update(dataKey).digest().subarray(0, KEY_ID_BYTES)
}

export function newDataKey(): Buffer {
  return randomBytes(32)
}

function header(keyId: Buffer): Buffer {
  return Buffer.concat([SEALED_MAGIC, Buffer.from([FORMAT]), keyId, randomBytes(NONCE_BYTES)])
}

/**
 * A FileCodec under this data key. Its open() also takes plain bytes as they are: a folder being
 * converted holds both forms for a moment, and each file is told by its first bytes.
 */
export type AesCodec = FileCodec & { sealer(): Sealer; keyId: Buffer; dataKey: Buffer }

/** Where bytes are opened off the main thread (verify-worker.ts): the envelope's layout. */
export const ENVELOPE = { magic: SEALED_MAGIC.length, keyId: KEY_ID_BYTES, nonce: NONCE_BYTES, tag: TAG_BYTES } as const

export function isAesCodec(codec: FileCodec): codec is AesCodec {
  return codec.encrypted && 'dataKey' in codec && Buffer.isBuffer((codec as { dataKey: unknown }).dataKey)
}

export function aesCodec(dataKey: Buffer): AesCodec {
  if (dataKey.length !== 32) throw new Error('A data key is 32 bytes')
  const keyId = keyIdOf(dataKey)
  const sealer = (): Sealer => {
    const head = header(keyId)
    const cipher = createCipheriv('aes-256-gcm', dataKey, head.subarray(HEADER_BYTES - NONCE_BYTES))
    cipher.setAAD(head)
    return {
      head,
      update: (chunk) => cipher.update(chunk),
      final: () => Buffer.concat([cipher.final(), cipher.getAuthTag()]),
    }
  }
  return {
    encrypted: true,
    keyId,
    dataKey,
    sealer,
    seal(plain) {
      const s = sealer()
      return Buffer.concat([s.head, s.update(plain), s.final()])
    },
    open(stored) {
      const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength)
      if (!isSealed(bytes)) return Buffer.from(bytes)
      if (bytes.length < HEADER_BYTES + TAG_BYTES) throw new SealedDamageError('The encrypted file is cut short')
      if (bytes[SEALED_MAGIC.length] !== FORMAT) throw new SealedDamageError(`Unknown encrypted-file format ${bytes[SEALED_MAGIC.length]}`)
      const id = bytes.subarray(SEALED_MAGIC.length + 1, SEALED_MAGIC.length + 1 + KEY_ID_BYTES)
      if (!id.equals(keyId)) throw new KeyError('other-key', 'This file was encrypted with another data key')
      const head = bytes.subarray(0, HEADER_BYTES)
      try {
        const decipher = createDecipheriv('aes-256-gcm', dataKey, head.subarray(HEADER_BYTES - NONCE_BYTES))
        decipher.setAAD(head)
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
        return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)), decipher.final()])
      } catch {
        // The key id matched, so this is the right key: the bytes were altered or damaged.
        throw new SealedDamageError('The encrypted file fails its authentication check (damaged or altered)')
      }
    },
  }
}
