import { useEffect, useRef, useState } from 'react'
import type { DuplicateCounts } from '../../../../shared/duplicates'
import { call } from '../../api'
import { useApp } from '../../state'

/**
 * The pairs still to decide per register, refreshed after every change; null until known (never
 * shown as 0). The first request waits until the page is idle: on a large database finding the pairs
 * takes about a second on the main side, which must not delay the first screen's own requests.
 */
export function useDuplicateCounts(): DuplicateCounts | null {
  const { dataVersion } = useApp()
  const [counts, setCounts] = useState<DuplicateCounts | null>(null)
  const started = useRef(false)
  useEffect(() => {
    let live = true
    const load = () =>
      call('duplicates.counts', {}).then(
        (c) => live && setCounts(c),
        () => live && setCounts(null),
      )
    if (started.current) void load()
    else {
      started.current = true
      if (typeof window.requestIdleCallback === 'function') {
        const handle = window.requestIdleCallback(() => void load(), { timeout: 5000 })
        return () => {
          live = false
          window.cancelIdleCallback(handle)
          started.current = false
        }
      }
      void load()
    }
    return () => {
      live = false
    }
  }, [dataVersion])
  return counts
}
