import { createHash, randomUUID } from 'node:crypto'
import { collections } from '../../shared/collections'
import type { AnyRecord } from '../../shared/collections'
import type { Contact } from '../../shared/domain'
import { importBatchRecord } from '../../shared/domain/importBatches'
import type { ImportBatch } from '../../shared/domain/importBatches'
import type { ErrorRowsFile, ImportBatchSummary, ImportOpened, ImportPreview, UndoResult } from '../../shared/import'
import { AppError, validationError } from '../errors'
import { detectHeaderRow } from '../import/header-row'
import { ImportFileError } from '../import/limits'
import { normClassYear } from '../import/normalize'
import type { ParsedFile } from '../import/parse-file'
import { forkLauncher, parseInChild } from '../import/parse-runner'
import type { ParseLauncher } from '../import/parse-runner'
import { buildPlan } from '../import/plan'
import type { Plan, PlanOptions } from '../import/plan'
import type { TextEncoding } from '../import/text-table'
import { errorRowsWorkbook } from '../import/error-rows'
import type { Ctx } from './context'

interface Session {
  id: string
  fileName: string
  sha256: string
  file: ParsedFile
}

/** Parsed files waiting for the user's next step; a handful, newest kept. */
const MAX_SESSIONS = 4

const SYSTEM_KEYS = ['id', 'createdAt', 'updatedAt', 'updatedBy', 'deletedAt'] as const

function editable(r: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r }
  for (const k of SYSTEM_KEYS) delete out[k]
  return out
}

