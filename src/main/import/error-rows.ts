import * as XLSX from '@e965/xlsx'
import { problemAt } from '../../shared/import'
import type { PlanRow } from '../../shared/import'
import { importProblemText } from '../../shared/import-problems'
import type { ImportProblemLang } from '../../shared/import-problems'

/**
 * The rows with errors as a workbook the user fixes in Excel and imports again:
 * the original columns, then "问题 / Problem" naming each column's problem in the interface language.
 * Every cell is written as text, so a value such as "=1+1" never becomes a formula.
 */
export function errorRowsWorkbook(labels: readonly string[], rows: readonly PlanRow[], lang: ImportProblemLang): Buffer {
  const header = [...labels, '问题 / Problem', '原行号 / Row']
  const aoa: XLSX.CellObject[][] = [header.map((h) => ({ t: 's', v: h }))]
  for (const r of rows) {
    const problem = r.problems.map((p) => problemAt(p, importProblemText(p.code, p.params, lang))).join('\n')
    aoa.push([...labels.map((l) => ({ t: 's' as const, v: r.cells[l] ?? '' })), { t: 's', v: problem }, { t: 'n', v: r.row }])
  }
  const ws: XLSX.WorkSheet = { '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: aoa.length - 1, c: header.length - 1 } }) }
  aoa.forEach((row, r) => row.forEach((cell, c) => (ws[XLSX.utils.encode_cell({ r, c })] = cell)))
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, ws, 'Errors')
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer
}
