// @vitest-environment node
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { Worker } from 'node:worker_threads'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it, vi } from 'vitest'
import { bufferSink } from '../../../src/main/reports/buffer-sink'
import { captions } from '../../../src/main/reports/labels'
import { selectAlumni, writeAlumniDirectory } from '../../../src/main/reports/registers'
import { SHEET_ROWS_PER_CHUNK, SheetWriterError, workerSheets } from '../../../src/main/reports/sheet-runner'
import type { SheetWriter } from '../../../src/main/reports/sheet-runner'
import type { SheetCell } from '../../../src/main/reports/xlsx-table'
import { loadExcel } from '../../../src/main/reports/xlsx-style'
import { tripWorkbook } from '../../../src/main/reports/trip-workbook'
import { bigData } from './alumni-data'
import { openSampleTrip } from './fixtures'

// Loads of exceljs in this, the main, thread (a worker thread has its own modules and is not seen here).
const excel = vi.hoisted(() => ({ loads: 0 }))
vi.mock('exceljs', async (importOriginal) => {
  excel.loads += 1
  return importOriginal()
})

/** The real worker on the TypeScript source, each started worker's exit awaited by the test. */
function watchedSheets(entry?: string): { sheets: SheetWriter; exits: Array<Promise<unknown>> } {
  const exits: Array<Promise<unknown>> = []
  // Not events.once: it would reject on the worker's 'error' event, which the failing worker emits first.
  const sheets = workerSheets(entry, { onWorker: (w: Worker) => exits.push(new Promise((resolve) => w.on('exit', resolve))) })
  return { sheets, exits }
}

const failingWorker = fileURLToPath(new URL('./failing-sheet-worker.mjs', import.meta.url))

describe('register workbooks written in a worker thread', () => {
  it('writes 20,000 alumni that read back row for row, handing them over in chunks between turns of the event loop, without exceljs in the main thread', async () => {
    const data = bigData(20_000)
    const { sheets, exits } = watchedSheets()
    // Turns of the main thread's event loop (one setImmediate each), and how many had run when each chunk
    // was handed over: had the main thread not gone back to its loop between two chunks, their counts would be equal.
    let turns = 0
    let ticking = true
    const tick = () => {
      turns += 1
      if (ticking) setImmediate(tick)
    }
    tick()
    const handedOver: number[] = []
    const counting: SheetWriter = (jobs, out) =>
      sheets(jobs.map(({ spec, rows }) => ({
        spec,
        rows: (async function* () {
          for await (const chunk of rows) {
            handedOver.push(turns)
            yield chunk
          }
        })(),
      })), out)

    const sink = bufferSink()
    const result = await writeAlumniDirectory(data, { lang: 'zh-CN' }, sink.stream, counting)
    ticking = false
    await Promise.all(exits)

    expect(result.rows).toBe(20_000)
    expect(exits).toHaveLength(1)
    expect(excel.loads).toBe(0)
    expect(handedOver).toHaveLength(20_000 / SHEET_ROWS_PER_CHUNK)
    // The main thread went back to its event loop between every two chunks it computed.
    for (let i = 1; i < handedOver.length; i++) expect(handedOver[i]).toBeGreaterThan(handedOver[i - 1])

    const wb = XLSX.read(sink.bytes(), { type: 'buffer', cellStyles: true })
    expect(wb.SheetNames).toEqual([captions('zh-CN').registers.alumni.sheet])
    const ws = wb.Sheets[wb.SheetNames[0]]
    const table = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null })
    expect(table[0]).toEqual([...captions('zh-CN').registers.alumni.headers, 'ID'])
    const expected = await selectAlumni(data)
    const rows = table.slice(1)
    expect(rows).toHaveLength(20_000)
    expect(rows.map((r) => r[10])).toEqual(expected.map((c) => c.id))
    expect(rows.map((r) => r[0])).toEqual(expected.map((c) => c.name))
    const orgName = new Map(data.organizations.map((o) => [o.id, o.name]))
    const first = expected[0]
    expect(rows[0]).toEqual([
      first.name, first.alumni?.classYear, '本科', first.alumni?.major, first.organizationId ? orgName.get(first.organizationId) : null,
      first.position, expect.any(String), first.phone, first.email, first.wechat || null, first.id,
    ])
    // The id column is there for re-import, hidden from the reader; the header stays put while scrolling.
    expect(ws['!cols']?.[10]?.hidden).toBe(true)
    expect(ws['!autofilter']?.ref).toBe('A1:K20001')
  }, 60_000)

  it('reports a worker that throws as a failed export, and the worker is ended', async () => {
    const { sheets, exits } = watchedSheets(failingWorker)
    const sink = bufferSink()
    await expect(writeAlumniDirectory(bigData(3000), { lang: 'en' }, sink.stream, sheets)).rejects.toThrow(/workbook writer failed: the writer broke on the first chunk/)
    await Promise.all(exits)
    expect(exits).toHaveLength(1)
  })

  it('reports a destination that fails (a full disk) with its own error, and ends the worker', async () => {
    const { sheets, exits } = watchedSheets()
    const full = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))
      },
    })
    const failed = writeAlumniDirectory(bigData(3000), { lang: 'en' }, full, sheets)
    await expect(failed).rejects.toMatchObject({ code: 'ENOSPC' })
    await Promise.all(exits)
    expect(exits).toHaveLength(1)
  }, 30_000)

  it('stops when the download is cancelled part way (the destination closes), ending the worker', async () => {
    const { sheets, exits } = watchedSheets()
    let received = 0
    const cancelled: Writable = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length
        callback()
        // The browser went away after the first bytes.
        if (!cancelled.destroyed) setImmediate(() => cancelled.destroy())
      },
    })
    await expect(writeAlumniDirectory(bigData(20_000), { lang: 'en' }, cancelled, sheets)).rejects.toBeInstanceOf(SheetWriterError)
    await Promise.all(exits)
    expect(received).toBeGreaterThan(0)
  }, 30_000)

  it('reports a record that cannot be read as a failed export, and ends the worker', async () => {
    const { sheets, exits } = watchedSheets()
    async function* rows(): AsyncGenerator<SheetCell[][]> {
      yield [['fine']]
      throw new Error('a record could not be read')
    }
    const sink = bufferSink()
    const job = { spec: { name: 'Sheet', lang: 'en' as const, columns: [{ header: 'Name', type: 'text' as const }] }, rows: rows() }
    await expect(sheets([job], sink.stream)).rejects.toThrow('a record could not be read')
    await Promise.all(exits)
  }, 30_000)

  it('writes a workbook of several sheets, in order, there too (the trip workbook, buffered with quotePrefix)', async () => {
    const s = await openSampleTrip('zh-CN')
    try {
      const bytes = await tripWorkbook(s.input, { lang: 'zh-CN', asOf: '2025-12-31' })
      const wb = XLSX.read(bytes, { type: 'buffer' })
      expect(wb.SheetNames).toEqual(Object.values(captions('zh-CN').tripWorkbook.sheets))
      const itinerary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[captions('zh-CN').tripWorkbook.sheets.itinerary], { header: 1, defval: null })
      expect(itinerary.flat()).toContain(s.input.activities[0].title)
      expect(excel.loads).toBe(0)
    } finally {
      await s.app.destroy()
    }
  }, 30_000)

  // Last: once loaded, exceljs stays loaded. Shows the count above would have seen a load in this thread.
  it('counts a load of exceljs in the main thread', async () => {
    await loadExcel()
    expect(excel.loads).toBe(1)
  })
})
