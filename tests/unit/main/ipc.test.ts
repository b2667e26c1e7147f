// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import type { Router } from '../../../src/main/api'

type Handler = (event: unknown, method: unknown, input: unknown) => Promise<unknown>
const handlers = new Map<string, Handler>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}))

const { bindIpc, API_CHANNEL } = await import('../../../src/main/ipc')

describe('IPC binding', () => {
  const calls: Array<[string, unknown]> = []
  const router: Router = {
    call: async (method, input) => {
      calls.push([method, input])
      return { ok: true, data: 'done' }
    },
  }
  const ownWindow = { id: 1 }
  const appUrl = 'file:///app/out/renderer/index.html'

  it("passes the app window's calls to the router and refuses every other sender", async () => {
    const unbind = bindIpc(router, (sender, url) => sender === (ownWindow as unknown) && url === appUrl)
    const handle = handlers.get(API_CHANNEL)!
    expect(await handle({ sender: ownWindow, senderFrame: { url: appUrl } }, 'system.status', {})).toEqual({ ok: true, data: 'done' })
    const foreign = await handle({ sender: { id: 2 }, senderFrame: { url: appUrl } }, 'organizations.delete', { id: 'x' })
    const navigated = await handle({ sender: ownWindow, senderFrame: { url: 'https://evil.example/' } }, 'organizations.delete', { id: 'x' })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(navigated).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(calls).toEqual([['system.status', {}]])
    unbind()
    expect(handlers.has(API_CHANNEL)).toBe(false)
  })
})
