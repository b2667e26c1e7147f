// Every test gets its own browser-mode server on its own empty data folder.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect } from '@playwright/test'
import type { Page } from '@playwright/test'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface AppServer {
  /** the URL the server printed (carries the session token) */
  url: string
  dataDir: string
}

async function freePort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((ok, fail) => {
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => ok())
  })
  const { port } = srv.address() as AddressInfo
  await new Promise<void>((ok) => srv.close(() => ok()))
  return port
}

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => fail(new Error(`server did not start within ${timeoutMs} ms\n${out}\n${err}`)), timeoutMs)
    child.stdout?.setEncoding('utf8')
    child.stderr?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      out += chunk
      const m = /Liaison Desk: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out)
      if (m) {
        clearTimeout(timer)
        ok(m[1])
      }
    })
    child.stderr?.on('data', (chunk: string) => {
      err += chunk
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`server exited with code ${code}\n${out}\n${err}`))
    })
  })
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => {
    // The server runs in its own process group (detached): end that group only.
    try {
      process.kill(-(child.pid as number), 'SIGKILL')
    } catch {
      // already gone
    }
  }, 5000)
  await exited
  clearTimeout(timer)
}

export async function startServer(dataDir: string, now?: string): Promise<{ server: AppServer; child: ChildProcess }> {
  const port = await freePort()
  const clock = now === undefined ? [] : ['--now', now]
  const child = spawn(process.execPath, [join(root, 'scripts/web.mjs'), '--port', String(port), '--data', dataDir, '--no-build', ...clock], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  try {
    const url = await waitForUrl(child, 30_000)
    return { server: { url, dataDir }, child }
  } catch (e) {
    await stopServer(child)
    throw e
  }
}

export const test = base.extend<{ server: AppServer; now: string | undefined }>({
  /**
   * `test.use({ now: '2026-03-10T10:00:00+08:00' })` for a test whose outcome depends on today:
   * the server's and the page's clocks start at that instant and run on, so both sides agree on
   * "today" whatever the wall clock says.
   */
  now: [undefined, { option: true }],
  server: async ({ now, page }, use) => {
    if (now !== undefined) {
      // A clock that starts there and runs on (a frozen one would hang loops that wait for time to pass).
      await page.clock.install({ time: new Date(now) })
      await page.clock.resume()
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'liaison-e2e-'))
    const { server, child } = await startServer(dataDir, now)
    try {
      await use(server)
    } finally {
      await stopServer(child)
      await rm(dataDir, { recursive: true, force: true })
    }
  },
})

/** Opens the app and waits until the navigation is on screen. */
export async function openApp(page: Page, server: AppServer): Promise<void> {
  await page.goto(server.url)
  await expect(page.getByTestId('nav-dashboard')).toBeVisible()
}

/**
 * Goes to a page through the left navigation and waits until that page is the one on screen.
 * React Router renders a navigation as a transition: a second click before the first has been
 * committed replaces it, so the page in between never mounts (and never fetches). Waiting for
 * the link to be marked current makes "go there, then come back" really remount the page.
 * `{ mayBeBlocked: true }` for a navigation a leave guard may refuse.
 */
export async function navigate(page: Page, key: string, options: { mayBeBlocked?: boolean } = {}): Promise<void> {
  const link = page.getByTestId(`nav-${key}`)
  await link.click()
  if (!options.mayBeBlocked) await expect(link).toHaveAttribute('aria-current', 'page')
}

/**
 * Switches the interface to English with the app bar's language button and waits for the navigation
 * to read in English. With `server`, also until the setting is stored: what is created next (the
 * sample trip, a report) takes its language from the stored setting, not from the screen.
 */
export async function switchToEnglish(page: Page, server?: AppServer): Promise<void> {
  await page.getByTestId('appbar-language').click()
  await expect(page.getByTestId('nav-trips')).toHaveText('Trips')
  if (server) await expect.poll(async () => (await apiCall<{ language: string }>(server, 'settings.get', {})).language).toBe('en')
}

export { expect }

/** Calls one API method of the test's server directly (to set up data without the UI). */
export async function apiCall<T = unknown>(server: AppServer, method: string, input: unknown): Promise<T> {
  const url = new URL(server.url)
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-liaison-token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { ok: true; data: T } | { ok: false; error: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`)
  return body.data
}
