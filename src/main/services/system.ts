import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { COLLECTION_NAMES, collections, missingLinks } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { BackupInfo, SystemStatus } from '../../shared/contract'
import { settingsSchema } from '../../shared/domain/settings'
import type { Settings, SettingsUpdate } from '../../shared/domain/settings'
import { AppError, validationError } from '../errors'
import type { Ctx } from './context'

const sampleFile = z.looseObject({
  settings: z.record(z.string(), z.unknown()).default({}),
  ...Object.fromEntries(COLLECTION_NAMES.map((c) => [c, z.array(z.looseObject({ id: z.string().min(1) })).default([])])),
})

export function createSystemService(ctx: Ctx) {
  const { store } = ctx

  function status(): SystemStatus {
    const counts = {} as Record<CollectionName, number>
    let live = 0
    for (const c of COLLECTION_NAMES) {
      counts[c] = 0
      for (const r of store.data[c]) if (r.deletedAt === null) counts[c]++
      live += counts[c]
    }
    const s = store.status()
    return { dataDir: s.dataDir, recovered: s.recovered, empty: live === 0, counts, appVersion: ctx.appVersion }
  }

  /**
   * Builds the sample trip's records from resources/sample-trip.<lang>.json.
   * Each element is a create-input plus a stable id; the whole set is
   * validated and link-checked before one atomic commit.
   */
  async function sampleRecords(lang: Settings['language']) {
    const raw: unknown = JSON.parse(await readFile(join(ctx.resourcesDir, `sample-trip.${lang}.json`), 'utf8'))
    const file = sampleFile.parse(raw) as { settings: Record<string, unknown> } & Record<CollectionName, Array<{ id: string }>>
    const at = ctx.now().toISOString()
    const puts: Array<{ collection: CollectionName; record: AnyRecord }> = []
    const ids = new Map<CollectionName, Set<string>>()
    for (const c of COLLECTION_NAMES) {
      ids.set(c, new Set(file[c].map((r) => r.id)))
      for (const { id, ...input } of file[c]) {
        const parsed = collections[c].input.safeParse(input)
        if (!parsed.success) throw validationError(parsed.error, [c, id])
        const record = { ...parsed.data, id, createdAt: at, updatedAt: at, updatedBy: ctx.deviceLabel(), deletedAt: null }
        puts.push({ collection: c, record: record as unknown as AnyRecord })
      }
    }
    for (const { collection, record } of puts) {
      const [missing] = missingLinks(collection, record, (to, id) => ids.get(to)?.has(id) === true)
      if (missing) throw new AppError('MISSING_LINK', `Sample ${collection} ${record.id}: ${missing.at} -> ${missing.id} is missing`)
    }
    return { puts, settings: file.settings }
  }

  return {
    status,

    getSettings(): Settings {
      return store.data.settings
    },

    async updateSettings(patch: SettingsUpdate): Promise<Settings> {
      const current = store.data.settings
      const merged = settingsSchema.safeParse({
        ...current,
        ...patch,
        signatures: { ...current.signatures, ...(patch.signatures ?? {}) },
      })
      if (!merged.success) throw validationError(merged.error)
      await store.commit({ puts: [], settings: merged.data })
      return merged.data
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
      if (!status().empty) throw new AppError('STATE', 'The sample trip can only be loaded into an empty database')
      const lang = store.data.settings.language
      const { puts, settings } = await sampleRecords(lang)
      const mergedSettings = settingsSchema.parse({ ...store.data.settings, ...settings, language: lang, reportLanguage: lang })
      await store.commit({ puts, settings: mergedSettings })
      return status()
    },
  }
}
export type SystemService = ReturnType<typeof createSystemService>
