import { randomUUID } from 'node:crypto'
import { COLLECTION_NAMES, collections, displayName } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import { EXCHANGE_OUTCOMES, exchangeRecord } from '../../shared/domain/exchanges'
import type { ExchangeOutcome, ExchangeRecord } from '../../shared/domain/exchanges'
import { HISTORY_KEEP } from '../../shared/domain/sync'
import type { HistoryKind, SyncMeta } from '../../shared/domain/sync'
import type {
  ConflictDetail, ConflictSummary, DeviceInfo, ExchangeApplied, ExchangeLogEntry, ExchangePreview, RecordHistory, HistoryItem,
} from '../../shared/exchange'
import { SCHEMA_VERSION } from '../db/schema'
import { AppError } from '../errors'
import { conflicts } from '../exchange/field-merge'
import { buildPayload, checkRecord, knownDevices } from '../exchange/package-content'
import type { RawRecord } from '../exchange/package-content'
import { MAX_PAYLOAD_BYTES, PackageError, packageParts, writePackageParts } from '../exchange/package-file'
import { readPayloadInWorker } from '../exchange/payload-worker'
import { ImportJob, runSteps } from '../import/jobs'
import type { PackageHeader } from '../exchange/package-file'
import { packageBlobs, readPackageBlobs } from '../exchange/package-blobs'
import { blobFiles } from '../attachments/blob-files'
import { planRecord, versionsOf } from '../exchange/receive'
import type { PlannedRecord } from '../exchange/receive'
import { recordConflicts, syncOf, toState } from '../exchange/record-state'
import { recordKey } from '../exchange/write-hook'
import type { StoredRecord, StoreView } from '../store'
import { stepsInSlices, turns } from '../turns'
import { after, stored } from './batch'
import type { Ctx } from './context'
import { deadLinks } from './link-checks'

/** Text longer than this, or in a field of prose, is offered "keep both" in a conflict. */
const LONG_TEXT = 60
const PROSE = new Set(['notes', 'outcomes', 'outcomesEn', 'topics', 'consensus', 'result', 'summary', 'experience', 'outlook', 'theme', 'focus'])
/** How many preview items travel to the screen; the counts cover all. */
const PREVIEW_ITEMS = 500
const SESSIONS_KEPT = 3

interface Session {
  fileName: string
  header: PackageHeader
  devices: Record<string, string>
  /**
   * The preview's plan of every record that would change something here (its write is not null),
   * with the package's copy (checked with the schemas only where it would change something) and
   * the local record it was computed against. A record whose copy here has seen all the package
   * holds is only counted: an edit here after the preview has seen it too, so apply has nothing
   * to do with it, and a year's package does not keep 100,000 records alive until apply.
   */
  planned: Array<{ plan: PlannedRecord; incoming: RawRecord }>
  /** how many records of the package are already here, as they are */
  alreadyHere: number
  /** records planned so far, for the job's progress */
  read: number
  /** attachment files by sha256, checked against their names */
  blobs: Map<string, Buffer>
}

const emptyCounts = (): Record<ExchangeOutcome, number> => Object.fromEntries(EXCHANGE_OUTCOMES.map((k) => [k, 0])) as Record<ExchangeOutcome, number>
const ORDER: Record<ExchangeOutcome, number> = { conflicting: 0, deleted: 1, merged: 2, updated: 3, new: 4, unchanged: 5 }
const NO_PLACE = { prefix: [], changes: [], label: '' }

/** Why a package was refused, as the field the screen shows it on and a code it can say in words. */
function refusal(e: PackageError): AppError {
  const field = e.reason === 'passphrase-needed' || e.reason === 'wrong-passphrase' ? 'passphrase' : 'data'
  return new AppError('VALIDATION', e.message, { [field]: [`package.${e.reason}`] })
}

/**
 * A record's version as two laptops compare it: its `sync` as JSON, undefined without one. Equal
 * keys mean the same edits seen and the same edit per field: the same record.
 */
const versionKey = (r: StoredRecord): string | undefined => (r.sync === undefined ? undefined : JSON.stringify(r.sync))

