import { z } from 'zod'
import { idSchema } from './domain/common'
import { importMode, importTarget } from './domain/importBatches'
import type { ImportBatch } from './domain/importBatches'
import { importProblemText } from './import-problems'
import type { ImportProblemCode, ImportProblemParams } from './import-problems'

/**
 * The import wizard's part of the contract. The file travels once (import.open,
 * base64 in the JSON body: at most IMPORT_MAX_FILE_BYTES, so a transport must
 * accept bodies of IMPORT_MAX_BODY_CHARS); every later step names the session.
 */
export const IMPORT_MAX_FILE_BYTES = 30 * 1024 * 1024
export const IMPORT_MAX_BODY_CHARS = Math.ceil(IMPORT_MAX_FILE_BYTES / 3) * 4 + 4096
export const IMPORT_ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be', 'big5', 'windows-1252'] as const

export const COLUMN_USES = [
  'id', 'name', 'organization', 'position', 'orgAndPosition', 'orgKind', 'orgIndustry', 'orgCity', 'orgAddress', 'orgWebsite', 'orgCreditCode', 'phone', 'email', 'wechat', 'city', 'classYear', 'degree', 'major', 'notes', 'tags',
  'kind', 'industry', 'province', 'address', 'website', 'creditCode', 'aliases', 'title', 'department', 'keepInNotes', 'ignore',
] as const
export type ColumnUseName = (typeof COLUMN_USES)[number]

const label = z.string().max(300)
/** the wizard's own name for a long call, so it can ask how far it got or cancel it meanwhile */
const jobId = z.string().min(1).max(100).optional()
export const planInput = z.strictObject({
  sessionId: idSchema,
  jobId,
  target: importTarget,
  mode: importMode.default('createUpdate'),
  sheets: z.array(z.strictObject({
    name: z.string().max(100),
    /** 0-based; omitted: detected */
    headerRow: z.number().int().min(0).max(1000).optional(),
    /** the class year a one-sheet-per-class-year workbook gives this sheet's rows */
    classYear: z.number().int().min(1940).max(2100).nullable().default(null),
  })).min(1).max(100),
  /** header label -> use; labels not named here get the remembered or suggested use */
  mapping: z.record(label, z.enum(COLUMN_USES)).default({}),
  corrections: z.array(z.strictObject({ sheet: z.string().max(100), row: z.number().int().min(1), column: label, value: z.string().max(20000) })).max(10000).default([]),
  /** for rows marked as possible duplicates: create a new record, update the proposed one, or skip (the default) */
  decisions: z.record(z.string().max(200), z.enum(['create', 'update', 'skip'])).default({}),
})
export type PlanInput = z.input<typeof planInput>

export const openInput = z.strictObject({
  fileName: z.string().trim().min(1).max(300),
  target: importTarget,
  /** the file's bytes, base64 */
  data: z.string().max(IMPORT_MAX_BODY_CHARS),
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  jobId,
})

export const jobInput = z.strictObject({ jobId: z.string().min(1).max(100) })
export interface ImportProgress {
  phase: 'reading' | 'planning' | 'writing' | 'indexing' | 'done'
  /** rows planned or written so far; 0 while reading (the parser does not report) */
  done: number
  /** rows in the chosen sheets; 0 while unknown */
  total: number
  cancelled: boolean
}

export type ImportCell = string | number | boolean | null

export interface OpenedSheet {
  name: string
  rows: number
  columns: number
  /** detected, 0-based */
  headerRow: number
  /** the first rows as read, for choosing the header row */
  preview: ImportCell[][]
  /** the sheet name read as a class year ("2019届" -> 2019), else its title's ("…2015届毕业生名单"), else null */
  classYear: number | null
  /** where classYear was read: the sheet's name or the title above its header */
  classYearFrom: 'name' | 'title' | null
  /** the file's sheet this table is one half of (a list printed twice across the page), else null */
  partOf: string | null
}
export interface ImportOpened {
  sessionId: string
  fileName: string
  sha256: string
  format: 'xlsx' | 'xls' | 'text'
  encoding: string | null
  delimiter: string | null
  sheets: OpenedSheet[]
  /** earlier imports of the very same bytes */
  previousImports: Array<{ id: string; at: string; fileName: string }>
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'duplicate' | 'conflict' | 'error' | 'skip'
export interface RowProblem {
  /** header label, '' when the problem is the row's as a whole */
  column: string
  /** A, B, … in the original sheet */
  letter: string
  level: 'error' | 'warning'
  /** what is wrong, shown in the interface language (importProblemText) */
  code: ImportProblemCode
  params: ImportProblemParams
  /** the same in English */
  message: string
}

/** A problem's text with the cell it is on: "手机 (F): …", or the text alone for the row as a whole. */
export function problemAt(p: RowProblem, text: string): string {
  return p.column ? `${p.column}${p.letter ? ` (${p.letter})` : ''}: ${text}` : text
}

/** A problem on a cell (column and letter given) or on the row as a whole (both ''). */
export function rowProblem(level: RowProblem['level'], code: ImportProblemCode, params: ImportProblemParams, at: { column: string; letter: string } = { column: '', letter: '' }): RowProblem {
  return { ...at, level, code, params, message: importProblemText(code, params, 'en') }
}
export interface PlanRow {
  key: string
  sheet: string
  /** 1-based row number in the original sheet */
  row: number
  /** header label -> the cell as read (after any correction) */
  cells: Record<string, string>
  problems: RowProblem[]
  action: RowAction
  targetId: string | null
  targetName: string
  /** why the row matched that record: id, mobile+name, name, alias, creditCode, … */
  matchedBy: string
  changes: Array<{ field: string; from: string; to: string }>
  conflicts: Array<{ field: string; sheet: string; current: string }>
  /** contacts: what happens to the organisation named in the row */
  organization: { action: 'link' | 'create'; id: string | null; name: string; note: string } | null
}
export interface PlanColumn {
  sheet: string
  label: string
  letter: string
  use: ColumnUseName
  /** content: the dictionary did not know the header, the column's values read as the field */
  source: 'user' | 'remembered' | 'dictionary' | 'content' | 'hidden'
}
export interface PlanCounts {
  create: number
  update: number
  duplicate: number
  unchanged: number
  conflict: number
  error: number
  skip: number
}
export interface ImportPreview {
  columns: PlanColumn[]
  sheets: Array<{ name: string; headerRow: number; headerDepth: number; dataStart: number }>
  counts: PlanCounts
  newOrganizations: string[]
  rows: PlanRow[]
  /** rows matching the page's filter */
  total: number
}
export const previewInput = planInput.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  onlyProblems: z.boolean().default(false),
})

export type ImportBatchSummary = Omit<ImportBatch, 'updated' | 'created'> & { createdCount: number; updatedCount: number }
export interface UndoResult {
  reverted: number
  /** records left as they are because someone edited them after the import */
  keptEdited: Array<{ collection: string; id: string; name: string }>
}
export interface ErrorRowsFile {
  fileName: string
  /** .xlsx bytes, base64 */
  data: string
  rows: number
}
export const batchInput = z.strictObject({ batchId: idSchema })
