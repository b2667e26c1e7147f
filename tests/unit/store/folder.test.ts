// @vitest-environment node
import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StoreOpenError, describeOpenFailure, openStore } from '../../../src/main/store'
import { fakeSchema, tempDir } from './fake-schema'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

describe('the data folder', () => {
  it('is created private (0700), backups/ too, whatever the umask', async () => {
    const t = await tempDir('folder')
    cleanups.push(t.cleanup)
    const dir = join(t.dir, 'new', 'data')
    const old = process.umask(0o000)
    try {
      const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
      await store.close()
    } finally {
      process.umask(old)
    }
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(dir, 'backups'))).mode & 0o777).toBe(0o700)
  })

  it('a file where the folder should be: a typed error in both languages, not a raw ENOTDIR/EEXIST', async () => {
    const t = await tempDir('folder')
    cleanups.push(t.cleanup)
    const dir = join(t.dir, 'data')
    await writeFile(dir, 'not a folder')
    const err: unknown = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreOpenError)
    expect(err).toMatchObject({ reason: 'not-a-folder' })
    const text = describeOpenFailure(err)
    expect(text).toContain('不是文件夹')
    expect(text).toContain('is not a folder')
    expect(text).toContain(dir)
  })
})
