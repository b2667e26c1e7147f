import { useCallback, useMemo, useRef, useState } from 'react'
import type { ApiInput } from '../../../../shared/contract'
import type { ColumnUseName, ImportBatchSummary, ImportOpened, ImportPreview, ImportProgress } from '../../../../shared/import'
import { call, isApiError } from '../../api'

/** The user stopped the call with Cancel (the main side wrote nothing). */
export function cancelledByUser(e: unknown): boolean {
  return isApiError(e) && e.fieldErrors.job?.includes('cancelled') === true
}

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
  const [job, setJob] = useState<{ id: string; progress: ImportProgress | null } | null>(null)
  const jobRef = useRef<string | null>(null)

  /**
   * Runs one long call (reading, planning, writing) under an id of the wizard's making, and asks the
   * main side how far it got while the call runs, so the page can show it and offer Cancel.
   */
  const withJob = useCallback(async <T,>(run: (jobId: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID()
    jobRef.current = id
    setJob({ id, progress: null })
    let running = true
    const poll = async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, 250))
        if (!running) break
        const progress = await call('import.progress', { jobId: id }).catch(() => null)
        if (running && jobRef.current === id) setJob({ id, progress })
      }
    }
    void poll()
    try {
      return await run(id)
    } finally {
      running = false
      if (jobRef.current === id) {
        jobRef.current = null
        setJob(null)
      }
    }
  }, [])

  const cancel = useCallback(async () => {
    const id = jobRef.current
    if (!id) return
    setJob((j) => (j && j.id === id ? { id, progress: { phase: j.progress?.phase ?? 'reading', done: j.progress?.done ?? 0, total: j.progress?.total ?? 0, cancelled: true } } : j))
    await call('import.cancel', { jobId: id })
  }, [])

  const openFile = useCallback(
    async (fileName: string, data: string, encoding?: ApiInput<'import.open'>['encoding']) => {
      const o = await withJob((jobId) => call('import.open', { fileName, target, data, encoding, jobId }))
      setOpened(o)
      // A workbook with a sheet per class gets those sheets (not its "说明" sheet); another gets its first
      // sheet with rows, and both tables of a sheet printed twice across.
      const byYear = o.sheets.length > 1 && o.sheets.some((s) => s.classYear !== null)
      const first = o.sheets[Math.max(0, o.sheets.findIndex((s) => s.rows > 0))] as (typeof o.sheets)[number] | undefined
      const chosen = (s: (typeof o.sheets)[number]) => (byYear ? s.classYear !== null : s === first || (s.partOf !== null && s.partOf === first?.partOf))
      setSheets(Object.fromEntries(o.sheets.map((s) => [s.name, { selected: chosen(s), headerRow: s.headerRow, classYear: s.classYear }])))
      setMapping({})
      setCorrections([])
      setDecisions({})
      setResult(null)
      return o
    },
    [target, withJob],
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
      return withJob((jobId) => call('import.preview', { ...plan, ...page, jobId }))
    },
    [plan, withJob],
  )

  const correct = useCallback((sheet: string, row: number, column: string, value: string) => {
    setCorrections((list) => [...list.filter((c) => !(c.sheet === sheet && c.row === row && c.column === column)), { sheet, row, column, value }])
  }, [])

  const commit = useCallback(async () => {
    if (!plan) return null
    const r = await withJob((jobId) => call('import.commit', { ...plan, jobId }))
    setResult(r)
    return r
  }, [plan, withJob])

  const reset = useCallback(() => {
    setOpened(null)
    setResult(null)
  }, [])

  return {
    target, setTarget, opened, sheets, setSheets, mapping, setMapping, mode, setMode, corrections, correct, decisions, setDecisions,
    plan, openFile, preview, commit, result, reset, job, cancel,
  }
}
export type ImportWizard = ReturnType<typeof useImportWizard>
