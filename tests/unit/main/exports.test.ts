// @vitest-environment node
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { openApp } from '../../../src/main/app'
import { workerSheets } from '../../../src/main/reports/sheet-runner'
import { openTestApp, RESOURCES, tempDir } from '../helpers'
import type { TestApp } from '../helpers'

let app: TestApp
beforeEach(async () => {
  app = await openTestApp()
  await app.call('sample.load', {})
})
afterEach(async () => {
  await app.destroy()
})

/** Runs an export into memory and returns the ids in the workbook's last column (the re-import column). */
async function exportedIds(name: string, input: unknown): Promise<string[]> {
  const prepared = app.core.exporter.prepare(name, input)
  if (!prepared.ok) throw new Error(prepared.error.message)
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await prepared.job.write(out)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
  const sheet = wb.worksheets[0]
  const ids: string[] = []
  sheet.eachRow((row) => {
    const last = row.getCell(row.cellCount).value
    if (typeof last === 'string' && /^[0-9a-f-]{8,}|^[a-z]+-/.test(last)) ids.push(last)
  })
  return ids
}

describe('register exports hold what the list shows', () => {
  it('applies the list filter of the follow-ups register', async () => {
    const all = (await app.call('followUps.list', {})).items
    await app.call('followUps.update', { id: all[0].id, changes: { status: 'done' } })
    const done = await exportedIds('register.followUps', { filter: { status: 'done' } })
    expect(done).toEqual([all[0].id])
    expect((await exportedIds('register.followUps', {})).sort()).toEqual(all.map((f) => f.id).sort())
  })

  it('applies the contacts filter to the alumni directory', async () => {
    const alumni = (await app.call('contacts.list', { filter: { alumniOnly: true } })).items
    expect(alumni.length).toBeGreaterThan(0)
    expect(await exportedIds('register.alumni', { filter: { alumniOnly: true, city: 'no such city' } })).toEqual([])
    expect(await exportedIds('register.alumni', { filter: { alumniOnly: true } })).toEqual(alumni.map((c) => c.id))
  })

  it('refuses a filter the list would refuse, naming the field', () => {
    const r = app.core.exporter.prepare('register.followUps', { filter: { colour: 'red' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { 'filter.colour': expect.any(Array) } } })
  })
})

describe('register exports are written by the sheet writer the app was given', () => {
  it('fails the export when its workbook worker fails', async () => {
    const dataDir = await tempDir()
    const failing = workerSheets(fileURLToPath(new URL('../reports/failing-sheet-worker.mjs', import.meta.url)))
    const core = await openApp({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', sheetWriter: failing })
    try {
      expect((await core.router.call('sample.load', {})).ok).toBe(true)
      const prepared = core.exporter.prepare('register.followUps', {})
      if (!prepared.ok) throw new Error(prepared.error.message)
      await expect(prepared.job.write(new PassThrough())).rejects.toThrow(/the writer broke on the first chunk/)
    } finally {
      await core.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
