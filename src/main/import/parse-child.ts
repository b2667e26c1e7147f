// Entry of the parsing process: one request in, one reply out, then exit.
// Forked by parse-runner with a heap cap; if the file makes it run out of
// memory or time, only this process dies.
import { ImportFileError } from './limits'
import { parseFile } from './parse-file'
import type { ParseRequest } from './parse-file'
import type { ParseReply } from './parse-runner'

function reply(message: ParseReply): void {
  process.send?.(message, undefined, undefined, () => process.exit(0))
}

process.once('message', (req: ParseRequest) => {
  parseFile(req).then(
    (file) => reply({ ok: true, file }),
    (err: unknown) => {
      if (err instanceof ImportFileError) reply({ ok: false, code: err.code, message: err.message })
      else reply({ ok: false, code: 'unreadable', message: `The file cannot be read: ${err instanceof Error ? err.message : String(err)}` })
    },
  )
})
