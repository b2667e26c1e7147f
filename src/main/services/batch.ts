import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { collectionName, collections, linkedIds, links } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import { idSchema, isoDateTime, patchOf, systemFields } from '../../shared/domain/common'
import type { HistoryKind } from '../../shared/domain/sync'
import { AppError, validationError } from '../errors'
import type { StoreView } from '../store'
import { BatchView } from './batch-view'
import type { Ctx } from './context'
import { deadLinks, linkersOf, targetKey } from './link-checks'
import { runToEnd, stepDue } from '../turns'

/** One change of a batch. A create may bring its own id (a re-import), which must be new. */
export type BatchOp =
  | { op: 'create'; collection: CollectionName; input: Record<string, unknown>; id?: string }
  | { op: 'update'; collection: CollectionName; id: string; changes: Record<string, unknown>; expectedUpdatedAt?: string }
  | { op: 'delete'; collection: CollectionName; id: string }
  | { op: 'restore'; collection: CollectionName; id: string }

export interface BatchOptions {
  /** a further precondition, run against the head inside the same commit before any op */
  check?: (head: StoreView) => void
  /** a settings patch written in the same transaction, built from the head */
  settings?: (head: StoreView) => Record<string, unknown>
  /** check everything against the current head and return the records, writing nothing (an import preview) */
  dryRun?: boolean
  /** what the batch is, for each record's history (exchange/write-hook.ts) */
  kind?: HistoryKind
}

export interface Stamp {
  at: string
  by: string
}

/**
 * Where an op's errors are reported: `ops.<i>.<field>` in a batch; a single call keeps the keys its
 * form knows (the field itself, and `changes.<field>` for an update's own values).
 */
export interface ErrorPlace {
  prefix: string[]
  changes: string[]
  /** said before the message, so a batch error names the op */
  label: string
}
export const SINGLE: ErrorPlace = { prefix: [], changes: ['changes'], label: '' }
const inBatch = (i: number): ErrorPlace => ({ prefix: ['ops', String(i)], changes: [], label: `ops.${i}: ` })

const opSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), collection: collectionName, input: z.record(z.string(), z.unknown()), id: idSchema.optional() }),
  z.strictObject({
    op: z.literal('update'),
    collection: collectionName,
    id: idSchema,
    changes: z.record(z.string(), z.unknown()),
    expectedUpdatedAt: isoDateTime.optional(),
  }),
  z.strictObject({ op: z.literal('delete'), collection: collectionName, id: idSchema }),
  z.strictObject({ op: z.literal('restore'), collection: collectionName, id: idSchema }),
])

const patches = new Map<CollectionName, z.ZodType>()
function patchSchema(c: CollectionName): z.ZodType {
  let schema = patches.get(c)
  if (!schema) {
    schema = patchOf(collections[c].shape.shape)
    patches.set(c, schema)
  }
  return schema
}

/** The fields a person edits, as the input schema knows them (not what a newer version added). */
export function editableFields(c: CollectionName, r: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const values = r as Record<string, unknown>
  for (const k of Object.keys(collections[c].shape.shape)) if (k in values) out[k] = values[k]
  return out
}

function key(place: ErrorPlace, field?: string): string {
  return [...place.prefix, ...(field === undefined ? [] : [field])].join('.')
}

/** An error about the op as a whole (its state, its freshness): a batch names the op, a single call needs no field. */
function opError(code: 'STATE' | 'CONFLICT', message: string, place: ErrorPlace): AppError {
  return new AppError(code, `${place.label}${message}`, place.prefix.length > 0 ? { [key(place)]: [message] } : {})
}

function mustFind(view: StoreView, c: CollectionName, id: string, place: ErrorPlace): AnyRecord {
  const r = view.get(c, id)
  if (!r) throw new AppError('NOT_FOUND', `${place.label}No ${c} record with id ${id}`, { [key(place, 'id')]: ['Not found'] })
  return r as unknown as AnyRecord
}

function checkLinks(view: StoreView, c: CollectionName, record: object, place: ErrorPlace): void {
  const dead = deadLinks(view, c, record)
  const fields = Object.keys(dead)
  if (fields.length === 0) return
  const fieldErrors = Object.fromEntries(fields.map((f) => [key(place, f), dead[f]]))
  throw new AppError('MISSING_LINK', `${place.label}Linked records are missing: ${fields.join(', ')}`, fieldErrors)
}

