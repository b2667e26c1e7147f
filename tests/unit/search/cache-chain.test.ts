// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { CHAIN_MAX, CacheChainTracker, decodeCacheChain, encodeCacheChain } from '../../../src/main/search-index/cache-chain'
import type { ReplayedPut } from '../../../src/main/store'

const sha = (c: string): string => c.repeat(64)
const A = sha('a')
const B = sha('b')
const C = sha('c')
const D = sha('d')
const keys = (puts: readonly ReplayedPut[] | undefined): string[] => [...new Set((puts ?? []).map(([c, id]) => `${c}/${id}`))].sort()

describe('the chain file', () => {
  it('reads back what was written, ids with tabs, quotes and newlines included', () => {
    const chain = { base: A, to: B, changed: [['contacts', 'c1'], ['organizations', 'o\t"2"\n'], ['contacts', 'c1']] as ReplayedPut[] }
    expect(decodeCacheChain(encodeCacheChain(chain))).toEqual(chain)
  })

  it('is refused cut short, with a bad head or a bad line', () => {
    const text = encodeCacheChain({ base: A, to: B, changed: [['contacts', 'c1']] })
    expect(decodeCacheChain(text.slice(0, -1))).toBeNull()
    expect(decodeCacheChain(text.replace(A, 'x'))).toBeNull()
    expect(decodeCacheChain(`${text}contacts\n`)).toBeNull()
    expect(decodeCacheChain(`${text}\t"x"\n`)).toBeNull()
    expect(decodeCacheChain('')).toBeNull()
  })
})

describe('what a session knows of the cache on disk', () => {
  it('leads from the cache the open took to each db.json a compaction writes, with every record put since', () => {
    const t = new CacheChainTracker({ sha256: A, replayed: [['contacts', 'j1']] })
    t.put('contacts', 'p1')
    expect(t.seeded(A, [['contacts', 'j1']])).toBeNull()
    t.put('contacts', 'p2')
    const toB = t.compacted(B)
    expect(toB?.base).toBe(A)
    expect(toB?.to).toBe(B)
    expect(keys(toB?.changed)).toEqual(['contacts/j1', 'contacts/p1', 'contacts/p2'])
    t.put('organizations', 'o1')
    expect(keys(t.compacted(C)?.changed)).toEqual(['contacts/j1', 'contacts/p1', 'contacts/p2', 'organizations/o1'])
  })

  it('through a chain it was opened with: the chain\'s records stay in every later one', () => {
    const t = new CacheChainTracker({ sha256: B, replayed: [] })
    expect(t.seeded(A, [['contacts', 'old']])).toBeNull()
    t.put('contacts', 'new')
    const toC = t.compacted(C)
    expect(toC?.base).toBe(A)
    expect(keys(toC?.changed)).toEqual(['contacts/new', 'contacts/old'])
  })

  it('answers a compaction that came before the index took its cache once it does', () => {
    const t = new CacheChainTracker({ sha256: A, replayed: [['contacts', 'j1']] })
    t.put('contacts', 'p1')
    expect(t.compacted(B)).toBeNull()
    t.put('contacts', 'p2')
    // A second compaction before the seed: the puts since the open must all still be there.
    expect(t.compacted(C)).toBeNull()
    const chain = t.seeded(A, [['contacts', 'j1']])
    expect(chain?.to).toBe(C)
    expect(keys(chain?.changed)).toEqual(['contacts/j1', 'contacts/p1', 'contacts/p2'])
  })

  it('takes a cache the worker wrote as the base, with the puts since the state it was made from', () => {
    const t = new CacheChainTracker({ sha256: A, replayed: [['contacts', 'j1']] })
    t.unseeded()
    t.put('contacts', 'p1')
    expect(t.compacted(B)).toBeNull()
    t.put('contacts', 'p2')
    // Made from B: what came after B's view is at most what came since the compaction before it (here: the open).
    t.written(B)
    t.put('contacts', 'p3')
    const toC = t.compacted(C)
    expect(toC?.base).toBe(B)
    expect(keys(toC?.changed)).toEqual(['contacts/p1', 'contacts/p2', 'contacts/p3'])
    // Made from the db.json of the open, before any compaction: the replayed journal is not in it.
    const u = new CacheChainTracker({ sha256: A, replayed: [['contacts', 'j1']] })
    u.unseeded()
    u.put('contacts', 'p1')
    u.written(A)
    expect(keys(u.compacted(B)?.changed)).toEqual(['contacts/j1', 'contacts/p1'])
  })

  it('gives no chain after a replace, nor from a cache of a db.json no longer on disk', () => {
    const t = new CacheChainTracker({ sha256: A, replayed: [] })
    t.seeded(A, [])
    t.replaced()
    expect(t.compacted(B)).toBeNull()
    const u = new CacheChainTracker({ sha256: A, replayed: [] })
    u.unseeded()
    u.compacted(B)
    u.compacted(C)
    u.written(B)
    expect(u.compacted(D)).toBeNull()
  })

  it('gives no chain past CHAIN_MAX records put again: the build from the records is then as good', () => {
    const t = new CacheChainTracker({ sha256: A, replayed: [] })
    t.seeded(A, [['contacts', 'j0']])
    for (let i = 0; i < CHAIN_MAX - 1; i += 1) t.put('contacts', `c${i}`)
    expect(t.compacted(B)?.changed).toHaveLength(CHAIN_MAX)
    t.put('contacts', 'one-more')
    expect(t.compacted(C)).toBeNull()
    // Nothing from that cache again; a cache written of the db.json on disk starts a chain anew.
    expect(t.compacted(D)).toBeNull()
    t.written(D)
    t.put('contacts', 'after')
    expect(t.compacted(A)?.base).toBe(D)
  })
})
