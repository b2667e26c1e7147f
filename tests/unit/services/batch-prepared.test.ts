// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { StoreView, StoredRecord } from '../../../src/main/store'
import { planBatchSteps, stillValid, validateOps } from '../../../src/main/services/batch'
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
