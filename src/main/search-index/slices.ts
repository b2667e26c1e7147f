import { performance } from 'node:perf_hooks'

/** How long background work may hold the event loop at a time, and how it gets the loop back. */
export interface SliceOptions {
  /** ms of work per slice (default 8) */
  sliceMs?: number
  /** runs the next slice later (default setImmediate, so input and I/O go first) */
  schedule?: (fn: () => void) => void
  clock?: () => number
}

/** The longest slice any background build in this process held the loop for (read by `npm run bench`). */
export const sliceStats = { longestMs: 0 }

/**
 * Runs `step` (which returns true once everything is done) in slices of about sliceMs, yielding the
 * event loop between them; `cancelled` stops it between steps.
 */
export function runInSlices(
  step: () => boolean,
  cancelled: () => boolean,
  opts: SliceOptions,
  done: () => void,
  // A throw in a setImmediate callback would end the process: background work reports instead.
  failed: (err: Error) => void = () => undefined,
): void {
  const sliceMs = opts.sliceMs ?? 8
  const schedule = opts.schedule ?? ((fn: () => void) => void setImmediate(fn))
  const clock = opts.clock ?? (() => performance.now())
  const slice = () => {
    try {
      run()
    } catch (err) {
      failed(err instanceof Error ? err : new Error(String(err)))
    }
  }
  const run = () => {
    if (cancelled()) return
    const start = clock()
    // At least one step per slice, however slow the clock says it was: the work always advances.
    do {
      if (step()) {
        sliceStats.longestMs = Math.max(sliceStats.longestMs, clock() - start)
        done()
        return
      }
    } while (clock() - start < sliceMs)
    sliceStats.longestMs = Math.max(sliceStats.longestMs, clock() - start)
    schedule(slice)
  }
  schedule(slice)
}

/** Runs a step generator (one that yields between short steps) in slices; resolves with what it returns. */
export function stepsInSlices<T>(steps: Generator<void, T>, opts: SliceOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    let value: T
    runInSlices(
      () => {
        const r = steps.next()
        if (r.done) value = r.value
        return r.done === true
      },
      () => false,
      opts,
      () => resolve(value),
      reject,
    )
  })
}
