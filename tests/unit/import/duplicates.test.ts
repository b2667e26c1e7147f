// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OrgMatcher, PersonMatcher, diceOf, gramItem, personKey } from '../../../src/main/import/duplicates'
import { bigramSimilarity, branchParent, orgKeys, sameOrgName, validUscc } from '../../../src/main/import/org-names'

const same = (a: string, b: string) => sameOrgName(orgKeys(a), orgKeys(b))

describe('organisation names', () => {
  it.each([
    ['江西铜业股份有限公司', '江西铜业集团有限公司'],
    ['江西铜业股份有限公司', '江西铜业（集团）有限公司'],
    ['江西铜业股份有限公司', '江西铜业'],
    ['江西铜业股份有限公司', '铜业有限公司'],
    ['中国石油化工股份有限公司', '中国石油化工集团公司'],
    ['华为技术有限公司', '华为技术 有限公司'],
    ['华为技术有限公司', '华为技术有限公司（深圳）'],
    ['宁德时代新能源科技股份有限公司', '宁德时代新能源科技有限公司'],
    ['南昌市政公用集团有限公司', '南昌市政公用集团'],
    ['ＡＢＣ科技有限公司', 'ABC科技有限公司'],
    ['Naham Engineering Co., Ltd.', 'Naham Engineering'],
    ['江西省水利规划设计研究院', '江西水利规划设计研究院'],
  ])('%s = %s', (a, b) => {
    expect(same(a, b)).toBe(true)
  })

  it.each([
    ['江西铜业股份有限公司', '云南铜业股份有限公司'],
    ['北京建工集团', '上海建工集团'],
    ['中国建设银行', '中国银行'],
    ['江西', '江西铜业'],
    ['南昌大学', '南昌航空大学'],
  ])('%s ≠ %s', (a, b) => {
    expect(same(a, b)).toBe(false)
  })

  it('names the parent of a branch', () => {
    expect(branchParent('中国建设银行股份有限公司南昌分行')).toBe('中国建设银行股份有限公司')
    expect(branchParent('华为技术有限公司江西办事处')).toBe('华为技术有限公司')
    expect(branchParent('中铁四局集团第一工程有限公司')).toBeNull()
    // A plant or a centre named after its company's full legal name is part of that company.
    expect(branchParent('江西铜业股份有限公司贵溪冶炼厂')).toBe('江西铜业股份有限公司')
    expect(branchParent('江西铜业集团有限公司德兴铜矿')).toBe('江西铜业集团有限公司')
    expect(branchParent('中国瑞林工程技术股份有限公司')).toBeNull()
    expect(branchParent('南昌市自来水厂')).toBeNull()
  })

  it('validates the check character of a unified social credit code', () => {
    expect(validUscc('91350100M000100Y43')).toBe(true)
    expect(validUscc('91350100M000100Y44')).toBe(false)
    expect(validUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(true)
    expect(validUscc('91350100M000100Y4')).toBe(false)
    expect(validUscc('91350100I000100Y43')).toBe(false)
  })

  it('scores similar names higher than unrelated ones', () => {
    expect(bigramSimilarity('中国瑞林工程技术', '中国瑞林工程')).toBeGreaterThan(0.7)
    expect(bigramSimilarity('中国瑞林工程技术', '江西铜业')).toBe(0)
  })
})

describe('OrgMatcher', () => {
  const orgs = [
    { id: 'jxcu', name: '江西铜业股份有限公司', deletedAt: null, aliases: ['江铜'], creditCode: '' },
    { id: 'ccb', name: '中国建设银行股份有限公司', deletedAt: null },
    { id: 'ruilin', name: '中国瑞林工程技术股份有限公司', deletedAt: null, creditCode: '91350100M000100Y43' },
    { id: 'gone', name: '已删除公司', deletedAt: '2025-01-01T00:00:00.000Z' },
  ]
  const m = new OrgMatcher(orgs)

  it('finds the same organisation by normalised name, by a confirmed alias and by credit code', () => {
    expect(m.match('江西铜业（集团）有限公司')).toEqual({ kind: 'same', id: 'jxcu', by: 'name' })
    expect(m.match('江铜')).toEqual({ kind: 'same', id: 'jxcu', by: 'alias' })
    expect(m.match('瑞林院', '91350100M000100Y43')).toEqual({ kind: 'same', id: 'ruilin', by: 'creditCode' })
  })

  it('offers a branch as part of its parent, never as the same record', () => {
    expect(m.match('中国建设银行股份有限公司南昌分行')).toEqual({ kind: 'partOf', id: 'ccb' })
    expect(m.match('江西铜业股份有限公司贵溪冶炼厂')).toEqual({ kind: 'partOf', id: 'jxcu' })
  })

  it('only proposes fuzzy matches, and ignores deleted records', () => {
    expect(m.match('中国瑞林工程公司')).toMatchObject({ kind: 'similar', id: 'ruilin' })
    expect(m.match('已删除公司')).toEqual({ kind: 'none' })
    expect(m.match('赣锋锂业')).toEqual({ kind: 'none' })
  })

  it('matches organisations added during the same import', () => {
    const local = new OrgMatcher([])
    local.add('new1', '赣锋锂业股份有限公司')
    expect(local.match('赣锋锂业')).toEqual({ kind: 'same', id: 'new1', by: 'name' })
  })
})

describe('PersonMatcher', () => {
  const m = new PersonMatcher([
    { id: 'p1', name: '张三', phone: '13812345678', alumni: { classYear: 2019, degree: 'bachelor', major: '环境工程' }, deletedAt: null },
    { id: 'p2', name: '李四', phone: '', alumni: { classYear: 2015, degree: 'master', major: '地质学' }, deletedAt: null },
  ])

  it('same mobile and same name is the same person, whatever the spacing and +86', () => {
    expect(m.match({ name: '张 三', phone: '+86 138-1234-5678', classYear: null, major: '' })).toEqual({ kind: 'same', id: 'p1' })
  })
  it('same mobile with another name is a warning', () => {
    expect(m.match({ name: '张珊', phone: '13812345678', classYear: null, major: '' })).toEqual({ kind: 'phoneOtherName', id: 'p1', name: '张三' })
  })
  it('same name, class year and major is only a candidate', () => {
    expect(m.match({ name: '李四', phone: '', classYear: 2015, major: '地质学' })).toEqual({ kind: 'candidate', ids: ['p2'] })
  })
  it('the same name alone is never a match', () => {
    expect(m.match({ name: '李四', phone: '', classYear: null, major: '' })).toEqual({ kind: 'none' })
    expect(m.match({ name: '张三', phone: '13900000000', classYear: 2019, major: '地质学' })).toEqual({ kind: 'none' })
  })
  it('compares Latin names without case or spaces', () => {
    expect(personKey(' Li  Ming ')).toBe(personKey('li ming'))
  })
})

describe('the fuzzy score of a candidate organisation (diceOf)', () => {
  it('is bigramSimilarity, for names that repeat a bigram or not', () => {
    // A small alphabet, so that repeated bigrams (科技科技, aaa) are common.
    const name = fc.array(fc.constantFrom('科', '技', '江', '铜', 'a', 'b'), { maxLength: 8 }).map((c) => c.join(''))
    fc.assert(
      fc.property(name, name, (a, b) => {
        const own = new Set(Array.from({ length: Math.max(0, a.length - 1) }, (_, i) => a.slice(i, i + 2)))
        expect(diceOf(a, own, gramItem(null, b))).toBe(bigramSimilarity(b, a))
      }),
      { numRuns: 2000 },
    )
  })
})
