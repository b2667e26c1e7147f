// @vitest-environment node
import { PerformanceObserver } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { cycleYoungGeneration } from '../../../src/main/store/young-generation'

describe('cycling the young generation at the end of a large open', () => {
  it('returns once V8 has collected it twice, without forcing a collection', async () => {
    const kinds: number[] = []
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) kinds.push((e as { detail?: { kind?: number } }).detail?.kind ?? 0)
    })
    observer.observe({ entryTypes: ['gc'] })
    // Survivors, as the last records of an open are.
    const kept = Array.from({ length: 50_000 }, (_, i) => ({ id: `r${i}`, name: `名字${i}` }))
    await cycleYoungGeneration()
    kinds.push(...observer.takeRecords().map((e) => (e as { detail?: { kind?: number } }).detail?.kind ?? 0))
    observer.disconnect()
    expect(kinds.length).toBeGreaterThanOrEqual(2)
    expect(kept).toHaveLength(50_000)
  })
})
