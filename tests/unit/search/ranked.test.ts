// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnyRecord } from '../../../src/shared/collections'
import { CollectionIndex, nameRank } from '../../../src/main/search-index/collection-index'
import { recordText } from '../../../src/main/search-index/record-text'

/** What ranked() must give: every candidate ranked, all of them sorted, then text matches in record order. */
function reference(records: AnyRecord[], needles: string[], limit: number, accept: (r: AnyRecord) => boolean): string[] {
  const texts = records.map((r) => recordText('organizations', r))
  const seen = new Set<number>()
  const named: Array<{ doc: number; rank: number; len: number }> = []
  for (const needle of needles) {
    texts.forEach((t, doc) => {
      if (seen.has(doc) || !accept(records[doc])) return
      const rank = nameRank(t, needle)
      if (rank === null) return
      seen.add(doc)
      named.push({ doc, rank, len: t.names[0].length })
    })
  }
  named.sort((a, b) => a.rank - b.rank || a.len - b.len || a.doc - b.doc)
  const out = named.slice(0, limit).map((h) => h.doc)
  for (const needle of needles) {
    texts.forEach((t, doc) => {
      if (out.length < limit && !seen.has(doc) && t.text.includes(needle) && accept(records[doc])) {
        seen.add(doc)
        out.push(doc)
      }
    })
  }
  return out.map((doc) => records[doc].id)
}

// Few characters, so that names share prefixes, single letters match most pinyin, and ranks tie.
const piece = fc.constantFrom('张', '伟', '章', '科', '华', 'a', 'z', 'an', 'zh', '1', '3')
const name = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''))
const org = fc.record({ name, aliases: fc.array(name, { maxLength: 2 }), city: name, deleted: fc.boolean() })

function organisation(i: number, o: { name: string; aliases: string[]; city: string; deleted: boolean }): AnyRecord {
  return {
    id: `o${i}`,
    name: o.name,
    aliases: o.aliases,
    creditCode: '',
    industry: '',
    city: o.city,
    province: '',
    address: '',
    website: '',
    tags: [],
    notes: '',
    deletedAt: o.deleted ? '2026-01-01T00:00:00.000Z' : null,
  } as unknown as AnyRecord
}

describe('ranked', () => {
  it('keeps only the best few as it goes, and gives exactly what ranking every candidate and sorting gives', () => {
    fc.assert(
      fc.property(
        fc.array(org, { maxLength: 60 }),
        fc.array(fc.constantFrom('张', '伟', '章伟', 'a', 'z', 'zh', 'zw', 'an', 'zhang', '1', '13', '科华'), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 0, max: 10 }),
        (orgs, needles, limit) => {
          const records = orgs.map((o, i) => organisation(i, o))
          const positions = new Map(records.map((r, i) => [r.id, i]))
          const index = new CollectionIndex('organizations', (id) => positions.get(id))
          for (const r of records) index.put(r)
          const live = (r: AnyRecord) => r.deletedAt === null
          expect(index.ranked(needles, limit, live).map((r) => r.id)).toEqual(reference(records, needles, limit, live))
        },
      ),
      { numRuns: 500 },
    )
  })
})
