// @vitest-environment node
// Three laptops as the app stores records: each write stamped by the store's hook (stampWrite), each
// package received record by record as apply does (planRecord). Random edits, renames, deletes,
// restores, resolutions and package orders; one laptop's clock runs a day behind.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planRecord } from '../../../src/main/exchange/receive'
import { recordConflicts, stampWrite, toState } from '../../../src/main/exchange/record-state'
import type { StoredRecord } from '../../../src/main/store'
import type { SyncMeta } from '../../../src/shared/domain/sync'

const DEVICES = ['dA', 'dB', 'dC'] as const
const IDS = ['r1', 'r2'] as const
const FIELDS = ['name', 'phone', 'notes'] as const

type Op =
  | { kind: 'edit'; laptop: number; rec: number; field: number; value: number }
  | { kind: 'delete' | 'restore' | 'resolve'; laptop: number; rec: number }
  | { kind: 'send'; from: number; to: number }

const laptop = fc.nat(2)
const rec = fc.nat(IDS.length - 1)
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), laptop, rec, field: fc.nat(FIELDS.length - 1), value: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'restore' as const, 'resolve' as const), laptop, rec }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), from: laptop, to: laptop }) },
)

type Laptop = Map<string, StoredRecord>
const label = (d: string) => d

function receive(to: Laptop, from: Laptop, at: string): number {
  let writes = 0
  for (const [id, record] of from) {
    const p = planRecord({ collection: 'contacts', record }, to.get(id), at, label)
    if (p.write) {
      to.set(id, p.write)
      writes += 1
    }
  }
  return writes
}

/** Plays the ops; returns the laptops and, for every edit made, its field and what its laptop had seen. */
function play(ops: readonly Op[]) {
  const start = '2026-11-20T00:00:00.000Z'
  const origin = new Map<string, StoredRecord>()
  for (const id of IDS) {
    const base = { id, createdAt: start, updatedAt: start, updatedBy: 'A', deletedAt: null, name: `${id}-name`, phone: '0', notes: '' }
    origin.set(id, stampWrite(undefined, base, { device: 'dA', by: 'A', now: new Date(start) }) as StoredRecord)
  }
  const laptops: Laptop[] = DEVICES.map(() => new Map(origin))
  const edits: Array<{ id: string; field: string; dot: string; saw: Record<string, number> }> = []
  ops.forEach((o, i) => {
    const now = (l: number) => new Date(Date.UTC(2026, 10, 20, 1, i) - (l === 2 ? 86_400_000 : 0))
    if (o.kind === 'send') {
      receive(laptops[o.to], laptops[o.from], now(o.to).toISOString())
      return
    }
    const id = IDS[o.rec]
    const cur = laptops[o.laptop].get(id) as StoredRecord
    const stamp = { device: DEVICES[o.laptop], by: DEVICES[o.laptop], now: now(o.laptop) }
    let next: StoredRecord
    let fields: string[]
    if (o.kind === 'edit') {
      if (cur.deletedAt !== null) return
      // renames are edits of the name like any other
      fields = [FIELDS[o.field]]
      next = stampWrite(cur, { ...cur, [FIELDS[o.field]]: `${DEVICES[o.laptop]}-${o.value}` }, stamp) as StoredRecord
    } else if (o.kind === 'delete') {
      if (cur.deletedAt !== null) return
      fields = ['deletedAt', ...FIELDS]
      next = stampWrite(cur, { ...cur, deletedAt: stamp.now.toISOString() }, stamp) as StoredRecord
    } else if (o.kind === 'restore') {
      if (cur.deletedAt === null) return
      fields = ['deletedAt']
      next = stampWrite(cur, { ...cur, deletedAt: null }, stamp) as StoredRecord
    } else {
      fields = recordConflicts(cur)
      if (fields.length === 0) return
      next = stampWrite(cur, { ...cur }, { ...stamp, kind: 'resolve', resolved: fields }) as StoredRecord
    }
    const sync = next.sync as SyncMeta
    if (sync === (cur.sync as SyncMeta)) return
    const d = DEVICES[o.laptop]
    for (const field of fields) edits.push({ id, field, dot: `${d}#${sync.vv[d]}`, saw: (cur.sync as SyncMeta).vv })
    laptops[o.laptop].set(id, next)
  })
  return { laptops, edits }
}

/** Everyone sends to everyone, in the given order, twice round. */
function exchangeAll(laptops: Laptop[], order: readonly number[]) {
  for (let round = 0; round < 2; round += 1) {
    for (const from of order) for (const to of order) if (from !== to) receive(laptops[to], laptops[from], '2026-11-25T00:00:00.000Z')
  }
}

const content = (l: Laptop) =>
  JSON.stringify([...l.values()].sort((a, b) => a.id.localeCompare(b.id)).map(({ updatedAt: _u, updatedBy: _b, ...rest }) => rest))

describe('three laptops, random edits and package orders (fast-check)', () => {
  const runs = { numRuns: 200, seed: 20261126 }

  it('converge to the same records and the same open conflicts, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 2, 0]), (ops, order) => {
        const { laptops } = play(ops)
        exchangeAll(laptops, order)
        for (const l of laptops) {
          expect(content(l)).toBe(content(laptops[0]))
          for (const id of IDS) expect(recordConflicts(l.get(id) as StoredRecord)).toEqual(recordConflicts(laptops[0].get(id) as StoredRecord))
        }
      }),
      runs,
    )
  })

  it('receiving the same package twice changes nothing the second time', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), laptop, laptop, (ops, from, to) => {
        const { laptops } = play(ops)
        receive(laptops[to], laptops[from], '2026-11-25T00:00:00.000Z')
        const once = content(laptops[to])
        expect(receive(laptops[to], laptops[from], '2026-11-26T00:00:00.000Z')).toBe(0)
        expect(content(laptops[to])).toBe(once)
      }),
      runs,
    )
  })

  it('lose no edit: each is still held, or replaced by an edit that had seen it', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const { laptops, edits } = play(ops)
        exchangeAll(laptops, [0, 1, 2])
        const sawOf = new Map(edits.map((e) => [`${e.id}:${e.dot}`, e.saw]))
        for (const e of edits) {
          const values = toState(laptops[0].get(e.id) as StoredRecord).fields[e.field] ?? []
          const [device, n] = e.dot.split('#')
          const kept = values.some((v) => `${v.dot[0]}#${v.dot[1]}` === e.dot)
          const superseded = values.some((v) => ((sawOf.get(`${e.id}:${v.dot[0]}#${v.dot[1]}`) ?? {})[device] ?? 0) >= Number(n))
          expect(kept || superseded, `${e.id} ${e.field} ${e.dot}`).toBe(true)
        }
      }),
      runs,
    )
  })
})
