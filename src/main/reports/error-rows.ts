// The rows an import could not take, as a workbook the user fixes in Excel and
// imports again: the original columns, then "问题 / Problem" naming each
// column's problem in the interface language, then the sheet row it came from.
// It goes through the sheet worker like every generated sheet, so user text stays text
// (a value such as "=1+1" never becomes a formula), columns fit their words in
// either language, and wrapped problem lists keep automatic row heights.
import { problemAt } from '../../shared/import'
import type { PlanRow } from '../../shared/import'
import { importProblemText } from '../../shared/import-problems'
import type { ImportProblemLang } from '../../shared/import-problems'
import { tableJob, workbookBytes, workerSheets } from './sheet-runner'
import type { SheetWriter } from './sheet-runner'
import type { Column } from './xlsx-table'

export const PROBLEM_HEADER = '问题 / Problem'
export const ROW_HEADER = '原行号 / Row'

export async function errorRowsWorkbook(labels: readonly string[], rows: readonly PlanRow[], lang: ImportProblemLang, sheets: SheetWriter = workerSheets()): Promise<Buffer> {
  const columns: Array<Column<PlanRow>> = [
    ...labels.map((l): Column<PlanRow> => ({ header: l, max: 30, type: 'text', value: (r) => r.cells[l] ?? '' })),
    { header: PROBLEM_HEADER, max: 50, type: 'text', value: (r) => r.problems.map((p) => problemAt(p, importProblemText(p.code, p.params, lang))).join('\n') },
    { header: ROW_HEADER, max: 10, type: 'number', value: (r) => r.row },
  ]
  return workbookBytes(sheets, [tableJob({ name: 'Errors', lang, rows, columns })])
}
