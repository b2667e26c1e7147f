// @vitest-environment node
// Encryption at rest through the API, as Settings and the unlock screen use it: turned on with a
// passphrase, the folder reopens locked; the wrong passphrase is said to be wrong; a copied folder
// asks for the passphrase once and then opens with that machine's keychain; nothing personal is
// in plain on disk or in the log, and the passphrase never is.
import { existsSync } from 'node:fs'
import { cp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDesk } from '../../../src/main/desk'
import type { Desk } from '../../../src/main/desk'
import type { KeyWrapper } from '../../../src/main/store/key-file'
import { RESOURCES, tempDir } from '../helpers'
import { recordingFs } from '../store/recording-fs'
import { sysError } from './faulty-fs'

const PASSPHRASE = '春风又绿江南岸 2026'
const PERSON = { name: '欧阳修远', phone: '139 8765 4321', email: 'ouyang.xiuyuan@example.com', organizationId: null }
const SECRETS = ['欧阳修远', '139 8765 4321', 'ouyang.xiuyuan@example.com']

function keychainOf(machine: string, secure = true): KeyWrapper {
  const tag = Buffer.from(`${machine}|`)
  return {
    backend: secure ? 'test' : 'basic_text',
    secure,
    wrap: async (key) => Buffer.concat([tag, Buffer.from(key.map((b) => b ^ 0x5a))]),
    unwrap: async (blob) => {
      if (!blob.subarray(0, tag.length).equals(tag)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString')
      return Buffer.from(blob.subarray(tag.length).map((b) => b ^ 0x5a))
    },
  }
}

const open: Desk[] = []
const roots: string[] = []
const lines: string[] = []
afterEach(async () => {
  for (const d of open.splice(0)) await d.close()
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true })
  lines.length = 0
})

async function folder(): Promise<string> {
  const root = await tempDir()
  roots.push(root)
  return join(root, 'data')
}

async function desk(dataDir: string, keychain: KeyWrapper | null = null, fs = recordingFs()): Promise<Desk> {
  const d = await openDesk({ fs, dataDir, resourcesDir: RESOURCES, appVersion: 'test', now: () => new Date('2026-03-02T08:00:00.000Z'), log: (l) => lines.push(l), keychain, warmUpMs: 1e9 })
  open.push(d)
  return d
}

async function closeAll(): Promise<void> {
  for (const d of open.splice(0)) await d.close()
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => null)
    if (info?.isDirectory()) out.push(...(await filesUnder(path)))
    else if (info) out.push(path)
  }
  return out
}

async function plainLeaks(dir: string): Promise<string[]> {
  const leaks: string[] = []
  for (const path of await filesUnder(dir)) {
    // A store still open writes through temp files: one listed a moment ago may be renamed by now.
    const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return Buffer.alloc(0)
      throw e
    })
    if (SECRETS.some((s) => bytes.includes(Buffer.from(s)))) leaks.push(path)
  }
  return leaks
}

