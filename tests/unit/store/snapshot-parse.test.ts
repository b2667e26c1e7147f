import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseLaidOut, sha256InPieces } from '../../../src/main/store/snapshot-parse'
import type { ArrivingBytes } from '../../../src/main/store/snapshot-parse'
import { streamJson } from '../../../src/main/store/snapshot-stream'

const COLLECTIONS = new Set(['contacts', 'notes', 'empty'])
const now = (): Promise<void> => Promise.resolve()

/** The bytes streamJson writes for `doc`, as db.json holds them. */
async function written(doc: Record<string, unknown>, recordsPerChunk: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  await streamJson(doc, async (c) => void chunks.push(Buffer.from(c)), { collections: COLLECTIONS, recordsPerChunk })
  return Buffer.concat(chunks)
}

// Text with what JSON must escape (quotes, backslashes, newlines, control characters), Chinese, emoji and brackets.
const text = fc.string({ unit: fc.constantFrom('a', '张', '伟', '"', '\\', '\n', '\r', '\t', '\u0000', '😀', ']', '}', ',', '[', '{', ':', ' ') })
const record = fc.record({
  id: text.filter((s) => s.length > 0),
  name: text,
  n: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
  tags: fc.array(text, { maxLength: 3 }),
  nested: fc.option(fc.record({ a: text, list: fc.array(fc.integer(), { maxLength: 3 }) }), { nil: undefined }),
})
const doc = fc.record({
  schemaVersion: fc.integer({ min: 1, max: 9 }),
  journalSeq: fc.nat(),
  contacts: fc.array(record, { maxLength: 30 }),
  settings: fc.record({ title: text, list: fc.array(text, { maxLength: 3 }) }),
  notes: fc.array(record, { maxLength: 5 }),
  empty: fc.constant([]),
  [`key "with" \\ quotes`]: text,
})

describe('parseLaidOut', () => {
  it('gives what JSON.parse gives for every file streamJson writes, however the records fall on lines', async () => {
    await fc.assert(
      // Decoded a piece of bytes at a time: pieces as small as a line, a few lines, or the whole file.
      fc.asyncProperty(doc, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4096 }), async (d, perChunk, piece) => {
        const buf = await written(d, perChunk)
        expect(await parseLaidOut(buf, COLLECTIONS, now, piece)).toEqual(JSON.parse(buf.toString('utf8')))
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same for bytes that arrive a piece at a time, however the pieces fall', async () => {
    await fc.assert(
      fc.asyncProperty(doc, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 512 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), async (d, perChunk, piece, steps) => {
        const buf = await written(d, perChunk)
        // Each wait lets the next of `steps` bytes in (over and over): the parse must never read past them.
        let filled = 0
        let k = 0
        const arriving: ArrivingBytes = {
          buf,
          filled: () => filled,
          reach: async (n) => {
            while (filled < Math.min(n, buf.length)) filled = Math.min(buf.length, filled + steps[k++ % steps.length])
          },
        }
        const seen = Buffer.alloc(buf.length)
        buf.copy(seen)
        // Bytes not in yet are garbage, as in a buffer still being read into.
        seen.fill(0x0a, Math.min(buf.length, 1))
        const view: ArrivingBytes = {
          buf: seen,
          filled: arriving.filled,
          reach: async (n) => {
            const before = filled
            await arriving.reach(n)
            buf.copy(seen, before, before, filled)
          },
        }
        expect(await parseLaidOut(view, COLLECTIONS, now, piece)).toEqual(JSON.parse(buf.toString('utf8')))
      }),
      { numRuns: 200 },
    )
  })

  it('gives null when the bytes turn out to be another length than first read (the caller then parses the whole)', async () => {
    const contacts = Array.from({ length: 50 }, (_, i) => ({ id: `c${i}` }))
    const buf = await written({ schemaVersion: 1, journalSeq: 0, contacts }, 5)
    const cut = buf.subarray(0, 40)
    const arriving = {
      buf,
      filled: () => (arriving.buf === buf ? 20 : cut.length),
      reach: async () => void (arriving.buf = cut),
    }
    expect(await parseLaidOut(arriving, COLLECTIONS, now, 16)).toBeNull()
  })

  it('pauses between lines of records, so a large file does not hold the thread', async () => {
    const contacts = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}` }))
    const buf = await written({ schemaVersion: 1, journalSeq: 0, contacts }, 2)
    let pauses = 0
    const parsed = await parseLaidOut(buf, COLLECTIONS, () => Promise.resolve(void (pauses += 1)))
    expect(parsed).toEqual({ schemaVersion: 1, journalSeq: 0, contacts })
    expect(pauses).toBe(5)
  })

  it('returns null for JSON laid out some other way, which the caller then parses whole', async () => {
    const d = { schemaVersion: 1, journalSeq: 0, contacts: [{ id: 'a' }, { id: 'b' }] }
    for (const other of [JSON.stringify(d), JSON.stringify(d, null, 2), '{\n"contacts":[{"id":"a"},\n{"id":"b"}\n]\n}\n', '{\n"contacts":[{"id":"a"}\n']) {
      expect(await parseLaidOut(Buffer.from(other), COLLECTIONS, now)).toBeNull()
    }
  })
})

describe('sha256InPieces', () => {
  it('hashes a buffer larger than one piece to the same digest as one update', async () => {
    const buf = Buffer.alloc(5 * 1024 * 1024 + 17, 'é张')
    let pauses = 0
    const sha = await sha256InPieces(buf, () => Promise.resolve(void (pauses += 1)))
    expect(sha).toBe(createHash('sha256').update(buf).digest('hex'))
    expect(pauses).toBeGreaterThan(1)
  })
})
