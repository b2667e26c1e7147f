import { z } from 'zod'
import { COLLECTION_NAMES } from '../shared/collections'
import type { CollectionName } from '../shared/collections'
import { contract, isMethodName } from '../shared/contract'
import type { ApiOutput, ApiResult, Contract, MethodName, UpdateInput } from '../shared/contract'
import { AppError, storageError, validationError } from './errors'
import type { Ctx } from './services/context'
import type { EncryptionControl } from './services/encryption-control'
import { createRecordService } from './services/records'
import type { ListQuery } from './services/records'
import { createInsightService } from './services/insights'
import { collectTripReportInput } from './reports/collect'
import { checkTripReport } from './reports/report-check'
import { createSearchService } from './services/search'
import { createSystemService } from './services/system'
import { createReminderService } from './services/reminders'
import { createImportService } from './services/import'
import { createDuplicateService } from './services/duplicates'
import { createExchangeService } from './services/exchange'
import { createAttachmentService } from './services/attachments'

/** A handler gets the input after the contract's schema parsed it (defaults applied). */
export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<ApiOutput<M>> | ApiOutput<M>
}

function crudHandlers(records: ReturnType<typeof createRecordService>): Record<string, (input: never) => unknown> {
  const out: Record<string, (input: never) => unknown> = {}
  const add = (name: string, fn: (input: never) => unknown) => {
    if (name in out) throw new Error(`Duplicate API method ${name}`)
    out[name] = fn
  }
  for (const c of COLLECTION_NAMES) {
    add(`${c}.list`, (q: ListQuery) => records.list(c, q))
    add(`${c}.get`, ({ id }: { id: string }) => records.get(c, id))
    add(`${c}.create`, (input: object) => records.create(c, input))
    add(`${c}.update`, (input: UpdateInput<CollectionName>) => records.update(c, input))
    add(`${c}.delete`, ({ id }: { id: string }) => records.delete(c, id))
    add(`${c}.restore`, ({ id }: { id: string }) => records.restore(c, id))
  }
  return out
}

