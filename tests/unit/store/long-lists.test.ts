// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasLongList, LIST_SLICE, longListPut } from '../../../src/main/store/long-lists'
import type { StoredRecord } from '../../../src/main/store/types'

function run<T>(steps: Generator<string, T>): { value: T; pauses: number } {
  let pauses = 0
  for (;;) {
    const r = steps.next()
    if (r.done) return { value: r.value, pauses }
    pauses += 1
  }
}

const ref = fc.record({ collection: fc.constantFrom('contacts', 'organizations', '组织'), id: fc.uuid() })
// What a record may hold, with what JSON.stringify leaves out or turns into null.
const item = fc.oneof(ref, fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string(), { maxLength: 3 }))
const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(item, { maxLength: 5 }), fc.dictionary(fc.string(), item, { maxKeys: 3 }))
const longList = fc.integer({ min: LIST_SLICE + 1, max: LIST_SLICE * 3 + 7 }).chain((n) => fc.array(item, { minLength: n, maxLength: n }))

describe('a record with a long list, serialised a slice at a time', () => {
  it('gives exactly JSON.stringify\'s text and JSON.parse\'s record, pausing after each slice', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), field, { maxKeys: 6 }), fc.array(fc.tuple(fc.string(), longList), { minLength: 1, maxLength: 2 }), (fields, lists) => {
        const record = { ...fields, id: 'r1' } as StoredRecord
        // Defined, not assigned, as JSON.parse makes them: a key "__proto__" is then the record's own too.
        for (const [key, list] of lists) Object.defineProperty(record, key === 'id' ? 'list' : key, { value: list, enumerable: true, writable: true, configurable: true })
        expect(hasLongList(record)).toBe(true)
        const { value, pauses } = run(longListPut('importBatches', record, 'at'))
        const text = JSON.stringify(['importBatches', record])
        expect(value.parts.join('')).toBe(text)
        expect(value.parsed).toEqual((JSON.parse(text) as [string, StoredRecord])[1])
        const long = Object.values(record).filter((v) => Array.isArray(v) && v.length > LIST_SLICE) as unknown[][]
        expect(pauses).toBe(long.reduce((n, l) => n + Math.ceil(l.length / LIST_SLICE), 0))
      }),
      { numRuns: 40 },
    )
  })

  it('keeps a "__proto__" key as the record\'s own field, as JSON.parse does', () => {
    const record = JSON.parse(`{"id":"r","__proto__":{"polluted":true},"created":${JSON.stringify(Array.from({ length: LIST_SLICE + 1 }, (_, i) => i))}}`) as StoredRecord
    const { value } = run(longListPut('importBatches', record, 'at'))
    expect(value.parts.join('')).toBe(JSON.stringify(['importBatches', record]))
    expect(Object.getPrototypeOf(value.parsed)).toBe(Object.prototype)
    expect(Object.keys(value.parsed)).toEqual(['id', '__proto__', 'created'])
  })

  it('leaves ordinary records to JSON.stringify', () => {
    expect(hasLongList({ id: 'a', tags: Array.from({ length: LIST_SLICE }, () => 't') })).toBe(false)
    expect(hasLongList({ id: 'a', nested: { list: Array.from({ length: LIST_SLICE * 2 }, () => 't') } })).toBe(false)
  })
})
