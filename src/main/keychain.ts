// Electron glue: the OS keychain (safeStorage) as the KeyWrapper that keeps the data key of an
// encrypted folder on this machine. Only index.ts imports this; everything else runs under plain Node.
import { safeStorage } from 'electron'
import type { KeyWrapper } from './store/key-file'

/**
 * null where safeStorage cannot encrypt at all. On Linux without a secret service Electron falls back
 * to 'basic_text', a fixed key anyone can read: reported as not secure, so the passphrase is required.
 */
export function safeStorageKeychain(): KeyWrapper | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi'
  return {
    backend,
    secure: backend !== 'basic_text' && backend !== 'unknown',
    wrap: async (dataKey) => safeStorage.encryptString(dataKey.toString('base64')),
    unwrap: async (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  }
}
