import { openFailureReasonOf, storageOpenMessage } from '../../shared/storage-problems'
import type { OpenFailureReason } from '../../shared/storage-problems'
import { KeyError } from './file-codec'
import { errorCode } from './fs-port'
import { UnlockError } from './key-file'

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
  if (err instanceof KeyError || (err instanceof UnlockError && err.reason === 'key-file-damaged')) {
    // Nothing was changed or moved aside: with the right key file back in place the data opens again.
    return (
      '数据文件夹中的文件已加密，但找不到与之匹配的密钥（keys.json 丢失、损坏或来自另一个文件夹）。没有任何文件被改动或移走：请放回原来的 keys.json 后再启动。\n\n' +
      `The data folder's files are encrypted, but the key that opens them is not there (keys.json is missing, damaged or from another folder). Nothing was changed or moved aside: put the original keys.json back and start again. (${err.message})`
    )
  }
  if (err instanceof StoreOpenError) {
    const raw = err.code ? ` (${err.code})` : ''
    return `${storageOpenMessage(err.reason, err.dir, 'zh-CN')}\n\n${storageOpenMessage(err.reason, err.dir, 'en')}${raw}`
  }
  return err instanceof Error ? err.message : String(err)
}
