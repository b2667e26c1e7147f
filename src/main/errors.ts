import type { z } from 'zod'
import type { ApiErrorBody, LinkRef, StorageReason } from '../shared/contract'

/** An error the user can act on; the router sends its body as is. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    readonly links?: LinkRef[],
    readonly reason?: StorageReason,
  ) {
    super(message)
  }

  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      fieldErrors: this.fieldErrors,
      ...(this.links ? { links: this.links } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    }
  }
}

/**
 * Zod issues keyed by field path, so the UI can put each message next to its field.
 * Collected in a Map: a field named `__proto__`, `constructor` or `toString` is a key like any other,
 * where a plain object's inherited members would break `out[key] ??= []`.
 */
export function fieldErrorsOf(error: z.ZodError, prefix: string[] = []): Record<string, string[]> {
  const out = new Map<string, string[]>()
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = [...prefix, ...path.map(String)].join('.') || '_'
    const list = out.get(key)
    if (list) list.push(message)
    else out.set(key, [message])
  }
  for (const issue of error.issues) {
    // An unknown key is reported against the key itself, so the message names the field.
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) add([...issue.path, k], 'Unknown field')
    else add(issue.path, issue.message)
  }
  // fromEntries defines own properties, so even "__proto__" arrives as a field name.
  return Object.fromEntries(out)
}

export function validationError(error: z.ZodError, prefix: string[] = []): AppError {
  const fieldErrors = fieldErrorsOf(error, prefix)
  const fields = Object.keys(fieldErrors).join(', ')
  return new AppError('VALIDATION', `Invalid input: ${fields}`, fieldErrors)
}

const REASONS: Readonly<Record<string, StorageReason>> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'permission',
  EPERM: 'permission',
  ENOENT: 'missing',
  ENOTDIR: 'missing',
  EIO: 'io',
  EISDIR: 'io',
  EEXIST: 'io',
  EBUSY: 'io',
  EMFILE: 'io',
  ENFILE: 'io',
}

const MESSAGES: Readonly<Record<StorageReason, string>> = {
  'disk-full': 'The disk is full; nothing was saved. Free some space, then save again.',
  'read-only': 'The data folder is on a read-only disk; nothing was saved.',
  permission: 'The app may not write to the data folder; nothing was saved. Check its permissions.',
  missing: 'The data folder is missing; nothing was saved. Put it back and restart the app.',
  io: 'The disk reported an error; nothing was saved. Check the disk, then try again.',
}

/** The errno code of a system error, looked for along its `cause` chain (the store may wrap it). */
function errnoOf(e: unknown): string | undefined {
  for (let cur = e, depth = 0; cur !== null && typeof cur === 'object' && depth < 8; depth++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string' && Object.prototype.hasOwnProperty.call(REASONS, code)) return code
    cur = (cur as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * A system error from the file system, as the plain STORAGE error the user can act on
 * (disk full, read-only, no permission, folder missing, disk error); null for anything else.
 */
export function storageError(e: unknown): AppError | null {
  const code = errnoOf(e)
  if (code === undefined) return null
  const reason = REASONS[code]
  return new AppError('STORAGE', MESSAGES[reason], {}, undefined, reason)
}
