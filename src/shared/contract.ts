import { z } from 'zod'
import { COLLECTION_NAMES, collectionName, collections } from './collections'
import type { CollectionName, RecordTypes } from './collections'
import { patchOf, idSchema, isoDate, isoDateTime } from './domain/common'
import { settingsUpdate } from './domain/settings'
import type { Settings } from './domain/settings'
import type { ExportFn } from './exports'
import { MESSAGES } from './messages'
import { YEAR_MAX, YEAR_MIN } from './dateBounds'
import { remindersInput } from './reminders'
import type { ReminderList } from './reminders'
import { batchInput, jobInput, openInput, planInput, previewInput } from './import'
import type { ErrorRowsFile, ImportBatchSummary, ImportOpened, ImportPreview, ImportProgress, UndoResult } from './import'
import { duplicatesListInput, mergeInput, pairInput, undoMergeInput } from './duplicates'
import type { DuplicateCounts, DuplicatePair, MergeResult, MergeSummary, MergeUndoResult } from './duplicates'
import type { DistinctPair } from './domain/merges'
import { changePassphraseInput, enableEncryptionInput, unlockInput } from './encryption'
import type { EncryptionStatus } from './encryption'
import { attachmentAddInput, attachmentById } from './attachments'
import type { AttachmentContent, AttachmentOpened, AttachmentThumbnail } from './attachments'
import type { Attachment } from './domain/attachments'
import { exchangeOpenInput, exchangeSessionInput, recordRef, resolveInput, revertInput } from './exchange'
import type { ConflictDetail, ConflictSummary, DeviceInfo, ExchangeApplied, ExchangeLogEntry, ExchangePreview, RecordHistory } from './exchange'
import type { AnyRecord } from './collections'
import { activityKind, agreementKind, agreementStatus, alumniGroupKind, alumniGroupStatus, cooperationCategory, followUpStatus, LANGS, organizationKind, tripStatus } from './enums'

/**
 * The one API contract: method name -> input schema and output type.
 * Both transports (Electron IPC and browser mode) and the renderer's client are
 * derived from this object, so there is no second copy to keep in step.
 */
export interface MethodDef<I extends z.ZodType, O> {
  input: I
  /** type-only marker; never read at run time */
  output: O
}
function method<O>() {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input, output: undefined as O })
}

export interface Page<T> {
  items: T[]
  total: number
}

const listBase = {
  search: z.string().max(200).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
  includeDeleted: z.boolean().default(false),
}
const dir = z.enum(['asc', 'desc']).default('asc')

// Filter text is compared with stored fields, which are at most this long (city 60, major 100).
const filterText = z.string().max(200)
const year = z.number().int().min(YEAR_MIN).max(YEAR_MAX)

/** Per-collection list filters; every field optional. */
export const filters = {
  organizations: z.strictObject({ kind: z.enum(organizationKind.values).optional(), city: filterText.optional(), alumniFounded: z.boolean().optional() }),
  contacts: z.strictObject({ organizationId: idSchema.optional(), alumniOnly: z.boolean().optional(), classYear: year.optional(), major: filterText.optional(), city: filterText.optional() }),
  staff: z.strictObject({ active: z.boolean().optional() }),
  trips: z.strictObject({ year: year.optional(), status: z.enum(tripStatus.values).optional() }),
  activities: z.strictObject({ tripId: idSchema.optional(), kind: z.enum(activityKind.values).optional(), organizationId: idSchema.optional(), contactId: idSchema.optional(), dateFrom: isoDate.optional(), dateTo: isoDate.optional() }),
  agreements: z.strictObject({ kind: z.enum(agreementKind.values).optional(), status: z.enum(agreementStatus.values).optional(), organizationId: idSchema.optional(), expiringOn: isoDate.optional() }),
  alumniGroups: z.strictObject({ kind: z.enum(alumniGroupKind.values).optional(), status: z.enum(alumniGroupStatus.values).optional() }),
  followUps: z.strictObject({ status: z.enum(followUpStatus.values).optional(), category: z.enum(cooperationCategory.values).optional(), ownerId: idSchema.optional(), tripId: idSchema.optional(), organizationId: idSchema.optional(), overdueOn: isoDate.optional(), dueFrom: isoDate.optional(), dueTo: isoDate.optional() }),
  attachments: z.strictObject({ recordType: collectionName.optional(), recordId: idSchema.optional() }),
} as const satisfies Record<CollectionName, z.ZodType>

function listInput<C extends CollectionName>(c: C) {
  const sortable = collections[c].sortable as unknown as [string, ...string[]]
  return z.strictObject({
    ...listBase,
    filter: z.optional(filters[c]),
    sort: z.strictObject({ field: z.enum(sortable), dir }).optional(),
  })
}

export const byId = z.strictObject({ id: idSchema })

export interface LinkRef {
  collection: CollectionName
  id: string
  name: string
  field: string
}

