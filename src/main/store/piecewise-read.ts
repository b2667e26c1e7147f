import { open, readFile, stat } from 'node:fs/promises'
import type { BigIntStats } from 'node:fs'
import { errorCode } from './fs-port'

/** Bytes per read: a few ms of copying each, on libuv's thread pool. */
const READ_PIECE = 4 << 20

/**
 * A file being read into one buffer, piece after piece, on libuv's thread pool: the bytes already
 * in can be used while the rest arrive. db.json's 70 MB took 60–80 ms to read at 100,000 contacts,
 * all of it before the parse could start.
 */
export interface PiecewiseRead {
  /**
   * The whole file once `done` resolves; before that only `filled()` bytes of it are in. A file
   * found shorter or longer than fstat said ends up in another buffer than the one first given.
   */
  readonly buf: Buffer
  filled(): number
  /** resolves once at least `n` bytes are in, or the whole file is */
  reach(n: number): Promise<void>
  /** resolves when the whole file is in, rejects if a read failed */
  readonly done: Promise<void>
  /** the file's identity when it was opened (fileIdentity); '' once it turned out another length */
  readonly identity: string
}

/**
 * What changes whenever a file's bytes do: its size, inode, modification and status-change times to
 * the nanosecond. The status-change time cannot be set back by a program (only the clock could), and a
 * file replaced or copied is another inode. Git's index trusts a file unchanged on the same grounds.
 */
function identityOf(st: BigIntStats): string {
  return `${st.size}:${st.dev}:${st.ino}:${st.mtimeNs}:${st.ctimeNs}`
}

/** The identity of the file at `path` now (see PiecewiseRead.identity). */
export async function fileIdentity(path: string): Promise<string> {
  return identityOf(await stat(path, { bigint: true }))
}

/**
 * Starts reading `path`; null when it does not exist. Sizes the buffer from fstat; a file that
 * turns out longer than that (it should not: the store's lock keeps other writers out) is read
 * again whole, so the result is always what readFile would give.
 */
export async function readPiecewise(path: string): Promise<PiecewiseRead | null> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null
    throw err
  }
  const fh = handle
  let buf: Buffer
  let identity: string
  try {
    const st = await fh.stat({ bigint: true })
    identity = identityOf(st)
    buf = Buffer.allocUnsafe(Number(st.size))
  } catch (err) {
    await fh.close()
    throw err
  }
  let filled = 0
  const waiting: Array<{ n: number; resolve: () => void }> = []
  const wake = (): void => {
    for (let i = waiting.length - 1; i >= 0; i -= 1) {
      if (filled >= waiting[i].n || filled >= buf.length) waiting.splice(i, 1)[0].resolve()
    }
  }
  const result: PiecewiseRead = {
    get buf() {
      return buf
    },
    filled: () => filled,
    get identity() {
      return identity
    },
    reach: (n) => {
      if (filled >= n || filled >= buf.length) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        waiting.push({ n, resolve })
        // A failed read wakes no one: the waiter learns of it here.
        result.done.catch(reject)
      })
    },
    done: (async () => {
      try {
        while (filled < buf.length) {
          const { bytesRead } = await fh.read(buf, filled, Math.min(READ_PIECE, buf.length - filled), filled)
          // Shorter than fstat said (cut meanwhile): what was there, as readFile would give.
          if (bytesRead === 0) {
            buf = buf.subarray(0, filled)
            identity = ''
          } else filled += bytesRead
          wake()
        }
        const probe = Buffer.allocUnsafe(1)
        if ((await fh.read(probe, 0, 1, filled)).bytesRead > 0) {
          buf = await readFile(path)
          filled = buf.length
          identity = ''
        }
      } finally {
        await fh.close()
        wake()
      }
    })(),
  }
  // Whoever awaits `done` sees a failure; this keeps it from also being reported as unhandled.
  result.done.catch(() => undefined)
  return result
}
