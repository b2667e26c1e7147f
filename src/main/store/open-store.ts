import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { removeStaleTemps } from './atomic-write'
import { BACKUP_DIR, backupName, freeName, listBackupFiles } from './backup-files'
import { plainCodec } from './file-codec'
import { errorCode, nodeFs, unlinkIfExists } from './fs-port'
import type { StoreFs } from './fs-port'
import { listJournalFiles } from './journal-files'
import type { MemoryState } from './memory'
import { SNAPSHOT_FILE, loadDatabase } from './load'
import { acquireLock } from './lock'
import { asOpenError } from './open-error'
import { mergeReports, readRecovery, writeRecovery } from './recovery-file'
import { setAside } from './set-aside'
import { snapshotDb, snapshotDocument, writeSnapshot } from './snapshot-adapter'
import { budgetPause } from './snapshot-parse'
import { JournalStore } from './store'
import type { DbShape, OpenStoreOptions, RecoveryReport, Store } from './types'
import { cycleYoungGeneration } from './young-generation'

const DEFAULTS = {
  compactAfterEntries: 2000,
  compactAfterBytes: 8 * 1024 * 1024,
  compactOnCloseMaxBytes: 16 * 1024 * 1024,
  backupIntervalMs: 15 * 60 * 1000,
}

