import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonSteps } from '../../../src/main/exchange/json-pieces'

function joined(value: unknown, perPiece: number): { text: string; pauses: number } {
  const pieces: string[] = []
  let pauses = 0
  // Each step the generator yields is where the shared turns may give way to other work.
  const steps = jsonSteps(value, (p) => void pieces.push(p), perPiece)
  while (!steps.next().done) pauses += 1
  return { text: pieces.join(''), pauses }
}

describe('jsonSteps', () => {
  it('joins to exactly what JSON.stringify gives, whatever the value and the slice size', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1, max: 4 }), (value, perPiece) => {
        expect(joined(value, perPiece).text).toBe(JSON.stringify(value))
      }),
      { numRuns: 400 },
    )
    // What JSON.stringify leaves out or turns to null, and what it hands to toJSON.
    const odd = { a: undefined, f: () => 1, list: [undefined, 1, () => 2, 3, 4], when: new Date(0), nested: { n: null } }
    expect(joined(odd, 2).text).toBe(JSON.stringify(odd))
  })

  it('yields between slices of a long array, as a year of records is', () => {
    const records = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, name: '张伟' }))
    const { text, pauses } = joined({ records: { contacts: records }, devices: {} }, 3)
    expect(JSON.parse(text)).toEqual({ records: { contacts: records }, devices: {} })
    expect(pauses).toBe(4)
  })
})
