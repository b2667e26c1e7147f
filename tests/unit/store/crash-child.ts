/**
 * Child process for the crash loop: commits as fast as it can and logs "issue <k>" before and
 * "ack <k>" after every commit; the parent kills it with SIGKILL at random moments. The log is
 * written with writeSync to a file, not to stdout: Node buffers a child's stdout pipe in user space
 * when the reader lags, and a SIGKILL drops that buffer, while a completed write() to a file survives.
 */
import { openSync, writeSync } from 'node:fs'
import { openStore } from '../../../src/main/store'
import { aesCodec } from '../../../src/main/store/aes-codec'
import { fakeSchema } from './fake-schema'

const dir = process.argv[2]
const compactAfterEntries = Number(process.argv[3] ?? '40')
const logFd = openSync(process.argv[4] ?? `${dir}.log`, 'a')
const log = (line: string): void => {
  writeSync(logFd, `${line}\n`)
}
const inFlight = 4
/** encryption at rest: the data key in hex */
const keyHex = process.argv[5]

async function main(): Promise<void> {
  const store = await openStore({
    dir,
    schema: fakeSchema(),
    compactAfterEntries,
    ...(keyHex ? { codec: aesCodec(Buffer.from(keyHex, 'hex')) } : {}),
    backupIntervalMs: 400,
    onEvent: (e) => {
      if (e.type === 'compaction') log(`compacted ${e.seq}`)
      if (e.type === 'error') process.stderr.write(`${e.op} failed: ${e.error.message}\n`)
    },
  })
  const last = store.get('tags', 'last')
  let k = typeof last?.k === 'number' ? last.k : 0
  log(`ready ${k}`)
  const next = async (): Promise<void> => {
    for (;;) {
      k += 1
      const mine = k
      const puts = [
        { collection: 'notes', record: { id: `n${mine}`, text: `t-${mine}`, pad: 'x'.repeat(mine % 200) } },
        { collection: 'tags', record: { id: 'last', k: mine } },
      ]
      if (mine % 7 === 0 && mine > 3) puts.push({ collection: 'notes', record: { id: `n${mine - 3}`, text: `upd-${mine - 3}`, pad: '' } })
      log(`issue ${mine}`)
      await store.commit({ puts, settings: mine % 5 === 0 ? { lastK: mine } : undefined })
      log(`ack ${mine}`)
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
