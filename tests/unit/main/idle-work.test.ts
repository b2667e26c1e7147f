// @vitest-environment node
// A blocking step done "when idle" waits until no API call has been in flight for a while.
import { describe, expect, it } from 'vitest'
import type { ApiResult } from '../../../src/shared/contract'
import type { Router } from '../../../src/main/api'
import { whenIdle } from '../../../src/main/idle-work'

/** A clock and one-shot timers the test moves by hand. */
function fakeTime() {
  let t = 0
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = []
  return {
    now: () => t,
    timer: (fn: () => void, ms: number) => {
      const entry = { at: t + ms, fn, live: true }
      timers.push(entry)
      return { cancel: () => void (entry.live = false) }
    },
    /** moves the clock to `to`, firing every timer due on the way, in order */
    advance(to: number) {
      for (;;) {
        const due = timers.filter((e) => e.live && e.at <= to).sort((a, b) => a.at - b.at)[0]
        if (!due) break
        t = due.at
        due.live = false
        due.fn()
      }
      t = to
    },
  }
}

describe('whenIdle', () => {
  it('runs the work after the first delay, but only once no call has been in flight for the quiet time', async () => {
    const time = fakeTime()
    let answer: (r: ApiResult<unknown>) => void = () => undefined
    const inner: Router = { call: () => new Promise((resolve) => (answer = resolve)) }
    const ran: number[] = []
    const { router } = whenIdle(inner, () => ran.push(time.now()), { afterMs: 5000, quietMs: 2000, now: time.now, timer: time.timer })
    time.advance(4000)
    const call = router.call('system.status', {})
    // Due at 5 s, but a call is in flight: it waits.
    time.advance(6000)
    expect(ran).toEqual([])
    time.advance(6500)
    answer({ ok: true, data: null })
    await call
    // The call ended at 6.5 s: 2 s of quiet from then.
    time.advance(8400)
    expect(ran).toEqual([])
    time.advance(20_000)
    expect(ran).toEqual([8500])
  })

  it('waits for work outside the router (an export writing its file) as for a call', async () => {
    const time = fakeTime()
    const inner: Router = { call: () => Promise.resolve({ ok: true, data: null }) }
    const ran: number[] = []
    const { busy } = whenIdle(inner, () => ran.push(time.now()), { afterMs: 5000, quietMs: 2000, now: time.now, timer: time.timer })
    let finish: () => void = () => undefined
    time.advance(4500)
    const written = busy(() => new Promise<void>((resolve) => (finish = resolve)))
    time.advance(9000)
    expect(ran).toEqual([])
    finish()
    await written
    time.advance(10_900)
    expect(ran).toEqual([])
    time.advance(30_000)
    expect(ran).toEqual([11_000])
  })

  it('runs at the first delay when nothing was called, once, and never after cancel', () => {
    const time = fakeTime()
    const ran: number[] = []
    const inner: Router = { call: () => Promise.resolve({ ok: true, data: null }) }
    whenIdle(inner, () => ran.push(time.now()), { afterMs: 5000, quietMs: 2000, now: time.now, timer: time.timer })
    time.advance(60_000)
    expect(ran).toEqual([5000])
    const later: number[] = []
    const { cancel } = whenIdle(inner, () => later.push(time.now()), { afterMs: 5000, quietMs: 2000, now: time.now, timer: time.timer })
    cancel()
    time.advance(120_000)
    expect(later).toEqual([])
  })
})
