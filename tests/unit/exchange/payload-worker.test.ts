// @vitest-environment node
// The receive's payload is inflated and parsed off the main thread and handed over in chunks.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { IDS_PER_MESSAGE, RECORDS_PER_CHUNK, readPayloadInWorker } from '../../../src/main/exchange/payload-worker'
import type { VersionOf } from '../../../src/main/exchange/payload-worker'
import type { RawRecord } from '../../../src/main/exchange/package-content'
import { SCHEMA_VERSION } from '../../../src/main/db/schema'
import { PACKAGE_MAGIC, PackageError, packageParts, readPackageHeader, writePackage } from '../../../src/main/exchange/package-file'

const SCHEMA = SCHEMA_VERSION
const meta = { schemaVersion: SCHEMA, createdAt: '2026-11-20T00:00:00.000Z', device: { id: 'dA', label: 'Laptop A' }, scope: { kind: 'all' as const } }
const gz = (v: unknown) => gzipSync(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8'))

/** A package file around any body, checksum and all: what a sender with a bug could write. */
async function packageAround(body: Buffer): Promise<Buffer> {
  const { head } = readPackageHeader(await writePackage(meta, {}), SCHEMA)
  const len = Buffer.alloc(4)
  len.writeUInt32BE(head.length)
  const before = Buffer.concat([PACKAGE_MAGIC, len, head, body])
  return Buffer.concat([before, createHash('sha256').update(before).digest()])
}

async function readAll(bytes: Buffer, max = 1 << 26, passphrase?: string, versionOf?: VersionOf): Promise<{ chunks: RawRecord[][]; devices: Record<string, string>; alreadyHere: number }> {
  const data = bytes.toString('base64')
  const reader = readPayloadInWorker(data, await packageParts(data, SCHEMA, passphrase), max, versionOf ? { versionOf } : undefined)
  const chunks: RawRecord[][] = []
  for await (const c of reader.chunks()) chunks.push(c)
  return { chunks, devices: await reader.devices, alreadyHere: reader.alreadyHere() }
}

async function refusal(bytes: Buffer | Promise<Buffer>, max?: number, passphrase?: string): Promise<string> {
  try {
    await readAll(await bytes, max, passphrase)
  } catch (e) {
    if (e instanceof PackageError) return `${e.reason}: ${e.message}`
    throw e
  }
  return 'accepted'
}

describe('reading a package payload in a worker', () => {
  it('hands every record over in order, in chunks, with the devices first; unknown collections are skipped', async () => {
    const n = RECORDS_PER_CHUNK * 2 + 5
    const contacts = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `联系人${i}` }))
    const { chunks, devices } = await readAll(await writePackage(meta, { records: { contacts, trips: [{ id: 't1' }], fromTheFuture: [{ id: 'x' }] }, devices: { dA: 'Laptop A' } }))
    // The worker cuts 500, 500 and 6 (the last contacts with the trip); messages that arrived while
    // the caller planned are handed over together, so a chunk ends where some message ended.
    const ends: number[] = []
    chunks.reduce((sum, c) => (ends.push(sum + c.length), sum + c.length), 0)
    expect(chunks.every((c) => c.length > 0)).toBe(true)
    expect(ends.every((e) => [RECORDS_PER_CHUNK, RECORDS_PER_CHUNK * 2, n + 1].includes(e))).toBe(true)
    expect(ends[ends.length - 1]).toBe(n + 1)
    const all = chunks.flat()
    expect(all.slice(0, 2)).toEqual([{ collection: 'contacts', index: 0, record: contacts[0] }, { collection: 'contacts', index: 1, record: contacts[1] }])
    expect(all[all.length - 1]).toEqual({ collection: 'trips', index: 0, record: { id: 't1' } })
    expect(devices).toEqual({ dA: 'Laptop A' })
  })

  it('opens a sealed payload with the right passphrase; a wrong one, a damaged file and bad contents are refused whole', async () => {
    const sealed = await writePackage(meta, { records: { trips: [{ id: 't1' }] } }, 'correct horse')
    expect((await readAll(sealed, 1 << 26, 'correct horse')).chunks.flat()).toHaveLength(1)
    expect(await refusal(sealed, undefined, 'wrong')).toMatch(/^wrong-passphrase: /)
    const damaged = Buffer.from(sealed)
    damaged[damaged.length - 40] ^= 1
    // The checksum is checked first: damage in transit is "damaged", never "wrong passphrase".
    expect(await refusal(damaged, undefined, 'correct horse')).toMatch(/^damaged: .*checksum/)
    expect(await refusal(packageAround(gz({ records: { contacts: [{ id: 'a' }, { name: 'x' }] } })))).toBe('invalid: The package holds an invalid record (contacts[1].id).')
    expect(await refusal(packageAround(gz({ records: { contacts: [{ id: 'a' }, { id: 'a' }] } })))).toBe('invalid: The package holds contacts[1] twice.')
    expect(await refusal(packageAround(gz([1, 2])))).toMatch(/^invalid: /)
    expect(await refusal(packageAround(gz({ records: { contacts: {} } })))).toMatch(/^invalid: /)
    expect(await refusal(packageAround(gz('{"records": {')))).toMatch(/^damaged: /)
    expect(await refusal(packageAround(Buffer.from('not gzip')))).toMatch(/^damaged: /)
    expect(await refusal(packageAround(gz({ records: { contacts: [{ id: 'a', notes: 'x'.repeat(5000) }] } })), 1000)).toMatch(/^too-large: /)
  })

  it('leaves out only the records held here at the very same version, across several questions and collections', async () => {
    const n = IDS_PER_MESSAGE + 7
    const sync = (i: number) => ({ vv: { dA: i + 1 }, d: ['dA', i + 1, '2026-11-20T00:00:00.000Z'] })
    const contacts = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `联系人${i}`, ...(i === 5 ? {} : { sync: sync(i) }) }))
    const trips = [{ id: 't0', sync: sync(0) }, { id: 't1', sync: sync(1) }]
    const asked: string[] = []
    // Held here: every contact whose number is a multiple of 3 at the same version, 4 at another,
    // 5 (sent without a version) at some version; trip t0 at the same version, but as a contact it is unknown.
    const versionOf: VersionOf = (c, id) => {
      asked.push(`${c}/${id}`)
      const i = Number(id.slice(1))
      if (c === 'trips') return id === 't0' ? JSON.stringify(sync(0)) : undefined
      if (i === 4) return JSON.stringify(sync(99))
      if (i === 5) return JSON.stringify(sync(5))
      return i % 3 === 0 ? JSON.stringify(sync(i)) : undefined
    }
    const { chunks, alreadyHere } = await readAll(await writePackage(meta, { records: { contacts, trips } }), 1 << 26, undefined, versionOf)
    const handed = chunks.flat().map((r) => `${r.collection}/${r.record.id}`)
    const same = contacts.filter((_, i) => i % 3 === 0 && i !== 5).map((c) => `contacts/${c.id}`)
    expect(asked).toEqual([...contacts.map((c) => `contacts/${c.id}`), 'trips/t0', 'trips/t1'])
    expect(alreadyHere).toBe(same.length + 1)
    expect(handed).toEqual([...contacts.map((c) => `contacts/${c.id}`).filter((k) => !same.includes(k)), 'trips/t1'])
    // Each record handed over keeps its place in the package, for the messages that name it.
    expect(chunks.flat().find((r) => r.record.id === 'c4')?.index).toBe(4)
  })
})
