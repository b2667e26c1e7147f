import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { COLLECTION_NAMES } from '../../shared/collections'
import type { CollectionName } from '../../shared/collections'
import type { BackupInfo, SystemStatus } from '../../shared/contract'
import { settingsSchema } from '../../shared/domain/settings'
import type { Settings, SettingsUpdate } from '../../shared/domain/settings'
import { AppError, validationError } from '../errors'
import type { StoreView } from '../store'
import { createBatchService } from './batch'
import type { BatchOp } from './batch'
import type { Ctx } from './context'

const sampleFile = z.looseObject({
  settings: z.record(z.string(), z.unknown()).default({}),
  ...Object.fromEntries(COLLECTION_NAMES.map((c) => [c, z.array(z.looseObject({ id: z.string().min(1) })).default([])])),
})

const isLive = (r: { readonly [k: string]: unknown } | undefined): number => (r !== undefined && r.deletedAt === null ? 1 : 0)

export function createSystemService(ctx: Ctx) {
  const { store } = ctx
  const batch = createBatchService(ctx)

  // Live records per collection, counted once and then kept from the store's change feed: the
  // status is asked after every edit, and counting 100,000 records each time held the main thread
  // for 30 ms (over 100 ms when a garbage collection landed in it).
  let counted: Record<CollectionName, number> | null = null
  store.subscribe((change) => {
    if (change.kind === 'replaced' || counted === null) {
      counted = null
      return
    }
    for (const { collection, record, previous } of change.puts) {
      if (collection in counted) counted[collection as CollectionName] += isLive(record) - isLive(previous)
    }
  })
  function liveCounts(): Record<CollectionName, number> {
    if (counted === null) {
      const counts = {} as Record<CollectionName, number>
      for (const c of COLLECTION_NAMES) {
        counts[c] = 0
        for (const r of store.data[c]) counts[c] += isLive(r)
      }
      counted = counts
    }
    return { ...counted }
  }

  function status(): SystemStatus {
    const counts = liveCounts()
    const live = COLLECTION_NAMES.reduce((n, c) => n + counts[c], 0)
    const s = store.status()
    return { dataDir: s.dataDir, recovered: s.recovered, empty: live === 0, counts, appVersion: ctx.appVersion }
  }

  /** The sample trip as batch ops: resources/sample-trip.<lang>.json holds create-inputs with stable ids. */
  async function sampleOps(lang: Settings['language']): Promise<{ ops: BatchOp[]; settings: Record<string, unknown> }> {
    const raw: unknown = JSON.parse(await readFile(join(ctx.resourcesDir, `sample-trip.${lang}.json`), 'utf8'))
    const file = sampleFile.parse(raw) as { settings: Record<string, unknown> } & Record<CollectionName, Array<{ id: string }>>
    const ops: BatchOp[] = []
    for (const collection of COLLECTION_NAMES) {
      for (const { id, ...input } of file[collection]) ops.push({ op: 'create', collection, id, input })
    }
    return { ops, settings: file.settings }
  }

  /** Whether the head holds no live record: checked inside the commit, so two loads cannot both pass. */
  function isEmpty(head: StoreView): boolean {
    for (const c of COLLECTION_NAMES) for (const r of head.all(c)) if (r.deletedAt === null) return false
    return true
  }

  return {
    status,

    /** The user has read the recovery report: the banner goes, for good. */
    async dismissRecovery(): Promise<SystemStatus> {
      await store.dismissRecovery()
      return status()
    },

    getSettings(): Settings {
      return store.data.settings
    },

    updateSettings(patch: SettingsUpdate): Promise<Settings> {
      // Merged onto the head, so two patches saved at once both survive.
      return store.transact((head) => {
        const current = head.settings as Settings
        const merged = settingsSchema.safeParse({
          ...current,
          ...patch,
          signatures: { ...current.signatures, ...(patch.signatures ?? {}) },
        })
        if (!merged.success) throw validationError(merged.error)
        return { tx: { puts: [], settings: merged.data }, result: merged.data }
      })
    },

    async listBackups(): Promise<BackupInfo[]> {
      return store.listBackups()
    },

    async restoreBackup(name: string): Promise<SystemStatus> {
      const known = (await store.listBackups()).some((b) => b.name === name)
      if (!known) throw new AppError('NOT_FOUND', `No backup named ${name}`, { name: ['No such backup'] })
      await store.restoreBackup(name)
      return status()
    },

    async loadSample(): Promise<SystemStatus> {
      const notEmpty = (): AppError => new AppError('STATE', 'The sample trip can only be loaded into an empty database')
      if (!status().empty) throw notEmpty()
      const lang = store.data.settings.language
      const { ops, settings } = await sampleOps(lang)
      await batch.applyBatch(ops, {
        kind: 'import',
        check: (head) => {
          if (!isEmpty(head)) throw notEmpty()
        },
        settings: (head) => settingsSchema.parse({ ...head.settings, ...settings, language: lang, reportLanguage: lang }),
      })
      return status()
    },
  }
}
export type SystemService = ReturnType<typeof createSystemService>
