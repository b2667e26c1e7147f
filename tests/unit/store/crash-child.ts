/**
 * Child process for the crash loop: commits as fast as it can and prints "ack <k>" for every
 * acknowledged commit; the parent kills it with SIGKILL at random moments. stdout to a pipe is
 * synchronous on Linux, so a printed ack reached the parent before the kill.
 */
import { openStore } from '../../../src/main/store'
import { fakeSchema } from './fake-schema'

const dir = process.argv[2]
const compactAfterEntries = Number(process.argv[3] ?? '40')
const inFlight = 4

async function main(): Promise<void> {
  const store = await openStore({
    dir,
    schema: fakeSchema(),
    compactAfterEntries,
    backupIntervalMs: 400,
    onEvent: (e) => {
      if (e.type === 'compaction') process.stdout.write(`compacted ${e.seq}\n`)
      if (e.type === 'error') process.stderr.write(`${e.op} failed: ${e.error.message}\n`)
    },
  })
  const last = store.get('tags', 'last')
  let k = typeof last?.k === 'number' ? last.k : 0
  process.stdout.write(`ready ${k}\n`)
  const next = async (): Promise<void> => {
    for (;;) {
      k += 1
      const mine = k
      const puts = [
        { collection: 'notes', record: { id: `n${mine}`, text: `t-${mine}`, pad: 'x'.repeat(mine % 200) } },
        { collection: 'tags', record: { id: 'last', k: mine } },
      ]
      if (mine % 7 === 0 && mine > 3) puts.push({ collection: 'notes', record: { id: `n${mine - 3}`, text: `upd-${mine - 3}`, pad: '' } })
      process.stdout.write(`issue ${mine}\n`)
      await store.commit({ puts, settings: mine % 5 === 0 ? { lastK: mine } : undefined })
      process.stdout.write(`ack ${mine}\n`)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, next))
}

if (dir) {
  main().catch((err: unknown) => {
    process.stderr.write(`child failed: ${err instanceof Error ? err.stack : String(err)}\n`)
    process.exit(1)
  })
}
