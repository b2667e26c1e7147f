import { performance } from 'node:perf_hooks'

/**
 * One budget per turn of the event loop for all the background work of the main process: index
 * builds, sorts, duplicate searches, import and exchange planning. Each used to yield with a
 * setImmediate of its own, and Node runs every immediate queued before a turn in that one turn: four
 * runners at 8 ms each held the loop for 32 ms plus garbage collection, a click waited for all of
 * them, and every new runner made it worse. Here the runners queue, each turn runs them in order
 * until the budget is spent, and the rest wait for the next turn, after input and I/O.
 */
export interface Turns {
  /**
   * Runs `work` in a coming turn and resolves with what it returns (or rejects with what it throws).
   * `work` runs at least one step and stops when `overdue()` says the turn's budget is spent.
   */
  slice<T>(work: (overdue: () => boolean) => T): Promise<T>
}

export interface TurnOptions {
  /** ms of work per turn, shared by every runner (default 8) */
  budgetMs?: number
  clock?: () => number
  /** runs the next turn later (default setImmediate, so input and I/O go first) */
  schedule?: (turn: () => void) => void
}

/** The longest turn in this process (read by `npm run bench`). */
export const turnStats = { longestMs: 0 }

export function createTurns(opts: TurnOptions = {}): Turns {
  const budgetMs = opts.budgetMs ?? 8
  const clock = opts.clock ?? (() => performance.now())
  const schedule = opts.schedule ?? ((turn: () => void) => void setImmediate(turn))
  const queue: Array<(overdue: () => boolean) => void> = []
  let armed = false
  const turn = (): void => {
    armed = false
    const start = clock()
    const overdue = (): boolean => clock() - start >= budgetMs
    // At least one runner per turn, however slow the clock says it was: the work always advances.
    do (queue.shift() as (overdue: () => boolean) => void)(overdue)
    while (queue.length > 0 && !overdue())
    turnStats.longestMs = Math.max(turnStats.longestMs, clock() - start)
    if (queue.length > 0) arm()
  }
  const arm = (): void => {
    if (armed) return
    armed = true
    schedule(turn)
  }
  return {
    slice<T>(work: (overdue: () => boolean) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push((overdue) => {
          try {
            resolve(work(overdue))
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)))
          }
        })
        arm()
      })
    },
  }
}

/** The process's one queue: every runner that is not given another shares it. */
export const turns: Turns = createTurns()

/**
 * Runs `step` (which returns true once everything is done) a slice at a time through `via`;
 * `cancelled` stops it between slices. A failure is reported to `failed`, never thrown into the loop.
 */
export function runInSlices(
  step: () => boolean,
  cancelled: () => boolean,
  via: Turns | undefined,
  done: () => void,
  failed: (err: Error) => void = () => undefined,
): void {
  const queue = via ?? turns
  const next = (): void => {
    queue
      .slice((overdue) => {
        if (cancelled()) return 'stopped'
        do if (step()) return 'done'
        while (!overdue())
        return 'more'
      })
      .then((state) => {
        if (state === 'done') done()
        else if (state === 'more') next()
      }, failed)
  }
  next()
}

/** Runs a step generator (one that yields between short steps) in slices; resolves with what it returns. */
export async function stepsInSlices<T>(steps: Generator<unknown, T>, via: Turns = turns): Promise<T> {
  for (;;) {
    const r = await via.slice((overdue) => {
      let s = steps.next()
      while (!s.done && !overdue()) s = steps.next()
      return s
    })
    if (r.done) return r.value
  }
}
