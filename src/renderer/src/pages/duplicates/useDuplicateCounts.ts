import { useEffect, useRef, useState } from 'react'
import type { DuplicateCounts } from '../../../../shared/duplicates'
import { call } from '../../api'
import { useApp } from '../../state'

/**
 * The pairs still to decide per register, refreshed after every change; null until known (never
 * shown as 0). The first request waits until the page is idle: on a large database finding the pairs
 * takes about a second on the main side, which must not delay the first screen's own requests.
 */
const FIRST_COUNT_DELAY_MS = 3000

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
      // "Idle" alone comes at once (the page idles while it waits for its answers), so the first
      // screen gets a head start before that.
      let handle: number | null = null
      const timer = window.setTimeout(() => {
        if (typeof window.requestIdleCallback === 'function') handle = window.requestIdleCallback(() => void load(), { timeout: 5000 })
        else void load()
      }, FIRST_COUNT_DELAY_MS)
      return () => {
        live = false
        window.clearTimeout(timer)
        if (handle !== null) window.cancelIdleCallback(handle)
        started.current = false
      }
    }
    return () => {
      live = false
    }
  }, [dataVersion])
  return counts
}