export function createImportService(ctx: Ctx, launcher: ParseLauncher = ctx.importLauncher ?? forkLauncher()) {
  const sessions = new Map<string, Session>()

  function session(id: string): Session {
    const s = sessions.get(id)
    if (!s) throw new AppError('NOT_FOUND', 'This import is no longer open; choose the file again', { sessionId: ['Not found'] })
    return s
  }

  function plan(opts: PlanOptions): { s: Session; plan: Plan } {
    const s = session(opts.sessionId)
    for (const sel of opts.sheets) {
      if (!s.file.sheets.some((x) => x.name === sel.name)) throw new AppError('VALIDATION', `The file has no sheet "${sel.name}"`, { sheets: [`No sheet ${sel.name}`] })
    }
    return { s, plan: buildPlan(s.file, opts, ctx.store.data, s.file.created) }
  }

  function summary(b: ImportBatch): ImportBatchSummary {
    const { created, updated, ...rest } = b
    return { ...rest, createdCount: created.length, updatedCount: updated.length }
  }

  return {
    async open(input: { fileName: string; target: 'contacts' | 'organizations' | 'staff'; data: string; encoding?: TextEncoding }): Promise<ImportOpened> {
      const bytes = Buffer.from(input.data, 'base64')
      if (bytes.length === 0) throw new AppError('VALIDATION', 'The file is empty', { data: ['The file is empty'] })
      let file: ParsedFile
      try {
        file = await parseInChild({ bytes, fileName: input.fileName, encoding: input.encoding }, { launcher })
      } catch (err) {
        // The code lets the UI say it in the user's language; the message carries the file's particulars.
        if (err instanceof ImportFileError) throw new AppError('VALIDATION', err.message, { file: [err.code] })
        throw err
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex')
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
          const cy = normClassYear(sh.name)
          return {
            name: sh.name,
            rows: sh.rows.length,
            columns: Math.max(0, ...sh.rows.slice(0, 50).map((r) => r.length)),
            headerRow: detectHeaderRow(input.target, sh.rows),
            preview: sh.rows.slice(0, 30),
            classYear: cy.ok ? cy.value : null,
          }
        }),
        previousImports: ctx.store.data.importBatches
          .filter((b) => b.sha256 === sha256 && b.undoneAt === null)
          .map((b) => ({ id: b.id, at: b.createdAt, fileName: b.fileName })),
      }
    },

    preview(input: PlanOptions & { offset: number; limit: number; onlyProblems: boolean }): ImportPreview {
      const { plan: p } = plan(input)
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
     * Writes the plan as one transaction: new organisations, new and updated
     * records, and the batch that remembers what changed (for the history and
     * undo). The plan is rebuilt here from the state being written to.
     */
    async commit(opts: PlanOptions): Promise<ImportBatchSummary> {
      const { s, plan: p } = plan(opts)
      const at = ctx.now().toISOString()
      const by = ctx.deviceLabel()
      const target = opts.target
      const puts: Array<{ collection: string; record: AnyRecord | ImportBatch }> = []
      const created: ImportBatch['created'] = []
      const updated: ImportBatch['updated'] = []
      const orgIds = new Map<string, string>()
      const stamp = { createdAt: at, updatedAt: at, updatedBy: by, deletedAt: null }
      for (const [key, name] of p.newOrganizations) {
        const record = collections.organizations.record.parse({ ...collections.organizations.input.parse({ name }), id: randomUUID(), ...stamp })
        orgIds.set(key, record.id)
        puts.push({ collection: 'organizations', record })
        created.push({ collection: 'organizations', id: record.id })
      }
      const orgOf = (row: Plan['rows'][number]): string | null | undefined =>
        row.organization === null ? undefined : row.newOrgKey !== null ? (orgIds.get(row.newOrgKey) ?? null) : row.organization.id
      for (const row of p.rows) {
        if (row.action === 'create') {
          const input: Record<string, unknown> = { ...row.input }
          if (target === 'contacts') input.organizationId = orgOf(row) ?? null
          const parsed = collections[target].input.safeParse(input)
          if (!parsed.success) throw validationError(parsed.error, [row.key])
          const record = collections[target].record.parse({ ...parsed.data, id: randomUUID(), ...stamp }) as AnyRecord
          puts.push({ collection: target, record })
          created.push({ collection: target, id: record.id })
        } else if (row.action === 'update' && row.targetId !== null) {
          const current = ctx.store.get(target, row.targetId) as AnyRecord | undefined
          if (!current || current.deletedAt !== null) continue
          const patch: Record<string, unknown> = {}
          for (const field of row.given) {
            if (field === 'organization' || field === 'classYear' || field === 'degree' || field === 'major') continue
            patch[field] = field === 'notes' ? [current.notes, row.input.notes].filter((n) => n !== '').join('\n') : row.input[field]
          }
          if (target === 'contacts') {
            const c = current as Contact
            const a = row.input.alumni as Record<string, unknown> | undefined
            if (a) patch.alumni = { ...(c.alumni ?? {}), ...a }
            const org = orgOf(row)
            if (org !== undefined) patch.organizationId = org
          }
          const merged = collections[target].input.safeParse({ ...editable(current), ...patch })
          if (!merged.success) throw validationError(merged.error, [row.key])
          const record = { ...merged.data, id: current.id, createdAt: current.createdAt, updatedAt: at, updatedBy: by, deletedAt: null } as unknown as AnyRecord
          puts.push({ collection: target, record })
          updated.push({ collection: target, id: current.id, before: { ...current }, importedAt: at })
        }
      }
      const c = p.counts
      const batch = importBatchRecord.parse({
        id: randomUUID(), ...stamp, fileName: s.fileName, sha256: s.sha256, target, mode: opts.mode, sheets: opts.sheets.map((x) => x.name),
        counts: { created: c.create, updated: c.update, unchanged: c.unchanged, skipped: c.skip + c.duplicate + c.conflict, errors: c.error },
        headerSignature: p.headerSignature, mapping: p.mapping, created, updated, undoneAt: null,
      })
      puts.push({ collection: 'importBatches', record: batch })
      await ctx.store.commit({ puts: puts as Array<{ collection: string; record: AnyRecord }> })
      return summary(batch)
    },

    history(): ImportBatchSummary[] {
      return [...ctx.store.data.importBatches].reverse().map(summary)
    },

    /**
     * Reverts one import: its new records become tombstones and the records it
     * changed get their earlier values back, except where someone edited a
     * record after the import; those are listed and left alone.
     */
    async undo(batchId: string): Promise<UndoResult> {
      const batch = ctx.store.data.importBatches.find((b) => b.id === batchId)
      if (!batch) throw new AppError('NOT_FOUND', `No import with id ${batchId}`, { batchId: ['Not found'] })
      if (batch.undoneAt !== null) throw new AppError('STATE', 'This import was already undone')
      const at = ctx.now().toISOString()
      const by = ctx.deviceLabel()
      const puts: Array<{ collection: string; record: AnyRecord | ImportBatch }> = []
      const keptEdited: UndoResult['keptEdited'] = []
      // Records edited since the import stay; of the rest, an organisation still linked from a record that stays stays too.
      const edited = new Set<string>()
      for (const ref of batch.created) {
        const cur = ctx.store.get(ref.collection, ref.id) as AnyRecord | undefined
        if (cur && cur.deletedAt === null && cur.updatedAt !== batch.createdAt) edited.add(ref.id)
      }
      const going = new Set(batch.created.map((r) => r.id).filter((id) => !edited.has(id)))
      for (const ref of [...batch.created].reverse()) {
        const cur = ctx.store.get(ref.collection, ref.id) as AnyRecord | undefined
        if (!cur || cur.deletedAt !== null) continue
        if (edited.has(ref.id) || linkedFromOutside(ref.id, going)) {
          going.delete(ref.id)
          keptEdited.push({ collection: ref.collection, id: ref.id, name: String((cur as { name?: string }).name ?? ref.id) })
          continue
        }
        puts.push({ collection: ref.collection, record: { ...cur, updatedAt: at, updatedBy: by, deletedAt: at } })
      }
      for (const ref of batch.updated) {
        const cur = ctx.store.get(ref.collection, ref.id) as AnyRecord | undefined
        if (!cur) continue
        if (cur.updatedAt !== ref.importedAt) {
          keptEdited.push({ collection: ref.collection, id: ref.id, name: String((cur as { name?: string }).name ?? ref.id) })
          continue
        }
        puts.push({ collection: ref.collection, record: { ...(ref.before as AnyRecord), updatedAt: at, updatedBy: by } })
      }
      const reverted = puts.length
      puts.push({ collection: 'importBatches', record: { ...batch, updatedAt: at, updatedBy: by, undoneAt: at } })
      await ctx.store.commit({ puts: puts as Array<{ collection: string; record: AnyRecord }> })
      return { reverted, keptEdited }
    },

    errorRows(opts: PlanOptions): ErrorRowsFile {
      const { s, plan: p } = plan(opts)
      const bad = p.rows.filter((r) => r.action === 'error')
      const labels = [...new Set(p.columns.map((c) => c.label))]
      const data = errorRowsWorkbook(labels, bad)
      const base = s.fileName.replace(/\.[^.]*$/, '')
      return { fileName: `${base}-errors.xlsx`, data: data.toString('base64'), rows: bad.length }
    },
  }

  /** A record the import created that a record which stays links to stays too: undo must not break a link. */
  function linkedFromOutside(id: string, going: ReadonlySet<string>): boolean {
    for (const c of ctx.store.data.contacts) {
      if (c.deletedAt === null && c.organizationId === id && !going.has(c.id)) return true
    }
    for (const a of ctx.store.data.activities) {
      if (a.deletedAt === null && (a.organizationIds.includes(id) || a.contactIds.includes(id))) return true
    }
    return false
  }
}
export type ImportService = ReturnType<typeof createImportService>
