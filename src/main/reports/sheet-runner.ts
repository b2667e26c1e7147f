// The main thread's half of a register export: starts sheet-worker in a worker thread, answers its
// requests for rows with cells computed here in short slices, and writes the bytes it sends back
// to the destination (a file, an HTTP response), acknowledging each once written so a slow
// destination holds the worker back. The main process never loads exceljs for a register.
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { FromSheetWorker, ToSheetWorker } from './sheet-worker'
import type { SheetCell, SheetSpec, TableResult } from './xlsx-table'

/**
 * How a one-sheet workbook is written to `out` from rows of cells that arrive in chunks. The apps
 * pass the built worker file (workerSheets), tests may pass their own; resolves once `out` has
 * finished, rejects (and stops the worker) on any failure.
 */
export type SheetWriter = (spec: SheetSpec, rows: AsyncIterable<SheetCell[][]>, out: Writable) => Promise<TableResult>

/** rows per message: each is copied to the worker in a few milliseconds */
export const SHEET_ROWS_PER_CHUNK = 2000
/** A heap cap: a worker that runs out stops with an error, the app does not. */
const WORKER_HEAP_MB = 1024

export class SheetWriterError extends Error {}

export interface WorkerSheetsOptions {
  /** told of each worker started (tests wait for its exit) */
  onWorker?: (worker: Worker) => void
}

/**
 * A worker thread per workbook, ended when it is done or anything fails.
 * `entry`: the built sheet-worker.js beside the main bundle; by default the TypeScript source (through tsx).
 */
export function workerSheets(entry: string = fileURLToPath(new URL('./sheet-worker.ts', import.meta.url)), opts: WorkerSheetsOptions = {}): SheetWriter {
  return (spec, rows, out) =>
    new Promise<TableResult>((resolve, reject) => {
      const worker = new Worker(entry, {
        workerData: { sheet: spec },
        execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      })
      opts.onWorker?.(worker)
      const source = rows[Symbol.asyncIterator]()
      let settled = false
      const settle = (err: Error | null, result?: TableResult) => {
        if (settled) return
        settled = true
        out.off('error', onOutError)
        out.off('close', onOutClose)
        void worker.terminate()
        if (err) {
          // Stops the row source where it is (a generator's finally blocks run).
          void source.return?.(undefined)?.catch(() => undefined)
          reject(err)
        } else if (result) resolve(result)
      }
      const send = (m: ToSheetWorker) => {
        if (!settled) worker.postMessage(m)
      }
      const onOutError = (err: Error) => settle(err)
      // A download the browser cancelled, a file stream destroyed: nobody will read the rest.
      const onOutClose = () => settle(new SheetWriterError('The destination was closed before the workbook was finished'))
      out.on('error', onOutError)
      out.on('close', onOutClose)

      const pull = async () => {
        try {
          const next = await source.next()
          // Computing the chunk's last slice and copying the chunk are two turns, not one longer one.
          await new Promise<void>((resolve) => setImmediate(resolve))
          send(next.done ? { type: 'end' } : { type: 'rows', rows: next.value })
        } catch (err) {
          settle(err instanceof Error ? err : new Error(String(err)))
        }
      }
      worker.on('message', (m: FromSheetWorker) => {
        if (settled) return
        switch (m.type) {
          case 'pull':
            void pull()
            return
          case 'bytes': {
            const n = m.bytes.byteLength
            out.write(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, n), (err) => {
              if (!err) send({ type: 'ack', bytes: n })
            })
            return
          }
          case 'done':
            // Every byte came before this message; the workbook is done once the destination has taken them all.
            out.off('close', onOutClose)
            out.end()
            finished(out, { readable: false }).then(() => settle(null, { rows: m.rows }), (err: Error) => settle(err))
            return
          case 'error':
            settle(new SheetWriterError(`The workbook could not be written: ${m.message}`))
            return
        }
      })
      worker.on('error', (err) => settle(new SheetWriterError(`The workbook writer failed: ${err.message}`)))
      worker.on('exit', (code) => settle(new SheetWriterError(`The workbook writer stopped (exit code ${code})`)))
    })
}
