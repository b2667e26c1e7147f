// @vitest-environment node
import { rm } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { openApp } from '../../../src/main/app'
import type { AppCore } from '../../../src/main/app'
import { storageError } from '../../../src/main/errors'
import type { StorageReason } from '../../../src/shared/contract'
import { RESOURCES, tempDir } from '../helpers'
import { faultyFs, sysError } from './faulty-fs'

let core: AppCore | null = null
let dir = ''
afterEach(async () => {
  await core?.close().catch(() => undefined)
  core = null
  await rm(dir, { recursive: true, force: true })
})

const cases: Array<[string, StorageReason]> = [
  ['ENOSPC', 'disk-full'],
  ['EROFS', 'read-only'],
  ['EACCES', 'permission'],
  ['EPERM', 'permission'],
  ['ENOENT', 'missing'],
  ['EIO', 'io'],
  ['EISDIR', 'io'],
  ['EEXIST', 'io'],
]

// Every reason has a message in both languages: the renderer's t(`errors.storage.${reason}`) only type-checks if so.
describe('system errors during a save', () => {
  it.each(cases)('%s reaches the caller as STORAGE "%s" with a plain message, and nothing changes', async (code, reason) => {
    dir = await tempDir()
    const { fs, state } = faultyFs()
    core = await openApp({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', now: () => new Date('2026-01-05T08:00:00.000Z'), fs, log: () => undefined })
    const before = JSON.stringify(core.store.data)
    state.failWith = code
    const r = await core.router.call('organizations.create', { name: '上海卓然工程技术股份有限公司' })
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', reason, fieldErrors: {} } })
    if (r.ok) return
    expect(r.error.message).not.toMatch(/internal|ENOSPC|EROFS|EACCES|EPERM|ENOENT|EIO|EISDIR|EEXIST/i)
    expect(JSON.stringify(core.store.data)).toBe(before)
  })

  it('finds the system error behind a wrapping error, and leaves other errors alone', () => {
    expect(storageError(new Error('commit failed', { cause: sysError('ENOSPC') }))?.reason).toBe('disk-full')
    expect(storageError(new Error('plain bug'))).toBeNull()
    expect(storageError({ code: 'toString' })).toBeNull()
  })
})
