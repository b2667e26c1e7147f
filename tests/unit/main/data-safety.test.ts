// @vitest-environment node
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openTestApp } from '../helpers'

describe('data safety through the real app', () => {
  it('loses nothing acknowledged when db.json is damaged after a clean close', async () => {
    const app = await openTestApp()
    await app.call('sample.load', {})
    const org = await app.call('organizations.create', { name: '上海艾森特环境科技有限公司' })
    const before = (await app.call('system.status', {})).counts
    await app.close()
    const damaged = '{"schemaVersion":2,"organiz'
    await writeFile(join(app.dataDir, 'db.json'), damaged)

    const again = await openTestApp(app.dataDir)
    try {
      const status = await again.call('system.status', {})
      expect(status.counts).toEqual(before)
      expect(await again.call('organizations.get', { id: org.id })).toMatchObject({ name: org.name })
      expect(status.recovered?.damagedFiles[0]).toMatch(/^db\.json\.damaged-/)
      expect(status.recovered?.loadedBackup).toMatch(/^db-.*\.json$/)
      const kept = status.recovered!.damagedFiles[0]
      expect(await readFile(join(app.dataDir, kept), 'utf8')).toBe(damaged)
      expect(await readdir(app.dataDir)).toContain('db.json')
    } finally {
      await again.destroy()
    }
  })
})
