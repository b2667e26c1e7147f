// Entry of the parsing process: one request in, one reply out, then exit.
// Forked by parse-runner with a heap cap (child_process.fork under Node, Electron's
// utilityProcess in the app); if the file makes it run out of memory or time, only
// this process dies.
import { ImportFileError } from './limits'
import { parseFile } from './parse-file'
import type { ParseRequest } from './parse-file'
import type { ParseReply } from './parse-runner'

/** Electron's utilityProcess talks through process.parentPort instead of process.send. */
interface ParentPort {
  once(event: 'message', listener: (e: { data: ParseRequest }) => void): void
  postMessage(message: ParseReply): void
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

function reply(message: ParseReply): void {
  if (parentPort) {
    parentPort.postMessage(message)
    // postMessage is queued: let it leave before exiting.
    setImmediate(() => process.exit(0))
  } else {
    process.send?.(message, undefined, undefined, () => process.exit(0))
  }
}

function handle(req: ParseRequest): void {
  parseFile(req).then(
    (file) => reply({ ok: true, file }),
    (err: unknown) => {
      if (err instanceof ImportFileError) reply({ ok: false, code: err.code, message: err.message })
      else reply({ ok: false, code: 'unreadable', message: `The file cannot be read: ${err instanceof Error ? err.message : String(err)}` })
    },
  )
}

if (parentPort) parentPort.once('message', (e) => handle(e.data))
else process.once('message', (req: ParseRequest) => handle(req))
