import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ImportFileError, LIMITS } from './limits'
import type { ImportErrorCode } from './limits'
import type { Cell } from './normalize'
import type { ParsedFile, ParseRequest } from './parse-file'

/**
 * What the parsing process sends back: the file without its rows, then the rows in chunks, so the
 * main process never deserialises 100,000 rows in one go (a second and more of a frozen app).
 */
export type ParseReply =
  | { ok: true; file: ParsedFile; rowsToFollow: number }
  | { ok: false; code: ImportErrorCode; message: string }
  | { chunk: { sheet: number; rows: Cell[][] } }

/** rows per message: each deserialises in well under the 50 ms the main process may block */
export const ROWS_PER_CHUNK = 2000

/**
 * Starts the parsing process. Under plain Node and in tests this is
 * child_process.fork; the Electron app passes a launcher built on
 * utilityProcess.fork (same message protocol), from its glue code, so no
 * service imports electron.
 */
export type ParseLauncher = (req: ParseRequest, onReply: (r: ParseReply) => void, onExit: (detail: string) => void) => { kill(): void }

export interface ForkOptions {
  /** the child entry: the .ts source (run through tsx) or a built .js file */
  entry?: string
  heapMb?: number
}

/** child_process.fork of parse-child with a heap cap; the advanced serialisation carries the bytes without base64. */
export function forkLauncher(opts: ForkOptions = {}): ParseLauncher {
  const entry = opts.entry ?? fileURLToPath(new URL('./parse-child.ts', import.meta.url))
  const execArgv = [`--max-old-space-size=${opts.heapMb ?? LIMITS.childHeapMb}`]
  if (entry.endsWith('.ts')) execArgv.push('--import', 'tsx')
  return (req, onReply, onExit) => {
    const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
    let stderr = ''
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < 4000) stderr += c.toString('utf8')
    })
    child.on('message', (m) => onReply(m as ParseReply))
    child.on('exit', (code, signal) => onExit(`exit code ${code ?? '-'}, signal ${signal ?? '-'}${stderr ? `: ${stderr.slice(-500)}` : ''}`))
    child.on('error', (err) => onExit(err.message))
    child.send(req)
    return { kill: () => child.kill('SIGKILL') }
  }
}

export interface RunOptions {
  launcher: ParseLauncher
  timeoutMs?: number
  /** registers how to stop the child at once when the user cancels */
  onCancel?: (stop: () => void) => void
}

/**
 * Parses in the separate process with a wall-clock watchdog. A child that dies
 * (out of memory, crash) or runs late means "this file cannot be read"; the app
 * goes on and nothing has been written.
 */
export function parseInChild(req: ParseRequest, opts: RunOptions): Promise<ParsedFile> {
  return new Promise<ParsedFile>((resolve, reject) => {
    let done = false
    const finish = (fn: () => void) => {
      if (done) return
      done = true
      clearTimeout(timer)
      fn()
    }
    let file: ParsedFile | null = null
    let waiting = 0
    const handle = opts.launcher(
      req,
      (r) => {
        if ('chunk' in r) {
          if (!file) return
          file.sheets[r.chunk.sheet]?.rows.push(...r.chunk.rows)
          waiting -= r.chunk.rows.length
        } else if (r.ok) {
          file = r.file
          waiting = r.rowsToFollow
        } else {
          finish(() => reject(new ImportFileError(r.code, r.message)))
          return
        }
        const whole = file
        if (whole && waiting <= 0) finish(() => resolve(whole))
      },
      (detail) =>
        finish(() =>
          reject(new ImportFileError('unreadable', `This file cannot be read: reading it used more memory than allowed or crashed the reader (${detail.slice(0, 200)}). Nothing was imported.`)),
        ),
    )
    opts.onCancel?.(() => {
      finish(() => reject(new ImportFileError('unreadable', 'Reading the file was cancelled.')))
      handle.kill()
    })
    const timeoutMs = opts.timeoutMs ?? LIMITS.childTimeoutMs
    const timer = setTimeout(() => {
      finish(() => reject(new ImportFileError('timeout', `This file cannot be read: reading it took longer than ${Math.round(timeoutMs / 1000)} s, which no ordinary spreadsheet does. Nothing was imported.`)))
      handle.kill()
    }, timeoutMs)
  })
}
