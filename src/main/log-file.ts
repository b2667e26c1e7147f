// The desktop app's log: one line per background failure, in a file Help → Open Logs Folder shows.
// Never holds personal data (log-redact.ts). Bounded: past 1 MB the file moves to main.old.log, so a long-running failure cannot fill the disk.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { redactPersonalData } from './log-redact'

const MAX_BYTES = 1_000_000

export function fileLog(dir: string, now: () => Date = () => new Date()): (line: string) => void {
  const file = join(dir, 'main.log')
  return (raw) => {
    const line = redactPersonalData(raw)
    try {
      mkdirSync(dir, { recursive: true })
      let size = 0
      try {
        size = statSync(file).size
      } catch {
        // no log yet
      }
      if (size > MAX_BYTES) renameSync(file, join(dir, 'main.old.log'))
      appendFileSync(file, `${now().toISOString()} ${line.replace(/\s*\n\s*/g, ' ')}\n`)
    } catch {
      // Logging must never take the app down; stderr still gets the line.
    }
    console.error(line)
  }
}
