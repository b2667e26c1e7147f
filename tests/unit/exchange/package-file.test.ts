// @vitest-environment node
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PACKAGE_MAGIC, PackageError, readPackage, readPackageHeader, writePackage } from '../../../src/main/exchange/package-file'
import type { PackageHeaderInput, PackageRefusal } from '../../../src/main/exchange/package-file'

const SCHEMA = 5
const meta: PackageHeaderInput = {
  schemaVersion: SCHEMA,
  createdAt: '2026-11-26T09:30:00.000+08:00',
  device: { id: 'dev-3f2a', label: '王琪璐的笔记本' },
  scope: { kind: 'trip', tripId: 'trip-1', title: '赴上海、南通开展校企合作系列活动' },
}
const payload = { records: [{ id: 'c1', name: '张伟', phone: '13812345678' }], note: '全角，半角, 😀' }

async function refusal(p: Promise<unknown>): Promise<PackageRefusal> {
  try {
    await p
  } catch (e) {
    if (e instanceof PackageError) return e.reason
    throw e
  }
  throw new Error('the package was accepted')
}

/** Re-frames bytes with a valid checksum, as a tamperer who knows the format would. */
function resum(bytes: Buffer): Buffer {
  const before = bytes.subarray(0, bytes.length - 32)
  return Buffer.concat([before, createHash('sha256').update(before).digest()])
}

describe('merge package file', () => {
  it('gives back the payload and the header, plain and sealed', async () => {
    const plain = await readPackage(await writePackage(meta, payload), SCHEMA)
    expect(plain.payload).toEqual(payload)
    expect(plain.header).toMatchObject({ ...meta, format: 1, encryption: null })
    const sealed = await writePackage(meta, payload, '校友 passphrase')
    expect((await readPackage(sealed, SCHEMA, { passphrase: '校友 passphrase' })).payload).toEqual(payload)
  })

  it('carries no personal data in the clear when sealed', async () => {
    const sealed = await writePackage(meta, { name: '张伟', phone: '13812345678' }, 'pw')
    const text = sealed.toString('latin1') + sealed.toString('utf8')
    expect(text).not.toContain('13812345678')
    expect(sealed.toString('utf8')).not.toContain('张伟')
    expect(readPackageHeader(sealed, SCHEMA).header.encryption).toMatchObject({ cipher: 'aes-256-gcm', kdf: 'scrypt' })
  })

  it('refuses whole: not a package, cut short, damaged, newer, no or wrong passphrase', async () => {
    const good = await writePackage(meta, payload)
    const sealed = await writePackage(meta, payload, 'right')
    expect(await refusal(readPackage(Buffer.from('PK\u0003\u0004 a zip'), SCHEMA))).toBe('not-a-package')
    expect(await refusal(readPackage(good.subarray(0, good.length - 10), SCHEMA))).toBe('damaged')
    expect(await refusal(readPackage(PACKAGE_MAGIC, SCHEMA))).toBe('damaged')
    const flipped = Buffer.from(good)
    flipped[PACKAGE_MAGIC.length + 20] ^= 1
    expect(await refusal(readPackage(flipped, SCHEMA))).toBe('damaged')
    expect(await refusal(readPackage(good, SCHEMA - 1))).toBe('newer-schema')
    expect(await refusal(readPackage(sealed, SCHEMA))).toBe('passphrase-needed')
    expect(await refusal(readPackage(sealed, SCHEMA, { passphrase: 'wrong' }))).toBe('wrong-passphrase')
  })

  it('refuses a package from a newer file format', async () => {
    const good = await writePackage(meta, payload)
    const text = good.toString('latin1').replace('"format":1', '"format":9')
    expect(await refusal(readPackage(resum(Buffer.from(text, 'latin1')), SCHEMA))).toBe('newer-format')
  })

  it('refuses a sealed package whose header or body was altered and re-summed (the header is authenticated)', async () => {
    const sealed = await writePackage(meta, payload, 'pw')
    const relabelled = Buffer.from(sealed.toString('latin1').replace('"kind":"trip"', '"kind":"trap"'), 'latin1')
    // An invalid scope is refused by the schema first; a valid-looking change is caught by GCM.
    expect(await refusal(readPackage(resum(relabelled), SCHEMA, { passphrase: 'pw' }))).toBe('damaged')
    const idChanged = Buffer.from(sealed.toString('latin1').replace('dev-3f2a', 'dev-9999'), 'latin1')
    expect(await refusal(readPackage(resum(idChanged), SCHEMA, { passphrase: 'pw' }))).toBe('wrong-passphrase')
    const body = Buffer.from(sealed)
    body[body.length - 40] ^= 0x80
    expect(await refusal(readPackage(resum(body), SCHEMA, { passphrase: 'pw' }))).toBe('wrong-passphrase')
  })

  it('refuses a gzip bomb without inflating it all', async () => {
    const good = await writePackage(meta, payload)
    const { head } = readPackageHeader(good, SCHEMA)
    // 64 gzip members of 1 MB of spaces each: 64 KB that inflate to 64 MB, against a 16 MB bound.
    const member = gzipSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 })
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member))
    const len = Buffer.alloc(4)
    len.writeUInt32BE(head.length)
    const file = resum(Buffer.concat([PACKAGE_MAGIC, len, head, bomb, Buffer.alloc(32)]))
    expect(await refusal(readPackage(file, SCHEMA, { maxPayloadBytes: 16 * 1024 * 1024 }))).toBe('too-large')
  })

  it('round-trips any JSON payload, and any single flipped byte is refused (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.nat(), async (value, at) => {
        const bytes = await writePackage(meta, value)
        const back = await readPackage(bytes, SCHEMA)
        expect(back.payload).toEqual(JSON.parse(JSON.stringify(value)))
        const broken = Buffer.from(bytes)
        broken[at % broken.length] ^= 0x01
        const reason = await refusal(readPackage(broken, SCHEMA))
        expect(['damaged', 'not-a-package']).toContain(reason)
      }),
      { numRuns: 200, seed: 20261126 },
    )
  })
})
