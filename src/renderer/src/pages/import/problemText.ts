import type { RowProblem } from '../../../../shared/import'
import { importProblemText } from '../../../../shared/import-problems'
import { currentLang, i18n, translateMessage } from '../../i18n'

/** An import row's problem in the interface language; a field named in it by its label in the form. */
export function problemText(p: RowProblem): string {
  const params = { ...p.params }
  if (p.code === 'invalidValue') {
    const field = String(params.field)
    const key = `imports.uses.${field}`
    if (i18n.exists(key)) params.field = i18n.t(key as never)
    params.detail = translateMessage(String(params.detail))
  }
  return importProblemText(p.code, params, currentLang())
}
