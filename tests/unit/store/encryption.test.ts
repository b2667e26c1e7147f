// @vitest-environment node
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import { SealedDamageError, aesCodec, newDataKey } from '../../../src/main/store/aes-codec'
import { KeyError, plainCodec } from '../../../src/main/store/file-codec'
import { decryptFolder, encryptFolder, rewrapKey } from '../../../src/main/store/folder-encryption'
import { nodeFs } from '../../../src/main/store/fs-port'
import { KEY_FILE, UnlockError, keyFileFor, readKeyFile, writeKeyFile, unwrapDataKey, wrapWithKeychain, wrapWithPassphrase } from '../../../src/main/store/key-file'
import type { KeyWrapper } from '../../../src/main/store/key-file'
import { NOTES, PASSPHRASE, SECRETS, copyFolder, filesUnder, makePlainFolder, noteText, plainLeaks, reopen } from './encrypted-folder'
import { fakeSchema, tempDir } from './fake-schema'

const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const c of cleanups) await c()
})
async function folder(label: string): Promise<string> {
  const t = await tempDir(label)
  cleanups.push(t.cleanup)
  return t.dir
}

/** A keychain bound to one machine: its wraps open only where `machine` is the same, like safeStorage. */
function fakeKeychain(machine: string): KeyWrapper {
  const mask = (b: Buffer): Buffer => Buffer.from(b.map((x, i) => x ^ machine.charCodeAt(i % machine.length)))
  return {
    backend: 'test',
    secure: true,
    wrap: async (key) => Buffer.concat([Buffer.from(`${machine}:`), mask(key)]),
    unwrap: async (blob) => {
      const prefix = Buffer.from(`${machine}:`)
      if (!blob.subarray(0, prefix.length).equals(prefix)) throw new Error('this keychain cannot decrypt that')
      return mask(blob.subarray(prefix.length))
    },
  }
}

const allNotes = (): Map<string, string> => new Map(Array.from({ length: NOTES }, (_, i) => [`n${i + 1}`, noteText(i + 1)]))

describe('the AES-256-GCM codec', () => {
  it('round-trips, refuses altered bytes, and tells another key from damage', () => {
    const codec = aesCodec(newDataKey())
    const plain = Buffer.from(noteText(1))
    const sealed = codec.seal(plain)
    expect(sealed.includes(Buffer.from(SECRETS[1]))).toBe(false)
    expect(codec.open(sealed).equals(plain)).toBe(true)
    const altered = Buffer.from(sealed)
    altered[altered.length - 20] ^= 1
    expect(() => codec.open(altered)).toThrow(SealedDamageError)
    expect(() => aesCodec(newDataKey()).open(sealed)).toThrow(KeyError)
    expect(() => plainCodec.open(sealed)).toThrow(KeyError)
    // Two seals of the same bytes differ (a fresh nonce each time).
    expect(codec.seal(plain).equals(sealed)).toBe(false)
  })
})

describe('a store with encryption at rest', () => {
  it('keeps db.json, the journal and backups sealed; the wrong key or none stops the open and moves nothing aside', async () => {
    const dir = await folder('enc-store')
    const key = newDataKey()
    const store = await openStore({ dir, schema: fakeSchema(), codec: aesCodec(key), compactAfterEntries: 4, compactOnCloseMaxBytes: 0 })
    for (let i = 1; i <= 10; i += 1) await store.commit({ puts: [{ collection: 'notes', record: { id: `n${i}`, text: noteText(i) } }] })
    await store.close()
    const names = await filesUnder(dir)
    expect(names.some((n) => n.includes('backups'))).toBe(true)
    expect(names.some((n) => n.endsWith('journal.jsonl'))).toBe(true)
    expect(await plainLeaks(dir)).toEqual([])

    for (const codec of [undefined, aesCodec(newDataKey())]) {
      await expect(openStore({ dir, schema: fakeSchema(), ...(codec ? { codec } : {}) })).rejects.toThrow(KeyError)
      expect(await filesUnder(dir)).toEqual(names)
    }

    const again = await openStore({ dir, schema: fakeSchema(), codec: aesCodec(key), backupOnOpen: false })
    expect(again.data.notes.map((n) => n.text)).toEqual(Array.from({ length: 10 }, (_, i) => noteText(i + 1)))
    expect(await again.listBackups()).not.toHaveLength(0)
    await again.restoreBackup((await again.listBackups())[0].name)
    await again.close()
    expect(await plainLeaks(dir)).toEqual([])
  })

  it('drops a torn sealed last line and reports an altered one, as with plain lines', async () => {
    const dir = await folder('enc-torn')
    const key = newDataKey()
    const store = await openStore({ dir, schema: fakeSchema(), codec: aesCodec(key), compactOnCloseMaxBytes: 0, backupOnOpen: false })
    for (let i = 1; i <= 3; i += 1) await store.commit({ puts: [{ collection: 'notes', record: { id: `n${i}`, text: noteText(i) } }] })
    await store.close()
    const path = join(dir, 'journal.jsonl')
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^\{"seq":1,"sealed":"/)
    // Line 2's ciphertext altered; line 3 cut in half (a torn append).
    const b64 = lines[1].match(/"sealed":"([^"]+)"/)?.[1] ?? ''
    const bytes = Buffer.from(b64, 'base64')
    bytes[bytes.length - 1] ^= 1
    const altered = lines[1].replace(b64, bytes.toString('base64'))
    await writeFile(path, `${lines[0]}\n${altered}\n${lines[2].slice(0, 40)}`)
    const again = await openStore({ dir, schema: fakeSchema(), codec: aesCodec(key), backupOnOpen: false })
    expect(again.data.notes.map((n) => n.id)).toEqual(['n1'])
    expect(again.status().recovered?.skippedEntries.map((s) => [s.seq, s.reason])).toEqual([[2, 'checksum']])
    await again.close()
    // The journal set aside keeps its lines sealed; turned off, it is plain again line by line (the altered one marked).
    const asideName = (await readdir(dir)).find((n) => n.startsWith('journal.jsonl.damaged-'))
    expect(asideName).toBeDefined()
    await writeKeyFile(nodeFs, dir, keyFileFor(key, 'on', [await wrapWithPassphrase(key, PASSPHRASE)]))
    await decryptFolder({ dir }, key)
    const aside = (await readFile(join(dir, asideName ?? ''), 'utf8')).split('\n')
    expect(aside[0]).toContain(noteText(1))
    expect(aside[1]).toBe('{"seq":2,"damaged":"sealed line failed its check"}')
  })
})

