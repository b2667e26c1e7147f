import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { errorCode, syncDir, unlinkIfExists, writeAll } from './fs-port'
import type { StoreFileHandle, StoreFs } from './fs-port'

const TEMP_SUFFIX = /\.\d+-[0-9a-f]{12}\.tmp$/

/** pid + random: two writers (or a writer and a crashed one's leftovers) never share a temp file. */
export function tempPathFor(target: string): string {
  return `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`
}

export function isTempFile(name: string): boolean {
  return TEMP_SUFFIX.test(name)
}

export type ChunkSink = (chunk: Uint8Array) => Promise<void>

/**
 * temp (0600, exclusive) -> write -> fsync -> rename -> fsync dir.
 * Readers see the old file or the new one, never a mix, and the caller hears "done" only once the rename is durable.
 */
export async function writeFileAtomic(
  fs: StoreFs,
  target: string,
  produce: (sink: ChunkSink) => Promise<void>,
): Promise<void> {
  const temp = tempPathFor(target)
  let handle: StoreFileHandle | null = await fs.open(temp, 'wx', 0o600)
  try {
    const open = handle
    await produce((chunk) => writeAll(open, chunk))
    await open.sync()
    handle = null
    await open.close()
    await fs.rename(temp, target)
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined)
    await unlinkIfExists(fs, temp).catch(() => undefined)
    throw err
  }
  await syncDir(fs, dirname(target))
}

/** Copies a file through a temp name so a crash mid-copy never leaves a half file under the final name. */
export async function copyFileAtomic(fs: StoreFs, from: string, to: string): Promise<void> {
  const temp = tempPathFor(to)
  try {
    await fs.copyFile(from, temp)
    const handle = await fs.open(temp, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, to)
  } catch (err) {
    await unlinkIfExists(fs, temp).catch(() => undefined)
    throw err
  }
  await syncDir(fs, dirname(to))
}

/** Leftovers of writes a crash interrupted; nothing ever reads them, so they can go. */
export async function removeStaleTemps(fs: StoreFs, dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return []
    throw err
  }
  const removed: string[] = []
  for (const name of names) {
    if (!isTempFile(name)) continue
    await unlinkIfExists(fs, join(dir, name))
    removed.push(basename(name))
  }
  return removed
}
