import { nodeFs } from '../../../src/main/store/fs-port'
import type { StoreFs } from '../../../src/main/store/fs-port'

/** A system error as Node makes them: the code, and the path it happened on in the message. */
export function sysError(code: string, path = '/data/journal.jsonl'): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: simulated, write '${path}'`)
  e.code = code
  return e
}

/** The real file system, except that once `failWith` is set every open, write, sync and rename fails with that error. */
export function faultyFs() {
  const state: { failWith: string | null } = { failWith: null }
  const check = (path: string) => {
    if (state.failWith) throw sysError(state.failWith, path)
  }
  const fs: StoreFs = {
    ...nodeFs,
    async open(path, flags, mode) {
      check(path)
      const h = await nodeFs.open(path, flags, mode)
      return {
        write: async (...args) => (check(path), h.write(...args)),
        sync: async () => (check(path), h.sync()),
        datasync: async () => (check(path), h.datasync()),
        truncate: (len) => h.truncate(len),
        stat: () => h.stat(),
        close: () => h.close(),
      }
    },
    rename: async (from, to) => (check(to), nodeFs.rename(from, to)),
  }
  return { fs, state }
}
