// @vitest-environment node
// Logs never carry personal data: not the names, phones and e-mails of the records, and not the
// user's own name where it hides in a folder path.
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openApp } from '../../../src/main/app'
import { openDesk } from '../../../src/main/desk'
import { nodeFs } from '../../../src/main/store/fs-port'
import { readKeyFile, unwrapDataKey } from '../../../src/main/store/key-file'
import type { AppCore } from '../../../src/main/app'
import { fileLog } from '../../../src/main/log-file'
import { redactPersonalData } from '../../../src/main/log-redact'
import { RESOURCES, tempDir } from '../helpers'
import { faultyFs } from './faulty-fs'

const HOME = '/home/zhangwei'

describe('redactPersonalData', () => {
  it.each([
    ['Liaison Desk: contact 张伟 failed', 'Liaison Desk: contact <text> failed'],
    ['phone 13812345678 rejected', 'phone <number> rejected'],
    ['phone +86 138-1234-5678 rejected', 'phone <number> rejected'],
    ['mail zhang.wei@example.com bounced', 'mail <email> bounced'],
    ['mail 张伟@例子.中国 bounced', 'mail <email> bounced'],
    ["EIO: i/o error, open '/home/zhangwei/.config/Liaison Desk/db.json'", "EIO: i/o error, open '~/.config/Liaison Desk/db.json'"],
    ['C:\\Users\\李娜\\AppData\\Roaming\\db.json', 'C:\\Users\\<text>\\AppData\\Roaming\\db.json'],
    ['南通（江苏）有限公司：全角', '<text>'],
  ])('%s', (line, expected) => {
    expect(redactPersonalData(line, HOME)).toBe(expected)
  })

  it('keeps what a developer needs: English text, error codes, short numbers, stack frames', () => {
    const line = 'Liaison Desk: background compaction failed: ENOSPC: no space left, seq 4512\n    at writeView (file:///opt/app/out/main/index.js:1234:56)'
    expect(redactPersonalData(line, HOME)).toBe(line)
  })
})

let core: AppCore | null = null
let root = ''
afterEach(async () => {
  await core?.close()
  core = null
  await rm(root, { recursive: true, force: true })
})

describe('the log of a failing save', () => {
  it('names the error but neither the record nor the user', async () => {
    root = await tempDir()
    // The data folder sits in the user's own folder, named after them, as it does on Windows.
    const dataDir = join(root, '张伟', 'Liaison Desk')
    await mkdir(dataDir, { recursive: true })
    const lines: string[] = []
    const { fs, state } = faultyFs()
    core = await openApp({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', now: () => new Date('2026-01-05T08:00:00.000Z'), fs, log: (l) => lines.push(l) })
    state.failWith = 'EIO'
    const person = { name: '张伟', phone: '138 1234 5678', email: 'zhang.wei@example.com', organizationId: null }
    const r = await core.router.call('contacts.create', person)
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE' } })
    state.failWith = null

    const logged = lines.join('\n')
    expect(logged).toContain('EIO') // something was logged, so the checks below mean something
    for (const secret of ['张伟', '13812345678', '138 1234 5678', 'zhang.wei', 'example.com']) expect(logged).not.toContain(secret)

    // The desktop log file, written the same way, holds nothing of it either.
    const logsDir = join(root, 'logs')
    const write = fileLog(logsDir, () => new Date('2026-01-05T08:00:00.000Z'))
    for (const l of [...lines, `raw: ${person.name} ${person.phone} ${person.email}`]) write(l)
    const file = await readFile(join(logsDir, 'main.log'), 'utf8')
    expect(file).toContain('EIO')
    for (const secret of ['张伟', '138 1234 5678', 'zhang.wei@example.com']) expect(file).not.toContain(secret)
  })
})

describe('the log of encryption at rest', () => {
  it('never holds the passphrase, a wrong one tried, or the data key, even when a conversion fails', async () => {
    root = await tempDir()
    const dataDir = join(root, 'data')
    const lines: string[] = []
    const { fs, state } = faultyFs()
    const passphrase = '月落乌啼霜满天 1234'
    const open = () => openDesk({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', fs, log: (l) => lines.push(l), warmUpMs: 1e9 })
    let desk = await open()
    await desk.router.call('contacts.create', { name: '张伟', phone: '138 1234 5678', email: 'zhang.wei@example.com', organizationId: null })
    expect(await desk.router.call('encryption.enable', { passphrase, confirm: passphrase })).toMatchObject({ ok: true })
    await desk.close()

    desk = await open()
    expect(await desk.router.call('encryption.unlock', { passphrase: 'wrong horse battery' })).toMatchObject({ ok: false })
    expect(await desk.router.call('encryption.unlock', { passphrase })).toMatchObject({ ok: true })
    // A failing disk while turning it off: the error is logged, with nothing secret in it.
    state.failWith = 'EIO'
    expect(await desk.router.call('encryption.disable', {})).toMatchObject({ ok: false })
    state.failWith = null
    await desk.close()

    const file = await readKeyFile(nodeFs, dataDir)
    if (!file) throw new Error('no key file')
    const { dataKey } = await unwrapDataKey(file, { passphrase })
    const logged = lines.join('\n')
    expect(logged).toContain('EIO')
    for (const secret of [passphrase, 'wrong horse', dataKey.toString('hex'), dataKey.toString('base64'), '张伟', '13812345678', 'zhang.wei']) expect(logged).not.toContain(secret)
  })
})
