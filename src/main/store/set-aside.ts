import { join } from 'node:path'
import { fileStamp, freeName } from './backup-files'
import { syncDir } from './fs-port'
import type { StoreFs } from './fs-port'

/**
 * Renames a damaged file to <name>.damaged-<stamp>: a rename keeps it byte-identical for whoever
 * investigates, and nothing the store writes ever matches that name.
 */
export async function setAside(fs: StoreFs, dir: string, name: string, at: Date): Promise<string> {
  const stamp = fileStamp(at)
  const target = await freeName(fs, dir, (n) => `${name}.damaged-${stamp}${n === 0 ? '' : `-${n}`}`)
  await fs.rename(join(dir, name), join(dir, target))
  await syncDir(fs, dir)
  return target
}
