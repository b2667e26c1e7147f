import { timingSafeEqual } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { ApiErrorBody } from '../../shared/contract'
import type { Router } from '../../main/api'
import type { Exporter } from '../../main/exports'
import { IMPORT_MAX_BODY_CHARS } from '../../shared/import'
import { EXCHANGE_MAX_BODY_CHARS } from '../../shared/exchange'
import { ATTACHMENT_MAX_BODY_CHARS } from '../../shared/attachments'

/**
 * Resource limits. The largest body the UI sends (a trip with every text field at its schema maximum,
 * in Chinese) is about 300 KB, so 1 MB leaves room while 64 connections can buffer at most 64 MB.
 * Idle and slow connections are closed so that a pile of silent sockets cannot use up the
 * process's file descriptors and lock the user out.
 */
export interface ServerLimits {
  maxBodyBytes: number
  maxConnections: number
  /** a request's headers must arrive within this */
  headersTimeoutMs: number
  /** a whole request (headers and body) must arrive within this */
  requestTimeoutMs: number
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeoutMs: number
  /** any connection with no traffic either way for this long is closed */
  idleTimeoutMs: number
}
export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 1024 * 1024,
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
}
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
/** The largest built file (the data grid's chunk) is about 0.4 MB; nothing served is near this. */
const MAX_STATIC_BYTES = 16 * 1024 * 1024
/** what is read into memory before listening; a larger folder is read file by file on request */
const MAX_PRELOAD_BYTES = 32 * 1024 * 1024
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

/** A refusal in the API's own error shape, so the browser shim can show it like any other failure. */
function sendError(res: ServerResponse, status: number, code: ApiErrorBody['code'], message: string, field = '_'): void {
  const body: ApiErrorBody = { code, message, fieldErrors: { [field]: [message] } }
  send(res, status, JSON.stringify({ ok: false, error: body }), 'application/json; charset=utf-8')
}

class BodyTooLarge extends Error {}