describe('encryption at rest through the API (browser mode: no keychain)', () => {
  it('on with a passphrase; the folder reopens locked; wrong passphrase refused by field; right one opens; off again', async () => {
    const dir = await folder()
    let d = await desk(dir)
    expect(await d.router.call('encryption.status', {})).toEqual({ ok: true, data: { state: 'off', keychain: 'none', passphraseSet: false, keychainWrapped: false, pending: null } })
    const created = await d.router.call('contacts.create', PERSON)
    expect(created.ok).toBe(true)
    expect((await plainLeaks(dir)).length).toBeGreaterThan(0)

    expect(await d.router.call('encryption.enable', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { passphrase: [expect.any(String)] } } })
    expect(await d.router.call('encryption.enable', { passphrase: PASSPHRASE, confirm: `${PASSPHRASE}!` })).toMatchObject({ ok: false, error: { fieldErrors: { confirm: [expect.any(String)] } } })
    expect(await d.router.call('encryption.enable', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).toMatchObject({ ok: true, data: { state: 'on', passphraseSet: true } })
    // The app goes on working on the encrypted folder, and what it writes is sealed too.
    expect(await d.router.call('contacts.create', { ...PERSON, name: `${PERSON.name}二` })).toMatchObject({ ok: true })
    await closeAll()
    expect(await plainLeaks(dir)).toEqual([])

    d = await desk(dir)
    expect(await d.router.call('encryption.status', {})).toMatchObject({ ok: true, data: { state: 'locked' } })
    expect(await d.router.call('contacts.list', {})).toMatchObject({ ok: false, error: { code: 'STATE' } })
    expect(d.exporter.prepare('trip.workbook', {})).toMatchObject({ ok: false, error: { code: 'STATE' } })
    expect(await d.router.call('encryption.unlock', { passphrase: 'not the passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { passphrase: ['The passphrase is wrong'] } },
    })
    expect(await d.router.call('encryption.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true, data: { state: 'on' } })
    const list = await d.router.call('contacts.list', {})
    expect(JSON.stringify(list)).toContain(PERSON.name)
    expect(JSON.stringify(list)).toContain(`${PERSON.name}二`)

    expect(await d.router.call('encryption.disable', {})).toMatchObject({ ok: true, data: { state: 'off' } })
    await closeAll()
    d = await desk(dir)
    expect(await d.router.call('encryption.status', {})).toMatchObject({ ok: true, data: { state: 'off' } })
    expect(JSON.stringify(await d.router.call('contacts.list', {}))).toContain(`${PERSON.name}二`)

    const logged = lines.join('\n')
    for (const secret of [PASSPHRASE, 'not the passphrase', ...SECRETS]) expect(logged).not.toContain(secret)
  })
})

describe('encryption at rest with an OS keychain', () => {
  it('opens silently on its own machine; copied to another, asks once, then opens silently there too', async () => {
    const dir = await folder()
    const office = keychainOf('office')
    let d = await desk(dir, office)
    await d.router.call('contacts.create', PERSON)
    expect(await d.router.call('encryption.enable', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).toMatchObject({ ok: true, data: { state: 'on', keychain: 'available', keychainWrapped: true } })
    await closeAll()
    d = await desk(dir, office)
    expect(await d.router.call('encryption.status', {})).toMatchObject({ ok: true, data: { state: 'on' } })
    await closeAll()

    const copy = await folder()
    await cp(dir, copy, { recursive: true })
    const laptop = keychainOf('laptop')
    d = await desk(copy, laptop)
    expect(await d.router.call('encryption.status', {})).toMatchObject({ ok: true, data: { state: 'locked' } })
    expect(await d.router.call('encryption.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true, data: { state: 'on' } })
    await closeAll()
    d = await desk(copy, laptop)
    expect(await d.router.call('encryption.status', {})).toMatchObject({ ok: true, data: { state: 'on' } })
    expect(JSON.stringify(await d.router.call('contacts.list', {}))).toContain(PERSON.name)
    // The passphrase may go only while this machine's keychain opens the folder.
    expect(await d.router.call('encryption.removePassphrase', {})).toMatchObject({ ok: true, data: { passphraseSet: false, keychainWrapped: true } })
    await closeAll()
    expect(await plainLeaks(copy)).toEqual([])
  })

  it('a keychain that is no keychain (Linux basic_text) is said to be so, and the passphrase is required', async () => {
    const dir = await folder()
    const d = await desk(dir, keychainOf('linux', false))
    expect(await d.router.call('encryption.status', {})).toMatchObject({ ok: true, data: { keychain: 'insecure' } })
    expect(await d.router.call('encryption.enable', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { passphrase: [expect.any(String)] } } })
    expect(await d.router.call('encryption.enable', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).toMatchObject({ ok: true, data: { state: 'on', keychainWrapped: false } })
    expect(await d.router.call('encryption.removePassphrase', {})).toMatchObject({ ok: false, error: { code: 'STATE' } })
  })
})

describe('a disk failure while turning encryption on', () => {
  it('says so, keeps every record readable, and finishes when tried again; the log holds neither the passphrase nor the person', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const d = await desk(dir, null, fs)
    await d.router.call('contacts.create', PERSON)
    // The conversion's second file replaced: part of the folder is sealed by then, part still plain.
    let renames = 0
    fs.fault = (op, path) => (op === 'rename' && existsSync(join(dir, 'keys.json')) && path.endsWith('.tmp') && (renames += 1) === 2 ? sysError('EIO', path) : undefined)
    expect(await d.router.call('encryption.enable', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'STORAGE' } })
    fs.fault = undefined
    expect(await d.router.call('encryption.status', {})).toMatchObject({ ok: true, data: { state: 'on', pending: 'encrypting' } })
    expect(JSON.stringify(await d.router.call('contacts.list', {}))).toContain(PERSON.name)
    expect((await plainLeaks(dir)).length).toBeGreaterThan(0)

    expect(await d.router.call('encryption.enable', {})).toMatchObject({ ok: true, data: { state: 'on', pending: null } })
    expect(JSON.stringify(await d.router.call('contacts.list', {}))).toContain(PERSON.name)
    await closeAll()
    expect(await plainLeaks(dir)).toEqual([])
    const logged = lines.join('\n')
    expect(logged).toContain('EIO')
    for (const secret of [PASSPHRASE, ...SECRETS]) expect(logged).not.toContain(secret)
  })
})

describe('the wrong key', () => {
  it('a key file from another folder opens nothing and moves nothing aside', async () => {
    const mine = await folder()
    const other = await folder()
    for (const dir of [mine, other]) {
      const d = await desk(dir)
      await d.router.call('contacts.create', PERSON)
      await d.router.call('encryption.enable', { passphrase: PASSPHRASE, confirm: PASSPHRASE })
    }
    await closeAll()
    await cp(join(other, 'keys.json'), join(mine, 'keys.json'))
    const before = (await filesUnder(mine)).sort()
    const d = await desk(mine)
    const r = await d.router.call('encryption.unlock', { passphrase: PASSPHRASE })
    expect(r).toMatchObject({ ok: false, error: { code: 'STATE', message: expect.stringContaining('Nothing was changed or moved aside') } })
    expect(await d.router.call('contacts.list', {})).toMatchObject({ ok: false, error: { code: 'STATE' } })
    await closeAll()
    expect((await filesUnder(mine)).sort()).toEqual(before)
  })
})
