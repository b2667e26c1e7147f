// @vitest-environment node
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { digitsVariant, fold, foldFully, searchQuery } from '../../../src/main/search-index/fold'
import { GramIndex } from '../../../src/main/search-index/gram-index'
import { sortInSteps } from '../../../src/main/search-index/merge-sort'
import { runToEnd } from '../../../src/main/turns'
import { namePinyin } from '../../../src/main/search-index/name-pinyin'
import { mulberry32 } from '../../../scripts/prng'

describe('folding', () => {
  it('folds case, accents and full-width forms to one text', () => {
    expect(fold('José MÜLLER')).toBe('jose muller')
    expect(fold('ＡＢＣ１２３')).toBe('abc123')
    expect(fold('张伟')).toBe('张伟')
  })

  it('gives by its shortcuts exactly what the full normalisation gives', () => {
    expect(fold('联系人：张伟（总经理），电话１３８；见《名录》。')).toBe('联系人:张伟(总经理),电话138;见《名录》。')
    // Chinese prose, full-width forms, accented Latin, the ideographic space, ligatures and the like
    const alphabet = fc.constantFrom(...'aZ9 ,.;张伟，。；：（）！、《》「」【】“”‘’·ＡＢｚ１０\u3000éÜﬁ…㈱①ⅷ'.split(''))
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join('')), (text) => fold(text) === foldFully(text)),
      { numRuns: 2000 },
    )
  })

  it('looks for the digits alone only when a query is typed like a phone number', () => {
    expect(digitsVariant('138 0013')).toBe('1380013')
    expect(digitsVariant('0755-8888')).toBe('07558888')
    expect(digitsVariant('8000')).toBeNull()
    expect(digitsVariant('zhang 138')).toBeNull()
    expect(searchQuery('  ')).toEqual({ needles: [], words: [] })
    expect(searchQuery(' 138-0013 ')).toEqual({ needles: ['138-0013', '1380013'], words: [] })
  })

  it('reads a query of several words as each word, and as the words run together', () => {
    expect(searchQuery('Zhang  Wei')).toEqual({ needles: ['zhang  wei'], words: ['zhang', 'wei'], joined: 'zhangwei' })
    expect(searchQuery('张 伟')).toEqual({ needles: ['张 伟'], words: ['张', '伟'], joined: '张伟' })
    expect(searchQuery('张伟')).toEqual({ needles: ['张伟'], words: [] })
    // a mobile number with the country code also looks for the number without it
    expect(searchQuery('+86 138 0013 8000').needles).toEqual(['+86 138 0013 8000', '8613800138000', '13800138000'])
    expect(searchQuery('008613800138000').needles).toEqual(['008613800138000', '13800138000'])
    // a phone typed in groups stays one number
    expect(searchQuery('138 0013 8000')).toEqual({ needles: ['138 0013 8000', '13800138000'], words: [] })
  })

  it('gives full pinyin and initials of names, surname readings for people', () => {
    expect(namePinyin('张伟', true)).toEqual(['zhangwei', 'zw'])
    expect(namePinyin('曾小贤', true)).toEqual(['zengxiaoxian', 'zxx'])
    expect(namePinyin('单田芳', true)).toEqual(['shantianfang', 'stf'])
    expect(namePinyin('Acme', false)).toEqual([])
    // ü as a pinyin keyboard types it, and without the dots
    expect(namePinyin('吕伟', true)).toEqual(['lvwei', 'lw', 'luwei'])
    expect(namePinyin('女娲', false)).toEqual(['nvwa', 'nw', 'nuwa'])
  })
})

describe('gram index', () => {
  const texts = ['张伟\u0001138 0013 8000', '李娜\u0001zhang@example.cn', '王张\u0001伟大', 'abc']
  const index = new GramIndex()
  texts.forEach((t, doc) => index.add(doc, t))
  const candidates = (q: string) => {
    const out: number[] = []
    index.forEachCandidate(q, (d) => {
      out.push(d)
      return true
    })
    return out
  }

  it('returns every doc holding a substring, and nothing lacking one of its pairs', () => {
    for (const q of ['张', '张伟', '8000', 'zhang', '伟', 'ab', 'bc', 'abc']) {
      const expected = texts.flatMap((t, d) => (t.includes(q) ? [d] : []))
      const got = candidates(q)
      for (const d of expected) expect(got, q).toContain(d)
    }
    expect(candidates('伟张')).toEqual([])
    expect(candidates('xyz')).toEqual([])
  })

  it('gives docs that may hold every one of several words, in any order and any field', () => {
    const all = (words: string[]) => {
      const out: number[] = []
      index.forEachCandidateOfAll(words, (d) => {
        out.push(d)
        return true
      })
      return out
    }
    expect(all(['8000', '张'])).toEqual([0])
    expect(all(['张', 'zhang'])).toEqual([])
    expect(all(['伟', '张'])).toEqual([0, 2])
    expect(all(['张', 'xyz'])).toEqual([])
  })

  it('never joins two fields into one match', () => {
    // "伟" ends field one and "1" starts field two of doc 0.
    expect(candidates('伟1')).toEqual([])
  })

  it('stops when the visitor has enough', () => {
    const seen: number[] = []
    index.forEachCandidate('张', (d) => {
      seen.push(d)
      return false
    })
    expect(seen).toEqual([0])
  })
})

describe('merge sort in steps', () => {
  it('sorts like a stable native sort, ties in input order', () => {
    const rand = mulberry32(7)
    for (const n of [0, 1, 255, 256, 257, 1000, 5000]) {
      const input = Array.from({ length: n }, (_, i) => ({ k: Math.floor(rand() * 50), i }))
      const cmp = (a: { k: number }, b: { k: number }) => a.k - b.k
      expect(runToEnd(sortInSteps(input, cmp)), String(n)).toEqual([...input].sort(cmp))
    }
  })
})

describe('grams in most docs', () => {
  it('stops listing them but still finds every doc holding them', () => {
    const index = new GramIndex()
    const texts = Array.from({ length: 6000 }, (_, i) => (i % 3 === 0 ? `note ${i}` : `memo ${i}`))
    texts.forEach((t, d) => index.add(d, t))
    for (const q of ['e', 'no', 'me', '59', '5999']) {
      const got = new Set<number>()
      index.forEachCandidate(q, (d) => {
        got.add(d)
        return true
      })
      const expected = texts.flatMap((t, d) => (t.includes(q) ? [d] : []))
      expect(expected.length, q).toBeGreaterThan(0)
      for (const d of expected) expect(got.has(d), `${q} ${d}`).toBe(true)
    }
  })
})
