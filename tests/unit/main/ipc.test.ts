// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Router } from '../../../src/main/api'
import type { Exporter } from '../../../src/main/exports'
import { tempDir } from '../helpers'

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>
const handlers = new Map<string, Handler>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}))

const { bindIpc, API_CHANNEL, EXPORT_CHANNEL } = await import('../../../src/main/ipc')

describe('IPC binding', () => {
  const calls: Array<[string, unknown]> = []
  const router: Router = {
    call: async (method, input) => {
      calls.push([method, input])
      return { ok: true, data: 'done' }
    },
  }
  const exporter: Exporter = {
    prepare: (name) =>
      name === 'register.visits'
        ? { ok: true, job: { fileName: 'ledger.xlsx', mime: 'x', write: async (out) => void out.end('bytes of the ledger') } }
        : { ok: false, error: { code: 'VALIDATION', message: 'bad', fieldErrors: { tripId: ['Required'] } } },
  }
  const ownWindow = { id: 1 }
  const appUrl = 'file:///app/out/renderer/index.html'
  const own = { sender: ownWindow, senderFrame: { url: appUrl } }

  async function bind(chooseFile: (name: string) => Promise<string | null>) {
    const saved: string[] = []
    const unbind = bindIpc({
      router,
      exporter,
      isTrusted: (sender, url) => sender === (ownWindow as unknown) && url === appUrl,
      chooseFile,
      afterSave: async (path) => void saved.push(path),
    })
    return { unbind, saved }
  }

  it("passes the app window's calls to the router and refuses every other sender", async () => {
    const { unbind } = await bind(async () => null)
    const handle = handlers.get(API_CHANNEL)!
    expect(await handle(own, 'system.status', {})).toEqual({ ok: true, data: 'done' })
    const foreign = await handle({ sender: { id: 2 }, senderFrame: { url: appUrl } }, 'organizations.delete', { id: 'x' })
    const navigated = await handle({ sender: ownWindow, senderFrame: { url: 'https://evil.example/' } }, 'organizations.delete', { id: 'x' })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(navigated).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await handlers.get(EXPORT_CHANNEL)!({ sender: { id: 2 }, senderFrame: { url: appUrl } }, 'register.visits', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(calls).toEqual([['system.status', {}]])
    unbind()
    expect(handlers.has(API_CHANNEL)).toBe(false)
    expect(handlers.has(EXPORT_CHANNEL)).toBe(false)
  })

  it('holds calls that come before the data folder is open until it is, then answers them', async () => {
    let open: () => void = () => undefined
    const ready = new Promise<void>((resolve) => (open = resolve))
    calls.length = 0
    const unbind = bindIpc({ ready, router, exporter, isTrusted: () => true, chooseFile: async () => null, afterSave: async () => undefined })
    let answered: unknown = null
    const asked = handlers.get(API_CHANNEL)!(own, 'dashboard.summary', { year: 2026 }).then((r) => (answered = r))
    const exported = handlers.get(EXPORT_CHANNEL)!(own, 'register.visits', {})
    await new Promise((resolve) => setImmediate(resolve))
    expect(answered).toBeNull()
    expect(calls).toEqual([])
    open()
    await asked
    expect(answered).toEqual({ ok: true, data: 'done' })
    expect(calls).toEqual([['dashboard.summary', { year: 2026 }]])
    expect(await exported).toEqual({ ok: true, data: { saved: false, fileName: 'ledger.xlsx' } })
    unbind()
  })

  it('saves an export where the user chose, then offers to open it; a cancel saves nothing', async () => {
    const dir = await tempDir()
    const target = join(dir, 'chosen.xlsx')
    const { unbind, saved } = await bind(async (name) => (name === 'ledger.xlsx' ? target : null))
    const handle = handlers.get(EXPORT_CHANNEL)!
    expect(await handle(own, 'register.visits', {})).toEqual({ ok: true, data: { saved: true, fileName: 'ledger.xlsx', path: target } })
    expect(await readFile(target, 'utf8')).toBe('bytes of the ledger')
    expect(saved).toEqual([target])
    expect(await handle(own, 'trip.workbook', {})).toMatchObject({ ok: false, error: { fieldErrors: { tripId: ['Required'] } } })
    unbind()
    const cancelled = await bind(async () => null)
    expect(await handlers.get(EXPORT_CHANNEL)!(own, 'register.visits', {})).toEqual({ ok: true, data: { saved: false, fileName: 'ledger.xlsx' } })
    expect(cancelled.saved).toEqual([])
    cancelled.unbind()
  })

  it('answers with a structured error, never a rejected invoke, when something below fails', async () => {
    const throwing: Router = { call: async () => { throw new Error('boom') } }
    const unbind = bindIpc({ router: throwing, exporter: { prepare: () => { throw new Error('bang') } }, isTrusted: () => true, chooseFile: async () => null, afterSave: async () => undefined })
    await expect(handlers.get(API_CHANNEL)!(own, 'system.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await expect(handlers.get(EXPORT_CHANNEL)!(own, 'register.visits', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    unbind()
  })

  it('says plainly when the chosen folder cannot be written', async () => {
    const dir = await tempDir()
    const { unbind, saved } = await bind(async () => join(dir, 'no-such-folder', 'ledger.xlsx'))
    const r = await handlers.get(EXPORT_CHANNEL)!(own, 'register.visits', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', reason: 'missing' } })
    expect(saved).toEqual([])
    unbind()
  })
})
