/**
 * What the crash loop (tests/unit/store/crash-loop.test.ts, bounded) and the kill loop
 * (scripts/kill-loop.ts, 1,000+ cycles) check after every SIGKILL of crash-child.ts.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { openStore } from '../../../src/main/store'
import { aesCodec } from '../../../src/main/store/aes-codec'
import type { Store } from '../../../src/main/store'
import { killHard, spawnTs } from './child-process'
import type { Child } from './child-process'
import { expectedText } from './crash-invariant'
import { fakeSchema, sleep } from './fake-schema'
import type { FakeDb } from './fake-schema'
import { mulberry32 } from '../../../scripts/prng'


export interface RunOutput {
  acked: number
  issued: number
  ready: boolean
  compactions: number
}

/** Parses the child's log file (see crash-child.ts for why it is a file and not stdout). */
export function readLog(path: string): RunOutput {
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

/**
 * Throws (with `context` in the message) unless the reopened store holds every acknowledged commit,
 * nothing beyond those issued, in commit order, with no recovery reported. Returns the last commit in it.
 */
export function verifyAfterKill(store: Store<FakeDb>, output: RunOutput, prevLast: number, context: string): number {
  const fail = (what: string): never => {
    throw new Error(`${what} (${context})`)
  }
  if (store.status().recovered !== null) fail(`a recovery was reported: ${JSON.stringify(store.status().recovered)}`)
  const lastRec = store.get('tags', 'last')
  const last = typeof lastRec?.k === 'number' ? lastRec.k : 0
  if (last < Math.max(prevLast, output.acked)) fail(`acknowledged commit lost: last ${last}, acked ${output.acked}, before ${prevLast}`)
  if (last > Math.max(prevLast, output.issued)) fail(`a commit appeared that was never issued: last ${last}`)
  // Commits are applied in order and atomically, so the state is exactly the first `last` of them.
  if (store.data.notes.length !== last) fail(`${store.data.notes.length} notes for ${last} commits`)
  for (let j = 1; j <= last; j += 1) {
    const text = store.get('notes', `n${j}`)?.text
    if (text !== expectedText(j, last)) fail(`n${j} is ${String(text)}, expected ${expectedText(j, last)}`)
  }
  const lastK = store.data.settings.lastK
  if (lastK !== (last >= 5 ? Math.floor(last / 5) * 5 : undefined)) fail(`settings.lastK is ${String(lastK)} for ${last} commits`)
  return last
}

export interface KillLoopStats {
  kills: number
  killedBeforeReady: number
  /** commits acknowledged by the children, summed over all cycles */
  acknowledged: number
  survived: number
  compactions: number
  ms: number
  seed: number
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

/**
 * Starts crash-child.ts (4 concurrent writers) in `dir`, kills it with SIGKILL at a random moment,
 * reopens and verifies, `cycles` times or until `budgetMs` runs out. Every fourth kill lands anywhere
 * from start-up on (lock, recovery, open-time writes); the others once the child is writing.
 */
export async function runKillLoop(opts: {
  dir: string
  cycles: number
  budgetMs: number
  seed: number
  onCycle?: (s: KillLoopStats) => void
  /** encryption at rest: the child and every reopen use this data key */
  dataKey?: Buffer
}): Promise<KillLoopStats> {
  const { dir } = opts
  const random = mulberry32(opts.seed)
  const started = Date.now()
  const stats: KillLoopStats = { kills: 0, killedBeforeReady: 0, acknowledged: 0, survived: 0, compactions: 0, ms: 0, seed: opts.seed }
  let prevLast = 0
  while (stats.kills < opts.cycles && Date.now() - started < opts.budgetMs) {
    const logPath = `${dir}.log`
    rmSync(logPath, { force: true })
    const child = spawnTs('crash-child.ts', [dir, '25', logPath, ...(opts.dataKey ? [opts.dataKey.toString('hex')] : [])])
    const { stderr, closed } = collectStderr(child)
    if (stats.kills % 4 === 0) {
      await sleep(random() * 350)
    } else {
      const t0 = Date.now()
      // Waiting for a state (the child says it is ready), with a ceiling so a hung child fails the run.
      while (!readLog(logPath).ready && child.exitCode === null && Date.now() - t0 < 10000) await sleep(2)
      await sleep(random() * 150)
    }
    if (child.exitCode !== null) throw new Error(`child exited by itself (${child.exitCode}): ${stderr()} (seed ${opts.seed})`)
    await killHard(child)
    await closed
    const output = readLog(logPath)
    stats.kills += 1
    if (!output.ready) stats.killedBeforeReady += 1
    stats.compactions += output.compactions
    stats.acknowledged += Math.max(0, output.acked - prevLast)

    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, compactOnCloseMaxBytes: 0, ...(opts.dataKey ? { codec: aesCodec(opts.dataKey) } : {}) })
    const context = `kill ${stats.kills}, seed ${opts.seed}, acked ${output.acked}, issued ${output.issued}, before ${prevLast}`
    try {
      prevLast = verifyAfterKill(store, output, prevLast, context)
    } finally {
      await store.close()
    }
    stats.survived = prevLast
    stats.ms = Date.now() - started
    opts.onCycle?.(stats)
  }
  return stats
}
