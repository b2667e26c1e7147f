import type { z } from 'zod'
import { contract } from '../../shared/contract'
import type { ApiErrorBody, ApiInput, ApiOutput, ApiResult, LinkRef, MethodName, Page, StorageReason, WindowApi } from '../../shared/contract'
import type { CollectionName, RecordTypes } from '../../shared/collections'
import { exportsContract } from '../../shared/exports'
import type { ExportInput, ExportName, ExportResult } from '../../shared/exports'

export type ApiErrorCode = ApiErrorBody['code'] | 'TRANSPORT'

/** A failed call: the main side's error body, or a client-side validation / transport failure. */
export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly fieldErrors: Record<string, string[]>
  readonly links: LinkRef[]
  /** for STORAGE: what kind of disk failure, so the message can say what to do */
  readonly reason: StorageReason | undefined

  constructor(code: ApiErrorCode, message: string, fieldErrors: Record<string, string[]> = {}, links: LinkRef[] = [], reason?: StorageReason) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.fieldErrors = fieldErrors
    this.links = links
    this.reason = reason
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** Zod issues as field path -> messages, the same shape the main side sends. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const issue of issues) {
    const path = issue.path.map(String).join('.')
    ;(out[path] ??= []).push(issue.message)
  }
  return out
}

function windowApi(): WindowApi {
  const api = (window as unknown as { api?: WindowApi }).api
  if (!api) throw new ApiError('TRANSPORT', 'window.api is not available')
  return api
}

const READ_ONLY = /\.(list|get|totals)$|^links\.find$|^settings\.get$|^system\.status$|^backups\.list$|^search\.global$|^dashboard\.summary$|^reminders\.list$|^reports\.check$|^import\.(open|preview|errorRows|history)$|^duplicates\.(list|counts|merges)$|^exchange\.(device|open|log|conflicts|conflict)$|^history\.get$|^encryption\.status$|^attachments\.(content|thumbnail|open)$/
const mutationListeners = new Set<(method: MethodName) => void>()

/** Called after every successful call that may have changed data (caches use it to forget). */
export function onMutation(listener: (method: MethodName) => void): () => void {
  mutationListeners.add(listener)
  return () => mutationListeners.delete(listener)
}

/**
 * Reads asked for at start, before React has mounted (main.tsx): the first screen's requests then
 * travel together instead of one after another as each component mounts, which at 100,000 records
 * is the difference between the figures at once and a second later. The component's own identical
 * call (same method, same input) takes the answer; any change made meanwhile drops them all.
 */
const early = new Map<string, { answer: Promise<unknown>; at: number }>()
const earlyKey = (method: string, input: unknown): string => `${method} ${JSON.stringify(input)}`
/** An answer nobody took within this long (a screen that was not shown) is not handed out later. */
const EARLY_FOR_MS = 30_000

export function askEarly<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  if (!READ_ONLY.test(method)) throw new Error(`${method} changes data: it cannot be asked early`)
  const answer = call(method, input)
  // Whoever takes it handles a failure; one nobody takes must not count as unhandled.
  answer.catch(() => undefined)
  early.set(earlyKey(method, input), { answer, at: performance.now() })
  return answer
}

/** Forgets the answers asked early that nobody took (the folder turned out to be locked). */
export function forgetEarly(): void {
  early.clear()
}

/**
 * Calls one contract method. The input is validated first with the contract's own
 * schema, so field errors appear at once and read in the UI language; then the
 * result is unwrapped, and a failure is thrown as ApiError.
 */
export async function call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const asked = early.get(earlyKey(method, input))
  if (asked) {
    early.delete(earlyKey(method, input))
    if (performance.now() - asked.at < EARLY_FOR_MS) return asked.answer as Promise<ApiOutput<M>>
  }
  const schema = contract[method].input as z.ZodType
  const checked = schema.safeParse(input)
  if (!checked.success) {
    throw new ApiError('VALIDATION', checked.error.issues[0]?.message ?? 'Invalid input', issuesToFieldErrors(checked.error.issues))
  }
  const fn = windowApi()[method] as unknown as (i: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>
  let result: ApiResult<ApiOutput<M>>
  try {
    result = await fn(input)
  } catch (e) {
    throw new ApiError('TRANSPORT', e instanceof Error ? e.message : String(e))
  }
  if (!result.ok) {
    const { code, message, fieldErrors, links, reason } = result.error
    throw new ApiError(code, message, fieldErrors ?? {}, links ?? [], reason)
  }
  if (!READ_ONLY.test(method)) {
    early.clear()
    for (const l of mutationListeners) l(method)
  }
  return result.data
}

// Per-collection helpers for code that is generic over the collection (registers, name lookup, delete).
// The contract types every method; these narrow a computed method name back to the collection's record type.

export type ListInput = {
  search?: string
  offset?: number
  limit?: number
  includeDeleted?: boolean
  sort?: { field: string; dir: 'asc' | 'desc' }
  filter?: Record<string, unknown>
}

type Dynamic = <T>(method: MethodName, input: unknown) => Promise<T>
const dynamicCall = call as unknown as Dynamic

export function listRecords<C extends CollectionName>(c: C, input: ListInput): Promise<Page<RecordTypes[C]>> {
  return dynamicCall(`${c}.list` as MethodName, input)
}
export function getRecord<C extends CollectionName>(c: C, id: string): Promise<RecordTypes[C]> {
  return dynamicCall(`${c}.get` as MethodName, { id })
}
export function deleteRecord<C extends CollectionName>(c: C, id: string): Promise<RecordTypes[C]> {
  return dynamicCall(`${c}.delete` as MethodName, { id })
}
export function restoreRecord<C extends CollectionName>(c: C, id: string): Promise<RecordTypes[C]> {
  return dynamicCall(`${c}.restore` as MethodName, { id })
}

/**
 * Writes a report or register: Electron asks where and offers to open the file,
 * browser mode downloads it. Resolves with saved: false if the user cancelled.
 */
export async function exportFile<N extends ExportName>(name: N, input: ExportInput<N>): Promise<ExportResult> {
  const checked = exportsContract[name].safeParse(input)
  if (!checked.success) {
    throw new ApiError('VALIDATION', checked.error.issues[0]?.message ?? 'Invalid input', issuesToFieldErrors(checked.error.issues))
  }
  let result: ApiResult<ExportResult>
  try {
    result = await windowApi().export(name, input)
  } catch (e) {
    throw new ApiError('TRANSPORT', e instanceof Error ? e.message : String(e))
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.fieldErrors ?? {}, result.error.links ?? [], result.error.reason)
  return result.data
}