async function truncateFile(fs: StoreFs, path: string, length: number): Promise<void> {
  const handle = await fs.open(path, 'r+')
  try {
    await handle.truncate(length)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Opens (or creates) the data folder: lock, clean leftovers, load db.json + journal (recovering from
 * backups if db.json is damaged), make the result durable where needed, and start the journal writer.
 */
export async function openStore<D extends DbShape>(opts: OpenStoreOptions<D>): Promise<Store<D>> {
  const dir = resolve(opts.dir)
  try {
    return await openIn(dir, opts)
  } catch (err) {
    throw asOpenError(dir, err)
  }
}

/**
 * Private to the user: mkdir applies the umask (often 0755), so the mode is set afterwards. Failing to
 * tighten a folder someone else owns is no reason to refuse to start.
 */
async function makePrivateDir(fs: StoreFs, path: string): Promise<void> {
  await fs.mkdir(path, { recursive: true })
  await fs.chmod(path, 0o700).catch((err: unknown) => {
    if (errorCode(err) !== 'EPERM') throw err
  })
}

/**
 * Past this many records the work after an open ends by making V8 collect its young generation twice
 * (see `young-generation.ts`): what the last parsed records would otherwise cost in the first seconds of use.
 */
const CYCLE_YOUNG_AFTER = 20_000

/**
 * What follows an open in the background: the id maps of a db.json this store wrote (MemoryState.deferred;
 * a read before they are whole builds the rest at once) and the young generation's cycle. readFile +
 * JSON.parse leaves the same garbage behind; the open itself ends once the records are parsed.
 * Never rejects: a repeated id, impossible in bytes this store wrote, fails each read of the maps
 * instead, and is told to `onEvent`.
 */
async function settle<D extends DbShape>(memory: MemoryState<D>, onEvent: OpenStoreOptions<D>['onEvent']): Promise<void> {
  try {
    await memory.finishIds(budgetPause())
  } catch (err) {
    onEvent?.({ type: 'error', op: 'id-maps', error: err instanceof Error ? err : new Error(String(err)) })
    return
  }
  if (memory.recordCount() >= CYCLE_YOUNG_AFTER) await cycleYoungGeneration()
}

async function openIn<D extends DbShape>(dir: string, opts: OpenStoreOptions<D>): Promise<Store<D>> {
  const t0 = performance.now()
  const fs = opts.fs ?? nodeFs
  const now = opts.now ?? ((): Date => new Date())
  const { schema } = opts
  const backupOnOpen = opts.backupOnOpen ?? true
  const backupsDir = join(dir, BACKUP_DIR)
  await makePrivateDir(fs, dir)
  await makePrivateDir(fs, backupsDir)
  const lock = await acquireLock(fs, dir, now)
  try {
    await removeStaleTemps(fs, dir)
    await removeStaleTemps(fs, backupsDir)

    const loaded = await loadDatabase({
      fs,
      dir,
      schema,
      now,
      ...(opts.codec ? { codec: opts.codec } : {}),
      // The file as the old app left it (journal included), kept in case a migration turns out wrong.
      beforeMigrate: async (doc, from) => {
        const at = now()
        const name = await freeName(fs, backupsDir, (n) => backupName(at, n === 0 ? `v${from}` : `v${from}-${n}`))
        await writeSnapshot(snapshotDb(fs, join(backupsDir, name), schema.collections, opts.codec), doc)
      },
    })
    const { plan, memory } = loaded
    const sha256 = loaded.trustedSnapshot?.sha256
    opts.onSnapshotLoaded?.(loaded.source === 'snapshot' && sha256 && loaded.replayedOverSnapshot ? { sha256, replayed: loaded.replayedOverSnapshot } : null)
    const main = snapshotDb(fs, join(dir, SNAPSHOT_FILE), schema.collections, opts.codec)
    const damagedFiles = loaded.damagedSnapshot ? [loaded.damagedSnapshot] : []
    let snapshotSeq = plan.lastSeq - plan.entries.length
    let snapshot: { sha256: string; bytes: number; seq: number } | null = loaded.trustedSnapshot ? { ...loaded.trustedSnapshot, seq: snapshotSeq } : null
    let journalBytes = plan.bytes
    const rewrite = loaded.source !== 'snapshot' || loaded.migratedFrom !== null || plan.setAside.length > 0
    if (rewrite) {
      // db.json first: until it is durable, the journal files are still needed to rebuild this state.
      const result = await writeSnapshot(main, snapshotDocument(memory.data, plan.lastSeq))
      snapshot = { ...result, seq: plan.lastSeq }
      snapshotSeq = plan.lastSeq
      journalBytes = 0
      const renamed = new Map<string, string>()
      for (const name of plan.setAside) {
        const kept = await setAside(fs, dir, name, now())
        renamed.set(name, kept)
        damagedFiles.push(kept)
      }
      for (const s of plan.skipped) s.file = renamed.get(s.file) ?? s.file
      for (const name of await listJournalFiles(fs, dir)) await unlinkIfExists(fs, join(dir, name))
    } else {
      for (const { name, length } of plan.truncate) await truncateFile(fs, join(dir, name), length)
      // Segments db.json already covers stay until a backup covers them too: see JournalStore.backupSeq.
    }

    const fresh: RecoveryReport | null =
      loaded.source === 'backup' || loaded.source === 'empty' || damagedFiles.length > 0 || plan.skipped.length > 0 || plan.missing.length > 0
        ? {
            damagedFiles,
            loadedBackup: loaded.loadedBackup,
            at: now().toISOString(),
            skippedEntries: plan.skipped,
            missingEntries: plan.missing,
          }
        : null
    // Written before anything else can go wrong: the user hears about it even if this start fails later.
    const recovered = mergeReports(await readRecovery(fs, dir), fresh)
    if (fresh && recovered) {
      // The data is safe by now; failing to keep the report on disk only shortens how long the banner lasts.
      await writeRecovery(fs, dir, recovered).catch((err: unknown) => {
        opts.onEvent?.({ type: 'error', op: 'recovery-report', error: err instanceof Error ? err : new Error(String(err)) })
      })
    }
    const newest = (await listBackupFiles(fs, dir))[0]
    const store = await JournalStore.start({
      fs,
      dir,
      schema,
      now,
      codec: opts.codec ?? plainCodec,
      settings: {
        compactAfterEntries: opts.compactAfterEntries ?? DEFAULTS.compactAfterEntries,
        compactAfterBytes: opts.compactAfterBytes ?? DEFAULTS.compactAfterBytes,
        compactOnCloseMaxBytes: opts.compactOnCloseMaxBytes ?? DEFAULTS.compactOnCloseMaxBytes,
        backupIntervalMs: opts.backupIntervalMs ?? DEFAULTS.backupIntervalMs,
        onEvent: opts.onEvent,
        prepare: opts.prepare,
      },
      lock,
      main,
      memory,
      snapshotSeq,
      snapshot,
      lastSeq: plan.lastSeq,
      journalBytes,
      recovered,
      // Without a backup at open (a test option), the interval counts from now rather than firing on the first commit.
      lastBackupAt: newest ? new Date(newest.createdAt).getTime() : backupOnOpen ? null : now().getTime(),
    })
    opts.onEvent?.({
      type: 'open',
      ms: { ...loaded.timings, total: performance.now() - t0 },
      records: memory.recordCount(),
      journalEntries: plan.entries.length,
    })
    store.settleAfterOpen(settle(memory, opts.onEvent))
    if (backupOnOpen) store.queueBackup('open')
    return store
  } catch (err) {
    await lock.release().catch(() => undefined)
    throw err
  }
}