describe('turning encryption on and off', () => {
  it('converts every kind of file both ways; nothing in plain while on, every record readable after', async () => {
    const dir = await folder('enc-convert')
    await makePlainFolder(dir)
    // A damaged snapshot set aside earlier holds personal data too; Chromium's own files (Electron's
    // user-data folder is the data folder) must be left exactly as they are.
    await writeFile(join(dir, 'db.json.damaged-2026-01-05T08-00-00-000Z'), `{"contacts":[{"name":"${SECRETS[0]}"`)
    const chromium = '{"profile":{"name":"Person 1"}}'
    await writeFile(join(dir, 'Preferences'), chromium)
    expect((await plainLeaks(dir)).length).toBeGreaterThanOrEqual(5)
    const key = newDataKey()
    await encryptFolder({ dir }, key, [await wrapWithPassphrase(key, PASSPHRASE)])
    expect(await plainLeaks(dir)).toEqual([])
    expect(await readFile(join(dir, 'Preferences'), 'utf8')).toBe(chromium)
    expect((await readFile(join(dir, 'attachments', 'a'.repeat(64)))).subarray(0, 6).toString()).toBe('LDSEAL')
    expect((await readKeyFile(nodeFs, dir))?.state).toBe('on')
    expect(await reopen(dir)).toEqual({ texts: allNotes(), form: 'on' })

    await decryptFolder({ dir }, key)
    expect(await readdir(dir)).not.toContain(KEY_FILE)
    expect(await readFile(join(dir, 'db.json.damaged-2026-01-05T08-00-00-000Z'), 'utf8')).toContain(SECRETS[0])
    expect(await readFile(join(dir, 'Preferences'), 'utf8')).toBe(chromium)
    expect((await readFile(join(dir, 'attachments', 'a'.repeat(64)), 'utf8')).startsWith('%PDF-1.4')).toBe(true)
    expect(await reopen(dir)).toEqual({ texts: allNotes(), form: 'plain' })
  })
})

describe('the key file', () => {
  it('a wrong passphrase is said to be wrong; the right one opens', async () => {
    const dir = await folder('enc-pass')
    await makePlainFolder(dir)
    const key = newDataKey()
    await encryptFolder({ dir }, key, [await wrapWithPassphrase(key, PASSPHRASE)])
    const file = await readKeyFile(nodeFs, dir)
    if (!file) throw new Error('no key file')
    await expect(unwrapDataKey(file, {})).rejects.toMatchObject({ reason: 'passphrase-needed' })
    const wrong = await unwrapDataKey(file, { passphrase: 'correct horse battery staple' }).catch((e: unknown) => e)
    expect(wrong).toBeInstanceOf(UnlockError)
    expect(wrong).toMatchObject({ reason: 'wrong-passphrase' })
    expect(String((wrong as Error).message)).not.toContain('horse')
    expect((await unwrapDataKey(file, { passphrase: PASSPHRASE })).dataKey.equals(key)).toBe(true)
    expect(await readFile(join(dir, KEY_FILE), 'utf8')).not.toContain(key.toString('base64'))
  })

  it('a folder copied to another machine: the keychain cannot open it, the passphrase can, then this machine wraps it too', async () => {
    const home = await folder('enc-home')
    await makePlainFolder(home)
    const key = newDataKey()
    const office = fakeKeychain('office-pc')
    await encryptFolder({ dir: home }, key, [await wrapWithKeychain(key, office), await wrapWithPassphrase(key, PASSPHRASE)])
    const atHome = await readKeyFile(nodeFs, home)
    if (!atHome) throw new Error('no key file')
    expect((await unwrapDataKey(atHome, { keychain: office })).via).toBe('keychain')

    const away = await folder('enc-away')
    await copyFolder(home, away)
    const laptop = fakeKeychain('laptop')
    const file = await readKeyFile(nodeFs, away)
    if (!file) throw new Error('no key file')
    await expect(unwrapDataKey(file, { keychain: laptop })).rejects.toMatchObject({ reason: 'passphrase-needed' })
    const { dataKey, via } = await unwrapDataKey(file, { keychain: laptop, passphrase: PASSPHRASE })
    expect(via).toBe('passphrase')
    const passWrap = file.wrappers.filter((w) => w.kind === 'passphrase')
    const rewrapped = await rewrapKey({ dir: away }, dataKey, [await wrapWithKeychain(dataKey, laptop), ...passWrap])
    expect((await unwrapDataKey(rewrapped, { keychain: laptop })).via).toBe('keychain')
    expect(await reopen(away)).toEqual({ texts: allNotes(), form: 'on' })
  })
})
