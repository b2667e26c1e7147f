// @vitest-environment node
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { openApp } from '../../../src/main/app'
import { dbSchema } from '../../../src/main/db/schema'
import type { DbData } from '../../../src/main/db/schema'
import { searchIndexFor } from '../../../src/main/search-index'
import { CACHE_CHAIN_FILE, decodeCacheChain, encodeCacheChain } from '../../../src/main/search-index/cache-chain'
import { writeIndexCache } from '../../../src/main/search-index/index-cache'
import { forEachPackedHolding, listGrams, packTexts, packedText, readTexts } from '../../../src/main/search-index/seed'
import { INDEX_CACHE_FILE, IndexCacheError, decodeIndexCache, encodeIndexCache } from '../../../src/main/search-index/seed-file'
import type { RecordText } from '../../../src/main/search-index/record-text'
import { aesCodec, newDataKey } from '../../../src/main/store/aes-codec'
import { openStore } from '../../../src/main/store'
import { runToEnd } from '../../../src/main/turns'
import { RESOURCES, openTestApp, tempDir } from '../helpers'

/** db.json's sha256 as the store wrote it: the sidecar's first line (its second is the file's identity). */
const sidecarSha = async (dir: string): Promise<string> => (await readFile(join(dir, 'db.json.sha256'), 'utf8')).split('\n')[0]

const at = (...parts: string[]) => parts.join('\u0001')

describe('the index cache file', () => {
  const texts: RecordText[] = [
    { names: ['张伟'], pinyin: ['zhangwei', 'zw'], text: at('张伟', '13800138000', 'zhangwei', 'zw') },
    { names: ['华为技术有限公司', '华为'], pinyin: ['huaweijishuyouxiangongsi', 'hwjsyxgs', 'huawei', 'hw'], text: at('华为技术有限公司', '华为', '深圳') },
  ]
  const packed = packTexts({ ids: ['c1', 'o22'], texts })
  const file = () => Buffer.concat(encodeIndexCache({ sha256: 'abc', texts: { contacts: packed }, grams: { contacts: listGrams(texts) } }))

  it('tells a cache of another db.json from its header alone', () => {
    expect(runToEnd(decodeIndexCache(file(), 'abd'))).toBeNull()
  })

  it('reads back what was written, texts and grams', () => {
    const back = runToEnd(decodeIndexCache(file(), 'abc'))
    if (!back) throw new Error('not read')
    expect(back.sha256).toBe('abc')
    expect(back.texts.contacts).toEqual(packed)
    expect(back.grams.contacts).toEqual(listGrams(texts))
    expect([0, 1].map((i) => packedText(back.texts.contacts as typeof packed, i))).toEqual(texts)
  })

  it('takes a cache written by an older version of the index as one of another db.json: its texts are not what the index makes now', () => {
    const older = file()
    older.write('LDINDEX1', 0, 'latin1')
    expect(runToEnd(decodeIndexCache(older, 'abc'))).toBeNull()
  })

  it('refuses a file with a changed byte, one cut short, and one that is something else', () => {
    const damaged = file()
    damaged[damaged.length - 3] ^= 1
    expect(() => runToEnd(decodeIndexCache(damaged, 'abc'))).toThrow(IndexCacheError)
    // The header is under the CRC too: a changed slot would read other bytes as an array.
    const header = file()
    const at = header.indexOf('"total":')
    header[at + 8] = header[at + 8] === 0x31 ? 0x32 : 0x31
    expect(() => runToEnd(decodeIndexCache(header, 'abc'))).toThrow(IndexCacheError)
    expect(() => runToEnd(decodeIndexCache(file().subarray(0, 40), 'abc'))).toThrow(IndexCacheError)
    expect(() => runToEnd(decodeIndexCache(Buffer.from('{"contacts":[]}'), 'abc'))).toThrow(IndexCacheError)
  })
})

describe('the cache writer in its worker', () => {
  it('reaches a checkpoint after every line of records and every 1,024 records of grams (where it waits while the app is busy)', () => {
    const org = { aliases: [], creditCode: '', industry: '', city: '', province: '', address: '', website: '', tags: [], notes: '' }
    const line = (ids: string[]) => ids.map((id) => JSON.stringify({ ...org, id, name: id })).join(',')
    const ids = Array.from({ length: 2100 }, (_, i) => `o${i}`)
    const db = `{\n"schemaVersion":1,\n"organizations":[${line(ids.slice(0, 1000))},\n${line(ids.slice(1000, 2000))},\n${line(ids.slice(2000))}],\n"settings":{}\n}\n`
    let stops = 0
    const read = readTexts(Buffer.from(db), () => (stops += 1))
    expect(stops).toBe(3)
    expect(read.get('organizations')?.ids).toEqual(ids)
    stops = 0
    listGrams(read.get('organizations')?.texts ?? [], () => (stops += 1))
    expect(stops).toBe(2)
  })
})