/**
 * Reads a body of at most `max` bytes. Past the limit nothing more is kept: the rest is read and
 * dropped (bounded by the request timeout) so the client, still sending, can read the 413.
 */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= max) chunks.push(c)
      else chunks.length = 0
    })
    req.on('end', () => (size > max ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}

function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

const busyResponse = (() => {
  const body = JSON.stringify({ ok: false, error: { code: 'STATE', message: 'Too many connections; try again', fieldErrors: { _: ['Too many connections'] } } })
  return `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\nRetry-After: 1\r\n\r\n${body}`
})()

/**
 * Browser mode: the built renderer, POST /api/<method> bound to the same router
 * as Electron's IPC, and POST /export/<name>, which streams a report as a
 * download. Only this machine may call it: it listens on 127.0.0.1, refuses
 * foreign Host and Origin headers (DNS rebinding, other sites) and needs the
 * per-run token on every API and export call.
 */
export interface ServedApp {
  router: Router
  exporter: Exporter
}

export async function startWebServer(opts: {
  /**
   * A promise while the data folder is still opening: the page and its script are served at once
   * and API calls wait for the open, so loading the page and opening a large db.json overlap.
   */
  app: ServedApp | Promise<ServedApp>
  staticDir: string
  token: string
  port: number
  limits?: Partial<ServerLimits>
}): Promise<WebServer> {
  const { staticDir, token } = opts
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...opts.limits }
  let allowedHosts = new Set<string>()

  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often the timeouts above are checked; Node's default (30 s) would let them overrun.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (req, res) => {
      if (refused.has(req.socket)) return
      void handle(req, res).catch((e: unknown) => {
        // Only a fault of ours gets here (bad input is answered above), and it is not the client's to read.
        console.error(e)
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Internal error')
        else res.destroy()
      })
    },
  )
  server.timeout = limits.idleTimeoutMs

  // Past the cap a connection gets a plain 503 and is closed, instead of holding a file descriptor.
  const open = new Set<Socket>()
  const refused = new WeakSet<Socket>()
  server.on('connection', (socket: Socket) => {
    socket.on('error', () => undefined)
    if (open.size >= limits.maxConnections) {
      refused.add(socket)
      socket.end(busyResponse)
      socket.setTimeout(1000, () => socket.destroy())
      return
    }
    open.add(socket)
    socket.once('close', () => open.delete(socket))
  })
  // A malformed request line or oversized headers: answer 400 rather than dropping the socket silently.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    socket.destroy()
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'Unknown host')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'Foreign origin')
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      return send(res, 400, 'Bad request target')
    }

    const route = /^\/(api|export)\/([\w.]+)$/.exec(url.pathname)
    if (route) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST')
      if (!sameToken(req.headers['x-liaison-token'] as string | undefined, token)) return send(res, 401, 'Missing or wrong token')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Send JSON')
      // The requests that carry a file (an import's spreadsheet, a merge package; base64) have their own, explicit limits.
      const fileLimit = route[1] !== 'api' ? 0 : route[2] === 'import.open' ? IMPORT_MAX_BODY_CHARS : route[2] === 'exchange.open' ? EXCHANGE_MAX_BODY_CHARS : route[2] === 'attachments.add' ? ATTACHMENT_MAX_BODY_CHARS : 0
      const maxBody = Math.max(limits.maxBodyBytes, fileLimit)
      const tooLarge = `The request is larger than ${maxBody} bytes`
      const declared = Number(req.headers['content-length'] ?? 0)
      // Refused up front; Node reads and drops the rest of the body, so the client can read the answer.
      if (declared > maxBody) return sendError(res, 413, 'VALIDATION', tooLarge)
      let input: unknown
      try {
        const text = await readBody(req, maxBody)
        input = text === '' ? {} : JSON.parse(text)
      } catch (e) {
        if (e instanceof BodyTooLarge) return sendError(res, 413, 'VALIDATION', tooLarge)
        if (e instanceof SyntaxError) return sendError(res, 400, 'VALIDATION', `The request body is not JSON: ${e.message}`)
        // The client went away mid-body: nobody is left to answer.
        return void res.destroy()
      }
      const [, kind, name] = route
      const app = await opts.app
      if (kind === 'api') return send(res, 200, JSON.stringify(await app.router.call(name, input)), TYPES['.json'])
      return exportFile(app.exporter, name, input, res)
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
    const decoded = decodePath(url.pathname)
    if (decoded === null || decoded.includes('\0')) return send(res, 400, 'Malformed path')
    const rel = normalize(decoded).replace(/^([/\\])+/, '')
    const file = join(staticDir, rel === '' ? 'index.html' : rel)
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return send(res, 403, 'Forbidden')
    const body = await staticFile(file)
    if (body === null) return send(res, 404, 'Not found')
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      // Vite names every asset by its content hash: a name never changes meaning while the page may.
      'cache-control': extname(file) === '.html' ? 'no-store' : rel.startsWith(`assets${sep}`) ? 'max-age=31536000, immutable' : 'max-age=3600',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  /**
   * The built page is a few MB that never change while the server runs: kept in memory after the
   * first read, each answer is one write. Streamed from disk, every 64 KB needed a turn of the event
   * loop, and while a large folder opens those turns come seconds apart.
   */
  const staticCache = new Map<string, Buffer>()
  async function staticFile(file: string, maxBytes = MAX_STATIC_BYTES): Promise<Buffer | null> {
    const cached = staticCache.get(file)
    if (cached) return cached
    const info = await stat(file).catch(() => null)
    if (!info?.isFile() || info.size > maxBytes) return null
    const body = await readFile(file).catch(() => null)
    if (body !== null) staticCache.set(file, body)
    return body
  }

  /** A file export streams straight into the response; a refused one answers 422 with the usual error body. */
  async function exportFile(exporter: Exporter, name: string, input: unknown, res: ServerResponse): Promise<void> {
    let prepared: ReturnType<Exporter['prepare']>
    try {
      prepared = exporter.prepare(name, input)
    } catch (e) {
      console.error(e)
      return send(res, 422, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'The file could not be prepared', fieldErrors: {} } }), TYPES['.json'])
    }
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

  // The built page goes into memory before the server listens and before the data folder opens: the
  // open's fsyncs occupy the thread pool that file reads share, and the page's files waited behind them.
  let preloaded = 0
  for (const e of await readdir(staticDir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    // A file that does not fit what is left is read on request instead.
    if (e.isFile()) preloaded += (await staticFile(join(e.parentPath, e.name), Math.min(MAX_STATIC_BYTES, MAX_PRELOAD_BYTES - preloaded)))?.length ?? 0
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
