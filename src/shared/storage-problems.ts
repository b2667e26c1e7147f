// Why the data folder could not be opened, in words a user can act on, in both languages: the start-up
// dialog (Electron) and the browser-mode console show them before any screen or language setting exists.
// A failed save has its own reasons and messages (STORAGE errors, src/main/errors.ts).
import type { StorageReason } from './contract'

/** A save's reasons, plus one that only opening has: something other than a folder is in the way. */
export type OpenFailureReason = StorageReason | 'not-a-folder'

/**
 * The errno code of a failed file operation while opening, as a reason. Unlike during a save, EEXIST,
 * ENOTDIR and EISDIR here mean a file sits where the folder (or db.json's folder entry) should be.
 */
export function openFailureReasonOf(code: string | undefined): OpenFailureReason {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full'
    case 'EROFS':
      return 'read-only'
    case 'EACCES':
    case 'EPERM':
      return 'permission'
    case 'ENOENT':
      return 'missing'
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EEXIST':
      return 'not-a-folder'
    default:
      return 'io'
  }
}

export type StorageLang = 'zh-CN' | 'en'

const OPEN: Record<StorageLang, Record<OpenFailureReason, (dir: string) => string>> = {
  en: {
    'disk-full': (dir) => `The disk holding the data folder ${dir} is full. Free some space (or choose a folder on another disk) and start again.`,
    'read-only': (dir) => `The data folder ${dir} is on a read-only disk or share. Make it writable, or choose another folder, and start again.`,
    permission: (dir) => `Liaison Desk may not write in the data folder ${dir}. Give your user account write permission on it, or choose another folder.`,
    missing: (dir) => `The data folder ${dir} (or a folder above it) does not exist and cannot be created. Connect the drive it is on, or choose another folder.`,
    'not-a-folder': (dir) => `The data folder ${dir} is not a folder, or holds something unexpected where the data file should be. Choose another folder.`,
    io: (dir) => `The disk reported an error while reading or writing the data folder ${dir}. Check the disk and start again.`,
  },
  'zh-CN': {
    'disk-full': (dir) => `数据文件夹 ${dir} 所在的磁盘已满。请清理出空间（或改用其他磁盘上的文件夹）后重新启动。`,
    'read-only': (dir) => `数据文件夹 ${dir} 位于只读的磁盘或共享上。请使其可写，或改用其他文件夹，然后重新启动。`,
    permission: (dir) => `本程序没有在数据文件夹 ${dir} 中写入的权限。请为当前用户开通写权限，或改用其他文件夹。`,
    missing: (dir) => `数据文件夹 ${dir}（或其上级文件夹）不存在且无法创建。请连接所在的磁盘，或改用其他文件夹。`,
    'not-a-folder': (dir) => `${dir} 不是文件夹，或其中数据文件的位置上有其他内容。请改用其他文件夹。`,
    io: (dir) => `读写数据文件夹 ${dir} 时磁盘报告了错误。请检查磁盘后重新启动。`,
  },
}

/** What happened and what to do, for an error at start-up or shut-down. */
export function storageOpenMessage(reason: OpenFailureReason, dir: string, lang: StorageLang): string {
  return OPEN[lang][reason](dir)
}