/**
 * updatedAt is the version an edit form checks (expectedUpdatedAt), so every write must change it:
 * two edits in the same millisecond, or after the clock went back, still get distinct versions.
 */
export function after(current: AnyRecord, stamp: Stamp): { updatedAt: string; updatedBy: string } {
  const prev = Date.parse(current.updatedAt)
  const updatedAt = Date.parse(stamp.at) > prev ? stamp.at : new Date(prev + 1).toISOString()
  return { updatedAt, updatedBy: stamp.by }
}

/** The stored form is checked too: a bug here must never reach the file. */
/**
 * The record as stored, checked with its schema. Fields the schema does not know are kept: they
 * can only come from the stored record itself (inputs are strict), which a laptop on a newer minor
 * version sent in a package; an edit here must not drop what that laptop recorded.
 */
export function stored(c: CollectionName, record: object, place: ErrorPlace): AnyRecord {
  const checked = collections[c].record.safeParse(record)
  if (!checked.success) throw validationError(checked.error, place.prefix)
  return { ...record, ...(checked.data as object) } as unknown as AnyRecord
}

/** Create inputs validateOps checked against their collection's input schema (see createdFrom). */
const checkedInputs = new WeakSet<object>()
/** What a create adds to its input; its collection's record schema is these and the input's fields. */
const systemSchema = z.object(systemFields)

/**
 * The record a create makes of an input validateOps checked: only the fields the create adds are
 * checked, because the record schema is those and the input schema's fields, and checking the input
 * again gives the same values (stored() would). An import of 100,000 rows checked each one twice:
 * 0.4 s of its main thread.
 */
function createdFrom(input: Record<string, unknown>, created: Record<string, unknown>, place: ErrorPlace): AnyRecord {
  const checked = systemSchema.safeParse(created)
  if (!checked.success) throw validationError(checked.error, place.prefix)
  return { ...input, ...created, ...checked.data } as unknown as AnyRecord
}

export interface PlannedPut {
  collection: CollectionName
  record: AnyRecord
  place: ErrorPlace
}

/**
 * Checks one op's own state against `view` (the head plus the ops before it: exists, deleted or not,
 * unchanged since read), puts the record it writes into `view`, and returns it. Links are checked
 * once all ops are planned (checkFinalLinks). The op's values were validated before (by the router,
 * or validateOps).
 */
function planOp(view: BatchView, op: BatchOp, stamp: Stamp, place: ErrorPlace): PlannedPut {
  const c = op.collection
  let record: AnyRecord
  switch (op.op) {
    case 'create': {
      if (op.id !== undefined && view.get(c, op.id)) {
        throw new AppError('CONFLICT', `${place.label}A ${c} record with id ${op.id} exists already`, { [key(place, 'id')]: ['Already used'] })
      }
      const created = { id: op.id ?? randomUUID(), createdAt: stamp.at, updatedAt: stamp.at, updatedBy: stamp.by, deletedAt: null, mergedInto: null }
      record = checkedInputs.has(op.input) ? createdFrom(op.input, created, place) : stored(c, { ...op.input, ...created }, place)
      break
    }
    case 'update': {
      const current = mustFind(view, c, op.id, place)
      if (current.deletedAt !== null) throw opError('STATE', 'This record is deleted; restore it before editing', place)
      if (op.expectedUpdatedAt !== undefined && op.expectedUpdatedAt !== current.updatedAt) {
        throw opError('CONFLICT', 'This record was changed elsewhere since you opened it; reload it and try again', place)
      }
      // Re-validate the whole merged record so cross-field rules (e.g. trip dates) hold after a partial change.
      const merged = collections[c].input.safeParse({ ...editableFields(c, current), ...op.changes })
      if (!merged.success) throw validationError(merged.error, [...place.prefix, ...place.changes])
      // mergedInto and sync are carried over: the store's write hook derives the new sync from what changed.
      const kept = { mergedInto: current.mergedInto ?? null, ...(current.sync ? { sync: current.sync } : {}) }
      record = stored(c, { ...merged.data, id: current.id, createdAt: current.createdAt, deletedAt: null, ...kept, ...after(current, stamp) }, place)
      // What the schema does not know (a newer version's fields) is not the edit's to drop.
      for (const [k, v] of Object.entries(current)) if (!(k in record)) (record as unknown as Record<string, unknown>)[k] = v
      break
    }
    case 'delete': {
      const current = mustFind(view, c, op.id, place)
      if (current.deletedAt !== null) throw opError('STATE', 'This record is already deleted', place)
      const stamped = after(current, stamp)
      record = stored(c, { ...current, ...stamped, deletedAt: stamped.updatedAt }, place)
      break
    }
    case 'restore': {
      const current = mustFind(view, c, op.id, place)
      if (current.deletedAt === null) throw opError('STATE', 'This record is not deleted', place)
      // Its links now lead to the survivor; only undoing the merge brings it back consistently.
      if (typeof current.mergedInto === 'string') throw opError('STATE', 'This record was merged into another; undo the merge instead', place)
      record = stored(c, { ...current, ...after(current, stamp), deletedAt: null }, place)
      break
    }
  }
  view.put(c, record)
  return { collection: c, record, place }
}

