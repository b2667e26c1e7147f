// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { BACKGROUND_EVERY, createTurns, runInSlices, stepsInSlices } from '../../../src/main/turns'

/** Turns run when the test says; every step moves the clock 3 ms, so a turn's length is counted in steps. */
function stepped() {
  const queue: Array<() => void> = []
  let t = 0
  const log: string[] = []
  const turns = createTurns({ budgetMs: 8, clock: () => t, schedule: (turn) => queue.push(turn) })
  return {
    turns,
    log,
    step: (who: string) => {
      t += 3
      log.push(who)
    },
    /** runs one turn, then lets the runners' promise callbacks queue their next slice */
    turn: async () => {
      const before = t
      const run = queue.shift()
      run?.()
      await new Promise<void>((resolve) => setImmediate(resolve))
      return t - before
    },
    get armed() {
      return queue.length
    },
  }
}

function* counting(n: number, tick: () => void): Generator<void, number> {
  for (let i = 0; i < n; i += 1) {
    tick()
    yield
  }
  return n
}

describe('turns shared by every background runner', () => {
  it('gives all runners together one budget per turn, instead of one budget each', async () => {
    const s = stepped()
    const runners = ['a', 'b', 'c', 'd'].map((who) => stepsInSlices(counting(12, () => s.step(who)), s.turns))
    // One turn is armed for all four, never one per runner.
    expect(s.armed).toBe(1)
    let longest = 0
    while (s.armed > 0) longest = Math.max(longest, await s.turn())
    expect(await Promise.all(runners)).toEqual([12, 12, 12, 12])
    // 8 ms of budget at 3 ms a step: the turn ends after the step that crosses it, whoever runs it.
    expect(longest).toBeLessThanOrEqual(9)
    expect(s.log).toHaveLength(48)
  })

  it('takes the runners in turn, so a long one does not starve a short one', async () => {
    const s = stepped()
    const long = stepsInSlices(counting(30, () => s.step('long')), s.turns)
    const short = stepsInSlices(counting(2, () => s.step('short')), s.turns)
    let turnsUntilShort = 0
    let shortDone = false
    void short.then(() => (shortDone = true))
    while (!shortDone) {
      await s.turn()
      turnsUntilShort += 1
    }
    // The long runner had the first turn; the short one had the next and finished in it.
    expect(turnsUntilShort).toBe(2)
    expect(s.log.slice(0, 6)).toEqual(['long', 'long', 'long', 'short', 'short', 'long'])
    while (s.armed > 0) await s.turn()
    expect(await long).toBe(30)
  })

  it('puts work a user waits for before background work, which still gets a turn first now and then', async () => {
    const s = stepped()
    const background = stepsInSlices(counting(30, () => s.step('index')), s.turns)
    const waited = stepsInSlices(counting(30, () => s.step('import')), s.turns, true)
    const firstOfTurn: string[] = []
    for (let i = 0; i < 2 * BACKGROUND_EVERY; i += 1) {
      const before = s.log.length
      await s.turn()
      firstOfTurn.push(s.log[before])
    }
    // Every turn is led by the import, except each BACKGROUND_EVERY-th, led by the index build.
    const expected = Array.from({ length: 2 * BACKGROUND_EVERY }, (_, i) => ((i + 1) % BACKGROUND_EVERY === 0 ? 'index' : 'import'))
    expect(firstOfTurn).toEqual(expected)
    while (s.armed > 0) await s.turn()
    expect(await Promise.all([background, waited])).toEqual([30, 30])
  })

  it('runs idle work only in turns with nothing else queued, until someone waits for it', async () => {
    const s = stepped()
    let wanted = false
    const idle: Promise<number> = new Promise((resolve) => {
      let n = 0
      runInSlices(() => (s.step('index'), (n += 1) === 6), () => false, s.turns, () => resolve(n), undefined, () => wanted, true)
    })
    const waited = stepsInSlices(counting(30, () => s.step('receive')), s.turns, true)
    // While the receive has slices queued, the index gets none.
    for (let i = 0; i < 3; i += 1) await s.turn()
    expect(s.log.filter((w) => w === 'index')).toEqual([])
    // A search now waits for the index: it joins the waited work, taking turns with the receive.
    wanted = true
    await s.turn()
    await s.turn()
    // The receive's slice was queued first, so it had the next turn; the index had the one after.
    expect(s.log).toEqual([...Array<string>(12).fill('receive'), 'index', 'index', 'index'])
    wanted = false
    while (s.armed > 0) await s.turn()
    expect(await Promise.all([idle, waited])).toEqual([6, 30])
  })

  it('runs idle work at once when nothing else is queued', async () => {
    const s = stepped()
    const idle = new Promise<void>((resolve) => runInSlices(() => (s.step('index'), true), () => false, s.turns, resolve, undefined, () => false, true))
    await s.turn()
    await idle
    expect(s.log).toEqual(['index'])
  })

  it('holds idle work while a call is in progress, and lets it go at once for someone who waits for it', async () => {
    const s = stepped()
    let wanted = false
    const release = s.turns.hold()
    const idle = new Promise<void>((resolve) => runInSlices(() => (s.step('index'), s.log.length === 10), () => false, s.turns, resolve, undefined, () => wanted, true))
    for (let i = 0; i < 3; i += 1) await s.turn()
    expect(s.log).toEqual([])
    // Held, nothing is armed: a turn comes only when asked for.
    expect(s.armed).toBe(0)
    // Still held, but a search now waits for the index (it is that search's call that holds).
    wanted = true
    s.turns.wake()
    await s.turn()
    expect(s.log).toHaveLength(3)
    // The slice queued while it was wanted still runs; the one after is idle again, and held.
    wanted = false
    for (let i = 0; i < 4; i += 1) await s.turn()
    expect(s.log).toHaveLength(6)
    release()
    release()
    while (s.armed > 0) await s.turn()
    await idle
    expect(s.log).toHaveLength(10)
  })

  it('tells idle work in another thread when the first hold starts and the last one ends', () => {
    const s = stepped()
    const told: boolean[] = []
    const stop = s.turns.onHold((held) => told.push(held))
    const a = s.turns.hold()
    const b = s.turns.hold()
    a()
    a()
    expect(told).toEqual([true])
    b()
    expect(told).toEqual([true, false])
    stop()
    s.turns.hold()()
    expect(told).toEqual([true, false])
  })

  it('runs at least one step per turn, however slow the clock says it is', async () => {
    const s = stepped()
    const slow = stepsInSlices(
      counting(3, () => {
        s.step('slow')
        s.step('slow')
        s.step('slow')
        s.step('slow')
      }),
      s.turns,
    )
    let turns = 0
    while (s.armed > 0) {
      await s.turn()
      turns += 1
    }
    expect(await slow).toBe(3)
    // One step a turn, and a last turn in which the generator returns.
    expect(turns).toBe(4)
  })

  it('reports a failing step to its runner alone; the others go on', async () => {
    const s = stepped()
    let failure: Error | null = null
    let n = 0
    runInSlices(
      () => {
        s.step('bad')
        n += 1
        if (n === 2) throw new Error('broken record')
        return false
      },
      () => false,
      s.turns,
      () => undefined,
      (err) => (failure = err),
    )
    const good = stepsInSlices(counting(10, () => s.step('good')), s.turns)
    while (s.armed > 0) await s.turn()
    expect(failure).toMatchObject({ message: 'broken record' })
    expect(await good).toBe(10)
  })

  it('stops a cancelled runner between slices', async () => {
    const s = stepped()
    let cancelled = false
    let finished = false
    runInSlices(
      () => {
        s.step('x')
        return false
      },
      () => cancelled,
      s.turns,
      () => (finished = true),
    )
    await s.turn()
    const steps = s.log.length
    cancelled = true
    while (s.armed > 0) await s.turn()
    expect(s.log).toHaveLength(steps)
    expect(finished).toBe(false)
  })
})
