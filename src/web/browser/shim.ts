// Browser mode's stand-in for the Electron preload: the same window.api, carried
// over HTTP to the local server. Loaded before the renderer, which cannot tell
// the difference.
import { METHOD_NAMES } from '../../shared/contract'
import type { ApiErrorBody, ApiResult, WindowApi } from '../../shared/contract'
import type { ExportResult } from '../../shared/exports'

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
  if (!res.ok) return refusal(res)
  return (await res.json()) as ApiResult<unknown>
}

/** A refused request: the server's own error body when it sent one (413, 400, 503), else the status line. */
async function refusal(res: Response): Promise<{ ok: false; error: ApiErrorBody }> {
  const text = await res.text()
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) {
    try {
      const body = JSON.parse(text) as { ok?: unknown; error?: ApiErrorBody }
      if (body.ok === false && body.error && typeof body.error.code === 'string') return { ok: false, error: body.error }
    } catch {
      // not the shape we send: fall through to the status line
    }
  }
  return { ok: false, error: { code: 'FORBIDDEN', message: `${res.status}: ${text}`, fieldErrors: {} } }
}

/** Browser mode saves a file the browser's way: the server streams it, the page hands it to the downloads. */
async function exportFile(name: string, input: unknown): Promise<ApiResult<ExportResult>> {
  let res: Response
  try {
    res = await fetch(`/export/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-liaison-token': token },
      body: JSON.stringify(input ?? {}),
    })
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The Liaison Desk server is not running', fieldErrors: {} } }
  }
  if (res.status === 422) return (await res.json()) as ApiResult<ExportResult>
  if (!res.ok) return refusal(res)
  const disposition = res.headers.get('content-disposition') ?? ''
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1]
  const fileName = encoded ? decodeURIComponent(encoded) : `${name}.bin`
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return { ok: true, data: { saved: true, fileName } }
}

const api = {
  ...Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => post(m, input)])),
  export: exportFile,
} as unknown as WindowApi
Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false })
