import type { EncryptionStatus } from '../../shared/encryption'

/** Encryption at rest as the API sees it (desk.ts holds the state; the router only calls these). */
export interface EncryptionControl {
  status(): Promise<EncryptionStatus>
  unlock(passphrase: string): Promise<EncryptionStatus>
  enable(passphrase: string | undefined): Promise<EncryptionStatus>
  disable(): Promise<EncryptionStatus>
  changePassphrase(passphrase: string): Promise<EncryptionStatus>
  removePassphrase(): Promise<EncryptionStatus>
}
