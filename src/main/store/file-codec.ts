/**
 * How a file's bytes are kept on disk. Plain today; the encryption-at-rest option (issue 13)
 * swaps in an AES-256-GCM codec. Everything that writes personal data beside the database
 * (attachments, their thumbnails) goes through the codec the app holds *now*, read at each
 * call, because turning encryption on or off changes it while the app runs.
 */
export interface FileCodec {
  readonly encrypted: boolean
  /** bytes to write to disk for these plain bytes */
  seal(plain: Uint8Array): Buffer
  /** plain bytes from what was on disk; throws if they were tampered with or the key is wrong */
  open(stored: Uint8Array): Buffer
}

export const plainCodec: FileCodec = {
  encrypted: false,
  seal: (plain) => Buffer.from(plain),
  open: (stored) => Buffer.from(stored),
}
