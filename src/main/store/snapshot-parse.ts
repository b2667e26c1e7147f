import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { yieldToEventLoop } from './snapshot-stream'

/** Called between two pieces of a long job; resolves once it is the job's turn again. */
export type Pause = () => Promise<void>

/** A pause that yields once `budgetMs` of work has run since the last yield, and costs a clock read otherwise. */
export function budgetPause(budgetMs = 8): Pause {
  let since = performance.now()
  return async () => {
    if (performance.now() - since < budgetMs) return
    await yieldToEventLoop()
    since = performance.now()
  }
}

const HASH_PIECE = 2 << 20

/** sha256 of 70 MB holds the thread for over 100 ms in one update: a few MB at a time instead. */
export async function sha256InPieces(buf: Buffer, pause: Pause): Promise<string> {
  const hash = createHash('sha256')
  for (let at = 0; at < buf.length; at += HASH_PIECE) {
    hash.update(buf.subarray(at, Math.min(buf.length, at + HASH_PIECE)))
    await pause()
  }
  return hash.digest('hex')
}

/**
 * Decoding a line at a time cost twice what decoding the whole file does (0.14 s against 0.08 s at
 * 100k); pieces of a few MB decode as fast as the whole, and each is still a few ms.
 */
const DECODE_PIECE = 2 << 20

/** `"key":` at the start of a line, the key as JSON wrote it */
const KEY = /^"((?:[^"\\]|\\.)*)":/

/**
 * db.json as streamJson lays it out, parsed a line at a time so that the browser-mode server can
 * serve the page between two lines (JSON.parse of 70 MB held the thread for half a second, and the
 * page's scripts waited for it): `{`, then one line per top-level key, except that a collection's
 * records run over several lines of about a thousand records each, and a record never holds a raw
 * newline. Returns null when the bytes are not laid out that way (an older file, a file written by
 * hand): the caller then parses them whole. Only for bytes this store wrote (their sha256 matches
 * the sidecar), where the result equals JSON.parse of the whole.
 */
export async function parseLaidOut(
  buf: Buffer,
  collections: ReadonlySet<string>,
  pause: Pause,
  decodePiece = DECODE_PIECE,
): Promise<Record<string, unknown> | null> {
  /** bytes decoded so far, in pieces that end with a line; then lines are cut from the piece as text */
  let decoded = 0
  let piece = ''
  let at = 0
  const nextLine = (): string | null => {
    if (at >= piece.length) {
      if (decoded >= buf.length) return null
      let end = Math.min(buf.length, decoded + decodePiece)
      const nl = end < buf.length ? buf.indexOf(0x0a, end) : -1
      if (end < buf.length) end = nl < 0 ? buf.length : nl + 1
      piece = buf.toString('utf8', decoded, end)
      decoded = end
      at = 0
    }
    const nl = piece.indexOf('\n', at)
    const end = nl < 0 ? piece.length : nl
    const line = piece.slice(at, end)
    at = end + 1
    return line
  }
  if (nextLine() !== '{') return null
  const doc: Record<string, unknown> = {}
  /** the collection whose records the next line continues, if any */
  let filling: unknown[] | null = null
  for (let line = nextLine(); line !== null; line = nextLine()) {
    if (line === '}') return filling === null && nextLine() === null ? doc : null
    let body: string
    if (filling) body = line
    else {
      const key = KEY.exec(line)
      if (!key) return null
      const name = JSON.parse(`"${key[1]}"`) as string
      const value = line.slice(key[0].length)
      if (!(collections.has(name) && value.startsWith('['))) {
        doc[name] = JSON.parse(value.endsWith(',') ? value.slice(0, -1) : value)
        continue
      }
      filling = []
      doc[name] = filling
      body = value.slice(1)
    }
    // A line of records ends with the comma before the next line's, or with the array's end.
    let closed = true
    if (body.endsWith('],')) body = body.slice(0, -2)
    else if (body.endsWith(']')) body = body.slice(0, -1)
    else if (body.endsWith(',')) {
      body = body.slice(0, -1)
      closed = false
    } else return null
    if (body.length > 0) {
      const records = JSON.parse(`[${body}]`) as unknown[]
      for (const r of records) filling.push(r)
    }
    if (closed) filling = null
    await pause()
  }
  return null
}
