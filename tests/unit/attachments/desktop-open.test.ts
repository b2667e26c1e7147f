// @vitest-environment node
// "Open" in the desktop app: a plain copy in a fresh temp folder, handed to the system viewer.
import { readFile, rm } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'
import { jpegOf } from './images'

const electron = vi.hoisted(() => ({
  app: { getVersion: () => 'test', isPackaged: true },
  dialog: { showMessageBox: vi.fn() },
  Notification: { isSupported: () => false },
  shell: { openPath: vi.fn(async (_path: string) => '') },
  Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
}))
vi.mock('electron', () => electron)

const { startDesktopShell } = await import('../../../src/main/desktop-shell')

let app: TestApp | null = null
afterEach(async () => {
  await app?.destroy()
  app = null
})

describe('opening an attachment in the desktop app', () => {
  it('writes the plain bytes under the file name into a new temp folder and opens that with the system viewer', async () => {
    app = await openTestApp()
    const trip = await app.call('trips.create', { title: 'T', startDate: '2026-01-05', endDate: '2026-01-05' })
    const photo = jpegOf(40, 30)
    const a = await app.call('attachments.add', { recordType: 'trips', recordId: trip.id, fileName: '../揭牌:仪式.jpg', data: photo.toString('base64') })
    const shell = startDesktopShell({ core: app.core, window: () => null, dataDir: app.dataDir, logsDir: app.dataDir, log: () => undefined })
    try {
      const r = await shell.router.call('attachments.open', { id: a.id })
      expect(r).toEqual({ ok: true, data: { opened: true } })
      const path = electron.shell.openPath.mock.calls[0]?.[0] as string
      // The name cannot leave the folder made for it, nor carry characters Windows refuses.
      expect(basename(path)).toBe('揭牌_仪式.jpg')
      expect(await readFile(path)).toEqual(photo)
      expect(dirname(path)).not.toContain(app.dataDir)
      await rm(dirname(path), { recursive: true })
      expect(await shell.router.call('attachments.open', { id: 'no-such-id' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    } finally {
      shell.stop()
    }
  })
})
