// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { StoreView, StoredRecord } from '../../../src/main/store'
import { planBatch, planBatchSteps, stillValid, validateOps } from '../../../src/main/services/batch'
import type { PreparedBatch } from '../../../src/main/services/batch'

function view(records: Record<string, StoredRecord[]>): StoreView {
  return {
    get: (c, id) => records[c]?.find((r) => r.id === id),
    all: (c) => records[c] ?? [],
    settings: {},
  }
}
const org = { id: 'org-1', name: '江西铜业', kind: 'enterprise', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 't', deletedAt: null } as unknown as StoredRecord
const person = { id: 'p-1', name: '张伟', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 't', deletedAt: null } as unknown as StoredRecord
const stamp = { at: '2026-01-05T08:00:00.000Z', by: 'test' }

function prepare(base: StoreView, ops: unknown[]): PreparedBatch {
  const steps = planBatchSteps(base, validateOps(ops), stamp, () => ({ prefix: [], changes: [], label: '' }))
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

describe('a batch prepared before its commit', () => {
  const base = view({ organizations: [org], contacts: [] })
  const ops = [{ op: 'create', collection: 'contacts', input: { name: '李娜', organizationId: 'org-1' } }]

  it('still holds when nothing it relies on changed', () => {
    const prepared = prepare(base, ops)
    expect(prepared.puts[0].record).toMatchObject({ name: '李娜', organizationId: 'org-1', createdAt: stamp.at })
    expect(stillValid(view({ organizations: [org, { ...org, id: 'org-2' }], contacts: [] }), prepared)).toBe(true)
  })

  it('does not hold once a record it links to was deleted or its id was taken', () => {
    const prepared = prepare(base, ops)
    expect(stillValid(view({ organizations: [{ ...org, deletedAt: stamp.at }], contacts: [] }), prepared)).toBe(false)
    expect(stillValid(view({ organizations: [], contacts: [] }), prepared)).toBe(false)
    const id = prepared.puts[0].record.id
    expect(stillValid(view({ organizations: [org], contacts: [{ ...person, id }] }), prepared)).toBe(false)
  })

  it('does not hold once a record it updates was edited by someone else', () => {
    const withPerson = view({ organizations: [org], contacts: [person] })
    const prepared = prepare(withPerson, [{ op: 'update', collection: 'contacts', id: 'p-1', changes: { position: '工程师' } }])
    expect(stillValid(withPerson, prepared)).toBe(true)
    expect(stillValid(view({ organizations: [org], contacts: [{ ...person, updatedAt: '2026-01-04T00:00:00.000Z' }] }), prepared)).toBe(false)
  })
})

describe('a big batch planned in steps', () => {
  it('checks links in steps after planning, still refusing a link to a missing record, with progress never going back', () => {
    const base = view({ organizations: [org], contacts: [] })
    const ops = Array.from({ length: 2000 }, (_, i) => ({ op: 'create', collection: 'contacts', input: { name: `校友${i}`, organizationId: i === 1999 ? 'org-gone' : 'org-1' } }))
    const steps = planBatchSteps(base, validateOps(ops), stamp, (i) => ({ prefix: ['ops', String(i)], changes: [], label: `ops.${i}: ` }))
    const seen: number[] = []
    let error: unknown = null
    try {
      for (let r = steps.next(); !r.done; r = steps.next()) seen.push(r.value)
    } catch (err) {
      error = err
    }
    expect(error).toMatchObject({ code: 'MISSING_LINK', fieldErrors: { 'ops.1999.organizationId': expect.any(Array) } })
    // After the last op was planned (2000 ops, a step every 32) the link check still yields: more steps than planning alone.
    expect(seen.length).toBeGreaterThan(2000 / 32 + 1)
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true)
    expect(seen[seen.length - 1]).toBe(2000)
  })
})

describe('a create whose input validateOps checked', () => {
  const place = () => ({ prefix: [], changes: [], label: '' })
  // Inputs with defaults to fill, text to trim, nested objects and lists, and a trip's cross-field check.
  const inputs: Array<{ collection: string; input: Record<string, unknown> }> = [
    { collection: 'contacts', input: { name: '  李娜 ', organizationId: 'org-1', phone: '138 0013 8000', email: 'li@example.cn', alumni: { classYear: 2019, major: ' 地质学 ' }, tags: [' 校友 '], notes: '两行\n备注' } },
    { collection: 'contacts', input: { name: 'Garcia Thomas' } },
    { collection: 'organizations', input: { name: '江西铜业股份有限公司', aliases: ['江铜'] } },
    { collection: 'trips', input: { title: '赴苏州考察', startDate: '2025-06-14', endDate: '2025-06-16', destinations: ['苏州'], days: [{ date: '2025-06-14', transport: '高铁' }] } },
  ]

  it('makes the record the full record check makes, field for field and in the same order', () => {
    const base = view({ organizations: [org], contacts: [], trips: [] })
    for (const { collection, input } of inputs) {
      const checked = validateOps([{ op: 'create', collection, id: 'fixed-id', input }])
      // The same op, its input no longer the object validateOps checked: the full record check.
      const unchecked = checked.map((op) => structuredClone(op))
      const fast = planBatch(base, checked, stamp, place)[0].record
      const full = planBatch(base, unchecked, stamp, place)[0].record
      expect(JSON.stringify(fast)).toBe(JSON.stringify(full))
      expect(fast).toEqual(full)
    }
  })

  it('still checks what the create adds to the input', () => {
    const base = view({ organizations: [org], contacts: [] })
    const long = { at: stamp.at, by: 'x'.repeat(101) }
    const checked = validateOps([{ op: 'create', collection: 'contacts', input: { name: '李娜' } }])
    expect(() => planBatch(base, checked, long, place)).toThrow(expect.objectContaining({ fieldErrors: expect.objectContaining({ updatedBy: expect.any(Array) }) }))
  })
})
