import { z } from 'zod'
import { MESSAGES } from './messages'

/** Personal data protected at rest (issue 13): what Settings and the unlock screen show. */
export interface EncryptionStatus {
  /** locked: the folder is encrypted and its key has not been given yet; nothing else is served */
  state: 'off' | 'on' | 'locked'
  /**
   * available: the OS keychain can keep the key on this machine. insecure: it exists but is a fixed
   * key anyone can read (Linux without a secret service). none: no keychain (browser mode).
   * Anything but available means the passphrase is the only protection, so it is required.
   */
  keychain: 'available' | 'insecure' | 'none'
  passphraseSet: boolean
  keychainWrapped: boolean
  /**
   * A conversion that failed part way (a full disk): the data is all readable, some files are in the
   * old form. Trying again (or the next start) finishes it.
   */
  pending: 'encrypting' | 'decrypting' | null
}

const passphrase = z.string().min(8, MESSAGES.passphraseShort).max(200)
const confirmed = <T extends { passphrase?: string; confirm?: string }>(v: T): boolean => v.passphrase === v.confirm

export const unlockInput = z.strictObject({ passphrase: z.string().min(1).max(200) })
export const enableEncryptionInput = z
  .strictObject({ passphrase: passphrase.optional(), confirm: z.string().max(200).optional() })
  .refine(confirmed, { message: MESSAGES.passphraseMismatch, path: ['confirm'] })
export const changePassphraseInput = z
  .strictObject({ passphrase, confirm: z.string().max(200) })
  .refine(confirmed, { message: MESSAGES.passphraseMismatch, path: ['confirm'] })
