import { join } from 'node:path'
import { errorCode } from './fs-port'
import type { StoreFs } from './fs-port'
import type { BackupEntry } from './types'

export const BACKUP_DIR = 'backups'

const BACKUP_NAME = /^db-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-[a-z0-9]+)*\.json$/

/** A file-system-safe ISO time (no ':' for Windows), also used for .damaged-<stamp> names. */
export function fileStamp(d: Date): string {
  return d.toISOString().replace(/:/g, '-').replace('.', '-')
}

/** db-<UTC time>[-<tag>].json; the time in the name, not the mtime, orders backups (copying keeps no mtime). */
export function backupName(at: Date, tag?: string): string {
  return `db-${fileStamp(at)}${tag ? `-${tag}` : ''}.json`
}

export function backupCreatedAt(name: string): Date | null {
  const m = BACKUP_NAME.exec(name)
  if (!m) return null
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
  return Number.isNaN(d.getTime()) ? null : d
}

export function isBackupName(name: string): boolean {
  return backupCreatedAt(name) !== null
}

/** Newest first. */
export async function listBackupFiles(fs: StoreFs, dataDir: string): Promise<BackupEntry[]> {
  const dir = join(dataDir, BACKUP_DIR)
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return []
    throw err
  }
  const out: Array<BackupEntry & { time: number }> = []
  for (const name of names) {
    const at = backupCreatedAt(name)
    if (!at) continue
    try {
      const { size } = await fs.stat(join(dir, name))
      out.push({ name, createdAt: at.toISOString(), size, time: at.getTime() })
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err
    }
  }
  out.sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : -1))
  return out.map(({ name, createdAt, size }) => ({ name, createdAt, size }))
}

/** A name not yet taken in dir: two backups within one millisecond must not collide. */
export async function freeName(fs: StoreFs, dir: string, base: (n: number) => string): Promise<string> {
  for (let n = 0; ; n += 1) {
    const name = base(n)
    try {
      await fs.stat(join(dir, name))
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return name
      throw err
    }
  }
}
