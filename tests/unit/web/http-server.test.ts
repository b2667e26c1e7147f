// @vitest-environment node
import { request } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebServer } from '../../../src/web/server/http-server'
import type { WebServer } from '../../../src/web/server/http-server'
import { openTestApp, tempDir } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
let server: WebServer
const token = 'test-token-0123456789'

beforeAll(async () => {
  app = await openTestApp()
  const staticDir = await tempDir('liaison-static-')
  await mkdir(join(staticDir, 'assets'))
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Liaison</title>')
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  server = await startWebServer({ app: app.core, staticDir, token, port: 0 })
})
afterAll(async () => {
  await server.close()
  await app.destroy()
})

function send(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}
const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send({ path: `/api/${method}`, method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-token': token, ...headers }, body: JSON.stringify(input) })

describe('browser mode server', () => {
  it('serves the renderer with a content security policy', async () => {
    const r = await send({ path: '/' })
    expect(r.status).toBe(200)
    expect(r.body).toContain('<title>Liaison</title>')
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'")
    expect((await send({ path: '/assets/app.js' })).status).toBe(200)
  })

  it('serves the page while the data folder is still opening; API calls wait for the open', async () => {
    const staticDir = await tempDir('liaison-static-')
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Opening</title>')
    let opened: (a: typeof app.core) => void = () => undefined
    const opening = new Promise<typeof app.core>((resolve) => (opened = resolve))
    const early = await startWebServer({ app: opening, staticDir, token, port: 0 })
    try {
      const at = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${early.port}${path}`, init)
      expect(await (await at('/')).text()).toContain('<title>Opening</title>')
      let answered = false
      const call = at('/api/system.status', { method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-token': token }, body: '{}' }).then(async (r) => {
        answered = true
        return (await r.json()) as { ok: boolean }
      })
      // The page itself is still served while the call waits.
      expect((await at('/')).status).toBe(200)
      expect(answered).toBe(false)
      opened(app.core)
      expect(await call).toMatchObject({ ok: true })
    } finally {
      await early.close()
    }
  })

  it('lets the browser keep hashed assets, never the page', async () => {
    expect(String((await send({ path: '/assets/app.js' })).headers['cache-control'])).toContain('immutable')
    expect((await send({ path: '/' })).headers['cache-control']).toBe('no-store')
  })

  it('binds the same router to POST /api/<method>', async () => {
    const created = JSON.parse((await api('organizations.create', { name: 'Beep Palolo' })).body)
    expect(created).toMatchObject({ ok: true, data: { name: 'Beep Palolo' } })
    const bad = JSON.parse((await api('organizations.create', { name: '' })).body)
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { name: expect.any(Array) } } })
  })

  it('requires the per-run token', async () => {
    expect((await api('system.status', {}, { 'x-liaison-token': 'wrong' })).status).toBe(401)
    const noToken = await send({ path: '/api/system.status', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(noToken.status).toBe(401)
  })

  it('refuses a foreign Host or Origin', async () => {
    expect((await api('system.status', {}, { host: 'evil.example:80' })).status).toBe(421)
    expect((await api('system.status', {}, { origin: 'http://evil.example' })).status).toBe(403)
    expect((await api('system.status', {}, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200)
  })

  it('does not serve files outside the renderer folder', async () => {
    const r = await send({ path: '/..%2f..%2f..%2fetc%2fpasswd' })
    expect([403, 404]).toContain(r.status)
    expect(r.body).not.toContain('root:')
  })

  it('rejects non-JSON bodies and wrong verbs', async () => {
    expect((await send({ path: '/api/system.status', method: 'GET' })).status).toBe(405)
    const r = await send({ path: '/api/system.status', method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-token': token }, body: '{oops' })
    expect(r.status).toBe(400)
  })
})

describe('browser mode exports', () => {
  const exportCall = (name: string, input: unknown, headers: Record<string, string> = {}) =>
    send({ path: `/export/${name}`, method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-token': token, ...headers }, body: JSON.stringify(input) })

  it('streams a register as an xlsx download with a UTF-8 file name', async () => {
    const r = await exportCall('register.followUps', { lang: 'zh-CN' })
    expect(r.status).toBe(200)
    expect(String(r.headers['content-type'])).toContain('spreadsheetml')
    expect(String(r.headers['content-disposition'])).toContain("filename*=UTF-8''" + encodeURIComponent('跟进事项清单'))
    expect(r.body.startsWith('PK')).toBe(true)
  })

  it('refuses bad input with a field-level error and needs the token', async () => {
    const bad = await exportCall('trip.workbook', { tripId: '' })
    expect(bad.status).toBe(422)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { tripId: expect.any(Array) } } })
    const missing = await exportCall('trip.workbook', { tripId: 'no-such-trip' })
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await exportCall('register.visits', {}, { 'x-liaison-token': 'nope' })).status).toBe(401)
    expect((await exportCall('register.nothing', {})).status).toBe(422)
  })
})
