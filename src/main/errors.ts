import type { z } from 'zod'
import type { ApiErrorBody, LinkRef } from '../shared/contract'

/** An error the user can act on; the router sends its body as is. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    readonly links?: LinkRef[],
  ) {
    super(message)
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, fieldErrors: this.fieldErrors, ...(this.links ? { links: this.links } : {}) }
  }
}

/** Zod issues keyed by field path, so the UI can put each message next to its field. */
export function fieldErrorsOf(error: z.ZodError, prefix: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const add = (path: PropertyKey[], message: string) => {
    const key = [...prefix, ...path.map(String)].join('.') || '_'
    ;(out[key] ??= []).push(message)
  }
  for (const issue of error.issues) {
    // An unknown key is reported against the key itself, so the message names the field.
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) add([...issue.path, k], 'Unknown field')
    else add(issue.path, issue.message)
  }
  return out
}

export function validationError(error: z.ZodError, prefix: string[] = []): AppError {
  const fieldErrors = fieldErrorsOf(error, prefix)
  const fields = Object.keys(fieldErrors).join(', ')
  return new AppError('VALIDATION', `Invalid input: ${fields}`, fieldErrors)
}
