import type { StorageMessages } from './storage.zh-CN'

export const storageEn: StorageMessages = {
  'disk-full': 'The disk is full, so this change was not saved. Free some space on the disk that holds the data folder, then save again.',
  'read-only': 'The data folder is on a read-only disk, so this change was not saved. Make it writable or choose a writable data folder, then save again.',
  permission: 'The app is not allowed to write to the data folder, so this change was not saved. Check the folder\'s permissions, then save again.',
  missing: 'The data folder cannot be found (moved, deleted, or on a removed disk), so this change was not saved. Put the folder back and restart the app.',
  io: 'The disk reported a read or write error, so this change was not saved. Check the disk, then try again.',
}
