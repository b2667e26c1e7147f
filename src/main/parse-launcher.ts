// Electron glue: the import's parsing process as a utilityProcess (DESIGN.md, "Import"), with
// the same heap cap and message protocol as child_process.fork under plain Node.
import { utilityProcess } from 'electron'
import { LIMITS } from './import/limits'
import type { ParseLauncher, ParseReply } from './import/parse-runner'

/** `entry`: the built parse-child.js beside the main bundle (electron.vite.config.ts). */
export function utilityLauncher(entry: string): ParseLauncher {
  return (req, onReply, onExit) => {
    const child = utilityProcess.fork(entry, [], {
      execArgv: [`--max-old-space-size=${LIMITS.childHeapMb}`],
      serviceName: 'Liaison Desk import',
      stdio: 'pipe',
    })
    let stderr = ''
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < 4000) stderr += c.toString('utf8')
    })
    child.on('message', (m: unknown) => onReply(m as ParseReply))
    child.on('exit', (code) => onExit(`exit code ${code}${stderr ? `: ${stderr.slice(-500)}` : ''}`))
    child.postMessage(req)
    return { kill: () => void child.kill() }
  }
}
