// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sortedOrdersFor } from '../../../src/main/search-index'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
})
afterEach(async () => {
  await app.destroy()
})

const names = async (query: string, limitPerKind = 8) =>
  (await app.call('search.global', { query, limitPerKind })).filter((h) => h.collection === 'contacts').map((h) => h.name)
const listed = async (search: string, extra: Record<string, unknown> = {}) =>
  (await app.call('contacts.list', { search, limit: 500, ...extra })).items.map((c) => c.name)

describe('search index through Ctrl+K and the register lists', () => {
  it('finds a new contact by Chinese name, pinyin, initials, phone fragments and e-mail parts', async () => {
    await app.call('contacts.create', { name: '张伟', phone: '138-0013-8000', email: 'wei.zhang@huawei-tech.com', position: '人力资源总监' })
    await app.call('contacts.create', { name: '李娜', phone: '139 2222 3333', email: 'lina@example.cn' })
    for (const q of ['张伟', '张', 'zhangwei', 'zw', 'ZHANG', 'zhang wei'.replace(' ', ''), '138', '8000', '0013 8000', '13800138000', 'wei.zhang', 'huawei-tech.com', '人力资源']) {
      expect(await names(q), q).toContain('张伟')
    }
    expect(await names('zw')).not.toContain('李娜')
    expect(await names('2222')).toEqual(['李娜'])
    // copied with the country code from a business card or a message
    expect(await names('+86 139 2222 3333')).toEqual(['李娜'])
    expect(await listed('8613922223333')).toEqual(['李娜'])
    // A register's search box (and so every picker) finds the same way.
    expect(await listed('zw')).toEqual(['张伟'])
    expect(await listed('3333')).toEqual(['李娜'])
    expect(await listed('ln', { sort: { field: 'name', dir: 'asc' } })).toEqual(['李娜'])
  })

  it('finds a name with ü by v, as a pinyin keyboard types it, and by u', async () => {
    await app.call('contacts.create', { name: '吕伟' })
    for (const q of ['lvwei', 'luwei', 'lv wei', 'lw']) expect(await names(q), q).toEqual(['吕伟'])
  })

  it('follows an update: the old name and phone no longer find the record, the new ones do', async () => {
    const c = await app.call('contacts.create', { name: '张伟', phone: '13800138000' })
    app.tick()
    await app.call('contacts.update', { id: c.id, changes: { name: '王芳', phone: '18611112222' } })
    expect(await names('张伟')).toEqual([])
    expect(await names('zw')).toEqual([])
    expect(await names('8000')).toEqual([])
    expect(await names('wf')).toEqual(['王芳'])
    expect(await names('1111')).toEqual(['王芳'])
    expect(await listed('138')).toEqual([])
  })

  it('leaves deleted records out of Ctrl+K and lists, and brings them back on restore', async () => {
    const c = await app.call('contacts.create', { name: '赵敏', phone: '13700001234' })
    await app.call('contacts.delete', { id: c.id })
    expect(await names('赵敏')).toEqual([])
    expect(await listed('1234')).toEqual([])
    expect(await listed('1234', { includeDeleted: true })).toEqual(['赵敏'])
    await app.call('contacts.restore', { id: c.id })
    expect(await names('zm')).toEqual(['赵敏'])
  })

  it('folds Latin text: case, accents and full-width letters', async () => {
    await app.call('contacts.create', { name: 'José Müller', email: 'jose.mueller@example.de' })
    for (const q of ['jose', 'JOSÉ', 'müller', 'MULLER', 'ｍｕｌｌｅｒ', 'mueller@']) expect(await names(q), q).toEqual(['José Müller'])
  })

  it("finds a name typed without its apostrophe, hyphen or dot, or with other ones, and ranks it as the name", async () => {
    await app.call('contacts.create', { name: 'Obrien Walsh' })
    await app.call('contacts.create', { name: "O'Brien" })
    await app.call('contacts.create', { name: 'Jean-Luc Picard' })
    await app.call('contacts.create', { name: 'Mary St. John' })
    await app.call('contacts.create', { name: '阿依古丽·买买提' })
    // The name exactly as typed without the apostrophe comes before a name it only starts.
    expect(await names('obrien')).toEqual(["O'Brien", 'Obrien Walsh'])
    expect(await names('OBrien')).toEqual(["O'Brien", 'Obrien Walsh'])
    // Typed with the apostrophe Word puts in, a name stored with the plain one.
    expect(await names('o’brien')).toEqual(["O'Brien", 'Obrien Walsh'])
    for (const q of ['jeanluc', 'jeanluc picard', 'picard']) expect(await names(q), q).toEqual(['Jean-Luc Picard'])
    for (const q of ['stjohn', 'mary stjohn']) expect(await names(q), q).toEqual(['Mary St. John'])
    expect(await names('阿依古丽买买提')).toEqual(['阿依古丽·买买提'])
    // A register's search box and so every picker.
    expect(await listed('obrien')).toEqual(['Obrien Walsh', "O'Brien"])
    expect(await listed('o’brien')).toEqual(['Obrien Walsh', "O'Brien"])
    expect(await listed('jeanluc')).toEqual(['Jean-Luc Picard'])
  })

  it("looks for a query without its marks in names only: an e-mail's wei.zhang does not find every weizhang by pinyin", async () => {
    await app.call('contacts.create', { name: '魏章' })
    await app.call('contacts.create', { name: '王丽', email: 'wei.zhang@example.cn' })
    expect(await names('wei.zhang')).toEqual(['王丽'])
    expect(await listed('wei.zhang')).toEqual(['王丽'])
    expect(await names('weizhang')).toEqual(['魏章'])
  })

  it('ranks exact name, then name prefix, then name substring, then pinyin, then other fields', async () => {
    // Created worst first, so creation order cannot explain the ranking.
    await app.call('contacts.create', { name: '周强', notes: '由张伟介绍' })
    await app.call('contacts.create', { name: '小张伟' })
    await app.call('contacts.create', { name: '张伟东' })
    await app.call('contacts.create', { name: '张伟' })
    expect(await names('张伟')).toEqual(['张伟', '张伟东', '小张伟', '周强'])
    await app.call('contacts.create', { name: 'Zhang Weiming' })
    // Full pinyin of 张伟 and 张伟东 starts with it (shorter name first); 小张伟's only contains it;
    // "zhang weiming" has a space, so it is not a match at all.
    expect(await names('zhangwei')).toEqual(['张伟', '张伟东', '小张伟'])
  })

  it('takes a query of several words as pinyin by syllables, a name typed with a space, or words in any field', async () => {
    await app.call('contacts.create', { name: '张伟', alumni: { classYear: 2014, degree: 'unknown', major: '环境工程' }, city: '南昌' })
    await app.call('contacts.create', { name: '张伟', alumni: { classYear: 2019, degree: 'unknown', major: '地理信息' }, city: '深圳' })
    await app.call('contacts.create', { name: '魏章', email: 'zhang.lin@example.cn' })
    await app.call('contacts.create', { name: 'Thomas Garcia' })
    // Pinyin by syllables and a name with a space rank the name first, as "zhangwei" and "张伟" do.
    for (const q of ['zhang wei', 'Zhang Wei', '张 伟']) expect((await names(q)).slice(0, 2), q).toEqual(['张伟', '张伟'])
    // Words in any order and any field: name and class year, name and city, surname order reversed.
    const years = async (q: string) =>
      (await app.call('contacts.list', { search: q, limit: 50 })).items.map((c) => `${c.name}${c.alumni?.classYear ?? ''}`)
    expect(await years('张伟 2014届')).toEqual(['张伟2014'])
    expect(await years('2019 届 zw')).toEqual(['张伟2019'])
    expect(await years('深圳 张')).toEqual(['张伟2019'])
    expect(await years('2014届')).toEqual(['张伟2014'])
    // Given name first, as 张伟 writes himself in English: 魏章's pinyin is the words run together, then
    // the names whose pinyin holds both words, before the record that has them only in other fields.
    await app.call('contacts.create', { name: '王丽', email: 'wei.zhang@example.cn' })
    expect(await names('wei zhang')).toEqual(['魏章', '张伟', '张伟', '王丽'])
    expect(await names('garcia thomas')).toEqual(['Thomas Garcia'])
    // Every word must be there: one missing word finds nothing.
    expect(await names('张伟 北京')).toEqual([])
    expect(await years('张伟 2020')).toEqual([])
  })

  it('reads a Chinese query that finds nothing whole as two words, a name first: a name and a city typed without a space', async () => {
    await app.call('contacts.create', { name: '沈伟', city: '长沙' })
    await app.call('contacts.create', { name: '沈伟', city: '佛山' })
    await app.call('contacts.create', { name: '沈伟东', city: '长沙' })
    await app.call('contacts.create', { name: '刘沙', notes: '沈伟长期合作' })
    await app.call('contacts.create', { name: '欧阳娜娜', city: '长沙' })
    const cities = async (q: string) => (await app.call('search.global', { query: q })).filter((h) => h.collection === 'contacts').map((h) => `${h.name} ${h.detail}`)
    // As "沈伟 长沙" finds: not 刘沙, whose notes hold 沈伟长 and whose name 沙 (沈伟长|沙 names nobody).
    expect(await cities('沈伟长沙')).toEqual(await cities('沈伟 长沙'))
    expect(await cities('沈伟长沙')).toEqual(['沈伟 长沙', '沈伟东 长沙'])
    expect(await cities('长沙沈伟')).toEqual(['沈伟 长沙', '沈伟东 长沙'])
    expect(await names('欧阳娜娜长沙')).toEqual(['欧阳娜娜'])
    // A register's search box and so every picker.
    expect(await listed('沈伟长沙')).toEqual(['沈伟', '沈伟东'])
    // A query that finds something whole is not read again.
    expect(await names('沈伟长')).toEqual(['刘沙'])
    expect(await names('沈伟北京')).toEqual([])
  })

  it('takes pinyin typed next to characters as two words, and puts first the names spelt so', async () => {
    // Created worst first, so creation order cannot explain the ranking.
    await app.call('contacts.create', { name: '彭伟超', email: 'zhang.peng@example.cn' })
    await app.call('contacts.create', { name: '张文伟' })
    await app.call('contacts.create', { name: '伟张' })
    await app.call('contacts.create', { name: '小张伟' })
    await app.call('contacts.create', { name: '张伟东' })
    await app.call('contacts.create', { name: '张伟' })
    await app.call('contacts.create', { name: '章伟' })
    // The name spelt so (章伟 is zhang伟 as much as 张伟 is), then the names starting so and holding it,
    // then the names with each word in its own script (zhang in the pinyin, 伟 in the name), then other fields.
    const ranked = ['张伟', '章伟', '张伟东', '小张伟', '张文伟', '伟张', '彭伟超']
    for (const q of ['zhang伟', 'Zhang伟', 'zhang 伟']) expect(await names(q), q).toEqual(ranked)
    expect((await names('张wei')).slice(0, 4)).toEqual(['张伟', '张伟东', '小张伟', '张文伟'])
    expect(await names('z伟')).toContain('张伟')
    // A register's search box (and so every picker) finds what the query with the space finds.
    expect(await listed('zhang伟')).toEqual(await listed('zhang 伟'))
    expect(await listed('zhang伟')).toContain('彭伟超')
  })

  it('finds organisations by alias and short name, and by the pinyin of either', async () => {
    await app.call('organizations.create', { name: '深圳市腾讯计算机系统有限公司', kind: 'enterprise', aliases: ['腾讯'] })
    const orgs = async (q: string) => (await app.call('search.global', { query: q })).filter((h) => h.collection === 'organizations').map((h) => h.name)
    for (const q of ['腾讯', '腾讯计算机', 'tengxun', 'tx', 'szstx']) expect(await orgs(q), q).toEqual(['深圳市腾讯计算机系统有限公司'])
    expect((await app.call('organizations.list', { search: 'tengxun' })).total).toBe(1)
  })

  it('returns at most limitPerKind per kind, name matches before text matches', async () => {
    for (let i = 0; i < 6; i += 1) await app.call('contacts.create', { name: `联系人${i}`, notes: '来自张江' })
    await app.call('contacts.create', { name: '张江' })
    expect(await names('张江', 3)).toEqual(['张江', '联系人0', '联系人1'])
    expect(await listed('张江')).toHaveLength(7)
  })

  it('is rebuilt when a backup is restored, and updated by a batch (the sample trip)', async () => {
    // The backup taken at open holds the empty database; wait for it before adding anything.
    let backups = await app.call('backups.list', {})
    while (backups.length === 0) {
      await new Promise((resolve) => setImmediate(resolve))
      backups = await app.call('backups.list', {})
    }
    const oldest = backups[0].name
    await app.call('contacts.create', { name: '孙悦', phone: '13911112222' })
    expect(await names('孙悦')).toEqual(['孙悦'])
    app.tick(60_000)
    await app.call('backups.restore', { name: oldest })
    expect(await names('孙悦')).toEqual([])
    expect(await listed('2222')).toEqual([])
    await app.call('sample.load', {})
    const sampleContact = app.core.store.data.contacts.find((c) => c.deletedAt === null && c.name !== '')
    expect(sampleContact).toBeDefined()
    expect(await names(sampleContact?.name ?? '?')).toContain(sampleContact?.name)
  })

  it('keeps register search a superset of the plain substring search', async () => {
    await app.call('sample.load', {})
    const contacts = app.core.store.data.contacts.filter((c) => c.deletedAt === null)
    const queries = new Set<string>()
    for (const c of contacts.slice(0, 10)) {
      queries.add(c.name.slice(0, 1))
      queries.add(c.name.slice(-2))
      if (c.phone.length > 4) queries.add(c.phone.slice(-4))
      if (c.position) queries.add(c.position.slice(0, 3).toLowerCase())
    }
    for (const q of queries) {
      const got = new Set(await listed(q))
      for (const c of contacts) {
        const plain = [c.name, c.position, c.phone, c.email, c.wechat, c.city, c.notes].join('\u0001').toLowerCase()
        if (plain.includes(q.toLowerCase())) expect(got.has(c.name), `${q} should find ${c.name}`).toBe(true)
      }
    }
  })

  it('answers a page deeper than one pass should keep by waiting for the background sort', async () => {
    for (let i = 0; i < 1_100; i += 1) await app.call('contacts.create', { name: `联系人${String(1_099 - i).padStart(4, '0')}` })
    // Descending: an order nobody sorted yet, so this request starts it and waits for it.
    expect(sortedOrdersFor(app.core.store).isReady('contacts', 'name', 'desc')).toBe(false)
    const page = await app.call('contacts.list', { sort: { field: 'name', dir: 'desc' }, offset: 1_040, limit: 50 })
    expect(page.total).toBe(1_100)
    expect(page.items.map((c) => c.name)).toEqual(Array.from({ length: 50 }, (_, i) => `联系人${String(59 - i).padStart(4, '0')}`))
  })

  it('sorts a register search the same whether its few matches are sorted or the sorted register is walked', async () => {
    // 400 contacts, 20 of them named 张…: few enough matches to be sorted on their own.
    for (let i = 0; i < 400; i += 1) {
      await app.call('contacts.create', { name: i % 20 === 0 ? `张${'伟芳娜敏静'[(i / 20) % 5]}` : `李${i}`, phone: `139${String(i).padStart(8, '0')}` })
    }
    await sortedOrdersFor(app.core.store).settled
    for (const dir of ['asc', 'desc'] as const) {
      const sorted = sortedOrdersFor(app.core.store).get('contacts', 'name', dir).filter((c) => c.deletedAt === null)
      const expected = sorted.filter((c) => (c as unknown as { name: string }).name.includes('张')).map((c) => c.id)
      const page = await app.call('contacts.list', { search: '张', sort: { field: 'name', dir }, limit: 7, offset: 5 })
      expect(page.total).toBe(expected.length)
      expect(page.items.map((c) => c.id)).toEqual(expected.slice(5, 12))
    }
  })
})
