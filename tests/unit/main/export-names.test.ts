// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { fileBase } from '../../../src/main/exports'

describe('export file names', () => {
  it('shortens a long title and keeps the whole date', () => {
    const title = `出访汇总表 ${'赴上海、南通开展校企合作、访企拓岗促就业与校友联络系列活动'.repeat(3)}`
    const name = fileBase(title, '2025-12-02')
    expect([...name].length).toBeLessThanOrEqual(80)
    expect(name.endsWith('… 2025-12-02')).toBe(true)
    expect(name.startsWith('出访汇总表 赴上海')).toBe(true)
  })

  it('leaves a short title whole and removes characters file systems refuse', () => {
    expect(fileBase('Trip summary  a/b:c*', '2025-12-02')).toBe('Trip summary a b c 2025-12-02')
  })

  it('counts characters, not UTF-16 units, so no emoji or CJK extension is cut in half', () => {
    const name = fileBase('𠀀'.repeat(100), '2026-01-01')
    expect([...name].length).toBe(80)
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})