export function createHandlers(ctx: Ctx): Handlers {
  // desk.ts answers these itself (they must work while the folder is locked); this is for an app opened without it.
  const encryption = (): EncryptionControl => {
    if (!ctx.encryption) throw new AppError('STATE', 'Encryption at rest is not available here')
    return ctx.encryption
  }
  const records = createRecordService(ctx)
  const system = createSystemService(ctx)
  const insights = createInsightService(ctx)
  const search = createSearchService(ctx)
  const reminders = createReminderService(ctx)
  const imports = createImportService(ctx)
  const duplicates = createDuplicateService(ctx)
  const exchange = createExchangeService(ctx)
  const attachments = createAttachmentService(ctx)
  return {
    ...(crudHandlers(records) as unknown as Pick<Handlers, `${CollectionName}.${'list' | 'get' | 'create' | 'update' | 'delete' | 'restore'}`>),
    // An attachment record never points at a file that is not stored, and never changes which file it is.
    'attachments.create': async (input) => {
      await attachments.checkStored(input.sha256)
      return records.create('attachments', input)
    },
    'attachments.update': (input) => {
      attachments.checkEditable(input.changes)
      return records.update('attachments', input)
    },
    'attachments.add': (input) => attachments.add(input),
    'attachments.content': ({ id }) => attachments.content(id),
    'attachments.thumbnail': ({ id }) => attachments.thumbnail(id),
    // The desktop shell opens a plain copy with the system viewer (desktop-shell.ts); here the page shows the bytes itself.
    'attachments.open': ({ id }) => {
      records.get('attachments', id)
      return { opened: false }
    },
    'links.find': ({ collection, id }) => records.linksTo(collection, id),
    'settings.get': () => system.getSettings(),
    'settings.update': (patch) => system.updateSettings(patch),
    'system.status': () => system.status(),
    'system.dismissRecovery': () => system.dismissRecovery(),
    'encryption.status': () => encryption().status(),
    'encryption.unlock': ({ passphrase }) => encryption().unlock(passphrase),
    'encryption.enable': ({ passphrase }) => encryption().enable(passphrase),
    'encryption.disable': () => encryption().disable(),
    'encryption.changePassphrase': ({ passphrase }) => encryption().changePassphrase(passphrase),
    'encryption.removePassphrase': () => encryption().removePassphrase(),
    'backups.list': () => system.listBackups(),
    'backups.restore': ({ name }) => system.restoreBackup(name),
    'sample.load': () => system.loadSample(),
    'trips.totals': ({ id }) => insights.tripTotals(id),
    'reports.check': ({ tripId, kind, lang, date }) =>
      checkTripReport(collectTripReportInput(ctx.store.data, tripId, insights.tripTotals(tripId)), { kind, lang: lang ?? ctx.store.data.settings.reportLanguage, date }),
    'search.global': ({ query, limitPerKind }) => search.global(query, limitPerKind),
    'dashboard.summary': (range) => insights.dashboard(range),
    'reminders.list': ({ today }) => reminders.list(today),
    'import.open': (input) => imports.open(input),
    'import.preview': (input) => imports.preview(input),
    'import.commit': (input) => imports.commit(input),
    'import.progress': ({ jobId }) => imports.progress(jobId),
    'import.cancel': ({ jobId }) => imports.cancel(jobId),
    'import.errorRows': (input) => imports.errorRows(input),
    'import.history': () => imports.history(),
    'import.undo': ({ batchId }) => imports.undo(batchId),
    'duplicates.list': (input) => duplicates.list(input),
    'duplicates.counts': () => duplicates.counts(),
    'duplicates.markDistinct': (input) => duplicates.markDistinct(input),
    'duplicates.merge': (input) => duplicates.merge(input),
    'duplicates.undoMerge': ({ mergeId }) => duplicates.undoMerge(mergeId),
    'duplicates.merges': ({ limit }) => duplicates.history(limit),
    'exchange.device': () => exchange.device(),
    'exchange.open': (input) => exchange.open(input),
    'exchange.apply': ({ sessionId }) => exchange.apply(sessionId),
    'exchange.log': () => exchange.log(),
    'exchange.conflicts': () => exchange.conflicts(),
    'exchange.conflict': ({ collection, id }) => exchange.conflict(collection, id),
    'exchange.resolve': (input) => exchange.resolve(input),
    'history.get': ({ collection, id }) => exchange.history(collection, id),
    'history.restore': (input) => exchange.revert(input),
  }
}

export interface Router {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>
}

/**
 * The one router both transports bind to. Every input is parsed with the
 * contract's schema before a handler sees it; every failure comes back as a
 * structured error, never as a thrown exception across the transport.
 */
export function createRouter(handlers: Handlers, log: (e: unknown) => void = console.error): Router {
  for (const name of Object.keys(contract)) {
    if (!(name in handlers)) throw new Error(`No handler for API method ${name}`)
  }
  const internal = (e: unknown): ApiResult<never> => {
    log(e)
    const message = e instanceof Error ? e.message : String(e)
    return { ok: false, error: { code: 'INTERNAL', message: `Internal error: ${message}`, fieldErrors: {} } }
  }
  return {
    async call(method, input) {
      // Everything, parsing included, runs inside the try: no input may turn into a rejected promise.
      try {
        if (typeof method !== 'string' || !isMethodName(method)) {
          const name = typeof method === 'string' ? method.slice(0, 100) : typeof method
          return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${name}`, fieldErrors: {} } }
        }
        const parsed = contract[method].input.safeParse(input === undefined ? {} : input)
        if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody() }
        const handler = handlers[method] as (i: unknown) => unknown
        return { ok: true, data: await handler(parsed.data) }
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toBody() }
        const storage = storageError(e)
        if (storage) {
          log(e)
          return { ok: false, error: storage.toBody() }
        }
        // A stack overflow from absurdly deep input is the caller's fault, not ours.
        if (e instanceof RangeError && /call stack/i.test(e.message)) {
          return { ok: false, error: { code: 'VALIDATION', message: 'Input nested too deeply', fieldErrors: { _: ['Input nested too deeply'] } } }
        }
        try {
          return internal(e)
        } catch {
          return { ok: false, error: { code: 'INTERNAL', message: 'Internal error', fieldErrors: {} } }
        }
      }
    },
  }
}
