/**
 * How a file's bytes are kept on disk. Plain, or (encryption at rest, issue 13) sealed with
 * AES-256-GCM by aes-codec.ts. Everything that writes personal data beside the database
 * (attachments, their thumbnails) goes through the codec the app holds *now*, read at each
 * call, because turning encryption on or off changes it while the app runs.
 */
export interface FileCodec {
  readonly encrypted: boolean
  /** bytes to write to disk for these plain bytes */
  seal(plain: Uint8Array): Buffer
  /** plain bytes from what was on disk; throws if they were tampered with or the key is wrong */
  open(stored: Uint8Array): Buffer
  /** seal a file written in pieces (a 60 MB snapshot) without holding all of it twice */
  sealer?(): Sealer
}

export interface Sealer {
  /** the bytes that go first: the envelope's header */
  head: Buffer
  update(chunk: Uint8Array): Buffer
  /** the rest of the ciphertext and the authentication tag */
  final(): Buffer
}

/**
 * The first bytes of every sealed file. No plain file the app keeps starts with them (JSON starts
 * with `{`, JPEG/PNG/PDF with their own magic), so plain and sealed are told apart without a key.
 */
export const SEALED_MAGIC = Buffer.from('LDSEAL', 'latin1')

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= SEALED_MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, SEALED_MAGIC.length).equals(SEALED_MAGIC)
}

/**
 * The data key needed to read a file is not the one at hand (no key, or another folder's key).
 * Never treated as damage: nothing is moved aside or recovered over, the open stops and says so.
 */
export class KeyError extends Error {
  constructor(
    readonly reason: 'no-key' | 'other-key',
    message: string,
  ) {
    super(message)
    this.name = 'KeyError'
  }
}

/** The same bytes as a Buffer, never a copy: copying a 70 MB db.json at open cost ~0.4 s. */
function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export const plainCodec: FileCodec = {
  encrypted: false,
  seal: bufferView,
  open: (stored) => {
    if (isSealed(stored)) throw new KeyError('no-key', 'This file is encrypted and no data key is loaded')
    return bufferView(stored)
  },
}
