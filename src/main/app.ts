import { hostname } from 'node:os'
import { createHandlers, createRouter } from './api'
import type { Router } from './api'
import { dbSchema } from './db/schema'
import { createExporter } from './exports'
import type { Exporter } from './exports'
import type { Ctx } from './services/context'
import { openStore } from './store'
import type { Store } from './store'
import type { DbData } from './db/schema'

export interface AppCore {
  router: Router
  exporter: Exporter
  store: Store<DbData>
  close(): Promise<void>
}

/** Opens the data folder and builds the router: everything both transports share. */
export async function openApp(opts: {
  dataDir: string
  resourcesDir: string
  appVersion: string
  now?: () => Date
  log?: (line: string) => void
}): Promise<AppCore> {
  const now = opts.now ?? (() => new Date())
  const log = opts.log ?? ((line: string) => console.error(line))
  const store = await openStore({
    dir: opts.dataDir,
    schema: dbSchema,
    now,
    // Background compactions and backups have no caller to reject to: their failures must reach the log.
    onEvent: (e) => {
      if (e.type === 'error') log(`Liaison Desk: background ${e.op} failed: ${e.error.message}`)
    },
  })
  const host = hostname()
  const ctx: Ctx = {
    store,
    now,
    deviceLabel: () => store.data.settings.deviceLabel || host,
    appVersion: opts.appVersion,
    resourcesDir: opts.resourcesDir,
  }
  return { router: createRouter(createHandlers(ctx)), exporter: createExporter(ctx), store, close: () => store.close() }
}