export interface RecoveryInfo {
  damagedFiles: string[]
  loadedBackup: string | null
  at: string
  /** journal lines not replayed; their bytes are in `file`, one of damagedFiles */
  skippedEntries: Array<{ file: string; line: number; seq: number | null; reason: string }>
  /** journal entry numbers no file holds although later ones exist */
  missingEntries: Array<{ from: number; to: number }>
}
export interface SystemStatus {
  dataDir: string
  recovered: RecoveryInfo | null
  empty: boolean
  counts: Record<CollectionName, number>
  appVersion: string
}
export interface TripTotals {
  /** distinct organisations of the trip's enterprise visits and meetings */
  enterprisesVisited: number
  activitiesByKind: Record<string, number>
  /** the sum of the numbers recorded; visits with no number are counted in positionsUnrecorded, not as 0 */
  positionsOffered: number
  /** enterprise visits and meetings whose positions nobody recorded */
  positionsUnrecorded: number
  /** agreements linked from the trip's activities (signed or unveiled there) */
  agreements: number
  internshipBases: number
  /** alumni organisations linked from the trip's activities that are established or registered */
  alumniGroupsFounded: number
  peopleMet: number
  alumniMet: number
  followUpsOpen: number
  followUpsDone: number
}

/** Something a trip report will leave out, or (in English) print in Chinese, and the record to fix it in. */
export interface ReportGap {
  collection: CollectionName | 'settings' | 'report'
  id: string
  /** the record's name or title, to show in the list */
  name: string
  /** the field to fill in (dotted for settings: signatures.editor) */
  field: string
  problem: 'missing' | 'notEnglish'
}
export const REPORT_KINDS = ['news', 'work'] as const
export const reportCheckInput = z.strictObject({
  tripId: idSchema,
  kind: z.enum(REPORT_KINDS).default('news'),
  lang: z.enum(LANGS).optional(),
  date: isoDate.optional(),
})

export interface SearchHit {
  collection: CollectionName
  id: string
  name: string
  /** a second line: organisation, title, date… */
  detail: string
}

export interface DashboardSummary {
  from: string
  to: string
  /** every calendar year in which a trip or an activity takes place, newest first (whatever from/to say) */
  years: number[]
  /** agreements ending within this many days of today are listed as expiring */
  expiringWithinDays: number
  kpis: {
    trips: number
    enterprisesVisited: number
    positionsOffered: number
    activeInternshipBases: number
    alumniContacts: number
    followUpsOpen: number
    followUpsOverdue: number
  }
  visitsPerMonth: Array<{ month: string; visits: number }>
  organizationsByIndustry: Array<{ label: string; count: number }>
  organizationsByCity: Array<{ label: string; count: number }>
  overdueFollowUps: Array<{ id: string; title: string; dueDate: string; ownerName: string; organizationName: string }>
  expiringAgreements: Array<{ id: string; title: string; endDate: string; organizationName: string; expired: boolean }>
  recentTrips: Array<{ id: string; title: string; startDate: string; endDate: string; status: string }>
}

export interface BackupInfo {
  name: string
  createdAt: string
  size: number
}

type CrudMethods<C extends CollectionName> = {
  [K in `${C}.list`]: MethodDef<ReturnType<typeof listInput<C>>, Page<RecordTypes[C]>>
} & { [K in `${C}.get`]: MethodDef<typeof byId, RecordTypes[C]> } & {
  [K in `${C}.create`]: MethodDef<(typeof collections)[C]['input'], RecordTypes[C]>
} & {
  [K in `${C}.update`]: MethodDef<z.ZodType<UpdateInput<C>>, RecordTypes[C]>
} & { [K in `${C}.delete`]: MethodDef<typeof byId, RecordTypes[C]> } & {
  [K in `${C}.restore`]: MethodDef<typeof byId, RecordTypes[C]>
}

export interface UpdateInput<C extends CollectionName> {
  id: string
  changes: Partial<z.input<(typeof collections)[C]['shape']>>
  /** optimistic check: refuse the update if the record changed since the client read it */
  expectedUpdatedAt?: string
}

function crud<C extends CollectionName>(c: C): CrudMethods<C> {
  const updateInput = z.strictObject({
    id: idSchema,
    changes: patchOf(collections[c].shape.shape),
    expectedUpdatedAt: isoDateTime.optional(),
  })
  return {
    [`${c}.list`]: method<Page<RecordTypes[C]>>()(listInput(c)),
    [`${c}.get`]: method<RecordTypes[C]>()(byId),
    [`${c}.create`]: method<RecordTypes[C]>()(collections[c].input),
    [`${c}.update`]: method<RecordTypes[C]>()(updateInput),
    [`${c}.delete`]: method<RecordTypes[C]>()(byId),
    [`${c}.restore`]: method<RecordTypes[C]>()(byId),
  } as unknown as CrudMethods<C>
}

const empty = z.strictObject({}).default({})

