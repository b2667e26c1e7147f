// Entry of the parsing process: one request in, one reply out, then exit.
// Forked by parse-runner with a heap cap (child_process.fork under Node, Electron's
// utilityProcess in the app); if the file makes it run out of memory or time, only
// this process dies.
import { ImportFileError } from './limits'
import { parseFile } from './parse-file'
import type { ParsedFile, ParseRequest } from './parse-file'
import { ROWS_PER_CHUNK } from './parse-runner'
import type { ParseReply } from './parse-runner'

/** Electron's utilityProcess talks through process.parentPort instead of process.send. */
interface ParentPort {
  once(event: 'message', listener: (e: { data: ParseRequest }) => void): void
  postMessage(message: ParseReply): void
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

function reply(messages: ParseReply[]): void {
  if (parentPort) {
    for (const m of messages) parentPort.postMessage(m)
    // postMessage is queued: let it leave before exiting.
    setImmediate(() => process.exit(0))
  } else {
    messages.forEach((m, i) => process.send?.(m, undefined, undefined, i === messages.length - 1 ? () => process.exit(0) : undefined))
  }
}

/** The file's outline first, then its rows in chunks (see ParseReply). */
function inChunks(file: ParsedFile): ParseReply[] {
  const chunks: ParseReply[] = []
  let rows = 0
  file.sheets.forEach((sheet, i) => {
    for (let at = 0; at < sheet.rows.length; at += ROWS_PER_CHUNK) chunks.push({ chunk: { sheet: i, rows: sheet.rows.slice(at, at + ROWS_PER_CHUNK) } })
    rows += sheet.rows.length
  })
  const outline = { ...file, sheets: file.sheets.map((s) => ({ ...s, rows: [] })) }
  return [{ ok: true, file: outline, rowsToFollow: rows }, ...chunks]
}

function handle(req: ParseRequest): void {
  parseFile(req).then(
    (file) => reply(inChunks(file)),
    (err: unknown) => {
      if (err instanceof ImportFileError) reply([{ ok: false, code: err.code, message: err.message }])
      else reply([{ ok: false, code: 'unreadable', message: `The file cannot be read: ${err instanceof Error ? err.message : String(err)}` }])
    },
  )
}

if (parentPort) parentPort.once('message', (e) => handle(e.data))
else process.once('message', (req: ParseRequest) => handle(req))
