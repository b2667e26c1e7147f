import { useCallback, useMemo, useState } from 'react'
import type { ApiInput } from '../../../../shared/contract'
import type { ColumnUseName, ImportBatchSummary, ImportOpened, ImportPreview } from '../../../../shared/import'
import { call } from '../../api'

export type Target = 'contacts' | 'organizations' | 'staff'
export type Mode = 'create' | 'createUpdate' | 'update'
export interface SheetChoice {
  selected: boolean
  headerRow: number
  classYear: number | null
}
type PlanBody = ApiInput<'import.commit'>

/** The wizard's state: what the user chose at each step, and the plan the main side computed from it. */
export function useImportWizard(initialTarget: Target) {
  const [target, setTarget] = useState<Target>(initialTarget)
  const [opened, setOpened] = useState<ImportOpened | null>(null)
  const [sheets, setSheets] = useState<Record<string, SheetChoice>>({})
  const [mapping, setMapping] = useState<Record<string, ColumnUseName>>({})
  const [mode, setMode] = useState<Mode>('createUpdate')
  const [corrections, setCorrections] = useState<NonNullable<PlanBody['corrections']>>([])
  const [decisions, setDecisions] = useState<Record<string, 'create' | 'update' | 'skip'>>({})
  const [result, setResult] = useState<ImportBatchSummary | null>(null)

  const openFile = useCallback(
    async (fileName: string, data: string, encoding?: ApiInput<'import.open'>['encoding']) => {
      const o = await call('import.open', { fileName, target, data, encoding })
      setOpened(o)
      setSheets(Object.fromEntries(o.sheets.map((s, i) => [s.name, { selected: i === 0 || (o.sheets.length > 1 && s.classYear !== null), headerRow: s.headerRow, classYear: s.classYear }])))
      setMapping({})
      setCorrections([])
      setDecisions({})
      setResult(null)
      return o
    },
    [target],
  )

  const plan = useMemo<PlanBody | null>(() => {
    if (!opened) return null
    const chosen = opened.sheets.filter((s) => sheets[s.name]?.selected)
    if (chosen.length === 0) return null
    return {
      sessionId: opened.sessionId,
      target,
      mode,
      sheets: chosen.map((s) => ({ name: s.name, headerRow: sheets[s.name].headerRow, classYear: target === 'contacts' ? sheets[s.name].classYear : null })),
      mapping,
      corrections,
      decisions,
    }
  }, [opened, sheets, target, mode, mapping, corrections, decisions])

  const preview = useCallback(
    (page: { offset: number; limit: number; onlyProblems: boolean }): Promise<ImportPreview> => {
      if (!plan) return Promise.reject(new Error('no plan'))
      return call('import.preview', { ...plan, ...page })
    },
    [plan],
  )

  const correct = useCallback((sheet: string, row: number, column: string, value: string) => {
    setCorrections((list) => [...list.filter((c) => !(c.sheet === sheet && c.row === row && c.column === column)), { sheet, row, column, value }])
  }, [])

  const commit = useCallback(async () => {
    if (!plan) return null
    const r = await call('import.commit', plan)
    setResult(r)
    return r
  }, [plan])

  const reset = useCallback(() => {
    setOpened(null)
    setResult(null)
  }, [])

  return {
    target, setTarget, opened, sheets, setSheets, mapping, setMapping, mode, setMode, corrections, correct, decisions, setDecisions,
    plan, openFile, preview, commit, result, reset,
  }
}
export type ImportWizard = ReturnType<typeof useImportWizard>
