import { useEffect, useState } from 'react'
import type { ConflictSummary } from '../../../../shared/exchange'
import { call } from '../../api'
import { useApp } from '../../state'

/** Every record with a field in conflict, reloaded after every change; null until known (never shown as none). */
export function useConflicts(): ConflictSummary[] | null {
  const { dataVersion } = useApp()
  const [list, setList] = useState<ConflictSummary[] | null>(null)
  useEffect(() => {
    let live = true
    call('exchange.conflicts', {}).then(
      (c) => live && setList(c),
      () => live && setList(null),
    )
    return () => {
      live = false
    }
  }, [dataVersion])
  return list
}
