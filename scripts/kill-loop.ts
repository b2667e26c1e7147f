/**
 * The kill loop, outside CI: `npm run killloop -- --cycles 1000`. A child process commits with four
 * concurrent writers and is killed with SIGKILL at a random moment; after each kill the folder is
 * reopened and every acknowledged commit checked (tests/unit/store/crash-check.ts). The bounded
 * version of the same loop runs in the unit suite (tests/unit/store/crash-loop.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runKillLoop } from '../tests/unit/store/crash-check'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cycles: { type: 'string', default: '1000' },
      seed: { type: 'string' },
      'budget-min': { type: 'string', default: '120' },
    },
  })
  const cycles = Number(values.cycles)
  if (!Number.isInteger(cycles) || cycles < 1) throw new Error(`--cycles must be a whole number, got ${values.cycles}`)
  const seed = values.seed === undefined ? Date.now() % 1e9 : Number(values.seed)
  const dir = await mkdtemp(join(tmpdir(), 'liaison-killloop-'))
  console.log(`kill loop: ${cycles} cycles in ${dir} (seed ${seed})`)
  try {
    const stats = await runKillLoop({
      dir,
      cycles,
      budgetMs: Number(values['budget-min']) * 60000,
      seed,
      onCycle: (s) => {
        if (s.kills % 50 === 0) console.log(`  ${s.kills} kills, ${s.survived} commits in the folder, ${(s.ms / 1000).toFixed(0)} s`)
      },
    })
    console.log(
      `kill loop done: ${stats.kills} SIGKILL cycles in ${(stats.ms / 1000).toFixed(1)} s; ${stats.killedBeforeReady} during start-up; ` +
        `${stats.acknowledged} acknowledged commits, ${stats.survived} in the folder at the end, none lost; ` +
        `${stats.compactions} compactions seen (seed ${seed})`,
    )
    if (stats.kills < cycles) throw new Error(`only ${stats.kills} of ${cycles} cycles ran within the time budget`)
  } finally {
    await rm(dir, { recursive: true, force: true })
    await rm(`${dir}.log`, { force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
