// @vitest-environment node
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import { killHard, spawnTs } from './child-process'
import type { Child } from './child-process'
import { expectedText } from './crash-invariant'
import { fakeSchema, sleep, tempDir } from './fake-schema'

const KILLS = 110
// Typically ~45 s on an idle machine; the budget leaves room for a busy one (each kill costs a Node start-up).
const BUDGET_MS = 150000

/** Small seeded PRNG: a failing run can be replayed with the seed it prints. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface RunOutput {
  acked: number
  issued: number
  ready: boolean
  compactions: number
}

/** Parses the child's log file (see crash-child.ts for why it is a file and not stdout). */
function readLog(path: string): RunOutput {
  const output: RunOutput = { acked: 0, issued: 0, ready: false, compactions: 0 }
  const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
  // The last line may be cut short by the kill: only whole lines count.
  for (const line of text.split('\n').slice(0, -1)) {
    const [word, num] = line.split(' ')
    const n = Number(num)
    if (word === 'ack') output.acked = Math.max(output.acked, n)
    else if (word === 'issue') output.issued = Math.max(output.issued, n)
    else if (word === 'ready') output.ready = true
    else if (word === 'compacted') output.compactions += 1
  }
  return output
}

function collectStderr(child: Child): { stderr: () => string; closed: Promise<void> } {
  let stderr = ''
  child.stdout.resume()
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8')
  })
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()))
  return { stderr: () => stderr, closed }
}

describe('crash loop', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const c of cleanups) await c()
  })

  it(`SIGKILL at random moments (${KILLS} times): every acknowledged commit survives, nothing beyond the in-flight ones appears`, async () => {
    const t = await tempDir('crash')
    cleanups.push(t.cleanup)
    const dir = t.dir
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1e9)
    const random = mulberry32(seed)
    const started = Date.now()
    let kills = 0
    let prevLast = 0
    let totalCompactions = 0
    let killedBeforeReady = 0
    while (kills < KILLS && Date.now() - started < BUDGET_MS) {
      const logPath = `${dir}.log`
      rmSync(logPath, { force: true })
      const child = spawnTs('crash-child.ts', [dir, '25', logPath])
      const { stderr, closed } = collectStderr(child)
      if (kills % 4 === 0) {
        // Anywhere from start-up (lock, recovery, open-time writes) onwards.
        await sleep(random() * 350)
      } else {
        const t0 = Date.now()
        while (!readLog(logPath).ready && child.exitCode === null && Date.now() - t0 < 10000) await sleep(2)
        await sleep(random() * 150)
      }
      if (child.exitCode !== null) throw new Error(`child exited by itself (${child.exitCode}): ${stderr()} (seed ${seed})`)
      await killHard(child)
      await closed
      const output = readLog(logPath)
      kills += 1
      if (!output.ready) killedBeforeReady += 1
      totalCompactions += output.compactions

      const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, compactOnCloseMaxBytes: 0 })
      const context = `kill ${kills}, seed ${seed}, acked ${output.acked}, issued ${output.issued}, before ${prevLast}`
      try {
        expect(store.status().recovered, context).toBeNull()
        const lastRec = store.get('tags', 'last')
        const last = typeof lastRec?.k === 'number' ? lastRec.k : 0
        expect(last, context).toBeGreaterThanOrEqual(Math.max(prevLast, output.acked))
        expect(last, context).toBeLessThanOrEqual(Math.max(prevLast, output.issued))
        // Commits are applied in order and atomically, so the state is exactly the first `last` of them.
        const notes = store.data.notes
        expect(notes.length, context).toBe(last)
        for (let j = 1; j <= last; j += 1) {
          const rec = store.get('notes', `n${j}`)
          if (rec?.text !== expectedText(j, last)) expect(rec?.text, `n${j} (${context})`).toBe(expectedText(j, last))
        }
        expect(store.data.settings.lastK, context).toBe(last >= 5 ? Math.floor(last / 5) * 5 : undefined)
        prevLast = last
      } finally {
        await store.close()
      }
    }
    expect(kills).toBeGreaterThanOrEqual(100)
    expect(totalCompactions).toBeGreaterThan(0)
    expect(prevLast).toBeGreaterThan(0)
    console.log(
      `crash loop: ${kills} kills in ${((Date.now() - started) / 1000).toFixed(1)} s, ${killedBeforeReady} before ready, ` +
        `${prevLast} commits survived, ${totalCompactions} compactions seen (seed ${seed})`,
    )
  }, 240000)
})
