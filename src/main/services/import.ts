import { createHash, randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { linkedIds, links } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { Contact } from '../../shared/domain'
import { importBatchRecord } from '../../shared/domain/importBatches'
import type { ImportBatch } from '../../shared/domain/importBatches'
import type { ErrorRowsFile, ImportBatchSummary, ImportCell, ImportOpened, ImportPreview, UndoResult } from '../../shared/import'
import { AppError } from '../errors'
import type { StoredRecord, StoreView } from '../store'
import { editableFields, planBatch, planBatchSteps, stillValid, validateOps, validateOpsSteps } from './batch'
import type { BatchOp, PlannedPut } from './batch'
import { cancelledError, ImportJobs, runSteps } from '../import/jobs'
import type { ImportJob } from '../import/jobs'
import { decodeBase64InTurns } from '../import/base64-turns'
import { runToEnd, turns } from '../turns'
import { initials } from '../import/duplicates'
import { detectHeaderRow } from '../import/header-row'
import { sideBySide } from '../import/side-by-side'
import { ImportFileError } from '../import/limits'
import { normClassYear } from '../import/normalize'
import { kindFromName } from '../import/row-values'
import type { ParsedFile } from '../import/parse-file'
import { forkLauncher, parseInChild } from '../import/parse-runner'
import type { ParseLauncher } from '../import/parse-runner'
import { planSteps } from '../import/plan'
import type { Plan, PlanOptions } from '../import/plan'
import type { TextEncoding } from '../import/text-table'
import { errorRowsWorkbook } from '../reports/error-rows'
import { workerSheets } from '../reports/sheet-runner'
import type { Ctx } from './context'

interface Session {
  id: string
  fileName: string
  sha256: string
  file: ParsedFile
  /** the last plan made and what it was made from: the preview's plan is the commit's when nothing changed in between */
  planned?: { key: string; plan: Plan }
  /** the plan being made now: a second request for the same plan (the grid asks again) waits for it */
  planning?: { key: string; done: Promise<void> }
}

/** Plan rows turned into ops between two looks at the clock. */
const ROWS_PER_STEP = 256

/** Parsed files waiting for the user's next step; a handful, newest kept. */
const MAX_SESSIONS = 4

/** References listed (and checked) between two looks at the clock while the batch record is made. */
const REFS_PER_STEP = 2_000

/**
 * schema.parse(list) a slice of the list at a time, yielding `at` between slices: for a list schema with
 * no length limit, since each slice is checked alone.
 */
function* parsedInSteps<S extends z.ZodArray>(schema: S, list: readonly unknown[], at: number): Generator<number, z.output<S>> {
  const out: unknown[] = []
  for (let from = 0; from < list.length || from === 0; from += REFS_PER_STEP) {
    for (const item of schema.parse(list.slice(from, from + REFS_PER_STEP))) out.push(item)
    yield at
  }
  return out as z.output<S>
}

/** A list laid out twice across a page is one a page or two long, not a directory of thousands. */
const SIDE_BY_SIDE_ROWS = 5000

/** A year in words that name a class: "2017届（硕士）", "2019届就业方案", "2019年毕业生名单". */
const CLASS_IN_WORDS = /((?:19|20)\d{2})\s*(?:届|年毕业)/
/** the same, every one in a text */
const EVERY_CLASS_IN_WORDS = new RegExp(CLASS_IN_WORDS.source, 'g')

/** A sheet named for its class: "2015届", "16级", and "2017届（硕士）", "2019届就业方案" by the year before 届. */
function sheetClassYear(name: string): ReturnType<typeof normClassYear> {
  const whole = normClassYear(name)
  if (whole.ok) return whole
  const m = CLASS_IN_WORDS.exec(name)
  return m ? normClassYear(Number(m[1])) : whole
}

/**
 * The class a sheet's title names ("南昌大学资源与环境学院2015届毕业生名单" above the header), for a
 * sheet whose name does not ("Sheet1"). Only a title's year: 届 and 年毕业 name the graduating class,
 * and one year in the title; a title naming two ("2015届、2016届") names none.
 */
function titleClassYear(rows: readonly ImportCell[][], headerRow: number): number | null {
  const years = new Set<number>()
  for (const row of rows.slice(0, headerRow)) {
    for (const cell of row) {
      if (typeof cell !== 'string') continue
      for (const m of cell.matchAll(EVERY_CLASS_IN_WORDS)) years.add(Number(m[1]))
    }
  }
  if (years.size !== 1) return null
  const r = normClassYear([...years][0])
  return r.ok ? r.value : null
}

export function createImportService(ctx: Ctx, launcher: ParseLauncher = ctx.importLauncher ?? forkLauncher()) {
  const sessions = new Map<string, Session>()
  const jobs = new ImportJobs()

  function session(id: string): Session {
    const s = sessions.get(id)
    if (!s) throw new AppError('NOT_FOUND', 'This import is no longer open; choose the file again', { sessionId: ['Not found'] })
    return s
  }

  /** Plans in slices of the event loop (100,000 rows take seconds), reporting on the job. */
  async function plan(opts: PlanOptions, job: ImportJob): Promise<{ s: Session; plan: Plan }> {
    const s = session(opts.sessionId)
    for (const sel of opts.sheets) {
      if (!s.file.sheets.some((x) => x.name === sel.name)) throw new AppError('VALIDATION', `The file has no sheet "${sel.name}"`, { sheets: [`No sheet ${sel.name}`] })
    }
    // Planning 100,000 rows takes seconds; the same options on unchanged registers give the same plan.
    const { sessionId, target, mode, sheets, mapping, corrections, decisions } = opts
    const keyNow = () => {
      const revisions = ['organizations', 'contacts', 'staff', 'importBatches'].map((c) => ctx.store.revision(c))
      return JSON.stringify([sessionId, target, mode, sheets, mapping, corrections, decisions, revisions])
    }
    job.phase = 'planning'
    job.total = opts.sheets.reduce((n, sel) => n + (s.file.sheets.find((x) => x.name === sel.name)?.rows.length ?? 0), 0)
    // An edit that lands while the plan is made (it yields the loop) makes it stale: plan again.
    for (let attempt = 0; s.planned?.key !== keyNow(); attempt += 1) {
      const key = keyNow()
      if (s.planning?.key === key) {
        // The same plan is being made for another request: wait for it rather than make it twice.
        await s.planning.done
        job.check()
        continue
      }
      const making = runSteps(planSteps(s.file, opts, ctx.store.data, s.file.created), job, ctx.importSlices)
      const planning = { key, done: making.then(() => undefined, () => undefined) }
      s.planning = planning
      try {
        const made = await making
        if (key === keyNow() || attempt >= 2) s.planned = { key: keyNow(), plan: made }
      } finally {
        if (s.planning === planning) delete s.planning
      }
    }
    return { s, plan: (s.planned as { plan: Plan }).plan }
  }

  /**
   * The plan's rows to write as batch ops (new organisations first), with each op's row for error
   * messages; in steps, as 100,000 rows took a fifth of a second. Yields the rows planned, so the
   * progress shown stays where planning left it.
   */
  function* opsOfPlanSteps(p: Plan, target: PlanOptions['target']): Generator<number, { ops: BatchOp[]; rowOf: string[] }> {
    const ops: BatchOp[] = []
    const rowOf: string[] = []
    const orgIds = new Map<string, string>()
    for (const [key, name] of p.newOrganizations) {
      const id = randomUUID()
      orgIds.set(key, id)
      const kind = kindFromName(name)
      const details = p.newOrganizationDetails.get(key)
      // The kind the rows state wins over the one its name suggests.
      const input: Record<string, unknown> = { name, ...(kind === undefined ? {} : { kind }), ...details?.fields }
      if (details !== undefined && details.notes.length > 0) input.notes = details.notes.join('\n')
      ops.push({ op: 'create', collection: 'organizations', id, input })
      rowOf.push(name)
    }
    const orgOf = (row: Plan['rows'][number]): string | null | undefined =>
      row.organization === null ? undefined : row.newOrgKey !== null ? (orgIds.get(row.newOrgKey) ?? null) : row.organization.id
    for (let i = 0; i < p.rows.length; i += 1) {
      if (i % ROWS_PER_STEP === 0) yield p.rows.length
      const row = p.rows[i]
      if (row.action === 'create') {
        const input: Record<string, unknown> = { ...row.input }
        if (target === 'contacts') input.organizationId = orgOf(row) ?? null
        ops.push({ op: 'create', collection: target, input })
        rowOf.push(`${row.sheet}!${row.row}`)
      } else if (row.action === 'update' && row.targetId !== null) {
        const current = ctx.store.get(target, row.targetId) as AnyRecord | undefined
        if (!current) continue
        const changes: Record<string, unknown> = {}
        for (const field of row.given) {
          if (field === 'organization' || field === 'classYear' || field === 'degree' || field === 'major') continue
          changes[field] = field === 'notes' ? [current.notes, row.input.notes].filter((n) => n !== '').join('\n') : row.input[field]
        }
        if (target === 'contacts') {
          const a = row.input.alumni as Record<string, unknown> | undefined
          if (a) changes.alumni = { ...((current as Contact).alumni ?? {}), ...a }
          const org = orgOf(row)
          if (org !== undefined) changes.organizationId = org
        }
        ops.push({ op: 'update', collection: target, id: current.id, changes, expectedUpdatedAt: current.updatedAt })
        rowOf.push(`${row.sheet}!${row.row}`)
      }
    }
    return { ops, rowOf }
  }

  function summary(b: ImportBatch): ImportBatchSummary {
    const { created, updated, ...rest } = b
    return { ...rest, createdCount: created.length, updatedCount: updated.length }
  }

  return {
    async open(input: { fileName: string; target: 'contacts' | 'organizations' | 'staff'; data: string; encoding?: TextEncoding; jobId?: string }): Promise<ImportOpened> {
      // Between slices it waits for a turn the way the planning does, sharing the budget with other background work.
      const bytes = await decodeBase64InTurns(input.data, () => (ctx.importSlices ?? turns).slice(() => undefined))
      if (bytes.length === 0) throw new AppError('VALIDATION', 'The file is empty', { data: ['The file is empty'] })
      const job = jobs.start(input.jobId)
      let sha256 = ''
      let file: ParsedFile
      try {
        const parsing = parseInChild({ bytes, fileName: input.fileName, encoding: input.encoding }, { launcher, onCancel: (stop) => job.whenCancelled(stop) })
        // A file refused at once fails `parsing` before it is awaited below: not an unhandled rejection.
        parsing.catch(() => undefined)
        // Done while the other process reads the file and this one waits: after it, the file's hash and
        // pinyin-pro's first call (which builds its dictionary, 16-28 ms) landed in the turns that receive
        // the rows and start the plan, 50–80 ms together with a garbage collection. Each in a turn of
        // its own: in the turn that sent the file to the child, the three held the thread for 45-56 ms.
        sha256 = await turns.slice(() => createHash('sha256').update(bytes).digest('hex'))
        await turns.slice(() => initials('中文'))
        file = await parsing
      } catch (err) {
        job.check()
        // The code lets the UI say it in the user's language; the message carries the file's particulars.
        if (err instanceof ImportFileError) throw new AppError('VALIDATION', err.message, { file: [err.code] })
        throw err
      }
      // A list printed twice across the page is two tables, offered as two sheets.
      if (file.sheets.some((sh) => sh.rows.length <= SIDE_BY_SIDE_ROWS)) file = { ...file, sheets: file.sheets.flatMap((sh) => (sh.rows.length <= SIDE_BY_SIDE_ROWS ? sideBySide(input.target, sh) : [sh])) }
      const id = randomUUID()
      sessions.set(id, { id, fileName: input.fileName, sha256, file })
      while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string)
      return {
        sessionId: id,
        fileName: input.fileName,
        sha256,
        format: file.format,
        encoding: file.encoding,
        delimiter: file.delimiter,
        sheets: file.sheets.map((sh) => {
          const cy = sheetClassYear(sh.name)
          const headerRow = detectHeaderRow(input.target, sh.rows, sh.merges)
          const titled = cy.ok ? null : titleClassYear(sh.rows, headerRow)
          return {
            name: sh.name,
            rows: sh.rows.length,
            columns: Math.max(0, ...sh.rows.slice(0, 50).map((r) => r.length)),
            headerRow,
            preview: sh.rows.slice(0, 30),
            classYear: cy.ok ? cy.value : titled,
            partOf: sh.partOf ?? null,
            classYearFrom: cy.ok && cy.value !== null ? ('name' as const) : titled !== null ? ('title' as const) : null,
          }
        }),
        previousImports: ctx.store.data.importBatches
          .filter((b) => b.sha256 === sha256 && b.undoneAt === null)
          .map((b) => ({ id: b.id, at: b.createdAt, fileName: b.fileName })),
      }
    },

    progress: (jobId: string) => jobs.progress(jobId),
    cancel: (jobId: string) => ({ cancelled: jobs.cancel(jobId) }),

    async preview(input: PlanOptions & { offset: number; limit: number; onlyProblems: boolean }): Promise<ImportPreview> {
      const job = jobs.start(input.jobId)
      const { plan: p } = await plan(input, job)
      job.phase = 'done'
      const shown = input.onlyProblems ? p.rows.filter((r) => r.problems.length > 0 || r.action === 'error' || r.action === 'conflict' || r.action === 'duplicate') : p.rows
      return {
        columns: p.columns,
        sheets: p.sheets,
        counts: p.counts,
        newOrganizations: [...p.newOrganizations.values()],
        total: shown.length,
        rows: shown.slice(input.offset, input.offset + input.limit).map(({ input: _i, given: _g, newOrgKey: _n, ...row }) => row),
      }
    },

    /**
     * Writes the plan as one batch through the store's serialised commit: new organisations, new and
     * updated records, and the import batch that remembers what changed (for the history and undo).
     * Every op is checked against the state it is applied to; an update whose record changed since
     * the preview read it is refused (CONFLICT) rather than overwriting that change.
     */
    async commit(opts: PlanOptions): Promise<ImportBatchSummary> {
      const job = jobs.start(opts.jobId)
      const target = opts.target
      // The plan is read in here and not kept past it: at 100,000 rows its display text and inputs are
      // hundreds of megabytes that the rest of the commit does not need (a retry plans again from the file).
      const { s, ops, rowOf, c, headerSignature, mapping } = await (async () => {
        const { s, plan: p } = await plan(opts, job)
        delete s.planned
        const built = await runSteps(opsOfPlanSteps(p, target), job, ctx.importSlices)
        return { s, ...built, c: p.counts, headerSignature: p.headerSignature, mapping: p.mapping }
      })()
      // Checked and planned in slices against the data as it is now; the commit then only checks that
      // nothing it relies on changed meanwhile (else it plans again, inside, as any batch does).
      job.phase = 'writing'
      job.total = ops.length
      const valid = await runSteps(validateOpsSteps(ops), job, ctx.importSlices)
      // Checked copies from here on; the unchecked ones would only add to the peak.
      ops.length = 0
      const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
      const placeOf = (i: number) => ({ prefix: ['ops', String(i)], changes: [], label: `${rowOf[i]}: ` })
      const base = ctx.store.view()
      const plannedAt = ctx.store.headVersion()
      const prepared = await runSteps(planBatchSteps(base, valid, stamp, placeOf), job, ctx.importSlices)
      /** The batch record: what the import created, and each record it changed as it was before. */
      function* batchSteps(planned: readonly PlannedPut[], view: StoreView): Generator<number, StoredRecord> {
        const created: ImportBatch['created'] = []
        const updated: ImportBatch['updated'] = []
        for (let i = 0; i < planned.length; i += 1) {
          if (i % REFS_PER_STEP === 0) yield i
          const put = planned[i]
          if (valid[i].op === 'create') created.push({ collection: put.collection, id: put.record.id })
          else updated.push({ collection: put.collection, id: put.record.id, before: { ...(view.get(put.collection, put.record.id) ?? {}) }, importedAt: put.record.updatedAt })
        }
        const record = importBatchRecord.parse({
          id: randomUUID(), createdAt: stamp.at, updatedAt: stamp.at, updatedBy: stamp.by, deletedAt: null,
          fileName: s.fileName, sha256: s.sha256, target, mode: opts.mode, sheets: opts.sheets.map((x) => x.name),
          counts: { created: c.create, updated: c.update, unchanged: c.unchanged, skipped: c.skip + c.duplicate + c.conflict, errors: c.error },
          headerSignature, mapping, created: [], updated: [], undoneAt: null,
        })
        // The lists are checked a slice at a time: 105,000 references in one parse held the loop for 50–75 ms.
        record.created = yield* parsedInSteps(importBatchRecord.shape.created, created, planned.length)
        record.updated = yield* parsedInSteps(importBatchRecord.shape.updated, updated, planned.length)
        return record as StoredRecord
      }
      const batchOf = (planned: readonly PlannedPut[], view: StoreView): StoredRecord => runToEnd(batchSteps(planned, view))
      const putsOf = (planned: readonly PlannedPut[], batch: StoredRecord) => [
        ...planned.map(({ collection, record }) => ({ collection, record: record as StoredRecord })),
        { collection: 'importBatches', record: batch },
      ]
      const preparedBatch = await runSteps(batchSteps(prepared.puts, base), job, ctx.importSlices)
      // Serialised ahead too: at 100,000 records, serialising inside the commit blocked for seconds.
      const serialised = await runSteps(ctx.store.preparePuts(putsOf(prepared.puts, preparedBatch), { kind: 'import' }), job, ctx.importSlices)
      job.check()
      return ctx.store.transact((head) => {
        if (job.cancelled) throw cancelledError()
        job.phase = 'indexing'
        // Nothing queued, failed or replaced since planning began: the head is what the batch was planned on.
        if (ctx.store.headVersion() === plannedAt || stillValid(head, prepared)) return { tx: { puts: [], prepared: serialised }, result: summary(preparedBatch as unknown as ImportBatch) }
        // Something the plan relied on changed meanwhile: planned again against the head, as any batch is.
        const planned = planBatch(head, valid, stamp, placeOf)
        const batch = batchOf(planned, head)
        return { tx: { puts: putsOf(planned, batch), meta: { kind: 'import' } }, result: summary(batch as unknown as ImportBatch) }
      }).then((result) => {
        // Committed: the wizard starts again from a file, and the parsed file (at 100,000 rows
        // tens of MB) would otherwise stay until three more files were opened.
        sessions.delete(s.id)
        return result
      }).finally(() => {
        job.phase = 'done'
      })
    },

    history(): ImportBatchSummary[] {
      return [...ctx.store.data.importBatches].reverse().map(summary)
    },

    /**
     * Reverts one import, in one serialised commit: its new records become tombstones and the
     * records it changed get their earlier values back, except where someone edited a record after
     * the import (and a new record that such a kept record links to); those are listed and left alone.
     */
    async undo(batchId: string): Promise<UndoResult> {
      const stamp = { at: ctx.now().toISOString(), by: ctx.deviceLabel() }
      return ctx.store.transact((head) => {
        const batch = head.get('importBatches', batchId) as ImportBatch | undefined
        if (!batch) throw new AppError('NOT_FOUND', `No import with id ${batchId}`, { batchId: ['Not found'] })
        if (batch.undoneAt !== null) throw new AppError('STATE', 'This import was already undone')
        const keptEdited: UndoResult['keptEdited'] = []
        const nameOf = (r: StoredRecord) => String((r as { name?: unknown }).name ?? r.id)
        const going = new Set<string>()
        for (const ref of batch.created) {
          const cur = head.get(ref.collection, ref.id)
          if (!cur || cur.deletedAt !== null) continue
          if (cur.updatedAt !== batch.createdAt) keptEdited.push({ collection: ref.collection, id: ref.id, name: nameOf(cur) })
          else going.add(ref.id)
        }
        const stillLinked = linkedFromStaying(head, going)
        const ops: BatchOp[] = []
        for (const ref of batch.created) {
          if (!going.has(ref.id)) continue
          if (stillLinked.has(ref.id)) {
            keptEdited.push({ collection: ref.collection, id: ref.id, name: nameOf(head.get(ref.collection, ref.id) as StoredRecord) })
            continue
          }
          ops.push({ op: 'delete', collection: ref.collection as CollectionName, id: ref.id })
        }
        for (const ref of batch.updated) {
          const cur = head.get(ref.collection, ref.id)
          if (!cur) continue
          if (cur.updatedAt !== ref.importedAt || cur.deletedAt !== null) {
            keptEdited.push({ collection: ref.collection, id: ref.id, name: nameOf(cur) })
            continue
          }
          ops.push({ op: 'update', collection: ref.collection as CollectionName, id: ref.id, changes: editableFields(ref.collection as CollectionName, ref.before), expectedUpdatedAt: ref.importedAt })
        }
        const planned = planBatch(head, validateOps(ops), stamp, (i) => ({ prefix: ['ops', String(i)], changes: [], label: '' }))
        const undone = { ...batch, updatedAt: stamp.at, updatedBy: stamp.by, undoneAt: stamp.at }
        const puts = [...planned.map(({ collection, record }) => ({ collection, record: record as StoredRecord })), { collection: 'importBatches', record: undone as StoredRecord }]
        return { tx: { puts, meta: { kind: 'undo' } }, result: { reverted: planned.length, keptEdited } }
      })
    },

    async errorRows(opts: PlanOptions): Promise<ErrorRowsFile> {
      const { s, plan: p } = await plan(opts, jobs.start(opts.jobId))
      const bad = p.rows.filter((r) => r.action === 'error')
      const labels = [...new Set(p.columns.map((c) => c.label))]
      const data = await errorRowsWorkbook(labels, bad, ctx.store.data.settings.language, ctx.sheetWriter ?? workerSheets())
      const base = s.fileName.replace(/\.[^.]*$/, '')
      return { fileName: `${base}-errors.xlsx`, data: data.toString('base64'), rows: bad.length }
    },
  }

  /** Ids linked from live records that stay after the undo: those targets must stay too, or a link would break. */
  function linkedFromStaying(head: StoreView, going: ReadonlySet<string>): Set<string> {
    const out = new Set<string>()
    for (const def of links) {
      for (const r of head.all(def.from)) {
        if (r.deletedAt !== null || going.has(r.id)) continue
        for (const { id } of linkedIds(r, def.path)) if (going.has(id)) out.add(id)
      }
    }
    return out
  }
}
export type ImportService = ReturnType<typeof createImportService>
