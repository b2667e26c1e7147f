import { basename } from 'node:path'
import type { RecordingFs } from '../store/recording-fs'

/**
 * Holds the journal's fdatasync until released, so a test can queue writes behind one that is in
 * flight and decide how it ends: the interleaving is chosen by the test, not by timing.
 */
export interface JournalGate {
  /** the next journal fdatasync waits; resolves once a flush is waiting there */
  hold(): Promise<void>
  /** let the held fdatasync go on; `fail` makes it fail instead */
  release(fail?: Error): void
}

export function journalGate(fs: RecordingFs): JournalGate {
  let held: { wait: Promise<void>; go: () => void; reached: () => void; fail?: Error } | null = null
  let failNext: Error | undefined
  fs.gate = (op, path) => {
    if (op !== 'datasync' || basename(path) !== 'journal.jsonl' || !held) return undefined
    const h = held
    held = null
    h.reached()
    return h.wait.then(() => {
      failNext = h.fail
    })
  }
  fs.fault = (op, path) => {
    if (op !== 'datasync' || basename(path) !== 'journal.jsonl' || !failNext) return undefined
    const err = failNext
    failNext = undefined
    return err
  }
  let current: { go: () => void; setFail: (e?: Error) => void } | null = null
  return {
    hold() {
      return new Promise<void>((reached) => {
        let go!: () => void
        const wait = new Promise<void>((r) => (go = r))
        const h: { wait: Promise<void>; go: () => void; reached: () => void; fail?: Error } = { wait, go, reached }
        held = h
        current = { go, setFail: (e) => (h.fail = e) }
      })
    },
    release(fail) {
      if (!current) throw new Error('Nothing is held')
      current.setFail(fail)
      current.go()
      current = null
    },
  }
}
