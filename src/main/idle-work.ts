import { performance } from 'node:perf_hooks'
import type { Router } from './api'

export interface IdleOptions {
  /** the earliest the work may run, from now */
  afterMs: number
  /** how long no API call may have been in flight before it runs */
  quietMs: number
  now?: () => number
  /** a one-shot timer (default: an unref'd setTimeout, so it never keeps the process alive) */
  timer?: (fn: () => void, ms: number) => { cancel(): void }
}

const unrefTimer = (fn: () => void, ms: number): { cancel(): void } => {
  const t = setTimeout(fn, ms)
  t.unref()
  return { cancel: () => clearTimeout(t) }
}

/**
 * Runs `work` once, when nobody has called the API for a while: for a blocking step the app can do
 * at any time (loading a large module ahead of its first use), so that no call waits behind it.
 * Returns the router to bind the transports to, which notes each call, and `busy` for work that
 * does not pass through the router (an export writing its file) but must not be interrupted either.
 */
export function whenIdle(
  router: Router,
  work: () => void,
  opts: IdleOptions,
): { router: Router; busy: <T>(run: () => Promise<T>) => Promise<T>; cancel: () => void } {
  const now = opts.now ?? (() => performance.now())
  const timer = opts.timer ?? unrefTimer
  let inFlight = 0
  let last = -Infinity
  let pending: { cancel(): void } | null = null
  const check = (): void => {
    pending = null
    const quietFor = now() - last
    if (inFlight > 0 || quietFor < opts.quietMs) {
      pending = timer(check, inFlight > 0 ? opts.quietMs : opts.quietMs - quietFor)
      return
    }
    work()
  }
  pending = timer(check, opts.afterMs)
  const busy = async <T>(run: () => Promise<T>): Promise<T> => {
    inFlight += 1
    try {
      return await run()
    } finally {
      inFlight -= 1
      last = now()
    }
  }
  return {
    router: { call: (method, input) => busy(() => router.call(method, input)) },
    busy,
    cancel: () => {
      pending?.cancel()
      pending = null
    },
  }
}
