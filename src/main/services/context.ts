import type { Store } from '../store'
import type { DbData } from '../db/schema'

/** What every service gets: the store and the few facts of the running app. */
export interface Ctx {
  store: Store<DbData>
  now: () => Date
  /** who made a change, for updatedBy: the device label from Settings, else the host name */
  deviceLabel: () => string
  appVersion: string
  resourcesDir: string
}
