// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { decodeBase64InTurns } from '../../../src/main/import/base64-turns'

describe('base64 decoded over several turns', () => {
  it('gives exactly the bytes Buffer.from gives, for every padding and for input it does not split', async () => {
    let turns = 0
    const next = async () => {
      turns += 1
    }
    for (const n of [0, 1, 2, 3, 4, 5, 6, 97, 98, 99, 1000, 1001, 1002]) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) % 256))
      const text = bytes.toString('base64')
      expect((await decodeBase64InTurns(text, next, 16)).equals(bytes)).toBe(true)
      // Whitespace and URL-safe letters are decoded in one go, as Buffer.from decodes them.
      const spaced = text.replace(/(.{20})/g, '$1\n')
      expect((await decodeBase64InTurns(spaced, next, 16)).equals(Buffer.from(spaced, 'base64'))).toBe(true)
      const urlSafe = text.replace(/\+/g, '-').replace(/\//g, '_')
      expect((await decodeBase64InTurns(urlSafe, next, 16)).equals(Buffer.from(urlSafe, 'base64'))).toBe(true)
    }
    // A character Buffer.from skips, found only in a later slice: the slices already decoded are dropped.
    const late = `${Buffer.alloc(60, 7).toString('base64')}\n\nAA`
    expect(late.length % 4).toBe(0)
    expect((await decodeBase64InTurns(late, next, 16)).equals(Buffer.from(late, 'base64'))).toBe(true)
    // 1,002 bytes are 1,336 characters: 84 slices of 16, so 83 turns given back for that one alone.
    expect(turns).toBeGreaterThan(83)
  })
})
