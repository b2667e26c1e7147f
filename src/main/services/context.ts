import type { Store } from '../store'
import type { DbData } from '../db/schema'
import type { ParseLauncher } from '../import/parse-runner'
import type { Turns } from '../turns'
import type { FileCodec } from '../store/file-codec'
import type { EncryptionControl } from './encryption-control'
import type { Thumbnailer } from '../attachments/thumbnails'
import type { SheetWriter } from '../reports/sheet-runner'

/** What every service gets: the store and the few facts of the running app. */
export interface Ctx {
  store: Store<DbData>
  now: () => Date
  /** who made a change, for updatedBy: the device label from Settings, else the host name */
  deviceLabel: () => string
  /** this data folder's device id (exchange/device.ts): which laptop made an edit */
  deviceId: () => string
  appVersion: string
  resourcesDir: string
  /** the data folder: attachments live in its attachments/ folder */
  dataDir: string
  /** how files beside the database are sealed on disk right now (store/file-codec.ts) */
  codec: () => FileCodec
  /** encryption at rest (desk.ts); absent when the app is opened without it (tests) */
  encryption?: EncryptionControl
  /** how attachment thumbnails are made off the main thread (default: a worker on the TypeScript source) */
  thumbnailer?: Thumbnailer
  /** how register workbooks are written off the main thread (default: a worker on the TypeScript source) */
  sheetWriter?: SheetWriter
  /** how import files are parsed in their own process (default: child_process.fork; Electron passes utilityProcess) */
  importLauncher?: ParseLauncher
  /** how an import's and an exchange's planning share the event loop (default: the process's shared turns) */
  importSlices?: Turns
}
