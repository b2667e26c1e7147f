// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest'
import { runKillLoop } from './crash-check'
import { tempDir } from './fake-schema'

const KILLS = 110
// Typically ~45 s on an idle machine; the budget leaves room for a busy one (each kill costs a Node start-up).
const BUDGET_MS = 150000

describe('crash loop', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const c of cleanups) await c()
  })

  it(`SIGKILL at random moments (${KILLS} times): every acknowledged commit survives, nothing beyond the in-flight ones appears`, async () => {
    const t = await tempDir('crash')
    cleanups.push(t.cleanup)
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1e9)
    const { kills, killedBeforeReady, survived, compactions, ms } = await runKillLoop({ dir: t.dir, cycles: KILLS, budgetMs: BUDGET_MS, seed })
    expect(kills).toBeGreaterThanOrEqual(100)
    expect(compactions).toBeGreaterThan(0)
    expect(survived).toBeGreaterThan(0)
    console.log(
      `crash loop: ${kills} kills in ${(ms / 1000).toFixed(1)} s, ${killedBeforeReady} before ready, ` +
        `${survived} commits survived, ${compactions} compactions seen (seed ${seed})`,
    )
  }, 240000)
})
