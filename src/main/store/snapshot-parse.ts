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

/** One top-level key of a laid-out db.json, or one line of a collection's records. */
export type LaidOutPart = { name: string; value: unknown } | { name: string; records: unknown[]; first: boolean }

/** The bytes up to `wait` are not all read yet (see partsAsRead). */
interface Wait {
  wait: number
}

/** The bytes are not laid out as streamJson writes them. */
class NotLaidOut extends Error {}

/**
 * db.json as streamJson lays it out, a line at a time: `{`, then one line per top-level key, except
 * that a collection's records run over several lines of about a thousand records each, and a record
 * never holds a raw newline. Throws when the bytes are not laid out that way. Both the open (which
 * yields between lines) and the worker that writes the search index's cache (search-index/seed.ts)
 * read db.json through this.
 */
export function* laidOutParts(buf: Uint8Array, collections: ReadonlySet<string>, decodePiece = DECODE_PIECE): Generator<LaidOutPart, void> {
  for (const part of partsAsRead(buf, collections, decodePiece, () => buf.byteLength)) if (!('wait' in part)) yield part
}

/**
 * laidOutParts over a buffer whose first `filled()` bytes are in so far: gives a Wait when the next
 * piece needs bytes beyond them, and goes on once the caller has waited for them.
 */
function* partsAsRead(buf: Uint8Array, collections: ReadonlySet<string>, decodePiece: number, filled: () => number): Generator<LaidOutPart | Wait, void> {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  /** bytes decoded so far, in pieces that end with a line; then lines are cut from the piece as text */
  let decoded = 0
  let piece = ''
  let at = 0
  /** the next line; a Wait when the piece it starts needs bytes not read yet */
  const nextLine = (): string | null | Wait => {
    if (at >= piece.length) {
      if (decoded >= bytes.length) return null
      const have = filled()
      let end = Math.min(bytes.length, decoded + decodePiece)
      if (end > have) return { wait: end }
      // Only among the bytes in: the rest of the buffer is not the file's yet.
      const nl = end < bytes.length ? (have < bytes.length ? bytes.subarray(0, have) : bytes).indexOf(0x0a, end) : -1
      if (nl < 0 && have < bytes.length) return { wait: have + 1 }
      if (end < bytes.length) end = nl < 0 ? bytes.length : nl + 1
      piece = bytes.toString('utf8', decoded, end)
      decoded = end
      at = 0
    }
    const nl = piece.indexOf('\n', at)
    const end = nl < 0 ? piece.length : nl
    const line = piece.slice(at, end)
    at = end + 1
    return line
  }
  function* line(): Generator<Wait, string | null> {
    for (;;) {
      const l = nextLine()
      if (l === null || typeof l === 'string') return l
      yield l
    }
  }
  if ((yield* line()) !== '{') throw new NotLaidOut()
  /** the collection whose records the next line continues, if any */
  let filling: string | null = null
  for (let text = yield* line(); text !== null; text = yield* line()) {
    if (text === '}') {
      if (filling === null && (yield* line()) === null) return
      throw new NotLaidOut()
    }
    let body: string
    const first = filling === null
    let name: string
    if (filling !== null) {
      name = filling
      body = text
    } else {
      const key = KEY.exec(text)
      if (!key) throw new NotLaidOut()
      name = JSON.parse(`"${key[1]}"`) as string
      const value = text.slice(key[0].length)
      if (!(collections.has(name) && value.startsWith('['))) {
        yield { name, value: JSON.parse(value.endsWith(',') ? value.slice(0, -1) : value) }
        continue
      }
      filling = name
      body = value.slice(1)
    }
    // A line of records ends with the comma before the next line's, or with the array's end.
    if (body.endsWith('],')) {
      body = body.slice(0, -2)
      filling = null
    } else if (body.endsWith(']')) {
      body = body.slice(0, -1)
      filling = null
    } else if (body.endsWith(',')) body = body.slice(0, -1)
    else throw new NotLaidOut()
    yield { name, first, records: body.length > 0 ? (JSON.parse(`[${body}]`) as unknown[]) : [] }
  }
  throw new NotLaidOut()
}

/** Bytes still arriving (piecewise-read.ts): the parse uses each piece as soon as it is in. */
export interface ArrivingBytes {
  readonly buf: Buffer
  filled(): number
  reach(n: number): Promise<void>
}

/**
 * db.json parsed a line at a time (laidOutParts), so that the browser-mode server can serve the page
 * between two lines (JSON.parse of 70 MB held the thread for half a second, and the page's scripts
 * waited for it). Returns null when the bytes are not laid out that way (an older file, a file
 * written by hand): the caller then parses them whole. Only for bytes this store wrote (their
 * sha256 matches the sidecar), where the result equals JSON.parse of the whole.
 * Given bytes still arriving, it parses each line as soon as its bytes are in; null too if the
 * file turned out another length than it was first read as (the caller then has the whole).
 */
export async function parseLaidOut(
  source: Buffer | ArrivingBytes,
  collections: ReadonlySet<string>,
  pause: Pause,
  decodePiece = DECODE_PIECE,
): Promise<Record<string, unknown> | null> {
  const arriving = Buffer.isBuffer(source) ? null : source
  const buf = arriving ? arriving.buf : (source as Buffer)
  const doc: Record<string, unknown> = {}
  try {
    for (const part of partsAsRead(buf, collections, decodePiece, arriving ? () => arriving.filled() : () => buf.length)) {
      if ('wait' in part) {
        await (arriving as ArrivingBytes).reach(part.wait)
        if ((arriving as ArrivingBytes).buf !== buf) return null
        continue
      }
      if (!('records' in part)) {
        doc[part.name] = part.value
        continue
      }
      if (part.first) doc[part.name] = []
      const list = doc[part.name] as unknown[]
      for (const r of part.records) list.push(r)
      await pause()
    }
  } catch (err) {
    if (err instanceof NotLaidOut) return null
    throw err
  }
  return doc
}
