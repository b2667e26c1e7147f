// scrypt for every passphrase in the app (the merge package, the data folder's key file): one cost,
// one normalisation, so a passphrase typed on one laptop opens on another.
import { scrypt as scryptCb } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

export const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const

export function deriveKey(passphrase: string, salt: Buffer, opts: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...opts, maxmem: 256 * opts.N * opts.r + 16 * 1024 * 1024 }
  return new Promise((ok, fail) => scryptCb(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? fail(err) : ok(key))))
}
