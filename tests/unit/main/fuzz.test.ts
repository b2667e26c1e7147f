// @vitest-environment node
// Every contract method against the real router on a real data folder, with inputs a clumsy user or an
// attacker could send: arbitrary values (including what IPC's structured clone carries: Map, Date,
// BigInt, typed arrays), objects with keys named like built-in members, valid inputs with one field
// broken, huge strings and arrays, deep nesting. The router must answer every one with a structured
// result: never throw, never INTERNAL, every VALIDATION answer names its fields, and a refused call
// changes nothing.
//   CI: a fixed seed and FUZZ_RUNS (default 200) inputs per method.
//   npm run fuzz: many more inputs, a new seed each run (printed, so a failure can be replayed with FUZZ_SEED).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLLECTION_NAMES } from '../../../src/shared/collections'
import type { CollectionName } from '../../../src/shared/collections'
import { METHOD_NAMES } from '../../../src/shared/contract'
import type { ApiResult, MethodName } from '../../../src/shared/contract'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const SEED = Number(process.env.FUZZ_SEED ?? 20261126)
if (process.env.FUZZ_RUNS) console.log(`fuzz: ${RUNS} inputs per method, seed ${SEED}`)

const SYSTEM_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'updatedBy', 'deletedAt'])
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'prototype', 'then', 'toJSON', '__defineGetter__', '']

type Json = Record<string, unknown>
let app: TestApp
/** Valid inputs per method, taken from the sample trip so links and ids are real. */
const valid = new Map<MethodName, Json[]>()

function deep(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v }
  // fast-check would print a counterexample by recursing as deep as the value goes.
  Object.defineProperty(v, fc.toStringMethod, { value: () => `deep(${depth}, ${kind})`, enumerable: false })
  return v
}

/** A copy of `o` with an own property `key` (assignment would set the prototype for "__proto__"). */
function withKey(o: unknown, key: string, value: unknown): unknown {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return o
  const copy: Json = { ...(o as Json) }
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true })
  return copy
}

/** The nested objects of an input, as paths, so a hostile key or a broken value can go anywhere. */
function objectPaths(o: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (o === null || typeof o !== 'object') return out
  if (!Array.isArray(o)) out.push(path)
  for (const [k, v] of Object.entries(o as Json)) if (path.length < 4) objectPaths(v, [...path, k], out)
  return out
}

function updateAt(o: unknown, path: string[], fn: (inner: unknown) => unknown): unknown {
  if (path.length === 0) return fn(o)
  if (o === null || typeof o !== 'object') return o
  const [head, ...rest] = path
  if (Array.isArray(o)) return o.map((v, i) => (String(i) === head ? updateAt(v, rest, fn) : v))
  return { ...(o as Json), [head]: updateAt((o as Json)[head], rest, fn) }
}

const anyValue = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withSparseArray: true,
  withObjectString: true,
})
const bigValue = fc.oneof(
  fc.integer({ min: 1_000, max: 400_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1_000, max: 400_000 }).map((n) => '行'.repeat(n)),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => new Array<string>(n).fill('id')),
  fc.integer({ min: 100, max: 5_000 }).map((n) => deep(n, 'array')),
  fc.integer({ min: 100, max: 5_000 }).map((n) => deep(n, 'object')),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_VALUE, Number.NaN, Infinity, -0, 1e308, 0.5, '9999-12-31', '0999-01-01', '2025-02-30', '1899-12-31', '2200-01-01'),
)

function inputs(method: MethodName): fc.Arbitrary<unknown> {
  const base = fc.constantFrom(...(valid.get(method) ?? [{}]))
  const mutated = fc.oneof(
    // one field replaced by anything, or something huge or deep
    fc.tuple(base, fc.nat(), fc.oneof(anyValue, bigValue)).map(([v, i, x]) => {
      const paths = objectPaths(v)
      const path = paths[i % paths.length]
      return updateAt(v, path, (o) => {
        const keys = o && typeof o === 'object' ? Object.keys(o) : []
        return keys.length === 0 ? x : { ...(o as Json), [keys[i % keys.length]]: x }
      })
    }),
    // one field removed
    fc.tuple(base, fc.nat()).map(([v, i]) => {
      const keys = Object.keys(v)
      if (keys.length === 0) return v
      const copy = { ...v }
      delete copy[keys[i % keys.length]]
      return copy
    }),
    // a key named like a built-in member, at any depth
    fc.tuple(base, fc.nat(), fc.constantFrom(...HOSTILE_KEYS), fc.oneof(anyValue, fc.constant({ polluted: true }))).map(([v, i, key, x]) => {
      const paths = objectPaths(v)
      return updateAt(v, paths[i % paths.length], (o) => withKey(o, key, x))
    }),
  )
  return fc.oneof(
    { arbitrary: base, weight: 2 },
    { arbitrary: mutated, weight: 6 },
    { arbitrary: anyValue, weight: 1 },
    { arbitrary: fc.jsonValue(), weight: 1 },
    { arbitrary: fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), anyValue).map((d) => Object.entries(d).reduce<unknown>((o, [k, x]) => withKey(o, k, x), {})), weight: 1 },
  )
}

/** What a refused call must leave untouched: every collection's revision and the settings. */
function fingerprint(): string {
  const store = app.core.store
  return JSON.stringify([COLLECTION_NAMES.map((c) => store.revision(c)), store.data.settings])
}

