/**
 * On Linux the nice value is a thread's own: a worker that calls this gives way to the main thread (the
 * open, the first calls, the garbage collector's helpers) and to the window when they want the CPU, and
 * runs on what they leave. Elsewhere the thread keeps its priority (per-thread priorities there are not
 * reachable from Node).
 *
 * Self-contained, its two dependencies passed in, so that a worker run from source text
 * (store/verify-worker.ts) carries the same function as `${giveWay}`.
 */
export function giveWay(readlink: (path: string) => string, setPriority: (pid: number, priority: number) => void): void {
  if (process.platform !== 'linux') return
  try {
    const tid = Number(readlink('/proc/thread-self').split('/').pop())
    if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, 19)
  } catch {
    // Not allowed or not there: the thread runs at the usual priority.
  }
}
