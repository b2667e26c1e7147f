// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { changedFields, conflicts, currentValues, emptyState, localDelete, localEdit, merge } from '../../../src/main/exchange/field-merge'
import type { Dot, RecordState, VersionVector } from '../../../src/main/exchange/field-merge'

const LAPTOPS = ['A', 'B', 'C'] as const
const FIELDS = ['name', 'phone', 'notes', 'deletedAt'] as const

describe('per-field merge, examples', () => {
  const base = localEdit(emptyState, { name: '上海卓然', phone: '021-1' }, 'A', '2026-11-20T08:00:00Z')

  it('different fields changed on each side merge without a conflict', () => {
    const a = localEdit(base, { name: '上海卓然工程' }, 'A', '2026-11-21T08:00:00Z')
    const b = localEdit(base, { phone: '021-2' }, 'B', '2026-11-21T09:00:00Z')
    const m = merge(a, b)
    expect(conflicts(m)).toEqual([])
    expect(currentValues(m)).toEqual({ name: '上海卓然工程', phone: '021-2' })
  })

  it('the same field changed differently is a conflict with both values; a resolution travels and ends it', () => {
    const a = localEdit(base, { phone: '021-A' }, 'A', '2026-11-21T08:00:00Z')
    const b = localEdit(base, { phone: '021-B' }, 'B', '2026-11-20T07:00:00Z') // B's clock is a day wrong
    const onA = merge(a, b)
    expect(conflicts(onA)).toEqual(['phone'])
    expect(onA.fields.phone?.map((v) => v.value).sort()).toEqual(['021-A', '021-B'])
    const resolved = localEdit(onA, changedFields(onA, { phone: '021-B' }), 'A', '2026-11-22T08:00:00Z')
    expect(conflicts(resolved)).toEqual([])
    const onB = merge(b, resolved)
    expect(currentValues(onB).phone).toBe('021-B')
    expect(conflicts(onB)).toEqual([])
  })

  it('the same value written on both sides is not a conflict', () => {
    const a = localEdit(base, { phone: '021-9' }, 'A', '2026-11-21T08:00:00Z')
    const b = localEdit(base, { phone: '021-9' }, 'B', '2026-11-21T09:00:00Z')
    expect(conflicts(merge(a, b))).toEqual([])
  })

  it('a delete against an edit is a visible conflict, and neither is lost', () => {
    const a = localDelete(base, '2026-11-21T08:00:00Z', 'A', '2026-11-21T08:00:00Z')
    const b = localEdit(base, { phone: '021-7' }, 'B', '2026-11-21T09:00:00Z')
    const m = merge(a, b)
    expect(conflicts(m)).toEqual(['phone'])
    expect(currentValues(m).deletedAt).toBe('2026-11-21T08:00:00Z')
    expect(m.fields.phone?.map((v) => v.value).sort()).toEqual(['021-1', '021-7'])
    // Undeleting while seeing the delete is an ordinary edit.
    const back = localEdit(m, { deletedAt: null, phone: '021-7' }, 'A', '2026-11-22T08:00:00Z')
    expect(conflicts(merge(back, b))).toEqual([])
  })
})

type Op = { kind: 'edit'; laptop: number; field: number; value: number } | { kind: 'send'; from: number; to: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), laptop: fc.nat(2), field: fc.nat(FIELDS.length - 1), value: fc.nat(3) }),
  fc.record({ kind: fc.constant('send' as const), from: fc.nat(2), to: fc.nat(2) }),
)

/** Plays the ops on three laptops; returns their states and, for every edit, its field and what it had seen. */
function play(ops: readonly Op[]) {
  const states: RecordState[] = LAPTOPS.map(() => emptyState)
  const edits: Array<{ dot: Dot; field: string; saw: VersionVector }> = []
  ops.forEach((o, i) => {
    if (o.kind === 'send') {
      states[o.to] = merge(states[o.to], states[o.from])
      return
    }
    const field = FIELDS[o.field]
    const saw = states[o.laptop].vv
    // Clocks deliberately disagree: laptop C runs a day behind.
    const at = new Date(Date.UTC(2026, 10, 20, 0, i) - (o.laptop === 2 ? 86_400_000 : 0)).toISOString()
    states[o.laptop] = localEdit(states[o.laptop], { [field]: `${LAPTOPS[o.laptop]}${o.value}` }, LAPTOPS[o.laptop], at)
    const vv = states[o.laptop].vv
    edits.push({ dot: [LAPTOPS[o.laptop], vv[LAPTOPS[o.laptop]] ?? 0], field, saw })
  })
  return { states, edits }
}

const everyone = (states: RecordState[]) => states.reduce((acc, s) => merge(acc, s), emptyState)
const canon = (s: RecordState) => JSON.stringify({ vv: Object.entries(s.vv).sort(), fields: Object.entries(s.fields).sort() })

describe('per-field merge, properties (three laptops, random edits and exchanges)', () => {
  const runs = { numRuns: 300, seed: 20261126 }

  it('converges: after a full exchange in any order every laptop holds the same record and the same conflicts', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 2, 0]), (ops, order) => {
        const { states } = play(ops)
        const all = order.reduce((acc, i) => merge(acc, states[i]), emptyState)
        const finals = states.map((s) => merge(s, all))
        for (const f of finals) {
          expect(canon(f)).toBe(canon(finals[0]))
          expect(conflicts(f)).toEqual(conflicts(finals[0]))
        }
      }),
      runs,
    )
  })

  it('is idempotent, commutative and associative', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const [a, b, c] = play(ops).states
        expect(canon(merge(a, a))).toBe(canon(a))
        expect(canon(merge(merge(a, b), b))).toBe(canon(merge(a, b)))
        expect(canon(merge(a, b))).toBe(canon(merge(b, a)))
        expect(canon(merge(merge(a, b), c))).toBe(canon(merge(a, merge(b, c))))
      }),
      runs,
    )
  })

  it('loses no edit: each is still there, or replaced by an edit that had seen it', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const { states, edits } = play(ops)
        const final = everyone(states)
        const sawOf = new Map(edits.map((e) => [e.dot.join('#'), e.saw]))
        for (const e of edits) {
          const values = final.fields[e.field] ?? []
          const kept = values.some((v) => v.dot[0] === e.dot[0] && v.dot[1] === e.dot[1])
          const superseded = values.some((v) => ((sawOf.get(v.dot.join('#')) ?? {})[e.dot[0]] ?? 0) >= e.dot[1])
          expect(kept || superseded, `edit ${e.dot.join('#')} on ${e.field}`).toBe(true)
        }
      }),
      runs,
    )
  })
})
