// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest'
import { runKillLoop } from './crash-check'
import { tempDir } from './fake-schema'

// The pass criteria are the invariants checked after every kill, never a count reached within a time:
// a loaded machine makes the loop slower, not red. `npm run killloop` runs 1,000+ cycles.
const KILLS = 60

describe('crash loop', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const c of cleanups) await c()
  })

  it(`SIGKILL at random moments (${KILLS} times): every acknowledged commit survives, nothing beyond the in-flight ones appears`, async () => {
    const t = await tempDir('crash')
    cleanups.push(t.cleanup)
    const seed = Number(process.env.CRASH_SEED ?? 20251202)
    const { kills, killedBeforeReady, survived, compactions, ms } = await runKillLoop({ dir: t.dir, cycles: KILLS, budgetMs: Infinity, seed })
    expect(kills).toBe(KILLS)
    console.log(
      `crash loop: ${kills} kills in ${(ms / 1000).toFixed(1)} s, ${killedBeforeReady} before ready, ` +
        `${survived} commits survived, ${compactions} compactions seen (seed ${seed})`,
    )
  }, 900_000)
})
