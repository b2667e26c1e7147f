import { timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { Router } from '../../main/api'
import type { Exporter } from '../../main/exports'

const MAX_BODY = 16 * 1024 * 1024
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export interface WebServer {
  url: string
  port: number
  close(): Promise<void>
}

function sameToken(given: string | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('Request body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * Browser mode: the built renderer, POST /api/<method> bound to the same router
 * as Electron's IPC, and POST /export/<name>, which streams a report as a
 * download. Only this machine may call it: it listens on 127.0.0.1, refuses
 * foreign Host and Origin headers (DNS rebinding, other sites) and needs the
 * per-run token on every API and export call.
 */
export async function startWebServer(opts: { router: Router; exporter: Exporter; staticDir: string; token: string; port: number }): Promise<WebServer> {
  const { router, exporter, staticDir, token } = opts
  let allowedHosts = new Set<string>()

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, e instanceof Error ? e.message : 'Internal error')
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'Unknown host')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'Foreign origin')
    const url = new URL(req.url ?? '/', 'http://localhost')

    const route = /^\/(api|export)\/([\w.]+)$/.exec(url.pathname)
    if (route) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST')
      if (!sameToken(req.headers['x-liaison-token'] as string | undefined, token)) return send(res, 401, 'Missing or wrong token')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Send JSON')
      let input: unknown
      try {
        const text = await readBody(req)
        input = text === '' ? {} : JSON.parse(text)
      } catch (e) {
        return send(res, 400, e instanceof Error ? e.message : 'Bad request')
      }
      const [, kind, name] = route
      if (kind === 'api') return send(res, 200, JSON.stringify(await router.call(name, input)), TYPES['.json'])
      return exportFile(name, input, res)
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '')
    const file = join(staticDir, rel === '' ? 'index.html' : rel)
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return send(res, 403, 'Forbidden')
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return send(res, 404, 'Not found')
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file).pipe(res)
  }

  /** A file export streams straight into the response; a refused one answers 422 with the usual error body. */
  async function exportFile(name: string, input: unknown, res: ServerResponse): Promise<void> {
    const prepared = exporter.prepare(name, input)
    if (!prepared.ok) return send(res, 422, JSON.stringify({ ok: false, error: prepared.error }), TYPES['.json'])
    const { fileName, mime, write } = prepared.job
    const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'")
    res.writeHead(200, {
      'content-type': mime,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    try {
      await write(res)
    } catch (e) {
      // Headers are gone: all that is left is to cut the download short so the browser reports a failure.
      res.destroy(e instanceof Error ? e : new Error(String(e)))
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
