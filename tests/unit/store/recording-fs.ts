import { basename } from 'node:path'
import { nodeFs } from '../../../src/main/store/fs-port'
import type { StoreFileHandle, StoreFs } from '../../../src/main/store'

export type FsOp = 'open' | 'write' | 'sync' | 'datasync' | 'truncate' | 'close' | 'rename' | 'unlink' | 'copyFile' | 'mkdir' | 'readFile'

/**
 * Wraps the real fs, logs each operation as "op name [detail]" (file names only, so logs compare
 * across temp folders) and lets a test fail or delay an operation.
 */
export interface RecordingFs extends StoreFs {
  log: string[]
  /** return an Error to make that call fail */
  fault?: (op: FsOp, path: string) => Error | undefined
  /** awaited before the operation runs */
  gate?: (op: FsOp, path: string) => Promise<void> | undefined
}

export function recordingFs(): RecordingFs {
  const rfs: RecordingFs = {
    log: [],
    async open(path, flags, mode) {
      await before('open', path)
      const handle = await nodeFs.open(path, flags, mode)
      rfs.log.push(`open ${basename(path)} ${flags}${mode === undefined ? '' : ` ${mode.toString(8)}`}`)
      return wrapHandle(handle, path)
    },
    async readFile(path) {
      await before('readFile', path)
      return nodeFs.readFile(path)
    },
    async rename(from, to) {
      await before('rename', from)
      await nodeFs.rename(from, to)
      rfs.log.push(`rename ${basename(from)} ${basename(to)}`)
    },
    async unlink(path) {
      await before('unlink', path)
      await nodeFs.unlink(path)
      rfs.log.push(`unlink ${basename(path)}`)
    },
    readdir: (path) => nodeFs.readdir(path),
    async mkdir(path, opts) {
      await before('mkdir', path)
      return nodeFs.mkdir(path, opts)
    },
    async copyFile(from, to) {
      await before('copyFile', from)
      await nodeFs.copyFile(from, to)
      rfs.log.push(`copyFile ${basename(from)} ${basename(to)}`)
    },
    stat: (path) => nodeFs.stat(path),
    chmod: (path, mode) => nodeFs.chmod(path, mode),
  }

  async function before(op: FsOp, path: string): Promise<void> {
    const wait = rfs.gate?.(op, path)
    if (wait) await wait
    const err = rfs.fault?.(op, path)
    if (err) {
      rfs.log.push(`FAIL ${op} ${basename(path)}`)
      throw err
    }
  }

  function wrapHandle(h: StoreFileHandle, path: string): StoreFileHandle {
    const name = basename(path)
    return {
      async write(buffer, offset, length, position) {
        await before('write', path)
        const r = await h.write(buffer, offset, length, position)
        rfs.log.push(`write ${name}`)
        return r
      },
      async sync() {
        await before('sync', path)
        await h.sync()
        rfs.log.push(`sync ${name}`)
      },
      async datasync() {
        await before('datasync', path)
        await h.datasync()
        rfs.log.push(`datasync ${name}`)
      },
      async truncate(len) {
        await before('truncate', path)
        await h.truncate(len)
        rfs.log.push(`truncate ${name} ${len ?? 0}`)
      },
      stat: () => h.stat(),
      async close() {
        await h.close()
        rfs.log.push(`close ${name}`)
      },
    }
  }
  return rfs
}

/** Replaces temp-file names (db.json.<pid>-<hex>.tmp) by "<tmp>" so logs are stable. */
export function normalise(log: readonly string[]): string[] {
  return log.map((l) => l.replace(/[\w.-]+\.\d+-[0-9a-f]{12}\.tmp/g, '<tmp>'))
}
