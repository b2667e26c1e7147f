import { promises as fsp } from 'node:fs'

/** The few file operations the store uses, so tests can record their order or make one fail. */
export interface StoreFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position?: number | null): Promise<{ bytesWritten: number }>
  sync(): Promise<void>
  datasync(): Promise<void>
  truncate(len?: number): Promise<void>
  stat(): Promise<{ size: number }>
  close(): Promise<void>
}

export interface StoreFs {
  open(path: string, flags: string, mode?: number): Promise<StoreFileHandle>
  readFile(path: string): Promise<Buffer>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  readdir(path: string): Promise<string[]>
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>
  copyFile(from: string, to: string): Promise<void>
  stat(path: string): Promise<{ size: number }>
  chmod(path: string, mode: number): Promise<void>
}

export const nodeFs: StoreFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  readFile: (path) => fsp.readFile(path),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  readdir: (path) => fsp.readdir(path),
  mkdir: (path, opts) => fsp.mkdir(path, opts),
  // COPYFILE_EXCL: a backup name is never reused, so an existing file means a bug, not something to overwrite.
  copyFile: (from, to) => fsp.copyFile(from, to, fsp.constants.COPYFILE_EXCL),
  stat: (path) => fsp.stat(path),
  chmod: (path, mode) => fsp.chmod(path, mode),
}

export function errorCode(err: unknown): string | undefined {
  if (err !== null && typeof err === 'object' && 'code' in err) {
    const code = (err as { code: unknown }).code
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}

export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}

/** Writes all of buffer: a short write is legal for write(2), so one call is not enough. */
export async function writeAll(handle: StoreFileHandle, buffer: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset, null)
    if (bytesWritten <= 0) throw new Error('write made no progress')
    offset += bytesWritten
  }
}

/**
 * A rename or a new file is durable only once its directory entry is.
 * Windows cannot open a directory for fsync (and NTFS journals the rename), so there it is skipped.
 */
export async function syncDir(fs: StoreFs, dir: string): Promise<void> {
  let handle: StoreFileHandle
  try {
    handle = await fs.open(dir, 'r')
  } catch (err) {
    if (process.platform === 'win32') return
    throw err
  }
  try {
    await handle.sync()
  } catch (err) {
    const code = errorCode(err)
    if (process.platform !== 'win32' && code !== 'EINVAL') throw err
  } finally {
    await handle.close()
  }
}

export async function unlinkIfExists(fs: StoreFs, path: string): Promise<void> {
  try {
    await fs.unlink(path)
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err
  }
}

export async function readIfExists(fs: StoreFs, path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path)
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null
    throw err
  }
}
