// A worker thread (sheet-runner.ts starts one per workbook): loads exceljs and writes the
// workbook's sheets one after the other, so a 100,000-row register never runs the workbook writer,
// its zip and its deflate on the main process's event loop. The main thread computes the cells and sends them in
// chunks when asked (pull: rows never pile up here); the file's bytes go back in chunks whose
// ArrayBuffers are transferred, and the writer waits when too many are not yet written out.
import { Writable } from 'node:stream'
import { parentPort, workerData } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import { finishWorkbook, openWorkbook, writeSheet } from './xlsx-table'
import type { SheetCell, SheetSpec } from './xlsx-table'

export type ToSheetWorker = { type: 'rows'; rows: SheetCell[][] } | { type: 'end' } | { type: 'ack'; bytes: number }
export type FromSheetWorker =
  | { type: 'pull'; sheet: number }
  | { type: 'bytes'; bytes: Uint8Array }
  | { type: 'done'; rows: number[] }
  | { type: 'error'; message: string }

/** Bytes sent but not yet written by the main thread beyond which the writer waits (a slow disk, a slow download). */
export const MAX_BYTES_IN_FLIGHT = 4 * 1024 * 1024

export async function writeSheetWorkbook(port: Pick<MessagePort, 'postMessage' | 'on'>, specs: readonly SheetSpec[]): Promise<number[]> {
  const post = (m: FromSheetWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer)
  // The sheet being written; rows are asked for, and arrive, for it alone.
  let sheet = 0
  let queue: SheetCell[][][] = []
  let ended = false
  let asked = false
  let arrived: (() => void) | null = null
  let inFlight = 0
  let blocked: (() => void) | null = null

  const ask = () => {
    if (asked || ended) return
    asked = true
    post({ type: 'pull', sheet })
  }
  port.on('message', (m: ToSheetWorker) => {
    if (m.type === 'ack') {
      inFlight -= m.bytes
      if (blocked && inFlight < MAX_BYTES_IN_FLIGHT) {
        const go = blocked
        blocked = null
        go()
      }
      return
    }
    asked = false
    if (m.type === 'end') ended = true
    else queue.push(m.rows)
    const wake = arrived
    arrived = null
    wake?.()
  })

  // One chunk is asked for ahead of the one being written, so the main thread computes while this thread writes.
  async function* batches(): AsyncGenerator<SheetCell[][], void, undefined> {
    ask()
    for (;;) {
      const next = queue.shift()
      if (next) {
        ask()
        yield next
        continue
      }
      if (ended) return
      await new Promise<void>((resolve) => (arrived = resolve))
    }
  }

  const out = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer | string, _encoding, callback) {
      // A copy with its own ArrayBuffer: a small Buffer shares Node's pool, which must not be transferred away.
      const bytes = new Uint8Array(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      inFlight += bytes.byteLength
      post({ type: 'bytes', bytes }, [bytes.buffer as ArrayBuffer])
      if (inFlight < MAX_BYTES_IN_FLIGHT) callback()
      else blocked = () => callback()
    },
  })
  const wb = await openWorkbook(out)
  const written: number[] = []
  for (; sheet < specs.length; sheet++) {
    queue = []
    ended = false
    asked = false
    written.push((await writeSheet(wb, specs[sheet], batches(), out)).rows)
  }
  await finishWorkbook(wb)
  return written
}

// Only when started as the sheet worker (sheet-runner.ts marks it): a test runner's own worker thread imports this file too.
const job = (workerData as { sheets?: SheetSpec[] } | null)?.sheets
if (parentPort && job) {
  const port = parentPort
  writeSheetWorkbook(port, job).then(
    (rows) => port.postMessage({ type: 'done', rows } satisfies FromSheetWorker),
    (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromSheetWorker),
  )
}