export function createExchangeService(ctx: Ctx) {
  const { store } = ctx
  const sessions = new Map<string, Session>()
  // A restore or a whole-state replace puts back records older than those a preview was planned on
  // (and skipped as already here): such a preview cannot be applied; the package is opened again.
  let replacements = 0
  store.subscribe((change) => {
    if (change.kind !== 'replaced') return
    sessions.clear()
    replacements += 1
  })
  const blobs = blobFiles(ctx.dataDir, ctx.codec)

  const self = (): DeviceInfo => ({ id: ctx.deviceId(), label: ctx.deviceLabel() })
  const devices = (): Record<string, string> => knownDevices(store.data, self())
  const labelFrom = (known: Record<string, string>) => (device: string): string =>
    known[device] ?? (device.startsWith('h:') ? '' : device.slice(0, 8))

  /**
   * One record of the package against this laptop's copy. A copy carrying the very same version
   * (equal `sync`: same edits seen, same edit per field) is the record already here: unchanged,
   * never written, so it needs neither the schema check nor the merge.
   */
  function planOne(inc: RawRecord, local: StoredRecord | undefined, stamp: string, label: (d: string) => string): PlannedRecord {
    const mine = local && versionKey(local)
    if (local && mine !== undefined && versionKey(inc.record) === mine) {
      return { collection: inc.collection, id: local.id, outcome: 'unchanged', local, write: null, fields: [] }
    }
    return planRecord(checkRecord(inc), local, stamp, label)
  }

  /** Plans one chunk of the package against the records here now, a record per step. */
  function* planSteps(chunk: readonly RawRecord[], s: Session, stamp: string): Generator<number, void> {
    const label = labelFrom({ ...devices(), ...s.devices })
    for (const inc of chunk) {
      const plan = planOne(inc, store.get(inc.collection, inc.record.id), stamp, label)
      if (plan.write === null && plan.outcome === 'unchanged') s.alreadyHere += 1
      else s.planned.push({ plan, incoming: inc })
      s.read += 1
      yield s.read
    }
  }

  function counts(planned: readonly PlannedRecord[], alreadyHere: number): Record<ExchangeOutcome, number> {
    const out = emptyCounts()
    for (const p of planned) out[p.outcome] += 1
    out.unchanged += alreadyHere
    return out
  }

  function nameOf(p: PlannedRecord): string {
    const r = (p.write ?? p.local) as unknown as AnyRecord
    return r ? displayName(r) : p.id
  }

  function recordOf(c: CollectionName, id: string): StoredRecord {
    const r = store.get(c, id)
    if (!r) throw new AppError('NOT_FOUND', `No ${c} record with id ${id}`, { id: ['Not found'] })
    return r
  }

  /**
   * Writes `values` over the record as an ordinary edit of this laptop (the store's hook stamps it),
   * checked like any edit: the stored schema, and links when the record is live.
   */
  function writeOver(c: CollectionName, id: string, expectedUpdatedAt: string, values: Record<string, unknown>, kind: HistoryKind, resolved: string[]): Promise<AnyRecord> {
    const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
    return store.transact((head) => {
      const current = head.get(c, id) as unknown as AnyRecord | undefined
      if (!current) throw new AppError('NOT_FOUND', `No ${c} record with id ${id}`, { id: ['Not found'] })
      if (current.updatedAt !== expectedUpdatedAt) {
        throw new AppError('CONFLICT', 'This record was changed since you opened it; open it again', { expectedUpdatedAt: ['Changed since'] })
      }
      const next = stored(c, { ...current, ...values, ...after(current, stamp) }, NO_PLACE)
      if (next.deletedAt === null) {
        const dead = deadLinks(head, c, next)
        const fields = Object.keys(dead)
        if (fields.length > 0) throw new AppError('MISSING_LINK', `Linked records are missing: ${fields.join(', ')}`, dead)
      }
      const meta = { kind, resolved: { [recordKey(c, id)]: resolved } }
      return { tx: { puts: [{ collection: c, record: next as unknown as StoredRecord }], meta }, result: next }
    }).then((planned) => {
      const written = store.get(c, id) as unknown as AnyRecord | undefined
      return written && written.updatedAt === planned.updatedAt ? written : planned
    })
  }

  return {
    device(): DeviceInfo {
      return self()
    },

    /** The package's bytes for the whole database or one trip, sealed when a passphrase is given. */
    async packageFile(scope: { kind: 'all' } | { kind: 'trip'; tripId: string }, passphrase?: string): Promise<{ parts: Buffer[]; title: string }> {
      let title = ''
      if (scope.kind === 'trip') {
        const trip = store.get('trips', scope.tripId) as unknown as AnyRecord | undefined
        if (!trip) throw new AppError('NOT_FOUND', `No trip with id ${scope.tripId}`, { 'scope.tripId': ['Not found'] })
        title = displayName(trip)
      }
      const records = buildPayload(store.data, (c, id) => store.get(c, id), scope, devices())
      const payload = { ...records, blobs: await packageBlobs(blobs, records.records.attachments) }
      const header = {
        schemaVersion: SCHEMA_VERSION,
        createdAt: ctx.now().toISOString(),
        device: self(),
        scope: scope.kind === 'all' ? { kind: 'all' as const } : { kind: 'trip' as const, tripId: scope.tripId, title: title.slice(0, 300) },
      }
      const parts = await writePackageParts(header, payload, passphrase === '' ? undefined : passphrase)
      return { parts, title }
    },

    /**
     * Reads and checks the package, and says what receiving it would do. Writes nothing. The
     * payload is inflated and parsed in a worker and planned in slices of the event loop, so a
     * year's package does not hold the window or other calls for seconds.
     */
    async open(input: { fileName: string; data: string; passphrase?: string | undefined }): Promise<ExchangePreview> {
      let header: PackageHeader
      let session: Session
      // What the records here were when the package began to be read: a preview planned partly
      // against records since replaced (a restore) could not be applied.
      const replacedBefore = replacements
      try {
        const parts = await packageParts(input.data, SCHEMA_VERSION, input.passphrase || undefined)
        header = parts.header
        if (header.device.id === ctx.deviceId()) {
          throw new AppError('VALIDATION', 'This package was made on this laptop.', { data: ['package.own'] })
        }
        // Records held here at the very same version are only counted by the worker (planOne would
        // call them unchanged without a look at their contents): a year's package sends over ~1%.
        const versionOf = (c: CollectionName, id: string): string | undefined => {
          const local = store.get(c, id)
          return local && versionKey(local)
        }
        const reader = readPayloadInWorker(input.data, parts, MAX_PAYLOAD_BYTES, { versionOf, ...(ctx.importSlices ? { via: ctx.importSlices } : {}) })
        // The worker sends the device labels before any record (or refuses the payload instead).
        const labels = { ...(await reader.devices), [header.device.id]: header.device.label }
        session = { fileName: input.fileName, header, devices: labels, planned: [], alreadyHere: 0, read: 0, blobs: new Map() }
        const stamp = ctx.now().toISOString()
        const job = new ImportJob()
        for await (const chunk of reader.chunks()) await runSteps(planSteps(chunk, session, stamp), job, ctx.importSlices)
        session.alreadyHere += reader.alreadyHere()
        if (replacements !== replacedBefore) {
          throw new AppError('CONFLICT', 'The records here were replaced while the package was read; open it again.', { data: ['package.replaced'] })
        }
        session.blobs = readPackageBlobs(await reader.blobs)
      } catch (e) {
        if (e instanceof PackageError) throw refusal(e)
        throw e
      }
      const sessionId = randomUUID()
      sessions.set(sessionId, session)
      while (sessions.size > SESSIONS_KEPT) sessions.delete(sessions.keys().next().value as string)
      const plans = session.planned.map((p) => p.plan)
      const items = plans
        .filter((p) => p.outcome !== 'unchanged')
        .sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome])
      return {
        sessionId,
        fileName: input.fileName,
        from: header.device,
        createdAt: header.createdAt,
        scope: header.scope,
        counts: counts(plans, session.alreadyHere),
        items: items.slice(0, PREVIEW_ITEMS).map((p) => ({ collection: p.collection, id: p.id, name: nameOf(p), outcome: p.outcome, fields: p.fields })),
        totalItems: items.length,
      }
    },

    /**
     * Writes the whole package as one journal transaction, with its entry in the exchange log.
     * Records untouched since the preview use the preview's plan; any changed meanwhile are merged
     * again against the state they are written over, so nothing edited in between is lost.
     */
    async apply(sessionId: string): Promise<ExchangeApplied> {
      const s = sessions.get(sessionId)
      if (!s) throw new AppError('NOT_FOUND', 'This package is no longer open; open it again', { sessionId: ['Not found'] })
      const at = ctx.now().toISOString()
      const label = labelFrom({ ...devices(), ...s.devices })
      // The files first, durably: a record written below never points at a file that is not here.
      for (const bytes of s.blobs.values()) await blobs.put(bytes)
      const onDisk = new Set([...(await blobs.list()), ...s.blobs.keys()])
      /** The records to write against `head`: the preview's plan where the record is as it was then, merged again where not. */
      const build = (head: StoreView) => {
        const basis = s.planned.map(({ plan: p }) => head.get(p.collection, p.id))
        const planned = s.planned.map(({ plan: p, incoming }, i) => {
          const now = basis[i]
          if (now === p.local) return p
          try {
            return planOne(incoming, now, at, label)
          } catch (e) {
            throw e instanceof PackageError ? refusal(e) : e
          }
        })
        const log: ExchangeRecord = exchangeRecord.parse({
          id: logId, createdAt: at, updatedAt: at, updatedBy: ctx.deviceLabel(), deletedAt: null,
          fileName: s.fileName.slice(0, 300), device: s.header.device, scope: s.header.scope, packageCreatedAt: s.header.createdAt,
          counts: counts(planned, s.alreadyHere), devices: s.devices,
        })
        for (const p of planned) {
          const sha = p.collection === 'attachments' && p.write ? p.write.sha256 : null
          if (typeof sha === 'string' && !onDisk.has(sha)) {
            throw refusal(new PackageError('invalid', `The package lacks the file of the attachment ${nameOf(p)}.`))
          }
        }
        const puts: Array<{ collection: string; record: StoredRecord }> = planned.filter((p) => p.write !== null).map((p) => ({ collection: p.collection, record: p.write as StoredRecord }))
        puts.push({ collection: 'exchanges', record: log as unknown as StoredRecord })
        return { basis, puts, result: { logId: log.id, counts: log.counts } }
      }
      const logId = randomUUID()
      // Serialised ahead, in slices: a year's merged records with their histories took 50-90 ms to
      // encode inside the commit, which is one synchronous step.
      const ahead = build(store.view())
      const prepared = await stepsInSlices(store.preparePuts(ahead.puts, { stamped: true }), ctx.importSlices ?? turns, true)
      const result = await store.transact((head) => {
        // A restore while the records were prepared closed the session: what it planned is gone.
        if (sessions.get(sessionId) !== s) throw new AppError('NOT_FOUND', 'This package is no longer open; open it again', { sessionId: ['Not found'] })
        if (s.planned.every(({ plan: p }, i) => head.get(p.collection, p.id) === ahead.basis[i])) {
          return { tx: { puts: [], prepared, meta: { stamped: true } }, result: ahead.result }
        }
        // An edit landed meanwhile: planned again against the head, inside the commit.
        const again = build(head)
        return { tx: { puts: again.puts, meta: { stamped: true } }, result: again.result }
      })
      sessions.delete(sessionId)
      return result
    },

    log(): ExchangeLogEntry[] {
      return [...store.data.exchanges].reverse().map((e) => ({ id: e.id, at: e.createdAt, fileName: e.fileName, from: e.device, scope: e.scope, counts: e.counts }))
    },

    /** Every record with a field in conflict, in every register. */
    conflicts(): ConflictSummary[] {
      const out: ConflictSummary[] = []
      for (const c of COLLECTION_NAMES) {
        for (const r of store.data[c] as unknown as StoredRecord[]) {
          if (!(r.sync as SyncMeta | undefined)?.c) continue
          const fields = recordConflicts(r)
          if (fields.length > 0) out.push({ collection: c, id: r.id, name: displayName(r as unknown as AnyRecord), fields, deleted: r.deletedAt !== null })
        }
      }
      return out
    },

    conflict(c: CollectionName, id: string): ConflictDetail {
      const r = recordOf(c, id)
      const state = toState(r)
      const label = labelFrom(devices())
      const history = syncOf(r).h ?? []
      const fields = conflicts(state).map((field) => {
        const versions = versionsOf(state, field, label)
        // The value before the disagreeing edits, when each one's history entry says the same.
        const befores = (state.fields[field] ?? []).map((v) => history.find((h) => h.d[0] === v.dot[0] && h.d[1] === v.dot[1])?.ch?.[field])
        const known = befores.every((b) => b !== undefined) && new Set(befores.map((b) => JSON.stringify(b?.[0]))).size === 1
        const longText = PROSE.has(field) || versions.some((v) => typeof v.value === 'string' && v.value.length > LONG_TEXT)
        return { field, versions, ancestor: { known, value: known ? befores[0]?.[0] : null }, longText }
      })
      return { collection: c, id, name: displayName(r as unknown as AnyRecord), updatedAt: String(r.updatedAt), deleted: r.deletedAt !== null, fields }
    },

    /** A person's decision on each field in conflict: an ordinary edit that has seen every value, so it travels and ends the conflict everywhere. */
    resolve(input: { collection: CollectionName; id: string; choices: Record<string, { pick: number } | { value?: unknown }>; expectedUpdatedAt: string; restore: boolean }): Promise<AnyRecord> {
      const { collection: c, id } = input
      const r = recordOf(c, id)
      const state = toState(r)
      const open = conflicts(state)
      const missing = open.filter((f) => !(f in input.choices))
      if (open.length === 0) throw new AppError('STATE', 'This record has no conflict to resolve', { id: ['No conflict'] })
      if (missing.length > 0) throw new AppError('VALIDATION', `Decide every field in conflict: ${missing.join(', ')}`, Object.fromEntries(missing.map((f) => [`choices.${f}`, ['Required']])))
      const values: Record<string, unknown> = {}
      for (const [field, choice] of Object.entries(input.choices)) {
        if (!open.includes(field)) throw new AppError('VALIDATION', `${field} is not in conflict`, { [`choices.${field}`]: ['Not in conflict'] })
        if ('pick' in choice) {
          const v = state.fields[field]?.[choice.pick]
          if (!v) throw new AppError('VALIDATION', `No value ${choice.pick} for ${field}`, { [`choices.${field}.pick`]: ['Out of range'] })
          values[field] = v.value
        } else values[field] = choice.value
      }
      if (input.restore && r.deletedAt !== null) {
        if (typeof r.mergedInto === 'string') throw new AppError('STATE', 'This record was merged into another; undo the merge instead', { restore: ['Merged'] })
        values.deletedAt = null
      }
      // The schema of the register checks a typed value like any edit.
      const checked = collections[c].record.safeParse({ ...r, ...values })
      if (!checked.success) {
        const issue = checked.error.issues[0]
        throw new AppError('VALIDATION', `Invalid value: ${issue?.path.join('.')}`, { [`choices.${String(issue?.path[0] ?? '_')}.value`]: [issue?.message ?? 'Invalid'] })
      }
      return writeOver(c, id, input.expectedUpdatedAt, values, 'resolve', Object.keys(values))
    },

    history(c: CollectionName, id: string): RecordHistory {
      const r = recordOf(c, id)
      const label = labelFrom(devices())
      const entries = syncOf(r).h ?? []
      const items: HistoryItem[] = entries.map((e) => ({
        device: e.d[0], deviceLabel: e.by || label(e.d[0]), counter: e.d[1], at: e.d[2], kind: e.k,
        changes: Object.entries(e.ch ?? {}).map(([field, [before, afterValue]]) => ({ field, before, after: afterValue })),
        restorable: true,
      }))
      // The creation is not stored as an entry (record-state.ts): it is the record's createdAt. Its
      // version can come back only while every later edit is still in the history.
      const creator = syncOf(r).o ?? (Object.keys(syncOf(r).vv).length === 1 ? Object.keys(syncOf(r).vv)[0] : '')
      items.unshift({
        device: creator, deviceLabel: creator === '' || creator.startsWith('h:') ? '' : label(creator), counter: 0, at: String(r.createdAt), kind: 'create',
        changes: [], restorable: entries.length < HISTORY_KEEP,
      })
      return { collection: c, id, updatedAt: String(r.updatedAt), items: items.reverse() }
    },

    /** Brings back the values the record had right after the named edit, as a new edit: nothing in between is lost from the history. */
    revert(input: { collection: CollectionName; id: string; device: string; counter: number; expectedUpdatedAt: string }): Promise<AnyRecord> {
      const { collection: c, id } = input
      const r = recordOf(c, id)
      const entries = syncOf(r).h ?? []
      // Counter 0 is the creation: every edit in the history is undone.
      const creation = input.counter === 0 && entries.length < HISTORY_KEEP
      const at = creation ? -1 : entries.findIndex((e) => e.d[0] === input.device && e.d[1] === input.counter)
      if (at < 0 && !creation) throw new AppError('NOT_FOUND', 'That version is no longer in the history', { counter: ['Not found'] })
      const values: Record<string, unknown> = {}
      // Undo every later change, newest first: what remains is the version right after that edit.
      for (let i = entries.length - 1; i > at; i -= 1) for (const [field, [before]] of Object.entries(entries[i].ch ?? {})) values[field] = before
      return writeOver(c, id, input.expectedUpdatedAt, values, 'revert', [])
    },
  }
}
export type ExchangeService = ReturnType<typeof createExchangeService>
