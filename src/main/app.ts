import { hostname } from 'node:os'
import { createHandlers, createRouter } from './api'
import type { Router } from './api'
import { dbSchema } from './db/schema'
import { openStore } from './store'
import type { Store } from './store'
import type { DbData } from './db/schema'

export interface AppCore {
  router: Router
  store: Store<DbData>
  close(): Promise<void>
}

/** Opens the data folder and builds the router: everything both transports share. */
export async function openApp(opts: { dataDir: string; resourcesDir: string; appVersion: string; now?: () => Date }): Promise<AppCore> {
  const now = opts.now ?? (() => new Date())
  const store = await openStore({ dir: opts.dataDir, schema: dbSchema, now })
  const host = hostname()
  const handlers = createHandlers({
    store,
    now,
    deviceLabel: () => store.data.settings.deviceLabel || host,
    appVersion: opts.appVersion,
    resourcesDir: opts.resourcesDir,
  })
  return { router: createRouter(handlers), store, close: () => store.close() }
}