/**
 * Links are checked against the state the whole transaction leaves, so a batch may link to a record
 * it creates later, or drop a link and delete its target, in any order: every live record written
 * links only to live records, and nothing live links to a record it deleted.
 */
function checkFinalLinks(view: BatchView, puts: readonly PlannedPut[]): void {
  runToEnd(checkFinalLinksSteps(view, puts))
}

/** Records whose links are checked between two looks at the clock. */
const LINKS_PER_STEP = 256
/** Records keyed by collection and id between two looks at the clock. */
const KEYS_PER_STEP = 2_048

/** checkFinalLinks as steps (yielding how many records are checked): 100,000 records took a fifth of a second. */
function* checkFinalLinksSteps(view: BatchView, puts: readonly PlannedPut[]): Generator<number, void> {
  const last = new Map<string, PlannedPut>()
  for (let i = 0; i < puts.length; i += 1) {
    // Keyed in steps too: 105,000 keys made and mapped in one go held the loop for 50–60 ms.
    if (i % KEYS_PER_STEP === KEYS_PER_STEP - 1) yield 0
    last.set(targetKey(puts[i].collection, puts[i].record.id), puts[i])
  }
  const deleted = new Map<CollectionName, Set<string>>()
  let checked = 0
  for (const { collection, record, place } of last.values()) {
    if (++checked % LINKS_PER_STEP === 0) yield checked
    if (record.deletedAt === null) checkLinks(view, collection, record, place)
    else {
      let ids = deleted.get(collection)
      if (!ids) deleted.set(collection, (ids = new Set()))
      ids.add(record.id)
    }
  }
  if (deleted.size === 0) return
  // A record's attachments never hold up its deletion: they stay with the tombstone (a restore
  // brings them back) until it is purged (issue 13).
  const linkers = linkersOf(view, deleted, { attachments: false })
  for (const [target, refs] of linkers) {
    const { place } = last.get(target) as PlannedPut
    const names = refs.slice(0, 5).map((l) => l.name).join(', ')
    const message = `Still linked from ${refs.length} record(s): ${names}`
    throw new AppError('LINKED', `${place.label}${message}`, place.prefix.length > 0 ? { [key(place)]: [message] } : {}, refs)
  }
}

/** Plans every op in order, then checks links against the result; throws the first error found. */
export function planBatch(head: StoreView, ops: readonly BatchOp[], stamp: Stamp, placeOf: (i: number) => ErrorPlace): PlannedPut[] {
  const view = new BatchView(head)
  const puts = ops.map((op, i) => planOp(view, op, stamp, placeOf(i)))
  checkFinalLinks(view, puts)
  return puts
}

/** Ops planned between two looks at the clock when a big batch is planned in slices. */
const OPS_PER_STEP = 32

/**
 * planBatch as steps (yielding how many ops are planned), for a batch of 100,000 records planned in
 * slices before its commit. What it returns was right against `base` when planned; `stillValid`
 * tells, inside the commit, whether it still is.
 */
export function* planBatchSteps(base: StoreView, ops: readonly BatchOp[], stamp: Stamp, placeOf: (i: number) => ErrorPlace): Generator<number, PreparedBatch> {
  const view = new BatchView(base)
  const puts: PlannedPut[] = []
  const basis: Array<string | null> = []
  for (let i = 0; i < ops.length; i += 1) {
    if (stepDue(i, OPS_PER_STEP)) yield i
    const put = planOp(view, ops[i], stamp, placeOf(i))
    puts.push(put)
    basis.push((base.get(put.collection, put.record.id)?.updatedAt as string | undefined) ?? null)
  }
  // Every op is planned by now: progress stays at the end while their links are checked.
  const links = checkFinalLinksSteps(view, puts)
  while (!links.next().done) yield ops.length
  return { puts, basis }
}