describe('a search of the packed texts before the grams are in', () => {
  it('visits every record holding the needle, once each, in order', () => {
    const part = fc.array(fc.constantFrom(...'张伟李ab1'), { maxLength: 5 }).map((c) => c.join(''))
    const text = fc.record({ names: fc.array(part, { minLength: 1, maxLength: 2 }), pinyin: fc.array(part, { maxLength: 2 }), text: fc.array(part, { maxLength: 3 }).map((p) => p.join('\u0001')) })
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), fc.array(fc.constantFrom(...'张伟李ab1'), { minLength: 1, maxLength: 3 }).map((c) => c.join('')), (texts, needle) => {
        const p = packTexts({ ids: texts.map((_, i) => `r${i}`), texts })
        const seen: number[] = []
        forEachPackedHolding(p, [needle], (i) => {
          seen.push(i)
          return true
        })
        // Every record holding it in one part is among those visited (others may be: the caller checks).
        const holding = texts.flatMap((t, i) => ([t.text, ...t.names, ...t.pinyin].some((s) => s.includes(needle)) ? [i] : []))
        for (const i of holding) expect(seen).toContain(i)
        expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b))
      }),
      { numRuns: 500 },
    )
  })
})

const cleanup: string[] = []
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true })
})

const CONTACTS = [
  ['张伟', '13800138000', 'wei.zhang@huawei.com'],
  ['张伟', '13911112222', ''],
  ['李娜', '13700001234', 'lina@example.cn'],
  ['王芳', '18611112222', ''],
  ['欧阳娜娜', '0755-88886666', ''],
  ['Garcia Thomas', '+1 415 555 0100', 'thomas@garcia.com'],
] as const

/** A folder whose db.json holds some contacts and organisations, and nothing in the journal. */
async function folder(): Promise<string> {
  const app = await openTestApp()
  cleanup.push(app.dataDir)
  const org = await app.call('organizations.create', { name: '华为技术有限公司', aliases: ['华为'] })
  for (const [name, phone, email] of CONTACTS) await app.call('contacts.create', { name, phone, email, organizationId: org.id })
  await app.call('organizations.create', { name: '深圳市腾讯计算机系统有限公司' })
  // Closing a small folder writes db.json whole (and empties the journal).
  await app.close()
  return app.dataDir
}

const QUERIES = ['张伟', 'zw', 'zhangwei', '138', '8000', 'huawei', '华为', 'hw', 'lina@', '李', 'na', 'garcia thomas', 'thomas garcia', '腾讯', '0755', 'nobody', '王芳', 'wf', '赵敏', '9999', '孙悟空']