function createInputs(c: CollectionName): Json[] {
  const out: Json[] = []
  for (const r of [...app.core.store.data[c]].slice(0, 4)) {
    out.push(Object.fromEntries(Object.entries(r).filter(([k]) => !SYSTEM_KEYS.has(k))))
  }
  const org = app.core.store.data.organizations[0]?.id ?? 'none'
  const minimal: Record<CollectionName, Json> = {
    organizations: { name: 'Fuzz Org' },
    contacts: { name: 'Fuzz Person', alumni: { classYear: 2001, degree: 'master', major: 'Physics' } },
    staff: { name: 'Fuzz Staff' },
    trips: { title: 'Fuzz trip', startDate: '2025-01-01', endDate: '2025-01-03', members: [{ staffId: app.core.store.data.staff[0]?.id ?? 'x', role: 'member' }] },
    activities: { title: 'Fuzz visit', date: '2025-01-02', organizationIds: [org] },
    agreements: { title: 'Fuzz base', organizationId: org, endDate: '2027-01-01' },
    alumniGroups: { name: 'Fuzz group' },
    followUps: { title: 'Fuzz task', log: [{ date: '2025-01-05', text: 'called' }] },
    attachments: { recordType: 'organizations', recordId: org, fileName: 'a.pdf', size: 10, sha256: 'a'.repeat(64) },
  }
  out.push(minimal[c])
  return out
}

beforeAll(async () => {
  app = await openTestApp()
  await app.call('sample.load', {})
  const backups = (await app.call('backups.list', {})).map((b) => b.name)
  const ids = (c: CollectionName) => [...[...app.core.store.data[c]].slice(0, 3).map((r) => r.id), 'no-such-id']
  const range = { from: '2025-01-01', to: '2025-12-31', today: '2025-06-01' }
  for (const m of METHOD_NAMES) {
    const [c, op] = m.split('.') as [CollectionName, string]
    let list: Json[]
    if (m === 'links.find') list = COLLECTION_NAMES.flatMap((col) => ids(col).map((id) => ({ collection: col, id })))
    else if (m === 'settings.update') list = [{ language: 'en' }, { deviceLabel: 'laptop 2' }, { signatures: { editor: '王老师' } }]
    // A real restore reloads the whole store: one name in four, so the method is fuzzed without taking minutes.
    else if (m === 'backups.restore') list = [{ name: 'no-such-backup.json' }, { name: 'backup-2020-01-01.json' }, { name: '..json' }, ...backups.slice(0, 1).map((name) => ({ name }))]
    else if (m === 'search.global') list = [{ query: '南通' }, { query: 'zhang', limitPerKind: 3 }]
    else if (m === 'dashboard.summary') list = [range, { from: '1900-01-01', to: '2199-12-31', today: '2199-12-31' }]
    else if (m === 'trips.totals') list = ids('trips').map((id) => ({ id }))
    else if (m === 'attachments.add') {
      const recordId = app.core.store.data.organizations[0]?.id ?? 'none'
      const data = (text: string) => Buffer.from(text, 'latin1').toString('base64')
      list = [{ recordType: 'organizations', recordId, fileName: 'scan.pdf', data: data('%PDF-1.4\n%%EOF\n') }, { recordType: 'organizations', recordId, fileName: 'x.jpg', data: data('not a photo') }]
    } else if (c === 'attachments' && ['content', 'thumbnail', 'open'].includes(op)) list = ids('attachments').map((id) => ({ id }))
    else if (!(COLLECTION_NAMES as string[]).includes(c)) list = [{}]
    else if (op === 'list') list = [{}, { search: 'a', limit: 5, offset: 1, includeDeleted: true, sort: { field: 'updatedAt', dir: 'desc' } }]
    else if (op === 'get' || op === 'delete' || op === 'restore') list = ids(c).map((id) => ({ id }))
    else if (op === 'create') list = createInputs(c)
    else if (op === 'update') {
      list = createInputs(c).flatMap((input) =>
        Object.entries(input)
          .slice(0, 3)
          .map(([k, v]) => ({ id: app.core.store.data[c][0]?.id ?? 'no-such-id', changes: { [k]: v } })),
      )
    } else throw new Error(`No valid inputs for ${m}: add them here`)
    valid.set(m, list)
  }
}, 60_000)

afterAll(async () => {
  await app.destroy()
})

function checkAnswer(m: MethodName, input: unknown, r: ApiResult<unknown>, before: string): void {
  // What both transports send must survive JSON (browser mode) as it is.
  expect(() => JSON.parse(JSON.stringify(r))).not.toThrow()
  if (r.ok) return
  const where = `${m} ${fc.stringify(input).slice(0, 300)}`
  expect(r.error.code, `${where}: ${r.error.message}`).not.toBe('INTERNAL')
  expect(typeof r.error.message, where).toBe('string')
  if (r.error.code === 'VALIDATION') {
    const fields = Object.keys(r.error.fieldErrors)
    expect(fields.length, where).toBeGreaterThan(0)
    for (const f of fields) {
      expect(f.length, where).toBeGreaterThan(0)
      expect(r.error.fieldErrors[f].length, where).toBeGreaterThan(0)
    }
  }
  expect(fingerprint(), `${where} was refused (${r.error.code}) but changed the data`).toBe(before)
}

describe('fuzzing every contract method through the router', () => {
  it('covers every method of the contract', () => {
    expect([...valid.keys()].sort()).toEqual([...METHOD_NAMES].sort())
  })

  it.each(METHOD_NAMES)('%s answers every input with a structured result', async (m) => {
    await fc.assert(
      fc.asyncProperty(inputs(m), async (input) => {
        const before = fingerprint()
        let r: ApiResult<unknown>
        try {
          r = await app.core.router.call(m, input)
        } catch (e) {
          throw new Error(`${m} threw: ${e instanceof Error ? e.stack : String(e)}`)
        }
        checkAnswer(m, input, r, before)
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    )
  }, 120_000)

  it('answers hostile method names and non-object inputs', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'organizations.__proto__', '', 'x'.repeat(100_000)]) {
      const r = await app.core.router.call(name, {})
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    }
  })
})
