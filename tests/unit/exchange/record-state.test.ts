// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conflicts, currentValues, merge } from '../../../src/main/exchange/field-merge'
import { fromState, legacySync, recordConflicts, stampAny, stampWrite, toState } from '../../../src/main/exchange/record-state'
import type { SyncMeta } from '../../../src/shared/domain/sync'

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h))
const base = { id: 'c1', createdAt: '2026-11-20T00:00:00.000Z', updatedAt: '2026-11-20T00:00:00.000Z', updatedBy: 'A', deletedAt: null, name: '张伟', phone: '021-1', notes: '' }
const A = { device: 'A', by: 'Laptop A' }
const B = { device: 'B', by: 'Laptop B' }

describe('record metadata: stamped on each write, compact, convertible to the merge state and back', () => {
  it('a new record: one edit wrote every field, so it carries one dot, not one per field', () => {
    const r = stampWrite(undefined, base, { ...A, now: at(1) })
    const s = r.sync as SyncMeta
    expect(s.vv).toEqual({ A: 1 })
    expect(s.d).toEqual(['A', 1, at(1).toISOString()])
    expect(s.f).toBeUndefined()
    expect(s.o).toBe('A')
    // the creation is the record's createdAt and base dot, not a history entry (a sixth of a 100k file)
    expect(s.h).toBeUndefined()
  })

  it('a new record is stamped exactly as the general path stamps it, key order and bytes included', () => {
    const key = fc.constantFrom('id', 'createdAt', 'updatedAt', 'updatedBy', 'sync', 'deletedAt', 'name', 'phone', 'tags', 'alumni', 'z')
    const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }), fc.record({ classYear: fc.integer() }))
    const record = fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 11 }).map((pairs) => Object.fromEntries(pairs))
    const stamp = fc.record({ device: fc.constantFrom('', 'A', 'dLAPTOP01'), by: fc.string({ maxLength: 3 }), now: fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0)), noInvalidDate: true }) })
    fc.assert(
      fc.property(record, stamp, (r, st) => {
        const fast = stampWrite(undefined, r, st)
        const general = stampAny(undefined, r, st)
        expect(JSON.stringify(fast)).toBe(JSON.stringify(general))
        expect(Object.keys(fast)).toEqual(Object.keys(general))
        expect(Object.keys(fast.sync as object)).toEqual(Object.keys(general.sync as object))
      }),
      { numRuns: 500 },
    )
  })

  it('an edit dots only the fields it changed and records their values before and after', () => {
    const created = stampWrite(undefined, base, { ...A, now: at(1) })
    const edited = stampWrite(created, { ...created, phone: '021-2', updatedAt: 'x' }, { ...A, now: at(2) })
    const s = edited.sync as SyncMeta
    expect(s.vv).toEqual({ A: 2 })
    expect(s.d).toEqual(['A', 1, at(1).toISOString()])
    expect(s.f).toEqual({ phone: ['A', 2, at(2).toISOString()] })
    expect(s.h?.at(-1)).toMatchObject({ k: 'edit', ch: { phone: ['021-1', '021-2'] } })
    // a write that changes no field adds no version
    expect(stampWrite(edited, { ...edited, updatedAt: 'y' }, { ...A, now: at(3) }).sync).toEqual(s)
  })

  it('a clock behind the record still writes a later time, so the history reads in order', () => {
    const created = stampWrite(undefined, base, { ...A, now: at(10) })
    const edited = stampWrite(created, { ...created, phone: '9' }, { ...B, now: at(1) })
    expect((edited.sync as SyncMeta).f?.phone?.[2]).toBe(new Date(at(10).getTime() + 1).toISOString())
  })

  it('toState and fromState are inverse, so a stored record is the merge state it stands for', () => {
    const created = stampWrite(undefined, base, { ...A, now: at(1) })
    const onA = stampWrite(created, { ...created, phone: 'A' }, { ...A, now: at(2) })
    const onB = stampWrite(created, { ...created, phone: 'B', name: '张伟伟' }, { ...B, now: at(3) })
    const merged = merge(toState(onA), toState(onB))
    const stored = fromState(merged, onA, undefined)
    expect(toState(stored)).toEqual(merged)
    expect(recordConflicts(stored)).toEqual(['phone'])
    expect(stored).toMatchObject({ name: '张伟伟', phone: 'B' })
    expect(currentValues(toState(stored)).phone).toBe('B')
  })

  it('resolving a conflict with the shown value is still an edit that ends the conflict', () => {
    const created = stampWrite(undefined, base, { ...A, now: at(1) })
    const onA = stampWrite(created, { ...created, phone: 'A' }, { ...A, now: at(2) })
    const onB = stampWrite(created, { ...created, phone: 'B' }, { ...B, now: at(3) })
    const both = fromState(merge(toState(onA), toState(onB)), onA, undefined)
    expect(recordConflicts(both)).toEqual(['phone'])
    // an ordinary save that does not touch the field leaves the conflict for a person
    expect(recordConflicts(stampWrite(both, { ...both, name: 'x' }, { ...A, now: at(4) }))).toEqual(['phone'])
    const resolved = stampWrite(both, { ...both }, { ...A, now: at(4), kind: 'resolve', resolved: ['phone'] })
    expect(recordConflicts(resolved)).toEqual([])
    expect(conflicts(merge(toState(onB), toState(resolved)))).toEqual([])
    expect((resolved.sync as SyncMeta).h?.at(-1)?.k).toBe('resolve')
  })

  it('a delete re-writes every field, so an edit elsewhere that did not see it conflicts', () => {
    const created = stampWrite(undefined, base, { ...A, now: at(1) })
    const deleted = stampWrite(created, { ...created, deletedAt: at(2).toISOString() }, { ...A, now: at(2) })
    expect((deleted.sync as SyncMeta).h?.at(-1)?.k).toBe('delete')
    const edited = stampWrite(created, { ...created, phone: 'new' }, { ...B, now: at(3) })
    const m = merge(toState(deleted), toState(edited))
    expect(conflicts(m)).toEqual(['phone'])
    expect(currentValues(m).deletedAt).toBe(at(2).toISOString())
  })

  it('records written before metadata existed get a version named after their content', () => {
    const s = legacySync(base)
    expect(legacySync({ ...base })).toEqual(s)
    expect(legacySync({ ...base, phone: 'other' }).d[0]).not.toBe(s.d[0])
    // updatedAt and updatedBy are this copy's bookkeeping, not content
    expect(legacySync({ ...base, updatedBy: 'B' }).d[0]).toBe(s.d[0])
  })
})
