import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { errorCode, readIfExists, unlinkIfExists, writeAll } from './fs-port'
import type { StoreFs } from './fs-port'

export const LOCK_FILE = 'liaison.lock'
/** Held only while a stale lock is being removed, so two starts cannot both remove-and-create. */
const BREAK_FILE = 'liaison.lock.break'

interface LockInfo {
  pid: number
  hostname: string
  startedAt: string
  /** the kernel's start time of pid (Linux: /proc/<pid>/stat field 22): tells our process from a later one with the same pid */
  procStart: string | null
  /** random per acquisition: the lock file is ours exactly while it holds this token */
  token: string
}

export class FolderInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Pick<LockInfo, 'pid' | 'hostname' | 'startedAt'>,
  ) {
    super(
      `The data folder ${dir} is in use by process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt}). ` +
        'Close the other Liaison Desk window, or choose another folder.',
    )
    this.name = 'FolderInUseError'
  }
}

/** Our lock file vanished or now names someone else: writing on would make two writers. */
export class LockLostError extends Error {
  constructor(readonly dir: string) {
    super(
      `The lock on the data folder ${dir} was removed or taken over by another program, so nothing more is saved here ` +
        'to avoid two programs writing the same data. Close Liaison Desk and start it again.',
    )
    this.name = 'LockLostError'
  }
}

/** Tokens of the locks this process holds: a lock naming our own pid is ours only if its token is in here. */
const heldHere = new Set<string>()

function parseLock(buf: Buffer): LockInfo | null {
  try {
    const v: unknown = JSON.parse(buf.toString('utf8'))
    if (v === null || typeof v !== 'object') return null
    const o = v as Record<string, unknown>
    // pid 0 or below would make kill(pid, 0) test a process group: such a file is damage, not an owner.
    if (!Number.isSafeInteger(o.pid) || (o.pid as number) <= 0) return null
    if (typeof o.hostname !== 'string' || typeof o.startedAt !== 'string') return null
    return {
      pid: o.pid as number,
      hostname: o.hostname,
      startedAt: o.startedAt,
      procStart: typeof o.procStart === 'string' ? o.procStart : null,
      token: typeof o.token === 'string' ? o.token : '',
    }
  } catch {
    return null
  }
}

/** Linux only; elsewhere null, and a live pid is then always taken to be the owner (never steal a live lock). */
export async function processStartTime(pid: number): Promise<string | null> {
  if (process.platform !== 'linux') return null
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const start = fields[22 - 3]
    return start && /^\d+$/.test(start) ? start : null
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

async function isStale(info: LockInfo): Promise<boolean> {
  if (info.hostname !== hostname()) return false // another machine on a shared folder: we cannot tell, so never steal
  if (info.pid === process.pid) return !heldHere.has(info.token)
  if (!processAlive(info.pid)) return true
  if (info.procStart === null) return false
  const now = await processStartTime(info.pid)
  // The pid lives, but it was started after the lock was written: another program reusing the number.
  return now !== null && now !== info.procStart
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export interface FolderLock {
  /** throws LockLostError if the lock file is gone or no longer ours (and from then on always) */
  verify(): Promise<void>
  release(): Promise<void>
}

async function createExclusive(fs: StoreFs, path: string, body: Buffer): Promise<boolean> {
  let handle
  try {
    handle = await fs.open(path, 'wx', 0o600)
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false
    throw err
  }
  try {
    await writeAll(handle, body)
    await handle.sync()
  } catch (err) {
    await handle.close().catch(() => undefined)
    await unlinkIfExists(fs, path).catch(() => undefined)
    throw err
  }
  await handle.close()
  return true
}

/**
 * Removes the lock file only if it still holds `expected`, under the break file, so that a start that
 * read the stale lock earlier cannot delete the fresh lock another start has just created.
 */
async function breakStaleLock(fs: StoreFs, dir: string, expected: Buffer, me: Buffer): Promise<void> {
  const lockPath = join(dir, LOCK_FILE)
  const breakPath = join(dir, BREAK_FILE)
  if (!(await createExclusive(fs, breakPath, me))) {
    const holder = await readIfExists(fs, breakPath)
    const info = holder ? parseLock(holder) : null
    // A breaker that died mid-break leaves its file behind; anyone else is done within milliseconds.
    if (holder && info && (await isStale(info))) await unlinkIfExists(fs, breakPath)
    else await sleep(20)
    return
  }
  try {
    const current = await readIfExists(fs, lockPath)
    if (current && current.equals(expected)) await unlinkIfExists(fs, lockPath)
  } finally {
    await unlinkIfExists(fs, breakPath)
  }
}

/**
 * One writer per folder: 'wx' creation fails if the file exists, so two openers cannot both create it.
 * A lock is stale only when its owner is provably gone: same host, and its pid dead or now a process
 * started at another time.
 */
export async function acquireLock(fs: StoreFs, dir: string, now: () => Date): Promise<FolderLock> {
  const lockPath = join(dir, LOCK_FILE)
  const mine: LockInfo = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: now().toISOString(),
    procStart: await processStartTime(process.pid),
    token: randomBytes(12).toString('hex'),
  }
  const body = Buffer.from(`${JSON.stringify(mine)}\n`, 'utf8')
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await createExclusive(fs, lockPath, body)) {
      heldHere.add(mine.token)
      return heldLock(fs, dir, lockPath, mine.token)
    }
    const existing = await readIfExists(fs, lockPath)
    if (existing === null) continue
    const info = parseLock(existing)
    if (info === null) {
      // Empty or half-written: either an opener is between create and write, or one crashed there.
      await sleep(100)
      const again = await readIfExists(fs, lockPath)
      if (again !== null && again.equals(existing)) await breakStaleLock(fs, dir, existing, body)
      continue
    }
    if (!(await isStale(info))) throw new FolderInUseError(dir, info)
    await breakStaleLock(fs, dir, existing, body)
  }
  throw new Error(`Could not lock the data folder ${dir}: the lock file keeps changing`)
}

function heldLock(fs: StoreFs, dir: string, lockPath: string, token: string): FolderLock {
  let lost = false
  const owned = async (): Promise<boolean> => {
    const current = await readIfExists(fs, lockPath)
    return current !== null && parseLock(current)?.token === token
  }
  return {
    verify: async () => {
      if (!lost && !(await owned())) lost = true
      if (lost) throw new LockLostError(dir)
    },
    release: async () => {
      heldHere.delete(token)
      // Only remove our own lock: one another process took over must not be undone.
      if (!lost && (await owned())) await unlinkIfExists(fs, lockPath)
    },
  }
}
