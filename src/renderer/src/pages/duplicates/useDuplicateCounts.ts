import { useEffect, useState } from 'react'
import type { DuplicateCounts } from '../../../../shared/duplicates'
import { call } from '../../api'
import { useApp } from '../../state'

/** The pairs still to decide per register, refreshed after every change; null until known (never shown as 0). */
export function useDuplicateCounts(): DuplicateCounts | null {
  const { dataVersion } = useApp()
  const [counts, setCounts] = useState<DuplicateCounts | null>(null)
  useEffect(() => {
    let live = true
    call('duplicates.counts', {}).then(
      (c) => live && setCounts(c),
      () => live && setCounts(null),
    )
    return () => {
      live = false
    }
  }, [dataVersion])
  return counts
}
