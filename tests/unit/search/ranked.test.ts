// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnyRecord } from '../../../src/shared/collections'
import { CollectionIndex, nameHasEvery, nameRank, spelledRank } from '../../../src/main/search-index/collection-index'
import type { Spelled } from '../../../src/main/search-index/fold'
import { recordText } from '../../../src/main/search-index/record-text'
import type { RecordText } from '../../../src/main/search-index/record-text'

/**
 * What ranked() must give: every candidate ranked, all of them sorted, then (when there are several
 * words) names holding every word, then text matches, then texts holding every word, each in record order.
 */
function reference(records: AnyRecord[], needles: string[], limit: number, accept: (r: AnyRecord) => boolean, words: string[], joined?: string, bare?: string, spelled?: Spelled): string[] {
  const texts = records.map((r) => recordText('organizations', r))
  const seen = new Set<number>()
  const named: Array<{ doc: number; rank: number; len: number }> = []
  type Ranks = (t: RecordText) => number | null
  const nameNeedles: Ranks[] = [
    ...[...needles, ...(joined === undefined ? [] : [joined])].map((n): Ranks => (t) => nameRank(t, n)),
    // The bare query ranks names only (0-2), never their pinyin.
    ...(bare === undefined ? [] : [(t: RecordText) => nameRank(t, bare, 2)]),
    ...(spelled === undefined ? [] : spelled.forms.map((f): Ranks => (t) => spelledRank(t, f, spelled.han))),
  ]
  for (const rankOf of nameNeedles) {
    texts.forEach((t, doc) => {
      if (seen.has(doc) || !accept(records[doc])) return
      const rank = rankOf(t)
      if (rank === null) return
      seen.add(doc)
      named.push({ doc, rank, len: t.names[0].length })
    })
  }
  named.sort((a, b) => a.rank - b.rank || a.len - b.len || a.doc - b.doc)
  const out = named.slice(0, limit).map((h) => h.doc)
  texts.forEach((t, doc) => {
    if (words.length > 1 && out.length < limit && !seen.has(doc) && nameHasEvery(t, words) && accept(records[doc])) {
      seen.add(doc)
      out.push(doc)
    }
  })
  for (const needle of needles) {
    texts.forEach((t, doc) => {
      if (out.length < limit && !seen.has(doc) && t.text.includes(needle) && accept(records[doc])) {
        seen.add(doc)
        out.push(doc)
      }
    })
  }
  texts.forEach((t, doc) => {
    if (words.length > 1 && out.length < limit && !seen.has(doc) && words.every((w) => t.text.includes(w)) && accept(records[doc])) {
      seen.add(doc)
      out.push(doc)
    }
  })
  return out.map((doc) => records[doc].id)
}

// Few characters, so that names share prefixes, single letters match most pinyin, and ranks tie;
// a hyphen and a dot, so that some names have a bare form.
const piece = fc.constantFrom('张', '伟', '章', '科', '华', 'a', 'z', 'an', 'zh', '1', '3', '-', '·')
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
        fc.uniqueArray(fc.constantFrom('张', '伟', 'a', 'zh', 'an', '1', '科华'), { maxLength: 3 }),
        fc.option(fc.constantFrom('张伟', 'zhang', 'a1', '科华张'), { nil: undefined }),
        fc.option(fc.constantFrom('张伟', 'az', 'zh', 'a'), { nil: undefined }),
        // "zhang伟", "z张": forms to find in the pinyin, characters to find in the names
        fc.option(fc.constantFrom<Spelled>({ forms: ['zhangwei'], han: ['伟'] }, { forms: ['zhang', 'zz'], han: ['张'] }, { forms: ['zhanghua'], han: ['张', '华'] }), { nil: undefined }),
        (orgs, needles, limit, words, joined, bare, spelled) => {
          const records = orgs.map((o, i) => organisation(i, o))
          const positions = new Map(records.map((r, i) => [r.id, i]))
          const index = new CollectionIndex('organizations', (id) => positions.get(id))
          for (const r of records) index.put(r)
          const live = (r: AnyRecord) => r.deletedAt === null
          expect(index.ranked(needles, limit, live, { words, joined, bare, spelled }).map((r) => r.id)).toEqual(reference(records, needles, limit, live, words, joined, bare, spelled))
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('a search in steps while records are not listed yet', () => {
  // More docs than one step checks (SCAN_STEP), a few thousand of them listed.
  const many = Array.from({ length: 10_000 }, (_, i) =>
    organisation(i, { name: ['张伟', '章科', '华a', 'zh1', '伟张3'][i % 5] + String(i % 7), aliases: [], city: i % 3 === 0 ? '科华' : 'an', deleted: i % 11 === 0 }),
  )
  const positions = new Map(many.map((r, i) => [r.id, i]))
  const live = (r: AnyRecord) => r.deletedAt === null
  const partly = (): CollectionIndex => {
    const index = new CollectionIndex('organizations', (id) => positions.get(id), true)
    for (const r of many) index.put(r)
    index.catchUp(3000)
    return index
  }

  it('yields between steps and answers as the index does once every record is listed', () => {
    const listed = partly()
    listed.catchUp(Infinity)
    for (const [needles, words, joined] of [[['张伟'], [], undefined], [['科华'], [], '科华'], [['zh'], ['zh', '3'], undefined], [['伟张3'], [], undefined]] as const) {
      const index = partly()
      expect(index.scanning).toBe(true)
      const steps = index.rankSteps(needles, 20, live, { words, joined })
      let yields = 0
      let r = steps.next()
      for (; !r.done; r = steps.next()) yields += 1
      expect(yields).toBeGreaterThan(1)
      expect(r.value.map((x) => x.id)).toEqual(listed.ranked(needles, 20, live, { words, joined }).map((x) => x.id))
      expect(r.value.map((x) => x.id)).toEqual(reference(many, [...needles], 20, live, [...words], joined))
      const matched = index.matchSteps(needles, words)
      let m = matched.next()
      while (!m.done) m = matched.next()
      expect([...m.value].map((x) => x.id).sort()).toEqual([...listed.matches(needles, words)].map((x) => x.id).sort())
    }
  })

  it('survives records changed between two steps: no record twice, nothing thrown', () => {
    const index = partly()
    const steps = index.rankSteps(['张'], 5000, live, { words: [] })
    steps.next()
    // Every 张伟 record renamed while the search is paused: their docs die and new ones are put after it.
    for (let i = 0; i < many.length; i += 5) index.put({ ...many[i], name: '张伟新' } as AnyRecord)
    let r = steps.next()
    while (!r.done) r = steps.next()
    const ids = r.value.map((x) => x.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBeGreaterThan(0)
  })
})
