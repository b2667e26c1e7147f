// @vitest-environment node
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bareName, digitsVariant, fold, foldFully, searchQuery } from '../../../src/main/search-index/fold'
import { bestSplit, splitScore } from '../../../src/main/search-index/splits'
import { GramIndex, PackedGrams } from '../../../src/main/search-index/gram-index'
import type { GramLookup } from '../../../src/main/search-index/gram-index'
import { sortInSteps } from '../../../src/main/search-index/merge-sort'
import { runToEnd } from '../../../src/main/turns'
import { namePinyin, wholeNameSyllables } from '../../../src/main/search-index/name-pinyin'
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

  it("reads a name without the apostrophes, hyphens and dots between its letters, as most type it (o'brien as obrien)", () => {
    expect(bareName("o'brien")).toBe('obrien')
    expect(bareName('patricia o’brien')).toBe('patricia obrien')
    expect(bareName('jean-luc picard')).toBe('jeanluc picard')
    expect(bareName('mary st. john')).toBe('mary stjohn')
    expect(bareName('阿依古丽·买买提')).toBe('阿依古丽买买提')
    // Marks not between letters, and what is no mark, stay.
    expect(bareName('acme inc.')).toBe('acme inc.')
    expect(bareName('138-0013')).toBe('138-0013')
    expect(bareName('van der berg')).toBe('van der berg')
    // A query with such marks also looks for itself without them, in names only.
    expect(searchQuery('O’Brien')).toEqual({ needles: ['o’brien'], words: [], bare: 'obrien' })
    expect(searchQuery('Jean-Luc Picard')).toEqual({ needles: ['jean-luc picard'], words: ['jean-luc', 'picard'], joined: 'jean-lucpicard', bare: 'jeanluc picard' })
    expect(searchQuery('obrien')).toEqual({ needles: ['obrien'], words: [] })
  })

  it('offers a Chinese query of three characters or more without spaces as two words, a name-sized first word first', () => {
    expect(searchQuery('沈伟长沙').splits).toEqual([['沈伟', '长沙'], ['沈伟长', '沙'], ['沈', '伟长沙']])
    expect(searchQuery('欧阳娜娜长沙').splits?.slice(0, 3)).toEqual([['欧阳', '娜娜长沙'], ['欧阳娜', '娜长沙'], ['欧阳娜娜', '长沙']])
    // Bounded, however long the query.
    expect(searchQuery('中华人民共和国教育部高等教育司').splits?.length).toBeLessThanOrEqual(5)
    // Two characters are a name already; a space, Latin letters or digits say where the words are.
    for (const q of ['沈伟', '沈伟 长沙', 'shen长沙', '张伟2014届']) expect(searchQuery(q).splits, q).toBeUndefined()
  })

  it('prefers the reading of a query as two words in which a word is the name of a record it finds', () => {
    expect(splitScore(['沈伟', '长沙'], ['沈伟'])).toBe(0)
    expect(splitScore(['长沙', '沈伟'], ['王芳', '沈伟'])).toBe(0)
    expect(splitScore(['沈伟', '长沙'], ['沈伟东'])).toBe(1)
    expect(splitScore(['沈', '伟长沙'], ['王沈芳'])).toBe(2)
    expect(splitScore(['沈伟长', '沙'], ['李娜'])).toBe(3)
    const found: Record<string, string[]> = { '沈伟|长沙': ['沈伟'], '沈伟长|沙': ['刘沙'], '沈|伟长沙': ['沈芳'] }
    const asked: string[] = []
    const pick = (splits: string[][]) =>
      runToEnd(
        bestSplit(
          splits,
          function* (words) {
            asked.push(words.join('|'))
            yield
            return found[words.join('|')] ?? []
          },
          (words, names) => (names.length === 0 ? null : splitScore(words, names)),
        ),
      )
    // A whole name (rank 0) is taken at once: the readings after it are not tried.
    expect(pick([['沈', '伟长沙'], ['沈伟', '长沙'], ['沈伟长', '沙']])).toEqual(['沈伟'])
    expect(asked).toEqual(['沈|伟长沙', '沈伟|长沙'])
    // Else the best answered, the first of equals; nothing when none finds anything.
    expect(pick([['沈伟长', '沙'], ['沈', '伟长沙']])).toEqual(['沈芳'])
    expect(pick([['无', '此人']])).toBeNull()
  })

  it('reads letters next to characters as two words, and spells the characters in pinyin for the names', () => {
    expect(searchQuery('zhang伟')).toEqual({ needles: ['zhang伟'], words: ['zhang', '伟'], spelled: { forms: ['zhangwei'], han: ['伟'] } })
    expect(searchQuery('Zhang 伟')).toEqual({ needles: ['zhang 伟'], words: ['zhang', '伟'], joined: 'zhang伟', spelled: { forms: ['zhangwei'], han: ['伟'] } })
    expect(searchQuery('张wei')).toEqual({ needles: ['张wei'], words: ['张', 'wei'], spelled: { forms: ['zhangwei'], han: ['张'] } })
    // Every reading of a character that has several (长: chang, zhang), a few at most.
    expect(searchQuery('长le').spelled?.forms.sort()).toEqual(['changle', 'zhangle'])
    expect(searchQuery('曾长乐x曾长乐').spelled?.forms.length).toBeLessThanOrEqual(8)
    // Words, but nothing to spell, when the query is more than pinyin and characters.
    expect(searchQuery('IBM中国2024')).toEqual({ needles: ['ibm中国2024'], words: ['ibm', '中国2024'] })
    expect(searchQuery('张伟 2014届').spelled).toBeUndefined()
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

  // Names of characters with one reading skip pinyin-pro's whole-name reading: the result must be
  // what that reading gives, for people (surname readings) and for organisations (word readings).
  it('reads a name character by character only where that gives what pinyin-pro gives for the whole name', () => {
    const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单仇区查解朴盖缪翟乐']
      .concat(['欧阳', '司马', '上官', '诸葛', '令狐', '长孙', '尉迟', '万俟', '单于', '东方', '皇甫', '夏侯'])
    const given = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬建国志海燕雪梅晓东文博子涵浩然宇轩欣怡梓萱思远嘉俊天佑雨桐一鸣长乐行重朝和传都参调几弹曲藏校']
    const words = ['科技', '有限公司', '银行', '重庆', '长沙', '厦门', '行长', '音乐', '调研', '研究院', '电子', '传媒', '都市', '重工', '大学', '区', '中心', '开发', '单位']
    const person = fc.tuple(fc.constantFrom(...surnames), fc.array(fc.constantFrom(...given), { minLength: 1, maxLength: 3 })).map(([s, g]) => s + g.join(''))
    const org = fc.array(fc.constantFrom(...words, ...given), { minLength: 1, maxLength: 5 }).map((w) => w.join(''))
    fc.assert(
      fc.property(fc.oneof(person.map((n) => [n, true] as const), org.map((n) => [n, false] as const)), ([name, isPerson]) => {
        const whole = wholeNameSyllables(name, isPerson)
        expect(namePinyin(name, isPerson).slice(0, 2)).toEqual([whole.join(''), whole.map((s) => s[0]).join('')])
      }),
      { numRuns: 3000 },
    )
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

describe('a packed gram index', () => {
  const visited = (index: GramLookup, needles: string[]): number[] => {
    const out: number[] = []
    index.forEachCandidateOfAll(needles, (d) => {
      out.push(d)
      return true
    })
    return out
  }

  it('gives the candidates of the index it was packed from, for any texts and needles', () => {
    // Few characters, so that grams repeat, some become dense and needles hit, miss and straddle fields.
    const char = fc.constantFrom(...'张伟李娜ab1\u0001')
    const text = fc.array(char, { maxLength: 12 }).map((c) => c.join(''))
    const needle = fc.array(fc.constantFrom(...'张伟李娜abx1'), { minLength: 1, maxLength: 3 }).map((c) => c.join(''))
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), fc.array(needle, { minLength: 1, maxLength: 2 }), fc.nat(3), (texts, needles, copies) => {
        const index = new GramIndex()
        // Copies make grams frequent enough to turn dense (past 4,096 docs).
        const all = copies === 3 && texts.length > 0 ? Array.from({ length: 4200 }, (_, i) => texts[i % texts.length]) : texts
        all.forEach((t, doc) => index.add(doc, t))
        const packed = new PackedGrams(index.pack())
        expect(packed.total).toBe(index.total)
        expect(visited(packed, needles)).toEqual(visited(index, needles))
      }),
      { numRuns: 300 },
    )
  })

  it('lists each gram once, however many docs hold it', () => {
    const index = new GramIndex()
    ;['ab', 'ab', 'b'].forEach((t, doc) => index.add(doc, t))
    const data = index.pack()
    expect(data.ids.length).toBe(3 + 2 + 2) // b: 0 1 2, a: 0 1, ab: 0 1
    expect(visited(new PackedGrams(data), ['ab'])).toEqual([0, 1])
    expect(visited(new PackedGrams(data), ['c'])).toEqual([])
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
