import { hostname } from 'node:os'
import { join } from 'node:path'
import { errorCode, readIfExists, unlinkIfExists, writeAll } from './fs-port'
import type { StoreFs } from './fs-port'

export const LOCK_FILE = 'liaison.lock'

interface LockInfo {
  pid: number
  hostname: string
  startedAt: string
}

export class FolderInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data folder ${dir} is in use by process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt}). ` +
        'Close the other Liaison Desk window, or choose another folder.',
    )
    this.name = 'FolderInUseError'
  }
}

/** Locks this process holds: a lock naming our own pid is ours only if it is in here (pids are reused after a reboot). */
const heldHere = new Set<string>()

function parseLock(buf: Buffer): LockInfo | null {
  try {
    const v: unknown = JSON.parse(buf.toString('utf8'))
    if (v === null || typeof v !== 'object') return null
    const o = v as Record<string, unknown>
    if (typeof o.pid !== 'number' || typeof o.hostname !== 'string' || typeof o.startedAt !== 'string') return null
    return { pid: o.pid, hostname: o.hostname, startedAt: o.startedAt }
  } catch {
    return null
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else, which still means alive.
    return errorCode(err) === 'EPERM'
  }
}

function isStale(lockPath: string, info: LockInfo): boolean {
  if (info.hostname !== hostname()) return false // another machine on a shared folder: we cannot tell, so never steal
  if (info.pid === process.pid) return !heldHere.has(lockPath)
  return !processAlive(info.pid)
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export interface FolderLock {
  release(): Promise<void>
}

/** One writer per folder: 'wx' creation fails if the file exists, so two openers cannot both succeed. */
export async function acquireLock(fs: StoreFs, dir: string, now: () => Date): Promise<FolderLock> {
  const lockPath = join(dir, LOCK_FILE)
  const mine: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: now().toISOString() }
  const body = Buffer.from(`${JSON.stringify(mine)}\n`, 'utf8')
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const handle = await fs.open(lockPath, 'wx', 0o600)
      try {
        await writeAll(handle, body)
        await handle.sync()
      } finally {
        await handle.close()
      }
      heldHere.add(lockPath)
      return {
        release: async () => {
          heldHere.delete(lockPath)
          const current = await readIfExists(fs, lockPath)
          const info = current ? parseLock(current) : null
          // Only remove our own lock: a stale-lock takeover by another process must not be undone.
          if (info && info.pid === mine.pid && info.startedAt === mine.startedAt) await unlinkIfExists(fs, lockPath)
        },
      }
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err
    }
    const existing = await readIfExists(fs, lockPath)
    if (existing === null) continue
    const info = parseLock(existing)
    if (info === null) {
      // Empty or half-written: either an opener is between create and write, or one crashed there.
      await sleep(200)
      const again = await readIfExists(fs, lockPath)
      if (again !== null && parseLock(again) === null) await unlinkIfExists(fs, lockPath)
      continue
    }
    if (!isStale(lockPath, info)) throw new FolderInUseError(dir, info)
    await unlinkIfExists(fs, lockPath)
  }
  throw new Error(`Could not lock the data folder ${dir}: the lock file keeps changing`)
}
