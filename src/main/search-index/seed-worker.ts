// A worker thread (index-cache.ts starts one once the app is idle): reads db.json, makes what the
// search index needs of every record (seed.ts) and writes it to the index's cache file
// (seed-file.ts), so that the next open of the same db.json has its index at once. The main thread
// only starts it and hears that it is done.
import { readFileSync, readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { writeFileAtomic } from '../store/atomic-write'
import { nodeFs } from '../store/fs-port'
import { isSealed } from '../store/file-codec'
import { sha256InPieces } from '../store/snapshot-parse'
import { giveWay } from '../thread-priority'
import { listGrams, packTexts, readTexts } from './seed'
import type { SeedGrams, SeedTexts } from './seed'
import { encodeIndexCache } from './seed-file'

export type FromSeedWorker = { type: 'done'; bytes: number; sha256: string } | { type: 'error'; message: string }

export interface SeedWorkerData {
  indexCache: {
    /** db.json */
    snapshot: string
    /** the cache file to write */
    out: string
    /** 1 while the main thread asks it to wait (a call or an export in progress), in shared memory */
    pause?: Int32Array
  }
}

async function run(job: SeedWorkerData['indexCache']): Promise<FromSeedWorker> {
  const pause = job.pause
  // Waits here while the main thread has a call or an export in progress (warm.ts).
  const checkpoint = (): void => {
    if (pause) while (Atomics.load(pause, 0) === 1) Atomics.wait(pause, 0, 1)
  }
  checkpoint()
  const bytes = readFileSync(job.snapshot)
  // An encrypted folder keeps no cache: it would be one more file of personal data.
  if (isSealed(bytes)) throw new Error('db.json is encrypted')
  const sha256 = await sha256InPieces(bytes, async () => checkpoint())
  const read = readTexts(bytes, checkpoint)
  const texts: SeedTexts = {}
  const grams: SeedGrams = {}
  for (const [c, r] of read) {
    texts[c] = packTexts(r)
    grams[c] = listGrams(r.texts, checkpoint)
  }
  const pieces = encodeIndexCache({ sha256, texts, grams })
  await writeFileAtomic(nodeFs, job.out, async (sink) => {
    for (const p of pieces) await sink(p)
  })
  return { type: 'done', sha256, bytes: pieces.reduce((n, p) => n + p.length, 0) }
}

// Only when started as the cache's worker (index-cache.ts marks it): a test runner's own worker thread imports this file too.
const job = (workerData as Partial<SeedWorkerData> | null)?.indexCache
if (parentPort && job) {
  const port = parentPort
  giveWay(readlinkSync, setPriority)
  run(job).then(
    (m) => port.postMessage(m),
    (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromSeedWorker),
  )
}
