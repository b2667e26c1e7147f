// Custom messages written into the shared schemas. The renderer maps each to
// an i18n key, so it imports them from here instead of repeating the English.
import { DATE_MAX, DATE_MIN } from './dateBounds'

export const MESSAGES = {
  phoneChars: 'Digits, spaces and + ( ) - only',
  endBeforeStart: 'The end date is before the start date',
  backupName: 'Not a backup file name',
  dateRange: `Dates from ${DATE_MIN} to ${DATE_MAX} only`,
  sha256: 'A sha256 is 64 lowercase hex digits',
  passphraseShort: 'At least 8 characters',
  passphraseMismatch: 'The two passphrases differ',
  passphraseWrong: 'The passphrase is wrong',
  passphraseNeeded: 'A passphrase is needed: this computer has no keychain to keep the key',
} as const
export type MessageKey = keyof typeof MESSAGES
