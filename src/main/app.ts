import { hostname } from 'node:os'
import { createHandlers, createRouter } from './api'
import { whenIdle } from './idle-work'
import type { Router } from './api'
import { dbSchema } from './db/schema'
import { createExporter } from './exports'
import { loadDocx } from './reports/docx-layout'
import type { Exporter } from './exports'
import type { Ctx } from './services/context'
import type { Turns } from './turns'
import type { ParseLauncher } from './import/parse-runner'
import { openStore } from './store'
import type { SnapshotState, Store } from './store'
import type { StoreFs } from './store/fs-port'
import type { DbData } from './db/schema'
import { redactPersonalData } from './log-redact'
import { CACHE_MIN_RECORDS, readIndexCache, removeIndexCache, warmIndexes } from './search-index'
import type { IndexCacheOptions } from './search-index'
import { turns } from './turns'
import { deviceIdentity } from './exchange/device'
import type { DeviceIdentity } from './exchange/device'
import { createWriteHook } from './exchange/write-hook'
import { plainCodec } from './store/file-codec'
import type { FileCodec } from './store/file-codec'
import type { EncryptionControl } from './services/encryption-control'
import type { Thumbnailer } from './attachments/thumbnails'
import type { SheetWriter } from './reports/sheet-runner'
import { blobFiles } from './attachments/blob-files'
import { removeUnreferencedBlobs } from './attachments/blob-references'
import { BACKUP_DIR } from './store/backup-files'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface AppCore {
  router: Router
  exporter: Exporter
  store: Store<DbData>
  close(): Promise<void>
}

export interface AppOptions {
  dataDir: string
  resourcesDir: string
  appVersion: string
  now?: () => Date
  log?: (line: string) => void
  /** delay before the Word report library is loaded in the background (default 5 s) */
  warmUpMs?: number
  /** the store's file operations; tests pass one that fails like a full or read-only disk */
  fs?: StoreFs
  /** how the import's parsing process starts (Electron: utilityProcess; default: child_process.fork) */
  importLauncher?: ParseLauncher
  /** how an import's planning and writing share the event loop (tests step it by hand) */
  importSlices?: Turns
  /** how attachment thumbnails are made (the apps pass the built worker file; default: the TypeScript source) */
  thumbnailer?: Thumbnailer
  /** how register workbooks are written in a worker thread (the apps pass the built worker file; default: the TypeScript source) */
  sheetWriter?: SheetWriter
  /** the search index's cache (the apps pass the built worker file that writes it; default: the TypeScript source) */
  indexCache?: Pick<IndexCacheOptions, 'entry'> & {
    /** from this many records on a cache is written (default CACHE_MIN_RECORDS) */
    minRecords?: number
  }
  /** stands in for this machine's marker (device.ts): tests play two laptops on one machine */
  machine?: string
  /** encryption at rest: the folder's codec (default plain); desk.ts passes it */
  codec?: FileCodec
  encryption?: EncryptionControl
}

/** An open that took longer than this is logged with its steps' times. */
const SLOW_OPEN_MS = 500