export interface PreparedBatch {
  puts: PlannedPut[]
  /** per put: updatedAt of the record it replaces as it was when planned, null for a new record */
  basis: Array<string | null>
}

/**
 * Whether a batch planned earlier is still right against `head`: every record it creates is still
 * absent, every record it replaces is still the version it was planned from, and every record it
 * links to outside the batch is still there and live. A batch that deletes is never taken as is
 * (its linkers would need a full look), so it is planned again.
 */
export function stillValid(head: StoreView, prepared: PreparedBatch): boolean {
  const mine = new Set(prepared.puts.map((p) => targetKey(p.collection, p.record.id)))
  for (let i = 0; i < prepared.puts.length; i += 1) {
    const { collection, record } = prepared.puts[i]
    const now = head.get(collection, record.id)
    if (((now?.updatedAt as string | undefined) ?? null) !== prepared.basis[i]) return false
    if (record.deletedAt !== null) return false
    for (const def of links) {
      if (def.from !== collection) continue
      for (const { id } of linkedIds(record, def.path)) {
        if (mine.has(targetKey(def.to, id))) continue
        const target = head.get(def.to, id)
        if (!target || target.deletedAt !== null) return false
      }
    }
  }
  return true
}

/**
 * Validates every op with the shared schemas before anything is checked against the data, and
 * reports all invalid ops at once (`ops.<i>.<field>`), so an import can show every bad row.
 */
export function validateOps(ops: readonly unknown[]): BatchOp[] {
  return runToEnd(validateOpsSteps(ops))
}

/** validateOps as steps (yielding how many ops are checked), for a big batch checked in slices. */
export function* validateOpsSteps(ops: readonly unknown[]): Generator<number, BatchOp[]> {
  if (!Array.isArray(ops)) throw new AppError('VALIDATION', 'Invalid input: ops', { ops: ['Expected an array of operations'] })
  const fieldErrors: Record<string, string[]> = {}
  const out: BatchOp[] = []
  for (let i = 0; i < ops.length; i += 1) {
    if (stepDue(i, OPS_PER_STEP)) yield i
    const raw = ops[i]
    const shape = opSchema.safeParse(raw)
    if (!shape.success) {
      Object.assign(fieldErrors, validationError(shape.error, ['ops', String(i)]).fieldErrors)
      continue
    }
    const op = shape.data
    if (op.op !== 'create' && op.op !== 'update') {
      out.push(op)
      continue
    }
    const values = op.op === 'create' ? collections[op.collection].input.safeParse(op.input) : patchSchema(op.collection).safeParse(op.changes)
    if (!values.success) Object.assign(fieldErrors, validationError(values.error, ['ops', String(i)]).fieldErrors)
    else if (op.op === 'create') {
      const input = values.data as Record<string, unknown>
      checkedInputs.add(input)
      out.push({ ...op, input })
    }
    else out.push({ ...op, changes: values.data as Record<string, unknown> })
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError('VALIDATION', `Invalid input: ${Object.keys(fieldErrors).join(', ')}`, fieldErrors)
  }
  return out
}

export function createBatchService(ctx: Ctx) {
  const { store } = ctx
  return {
    /**
     * Applies every op or none, as one journal transaction: each is checked inside the serialised
     * commit against the head plus the ops before it. Resolves, once durable, to the records written,
     * in op order. For import and merge; not a method of the contract.
     */
    async applyBatch(ops: readonly BatchOp[], opts: BatchOptions = {}): Promise<AnyRecord[]> {
      const valid = validateOps(ops)
      const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
      return store.transact((head) => {
        opts.check?.(head)
        const planned = planBatch(head, valid, stamp, inBatch)
        const settings = opts.settings?.(head)
        const result = planned.map((p) => p.record)
        // An empty transaction is not queued: the check ran, nothing is written.
        if (opts.dryRun) return { tx: { puts: [] }, result }
        const puts = planned.map(({ collection, record }) => ({ collection, record }))
        return { tx: { puts, ...(settings ? { settings } : {}), ...(opts.kind ? { meta: { kind: opts.kind } } : {}) }, result }
      })
    },
  }
}
export type BatchService = ReturnType<typeof createBatchService>
