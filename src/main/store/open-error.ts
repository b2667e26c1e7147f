import { openFailureReasonOf, storageOpenMessage } from '../../shared/storage-problems'
import type { OpenFailureReason } from '../../shared/storage-problems'
import { errorCode } from './fs-port'

/** A system error while opening the data folder, said in words (the raw code stays in `code` for the log). */
export class StoreOpenError extends Error {
  readonly reason: OpenFailureReason
  readonly code: string | undefined
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    const code = errorCode(cause)
    const reason = openFailureReasonOf(code)
    super(storageOpenMessage(reason, dir, 'en'), { cause })
    this.name = 'StoreOpenError'
    this.reason = reason
    this.code = code
  }
}

/** Raw errno errors become StoreOpenError; the store's own errors (in use, newer schema) already say what to do. */
export function asOpenError(dir: string, err: unknown): unknown {
  return errorCode(err) !== undefined && !(err instanceof StoreOpenError) ? new StoreOpenError(dir, err) : err
}

/**
 * The text shown when the app cannot start: both languages, because the language setting lives in the
 * data that could not be opened.
 */
export function describeOpenFailure(err: unknown): string {
  if (err instanceof StoreOpenError) {
    const raw = err.code ? ` (${err.code})` : ''
    return `${storageOpenMessage(err.reason, err.dir, 'zh-CN')}\n\n${storageOpenMessage(err.reason, err.dir, 'en')}${raw}`
  }
  return err instanceof Error ? err.message : String(err)
}
