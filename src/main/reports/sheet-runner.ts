// The main thread's half of writing a workbook: starts sheet-worker in a worker thread, answers its
// requests for rows with cells computed here in short slices, and writes the bytes it sends back
// to the destination (a file, an HTTP response, a buffer), acknowledging each once written so a
// slow destination holds the worker back. The main process never loads exceljs.
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { FromSheetWorker, ToSheetWorker } from './sheet-worker'
import { bufferSink } from './buffer-sink'
import { withQuotePrefix } from './xlsx-quote'
import { cellBatches, sheetColumns } from './xlsx-table'
import type { SheetCell, SheetSpec, TableResult, TableSpec } from './xlsx-table'

/** One sheet of a workbook: its plain description, and its rows of cells as they are computed. */
export interface SheetJob {
  spec: SheetSpec
  rows: AsyncIterable<SheetCell[][]>
}

/**
 * How a workbook of these sheets, in this order, is written to `out`. The apps pass the built
 * worker file (workerSheets), tests may pass their own; resolves once `out` has finished with
 * each sheet's row count, rejects (and stops the worker) on any failure.
 */
export type SheetWriter = (sheets: readonly SheetJob[], out: Writable) => Promise<TableResult[]>

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
  return (sheets, out) =>
    new Promise<TableResult[]>((resolve, reject) => {
      const worker = new Worker(entry, {
        workerData: { sheets: sheets.map((s) => s.spec) },
        execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      })
      opts.onWorker?.(worker)
      const sources = sheets.map((s) => s.rows[Symbol.asyncIterator]())
      let settled = false
      const settle = (err: Error | null, result?: TableResult[]) => {
        if (settled) return
        settled = true
        out.off('error', onOutError)
        out.off('close', onOutClose)
        void worker.terminate()
        if (err) {
          // Stops the row sources where they are (a generator's finally blocks run).
          for (const source of sources) void source.return?.(undefined)?.catch(() => undefined)
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

      const pull = async (sheet: number) => {
        try {
          const source = sources[sheet]
          if (!source) throw new SheetWriterError(`The workbook writer asked for sheet ${sheet} of ${sources.length}`)
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
            void pull(m.sheet)
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
            finished(out, { readable: false }).then(() => settle(null, m.rows.map((rows) => ({ rows }))), (err: Error) => settle(err))
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

/** A table whose cells are computed here from its records, `SHEET_ROWS_PER_CHUNK` rows at a time, as the worker asks. */
export function tableJob<R>(table: TableSpec<R>): SheetJob {
  const { columns, rows, ...spec } = table
  return { spec: { ...spec, columns: sheetColumns(columns) }, rows: cellBatches(columns, rows, SHEET_ROWS_PER_CHUNK) }
}

/**
 * A small workbook as bytes (the trip files, the import's error rows). Buffered, so its cells that
 * look like formulas can also get quotePrefix (xlsx-quote.ts), which a streamed register cannot.
 */
export async function workbookBytes(sheets: SheetWriter, jobs: readonly SheetJob[]): Promise<Buffer> {
  const sink = bufferSink()
  await sheets(jobs, sink.stream)
  return withQuotePrefix(sink.bytes())
}
