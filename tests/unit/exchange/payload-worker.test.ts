// @vitest-environment node
// The receive's payload is inflated and parsed off the main thread and handed over in chunks.
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { RECORDS_PER_CHUNK, readPayloadInWorker } from '../../../src/main/exchange/payload-worker'
import type { RawRecord } from '../../../src/main/exchange/package-content'
import { PackageError } from '../../../src/main/exchange/package-file'

const gz = (v: unknown) => gzipSync(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8'))

async function readAll(body: Buffer, max = 1 << 26): Promise<{ chunks: RawRecord[][]; devices: Record<string, string> }> {
  const reader = readPayloadInWorker(body, max)
  const chunks: RawRecord[][] = []
  for await (const c of reader.chunks()) chunks.push(c)
  return { chunks, devices: await reader.devices }
}

async function refusal(body: Buffer, max?: number): Promise<string> {
  try {
    await readAll(body, max)
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
    const { chunks, devices } = await readAll(gz({ records: { contacts, trips: [{ id: 't1' }], fromTheFuture: [{ id: 'x' }] }, devices: { dA: 'Laptop A' } }))
    expect(chunks.map((c) => c.length)).toEqual([RECORDS_PER_CHUNK, RECORDS_PER_CHUNK, 6])
    const all = chunks.flat()
    expect(all.slice(0, 2)).toEqual([{ collection: 'contacts', index: 0, record: contacts[0] }, { collection: 'contacts', index: 1, record: contacts[1] }])
    expect(all[all.length - 1]).toEqual({ collection: 'trips', index: 0, record: { id: 't1' } })
    expect(devices).toEqual({ dA: 'Laptop A' })
  })

  it('refuses whole, naming the record: no id, the same record twice, not a record set, not JSON, too large', async () => {
    expect(await refusal(gz({ records: { contacts: [{ id: 'a' }, { name: 'x' }] } }))).toBe('invalid: The package holds an invalid record (contacts[1].id).')
    expect(await refusal(gz({ records: { contacts: [{ id: 'a' }, { id: 'a' }] } }))).toBe('invalid: The package holds contacts[1] twice.')
    expect(await refusal(gz([1, 2]))).toMatch(/^invalid: /)
    expect(await refusal(gz({ records: { contacts: {} } }))).toMatch(/^invalid: /)
    expect(await refusal(gz('{"records": {'))).toMatch(/^damaged: /)
    expect(await refusal(Buffer.from('not gzip'))).toMatch(/^damaged: /)
    expect(await refusal(gz({ records: { contacts: [{ id: 'a', notes: 'x'.repeat(5000) }] } }), 1000)).toMatch(/^too-large: /)
  })
})
