export { openStore } from './open-store'
export { FolderInUseError, LockLostError } from './lock'
export { StoreOpenError, describeOpenFailure } from './open-error'
export { NewerSchemaError, migrateToCurrent } from './migrations'
export { backupsToDelete } from './backup-rotation'
export type { BackupStamp, RetentionPolicy } from './backup-rotation'
export type { StoreFs, StoreFileHandle } from './fs-port'
export type {
  BackupEntry,
  DbShape,
  Migration,
  OpenStoreOptions,
  OpenTimings,
  PreparedPuts,
  PrepareTx,
  RecoveryReport,
  ReplayedPut,
  SkippedEntry,
  SnapshotState,
  Store,
  StoreChange,
  StoreEvent,
  StoreListener,
  StoreSchema,
  StoreStatus,
  StoreView,
  StoredRecord,
  Tx,
  TxPlan,
} from './types'
