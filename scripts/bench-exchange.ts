// npm run bench -- --only exchange [--data <folder>]   (a 100,000-contact folder; generated when none is given)
// A year's data received from another laptop: the folder is copied to play laptop B (another
// machine, so another device id), B edits 1,000 contacts, 200 visits and deletes 50 follow-ups'
// worth of records, and sends everything; laptop A opens the package (preview) and applies it, then
// receives one trip. The year is received twice: right after laptop A opens (its background work
// still running) and again once that work is done. Reported beside a baseline from the same run: reading the package file
// (gunzip + JSON.parse of its payload), which any receive must do.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { Writable } from 'node:stream'
import { gunzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { openApp } from '../src/main/app'
import type { AppCore } from '../src/main/app'
import { readPackageHeader } from '../src/main/exchange/package-file'
import { SCHEMA_VERSION } from '../src/main/db/schema'
import { backgroundDone } from './bench-search'
import { generate, writeDataFolder } from './gen'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`

/** The longest the event loop was held during `fn`: what a click or a progress poll would wait. */
async function longestBlock<T>(fn: () => Promise<T>): Promise<{ value: T; blockMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  try {
    const value = await fn()
    // A block is recorded when the sampling timer finally runs: give it that turn.
    await new Promise((resolve) => setTimeout(resolve, 20))
    return { value, blockMs: h.max / 1e6 }
  } finally {
    h.disable()
  }
}

async function packageBytes(core: AppCore, input: unknown): Promise<{ bytes: Buffer; fileName: string }> {
  const prepared = core.exporter.prepare('exchange.package', input)
  if (!prepared.ok) throw new Error(prepared.error.message)
  const chunks: Buffer[] = []
  await prepared.job.write(new Writable({ write: (c: Buffer, _e, done) => { chunks.push(c); done() } }))
  return { bytes: Buffer.concat(chunks), fileName: prepared.job.fileName }
}

async function call<T>(core: AppCore, method: string, input: unknown): Promise<T> {
  const r = await core.router.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.data as T
}

export async function benchExchange(add: (label: string, value: string) => void, given?: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'liaison-bench-exchange-'))
  const dirA = join(work, 'a')
  const dirB = join(work, 'b')
  try {
    if (given) await cp(resolve(given), dirA, { recursive: true })
    else await writeDataFolder(dirA, generate({ contacts: 100000 }))
    await cp(dirA, dirB, { recursive: true })
    const opts = { resourcesDir: resolve(root, 'resources'), appVersion: 'bench' }
    const b = await openApp({ ...opts, dataDir: dirB, machine: 'laptop-b'.padEnd(64, '0') })
    const contacts = b.store.data.contacts
    for (let i = 0; i < 1000; i += 1) await call(b, 'contacts.update', { id: contacts[(i * 97) % contacts.length].id, changes: { city: `城市${i}` } })
    const visits = b.store.data.activities
    for (let i = 0; i < 200; i += 1) await call(b, 'activities.update', { id: visits[(i * 7) % visits.length].id, changes: { outcomes: `第${i}次修改` } })
    const t0 = performance.now()
    const { value: whole, blockMs: packBlock } = await longestBlock(() => packageBytes(b, { scope: { kind: 'all' } }))
    add('exchange: make the package of everything (laptop B)', `${ms(performance.now() - t0)}, ${(whole.bytes.length / 1024 / 1024).toFixed(1)} MB, longest block ${ms(packBlock)}`)
    const trip = await call<{ id: string }>(b, 'trips.create', { title: '基准测试出访', startDate: '2026-11-20', endDate: '2026-11-21' })
    for (let i = 0; i < 6; i += 1) await call(b, 'activities.create', { tripId: trip.id, date: '2026-11-20', kind: 'enterpriseVisit', title: `走访${i}`, organizationIds: [b.store.data.organizations[i].id], contactIds: [contacts[i].id] })
    const one = await packageBytes(b, { scope: { kind: 'trip', tripId: trip.id } })
    await b.close()

    let t = performance.now()
    const { body } = readPackageHeader(whole.bytes, SCHEMA_VERSION)
    JSON.parse(gunzipSync(body).toString('utf8'))
    add('exchange baseline: checksum + gunzip + JSON.parse of the package', ms(performance.now() - t))

    // The machine marker stands in for laptop A's (the copied folder would otherwise look copied back).
    const a = await openApp({ ...opts, dataDir: dirA, machine: 'laptop-a'.padEnd(64, '0') })
    try {
      t = performance.now()
      const data = whole.bytes.toString('base64')
      // Right after the open, while its background work (search index, sort orders) still runs.
      const { value: early, blockMs: earlyBlock } = await longestBlock(() => call<{ sessionId: string; counts: Record<string, number> }>(a, 'exchange.open', { fileName: whole.fileName, data }))
      add('exchange: receive a year right after the open (preview, writes nothing), target ≤ 5 s', `${ms(performance.now() - t)}, longest block ${ms(earlyBlock)} (${JSON.stringify(early.counts)})`)
      // And as a user receives it: the app open a while, its background work done.
      await backgroundDone(a)
      t = performance.now()
      const { value: preview, blockMs: previewBlock } = await longestBlock(() => call<{ sessionId: string; counts: Record<string, number> }>(a, 'exchange.open', { fileName: whole.fileName, data }))
      add('exchange: receive a year, the open\'s background work done (preview), target ≤ 5 s', `${ms(performance.now() - t)}, longest block ${ms(previewBlock)}`)
      t = performance.now()
      const { blockMs: applyBlock } = await longestBlock(() => call(a, 'exchange.apply', { sessionId: preview.sessionId }))
      add('exchange: apply it (one journal transaction), target ≤ 5 s', `${ms(performance.now() - t)}, longest block ${ms(applyBlock)}`)
      t = performance.now()
      const tripPreview = await call<{ sessionId: string; counts: Record<string, number> }>(a, 'exchange.open', { fileName: one.fileName, data: one.bytes.toString('base64') })
      await call(a, 'exchange.apply', { sessionId: tripPreview.sessionId })
      add('exchange: one trip, preview + apply, target < 1 s', `${ms(performance.now() - t)} (${(one.bytes.length / 1024).toFixed(0)} KB, ${JSON.stringify(tripPreview.counts)})`)
    } finally {
      await a.close()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