export const contract = {
  ...crud('organizations'),
  ...crud('contacts'),
  ...crud('staff'),
  ...crud('trips'),
  ...crud('activities'),
  ...crud('agreements'),
  ...crud('alumniGroups'),
  ...crud('followUps'),
  ...crud('attachments'),
  'attachments.add': method<Attachment>()(attachmentAddInput),
  'attachments.content': method<AttachmentContent>()(attachmentById),
  'attachments.thumbnail': method<AttachmentThumbnail>()(attachmentById),
  'attachments.open': method<AttachmentOpened>()(attachmentById),
  'links.find': method<LinkRef[]>()(z.strictObject({ collection: collectionName, id: idSchema })),
  'settings.get': method<Settings>()(empty),
  'settings.update': method<Settings>()(settingsUpdate),
  'system.status': method<SystemStatus>()(empty),
  'system.dismissRecovery': method<SystemStatus>()(empty),
  'encryption.status': method<EncryptionStatus>()(empty),
  'encryption.unlock': method<EncryptionStatus>()(unlockInput),
  'encryption.enable': method<EncryptionStatus>()(enableEncryptionInput),
  'encryption.disable': method<EncryptionStatus>()(empty),
  'encryption.changePassphrase': method<EncryptionStatus>()(changePassphraseInput),
  'encryption.removePassphrase': method<EncryptionStatus>()(empty),
  'backups.list': method<BackupInfo[]>()(empty),
  'backups.restore': method<SystemStatus>()(z.strictObject({ name: z.string().regex(/^[\w.-]+\.json$/, MESSAGES.backupName) })),
  'sample.load': method<SystemStatus>()(empty),
  'trips.totals': method<TripTotals>()(byId),
  'reports.check': method<ReportGap[]>()(reportCheckInput),
  'search.global': method<SearchHit[]>()(z.strictObject({ query: z.string().trim().min(1).max(200), limitPerKind: z.number().int().min(1).max(50).default(8) })),
  'dashboard.summary': method<DashboardSummary>()(
    z
      .strictObject({
        from: isoDate,
        to: isoDate,
        today: isoDate,
        /**
         * The dashboard's first request: when from–to's year holds no trip or activity, the summary is
         * of the latest year that does (the answer's from/to say which), so opening takes one request.
         */
        latestYearIfEmpty: z.boolean().optional(),
      })
      .refine((d) => d.to >= d.from, { message: MESSAGES.endBeforeStart, path: ['to'] }),
  ),
  'reminders.list': method<ReminderList>()(remindersInput),
  'import.open': method<ImportOpened>()(openInput),
  'import.preview': method<ImportPreview>()(previewInput),
  'import.commit': method<ImportBatchSummary>()(planInput),
  'import.progress': method<ImportProgress | null>()(jobInput),
  'import.cancel': method<{ cancelled: boolean }>()(jobInput),
  'import.errorRows': method<ErrorRowsFile>()(planInput),
  'import.history': method<ImportBatchSummary[]>()(empty),
  'import.undo': method<UndoResult>()(batchInput),
  'duplicates.list': method<DuplicatePair[]>()(duplicatesListInput),
  'duplicates.counts': method<DuplicateCounts>()(empty),
  'duplicates.markDistinct': method<DistinctPair>()(pairInput),
  'duplicates.merge': method<MergeResult>()(mergeInput),
  'duplicates.undoMerge': method<MergeUndoResult>()(undoMergeInput),
  'duplicates.merges': method<MergeSummary[]>()(z.strictObject({ limit: z.number().int().min(1).max(500).default(20) })),
  'exchange.device': method<DeviceInfo>()(empty),
  'exchange.open': method<ExchangePreview>()(exchangeOpenInput),
  'exchange.apply': method<ExchangeApplied>()(exchangeSessionInput),
  'exchange.log': method<ExchangeLogEntry[]>()(empty),
  'exchange.conflicts': method<ConflictSummary[]>()(empty),
  'exchange.conflict': method<ConflictDetail>()(recordRef),
  'exchange.resolve': method<AnyRecord>()(resolveInput),
  'history.get': method<RecordHistory>()(recordRef),
  'history.restore': method<AnyRecord>()(revertInput),
}

export type Contract = typeof contract
export type MethodName = keyof Contract
export type ApiInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ApiOutput<M extends MethodName> = Contract[M]['output']
export const METHOD_NAMES = Object.keys(contract) as MethodName[]

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

/** What every call returns over either transport. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody }
/** Why a save could not reach the disk (code STORAGE); the UI says what to do for each. */
export const STORAGE_REASONS = ['disk-full', 'read-only', 'permission', 'missing', 'io'] as const
export type StorageReason = (typeof STORAGE_REASONS)[number]
export interface ApiErrorBody {
  code: 'VALIDATION' | 'NOT_FOUND' | 'LINKED' | 'MISSING_LINK' | 'CONFLICT' | 'UNKNOWN_METHOD' | 'FORBIDDEN' | 'STATE' | 'STORAGE' | 'INTERNAL'
  message: string
  /** for STORAGE: what kind of failure */
  reason?: StorageReason
  /** field path (e.g. "name", "members.0.staffId") -> messages */
  fieldErrors: Record<string, string[]>
  /** for LINKED: the records that still link to the one being deleted */
  links?: LinkRef[]
}

/** The shape the preload and the browser shim expose as window.api: every method, plus `export` for files. */
export type WindowApi = { [M in MethodName]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> } & { export: ExportFn }

export { COLLECTION_NAMES }