/** Opens the data folder and builds the router: everything both transports share. */
export async function openApp(opts: AppOptions): Promise<AppCore> {
  const now = opts.now ?? (() => new Date())
  const codec = opts.codec ?? plainCodec
  const sink = opts.log ?? ((line: string) => console.error(line))
  // Whatever the sink (a file, stderr), no personal data: see log-redact.ts.
  const log = (line: string): void => sink(redactPersonalData(line))
  const host = hostname()
  // Read once the store holds the folder's lock; nothing is written before that.
  let identity: DeviceIdentity | null = null
  const device = () => {
    if (!identity) throw new Error('The device identity is not known yet')
    return { id: identity.id, label: store.data.settings.deviceLabel || host }
  }
  /** what the open's state is made of: the search index's cache is checked against it */
  let snapshotState: SnapshotState | null = null
  // The search index's cache is read from disk beside the open (index-cache.ts). Kept only for a
  // large folder, and never for an encrypted one (it would be personal data beside the sealed files).
  const cacheOptions: IndexCacheOptions = { dir: opts.dataDir, ...(opts.indexCache?.entry ? { entry: opts.indexCache.entry } : {}), onProblem: (m) => log(`Liaison Desk: ${m}`) }
  const pendingCache = codec.encrypted ? null : readIndexCache(cacheOptions)
  let onCompacted = (_sha256: string): void => undefined
  /** as the store counted them at open */
  let openedRecords = 0
  const store = await openStore({
    dir: opts.dataDir,
    schema: dbSchema,
    now,
    ...(opts.fs ? { fs: opts.fs } : {}),
    ...(opts.codec ? { codec: opts.codec } : {}),
    onSnapshotLoaded: (s) => (snapshotState = s),
    // Background compactions and backups have no caller to reject to: their failures must reach the log.
    onEvent: (e) => {
      if (e.type === 'error') log(`Liaison Desk: background ${e.op} failed: ${e.error.message}`)
      if (e.type === 'compaction') onCompacted(e.sha256)
      if (e.type === 'open') openedRecords = e.records
      // How long a large folder took to open, step by step: what a slow start is diagnosed from.
      if (e.type === 'open' && e.ms.total >= SLOW_OPEN_MS) log(`Liaison Desk: opened ${e.records} records in ${Object.entries(e.ms).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`)
    },
    prepare: createWriteHook(device, now),
  })
  try {
    identity = await deviceIdentity(opts.dataDir, { ...(opts.fs ? { fs: opts.fs } : {}), ...(opts.machine ? { machine: opts.machine } : {}) })
  } catch (err) {
    await store.close()
    throw err
  }
  const ctx: Ctx = {
    store,
    now,
    deviceLabel: () => store.data.settings.deviceLabel || host,
    deviceId: () => device().id,
    appVersion: opts.appVersion,
    resourcesDir: opts.resourcesDir,
    dataDir: opts.dataDir,
    codec: () => codec,
    ...(opts.encryption ? { encryption: opts.encryption } : {}),
    ...(opts.importLauncher ? { importLauncher: opts.importLauncher } : {}),
    ...(opts.importSlices ? { importSlices: opts.importSlices } : {}),
    ...(opts.thumbnailer ? { thumbnailer: opts.thumbnailer } : {}),
    ...(opts.sheetWriter ? { sheetWriter: opts.sheetWriter } : {}),
  }
  // Files left by an add that never committed (a crash, a full disk) or kept only by backups since rotated away.
  try {
    const removed = await removeUnreferencedBlobs(blobFiles(ctx.dataDir, ctx.codec), store.data.attachments, async function* () {
      for (const b of await store.listBackups()) {
        // Through the folder's codec, as the store reads backups (sealed when encryption is on).
        const text = codec.open(await readFile(join(opts.dataDir, BACKUP_DIR, b.name))).toString('utf8')
        // A backup this code cannot read as JSON text could name any file: keep them all.
        if (!text.startsWith('{')) throw new Error(`backup ${b.name} is not plain JSON`)
        yield text
      }
    })
    if (removed.length > 0) log(`Liaison Desk: removed ${removed.length} attachment file(s) nothing refers to`)
  } catch (e) {
    log(`Liaison Desk: checking attachment files failed: ${e instanceof Error ? e.message : String(e)}`)
  }
  // The search index from now on (from its cache when there is one for this db.json), the sort
  // orders once it is built, then the cache written for the next open; all stop when the app closes.
  // After the store's own work that follows its open (its id maps, a garbage collection), which
  // would otherwise share turns and garbage with the index's build and the first screen's calls.
  await store.settled()
  const large = openedRecords >= (opts.indexCache?.minRecords ?? CACHE_MIN_RECORDS)
  if (codec.encrypted) await removeIndexCache(opts.dataDir).catch((e: unknown) => log(`Liaison Desk: the search index cache could not be removed: ${e instanceof Error ? e.message : String(e)}`))
  const warmed = warmIndexes(store, { seed: pendingCache?.seed(snapshotState) ?? null, cache: pendingCache && large ? cacheOptions : null, opened: snapshotState })
  onCompacted = (sha256) => warmed.compacted(sha256)
  // docx costs a blocking module load (35 ms idle here, 70-550 ms under tsx or a loaded machine):
  // not at start, and not in the middle of the user's first report either, but once nobody has
  // called for a while after opening (nor exported a file). At a fixed 5 s it landed in the middle
  // of whatever the user was doing then. exceljs is loaded only by the workbook worker threads (reports/sheet-runner.ts).
  const router = createRouter(createHandlers(ctx), (e) => log(`Liaison Desk: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`))
  const warm = whenIdle(router, () => void loadDocx().catch(() => undefined), { afterMs: opts.warmUpMs ?? 5000, quietMs: 2000 })
  const exporter = createExporter(ctx)
  // The search index built from the open is idle work (turns.ts): it waits while a call or an
  // export is in progress, unless that call is a search waiting for it.
  const held = <T>(run: () => Promise<T>): Promise<T> => {
    const release = turns.hold()
    return run().finally(release)
  }
  return {
    router: { call: (method, input) => held(() => warm.router.call(method, input)) },
    // An export does not pass through the router; the warm-up waits for its file as for a call
    // (it landed in the middle of one: a 108 ms block).
    exporter: {
      prepare: (name, input) => {
        const prepared = exporter.prepare(name, input)
        if (!prepared.ok) return prepared
        const { job } = prepared
        return { ok: true, job: { ...job, write: (out) => held(() => warm.busy(() => job.write(out))) } }
      },
    },
    store,
    close: async () => {
      warm.cancel()
      warmed.stop()
      await store.close()
      // The chain to the db.json a compaction on close wrote (see cache-chain.ts).
      await warmed.closed()
    },
  }
}
