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
   * `priority` true: someone is watching a progress bar for it (an import, a package being
   * received), so it goes before background work, which still gets every BACKGROUND_EVERY-th turn
   * first; 'idle': see Priority, and `wanted` says when someone has started waiting for it.
   */
  slice<T>(work: (overdue: () => boolean) => T, priority?: Priority, wanted?: () => boolean): Promise<T>
  /**
   * Holds idle work until the returned function is called: for a call or an export in progress,
   * whose own slices and awaits it would otherwise share turns and garbage with.
   */
  hold(): () => void
  /**
   * Told when the first hold starts (true) and the last one ends (false): for idle work in another
   * thread, which must wait too (the search index's cache writer).
   */
  onHold(listener: (held: boolean) => void): () => void
  /** Someone may have started waiting for idle work (its `wanted` turned true): look at once. */
  wake(): void
}

/**
 * `true` (waited): someone watches a progress bar for it. `false` (background): nobody waits, but it
 * must not starve. `'idle'`: nobody waits yet, and it may wait: it runs only in turns with nothing
 * else to do and while no call holds it (Turns.hold), until `wanted` says someone waits for it
 * (the search index built from the open: a package received at the same moment shared its turns
 * and its garbage, and took twice as long with blocks over 50 ms).
 */
export type Priority = boolean | 'idle'

export interface TurnOptions {
  /** ms of work per turn, shared by every runner (default 8) */
  budgetMs?: number
  clock?: () => number
  /** runs the next turn later (default setImmediate, so input and I/O go first) */
  schedule?: (turn: () => void) => void
}

/** The longest turn in this process, how many turns ran and for how long in all (read by `npm run bench`). */
export const turnStats = { longestMs: 0, count: 0, busyMs: 0 }

/** Background work (index builds, sorts) goes first in one turn of this many while waited-for work runs. */
export const BACKGROUND_EVERY = 3

type Runner = (overdue: () => boolean) => void

export function createTurns(opts: TurnOptions = {}): Turns {
  const budgetMs = opts.budgetMs ?? 8
  const clock = opts.clock ?? (() => performance.now())
  const schedule = opts.schedule ?? ((turn: () => void) => void setImmediate(turn))
  const waited: Runner[] = []
  const background: Runner[] = []
  const idle: Array<{ run: Runner; wanted: () => boolean }> = []
  let armed = false
  let count = 0
  /** calls and exports in progress (see Turns.hold): idle work waits for them */
  let holds = 0
  const holdListeners = new Set<(held: boolean) => void>()
  const told = (held: boolean): void => {
    for (const l of holdListeners) l(held)
  }
  const runnable = (): number => waited.length + background.length + (holds === 0 ? idle.length : 0)
  const turn = (): void => {
    armed = false
    // Idle work someone now waits for (a search typed during a receive) goes with the waited work.
    for (let i = 0; i < idle.length; ) {
      if (idle[i].wanted()) waited.push(idle.splice(i, 1)[0].run)
      else i += 1
    }
    // Only idle work, and held: the next turn comes when the hold ends or someone waits (wake).
    if (runnable() === 0) return
    count += 1
    const start = clock()
    const overdue = (): boolean => clock() - start >= budgetMs
    const first = count % BACKGROUND_EVERY === 0 ? background : waited
    const then = first === waited ? background : waited
    // At least one runner per turn, however slow the clock says it was: the work always advances.
    do (first.shift() ?? then.shift() ?? (idle.shift()?.run as Runner))(overdue)
    while (runnable() > 0 && !overdue())
    const took = clock() - start
    turnStats.longestMs = Math.max(turnStats.longestMs, took)
    turnStats.count += 1
    turnStats.busyMs += took
    if (waited.length + background.length + idle.length > 0) arm()
  }
  const arm = (): void => {
    if (armed) return
    armed = true
    schedule(turn)
  }
  return {
    slice<T>(work: (overdue: () => boolean) => T, priority: Priority = false, wanted: () => boolean = () => false): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const run: Runner = (overdue) => {
          try {
            resolve(work(overdue))
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)))
          }
        }
        if (priority === 'idle') idle.push({ run, wanted })
        else (priority ? waited : background).push(run)
        arm()
      })
    },
    wake(): void {
      if (idle.length > 0) arm()
    },
    hold(): () => void {
      holds += 1
      if (holds === 1) told(true)
      let released = false
      return () => {
        if (released) return
        released = true
        holds -= 1
        if (holds === 0) {
          told(false)
          if (idle.length > 0) arm()
        }
      }
    },
    onHold(listener: (held: boolean) => void): () => void {
      holdListeners.add(listener)
      return () => holdListeners.delete(listener)
    },
  }
}

/** The process's one queue: every runner that is not given another shares it. */
export const turns: Turns = createTurns()

/**
 * A search the user waits for while the index still checks records one by one (the first seconds
 * after an open without its cache): slices of up to 30 ms, with a turn of the shared queue between
 * two. In the shared queue's 8 ms turns, behind the build's, a 20 ms search took 90-130 ms.
 */
export const searchTurns: Turns = createTurns({ budgetMs: 30 })

/**
 * Runs `step` (which returns true once everything is done) a slice at a time through `via`;
 * `cancelled` stops it between slices. A failure is reported to `failed`, never thrown into the loop.
 * `waited` says, before each slice, whether a request is waiting for this work (see Turns.slice).
 */
export function runInSlices(
  step: () => boolean,
  cancelled: () => boolean,
  via: Turns | undefined,
  done: () => void,
  failed: (err: Error) => void = () => undefined,
  waited: () => boolean = () => false,
  /** when nobody waits for it, it runs only in turns with nothing else queued (see Priority) */
  idle = false,
): void {
  const queue = via ?? turns
  const next = (): void => {
    queue
      .slice((overdue) => {
        if (cancelled()) return 'stopped'
        do if (step()) return 'done'
        while (!overdue())
        return 'more'
      }, waited() || (idle ? 'idle' : false), waited)
      .then((state) => {
        if (state === 'done') done()
        else if (state === 'more') next()
      }, failed)
  }
  next()
}

/** Runs a step generator to its end in one go: for a caller that is itself one synchronous step. */
export function runToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

/**
 * Runs a step generator (one that yields between short steps) in slices; resolves with what it returns.
 * `waited`: a user waits for the answer (see Turns.slice).
 */
export async function stepsInSlices<T>(steps: Generator<unknown, T>, via: Turns = turns, waited = false): Promise<T> {
  for (;;) {
    const r = await via.slice((overdue) => {
      let s = steps.next()
      while (!s.done && !overdue()) s = steps.next()
      return s
    }, waited)
    if (r.done) return r.value
  }
}

/** Items at the start of a long job that go a few at a time (see stepDue). */
const COLD_ITEMS = 1024
const COLD_EVERY = 4

/**
 * Whether a job in steps yields before item `i`, given how many items a step holds once warm. The
 * first items of a job take up to a hundred times longer (code not compiled yet, first look-ups):
 * 64 rows of an import's plan held the thread for 25 ms, 32 ops of its check for 25 ms. They go a
 * few at a time.
 */
export function stepDue(i: number, every: number): boolean {
  return i % (i < COLD_ITEMS ? COLD_EVERY : every) === 0
}
