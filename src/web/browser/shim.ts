// Browser mode's stand-in for the Electron preload: the same window.api, carried
// over HTTP to the local server. Loaded before the renderer, which cannot tell
// the difference.
import { METHOD_NAMES } from '../../shared/contract'
import type { ApiResult, WindowApi } from '../../shared/contract'

const TOKEN_KEY = 'liaison-desk-token'

function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    // Keep the token out of the address bar and of screenshots.
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

const token = takeToken()

async function post(method: string, input: unknown): Promise<ApiResult<unknown>> {
  let res: Response
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-liaison-token': token },
      body: JSON.stringify(input ?? {}),
    })
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The Liaison Desk server is not running', fieldErrors: {} } }
  }
  if (!res.ok) {
    return { ok: false, error: { code: 'FORBIDDEN', message: `${res.status}: ${await res.text()}`, fieldErrors: {} } }
  }
  return (await res.json()) as ApiResult<unknown>
}

const api = Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => post(m, input)])) as unknown as WindowApi
Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false })