async function answers(dir: string, log: string[] = []) {
  const core = await openApp({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', indexCache: { minRecords: 1 }, log: (l) => log.push(l) })
  try {
    const index = searchIndexFor(core.store)
    await index.built()
    const out: Record<string, unknown> = {}
    for (const query of QUERIES) {
      const r = await core.router.call('search.global', { query })
      const list = await core.router.call('contacts.list', { search: query, sort: { field: 'name', dir: 'asc' } })
      if (!r.ok || !list.ok) throw new Error(query)
      out[query] = { global: r.data, list: list.data }
    }
    return { out, source: index.stats.source }
  } finally {
    await core.close()
  }
}

describe('opening a folder with the index cache', () => {
  it('builds the index from the cache of its db.json, and answers as one built from the records', async () => {
    const dir = await folder()
    const written = await writeIndexCache({ dir })
    expect(written.type).toBe('done')
    const records = await tempDir()
    cleanup.push(records)
    await cp(dir, records, { recursive: true })
    await rm(join(records, INDEX_CACHE_FILE))
    const fromCache = await answers(dir)
    const fromRecords = await answers(records)
    expect(fromCache.source).toBe('cache')
    expect(fromRecords.source).toBe('records')
    expect(fromCache.out).toEqual(fromRecords.out)
    expect((fromCache.out['zw'] as { global: unknown[] }).global.length).toBeGreaterThan(0)
  })

  it('finds what the journal changed since db.json by its new values, not its old ones', async () => {
    const dir = await folder()
    await writeIndexCache({ dir })
    // Changes that stay in the journal: the store is closed without writing db.json (nor backing up, which writes it first).
    const store = await openStore<DbData>({ dir, schema: dbSchema, backupOnOpen: false, backupIntervalMs: 1e12, compactOnCloseMaxBytes: 0 })
    const wang = store.data.contacts.find((c) => c.name === '王芳')
    if (!wang) throw new Error('no 王芳')
    const stamp = new Date('2026-01-06T08:00:00.000Z').toISOString()
    await store.commit({
      puts: [
        { collection: 'contacts', record: { ...wang, name: '赵敏', phone: '13599990000', updatedAt: stamp } },
        { collection: 'contacts', record: { ...wang, id: 'cNEW1', name: '孙悟空', phone: '13012345678', createdAt: stamp, updatedAt: stamp } },
      ],
    })
    await store.close()
    const core = await openApp({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', indexCache: { minRecords: 1 } })
    try {
      await searchIndexFor(core.store).built()
      expect(searchIndexFor(core.store).stats.source).toBe('cache')
      const find = async (query: string) => {
        const r = await core.router.call('search.global', { query })
        if (!r.ok) throw new Error(query)
        return (r.data as Array<{ name: string }>).map((h) => h.name)
      }
      expect(await find('zm')).toContain('赵敏')
      expect(await find('9999')).toEqual(['赵敏'])
      expect(await find('王芳')).toEqual([])
      expect(await find('1111')).not.toContain('王芳')
      expect(await find('孙悟空')).toEqual(['孙悟空'])
      expect(await find('swk')).toEqual(['孙悟空'])
      expect(await find('张伟')).toEqual(['张伟', '张伟'])
    } finally {
      await core.close()
    }
  })

  it('serves after compactions rewrote db.json, through the chain written at each, when the app closed before the cache was written again', async () => {
    const dir = await folder()
    await writeIndexCache({ dir })
    const shaOfA = await sidecarSha(dir)
    // Changes left in the journal: the next open replays them, and its backup writes db.json anew.
    const store = await openStore<DbData>({ dir, schema: dbSchema, backupOnOpen: false, backupIntervalMs: 1e12, compactOnCloseMaxBytes: 0 })
    const wang = store.data.contacts.find((c) => c.name === '王芳')
    if (!wang) throw new Error('no 王芳')
    const stamp = new Date('2026-01-06T08:00:00.000Z').toISOString()
    await store.commit({ puts: [{ collection: 'contacts', record: { ...wang, name: '赵敏', phone: '13599990000', updatedAt: stamp } }] })
    await store.close()
    // No cache is written in this session (its worker cannot start), as when the app closes first.
    const session: string[] = []
    const core = await openApp({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', indexCache: { minRecords: 1, entry: join(dir, 'no-such-worker.js') }, log: (l) => session.push(l) })
    try {
      await searchIndexFor(core.store).built()
      expect(searchIndexFor(core.store).stats.source).toBe('cache')
      await expect.poll(async () => (await sidecarSha(dir)) !== shaOfA, { timeout: 60_000, interval: 50 }).toBe(true)
      // A change after that compaction: closing this small folder writes db.json once more.
      expect((await core.router.call('contacts.create', { name: '孙悟空', phone: '13012345678' })).ok).toBe(true)
    } finally {
      await core.close()
    }
    const chain = decodeCacheChain(await readFile(join(dir, CACHE_CHAIN_FILE), 'utf8'))
    expect(chain?.base).toBe(shaOfA)
    expect(chain?.to).toBe(await sidecarSha(dir))
    expect(session.join('\n')).not.toMatch(/chain/)
    const records = await tempDir()
    cleanup.push(records)
    await cp(dir, records, { recursive: true })
    await rm(join(records, INDEX_CACHE_FILE))
    const log: string[] = []
    const viaChain = await answers(dir, log)
    expect(viaChain.source).toBe('cache')
    expect(viaChain.out).toEqual((await answers(records)).out)
    const names = (q: string) => (viaChain.out[q] as { global: Array<{ name: string }> }).global.map((h) => h.name)
    expect(names('王芳')).toEqual([])
    expect(names('9999')).toEqual(['赵敏'])
    expect(names('孙悟空')).toEqual(['孙悟空'])
    expect(log.join('\n')).not.toMatch(/search index cache/)
  })

  it('takes the cache of an older db.json only through a whole chain to the one opened, and finds what it names by its new values', async () => {
    const dir = await folder()
    await writeIndexCache({ dir })
    const shaOfA = await sidecarSha(dir)
    // db.json written anew by this store with one record changed (closing a small folder compacts it).
    const store = await openStore<DbData>({ dir, schema: dbSchema, backupOnOpen: false, backupIntervalMs: 1e12 })
    const wang = store.data.contacts.find((c) => c.name === '王芳')
    if (!wang) throw new Error('no 王芳')
    await store.commit({ puts: [{ collection: 'contacts', record: { ...wang, name: '赵敏', phone: '13599990000', updatedAt: new Date('2026-01-06T08:00:00.000Z').toISOString() } }] })
    await store.close()
    const shaOfB = await sidecarSha(dir)
    expect(shaOfB).not.toBe(shaOfA)
    const records = await tempDir()
    cleanup.push(records)
    await cp(dir, records, { recursive: true })
    await rm(join(records, INDEX_CACHE_FILE))
    const expected = (await answers(records)).out
    const chainFile = join(dir, CACHE_CHAIN_FILE)
    expect((await answers(dir)).source).toBe('records')
    await writeFile(chainFile, encodeCacheChain({ base: shaOfA, to: shaOfA.replace(/^./, shaOfA[0] === '0' ? '1' : '0'), changed: [['contacts', wang.id]] }))
    expect((await answers(dir)).source).toBe('records')
    await writeFile(chainFile, encodeCacheChain({ base: shaOfA, to: shaOfB, changed: [['contacts', wang.id]] }).slice(0, -1))
    expect((await answers(dir)).source).toBe('records')
    await writeFile(chainFile, encodeCacheChain({ base: shaOfA, to: shaOfB, changed: [['contacts', wang.id]] }))
    const via = await answers(dir)
    expect(via.source).toBe('cache')
    expect(via.out).toEqual(expected)
  })

  it('ignores the cache of another db.json, and a damaged one (saying so in the log)', async () => {
    const dir = await folder()
    await writeIndexCache({ dir })
    const path = join(dir, INDEX_CACHE_FILE)
    const good = await readFile(path)
    const expected = (await answers(dir)).out

    // Another db.json: the cache names another sha256 (its header is not under the CRC).
    const sha = await sidecarSha(dir)
    const other = Buffer.from(good)
    other.write(sha.replace(/^./, sha[0] === '0' ? '1' : '0'), good.indexOf(sha), 'latin1')
    await writeFile(path, other)
    const stale = await answers(dir)
    expect(stale.source).toBe('records')
    expect(stale.out).toEqual(expected)

    const damaged = Buffer.from(good)
    damaged[damaged.length - 5] ^= 0xff
    await writeFile(path, damaged)
    const log: string[] = []
    const broken = await answers(dir, log)
    expect(broken.source).toBe('records')
    expect(broken.out).toEqual(expected)
    expect(log.join('\n')).toMatch(/search index cache is damaged/)
  })

  it('builds the index from the records when the cache is of an older version (saying nothing), and writes it anew', async () => {
    const dir = await folder()
    await writeIndexCache({ dir })
    const path = join(dir, INDEX_CACHE_FILE)
    const current = (await readFile(path)).subarray(0, 8).toString('latin1')
    const older = await readFile(path)
    older.write('LDINDEX1', 0, 'latin1')
    await writeFile(path, older)
    const log: string[] = []
    const core = await openApp({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', indexCache: { minRecords: 1 }, log: (l) => log.push(l) })
    try {
      await searchIndexFor(core.store).built()
      expect(searchIndexFor(core.store).stats.source).toBe('records')
      await expect.poll(async () => (await readFile(path)).subarray(0, 8).toString('latin1'), { timeout: 60_000, interval: 100 }).toBe(current)
    } finally {
      await core.close()
    }
    expect(log.join('\n')).not.toMatch(/search index cache/)
  })

  it('writes the cache once the index is built, when the folder had none', async () => {
    const dir = await folder()
    const core = await openApp({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', indexCache: { minRecords: 1 } })
    try {
      const path = join(dir, INDEX_CACHE_FILE)
      await expect.poll(() => existsSync(path), { timeout: 60_000, interval: 100 }).toBe(true)
      const cache = runToEnd(decodeIndexCache(await readFile(path), await sidecarSha(dir)))
      expect(Object.keys(cache?.texts ?? {})).toContain('contacts')
    } finally {
      await core.close()
    }
  })

  it('keeps no cache for an encrypted folder: one left from before is removed', async () => {
    const sealed = await tempDir()
    cleanup.push(sealed)
    await writeFile(join(sealed, INDEX_CACHE_FILE), 'left from when the folder was plain')
    const core = await openApp({ dataDir: sealed, resourcesDir: RESOURCES, appVersion: 'test', codec: aesCodec(newDataKey()), indexCache: { minRecords: 0 } })
    try {
      expect(existsSync(join(sealed, INDEX_CACHE_FILE))).toBe(false)
    } finally {
      await core.close()
    }
  })
})
