// @vitest-environment node
// Merge packages carry the files of the attachments they carry; the receiver stores them before the records.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { readPackage, writePackage } from '../../../src/main/exchange/package-file'
import { SCHEMA_VERSION } from '../../../src/main/db/schema'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'
import { jpegOf, PDF } from './images'

let apps: TestApp[] = []
afterEach(async () => {
  await Promise.all(apps.map((a) => a.destroy()))
  apps = []
})

async function laptops(): Promise<[TestApp, TestApp]> {
  const pair = await Promise.all([openTestApp(), openTestApp()])
  apps.push(...pair)
  await pair[0].call('settings.update', { deviceLabel: 'Laptop A' })
  await pair[1].call('settings.update', { deviceLabel: 'Laptop B' })
  return pair
}

async function packageBytes(app: TestApp): Promise<Buffer> {
  const prepared = app.core.exporter.prepare('exchange.package', { scope: { kind: 'all' } })
  if (!prepared.ok) throw new Error(prepared.error.message)
  const chunks: Buffer[] = []
  await prepared.job.write(new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) }))
  return Buffer.concat(chunks)
}

const blobNames = async (app: TestApp) => (await readdir(join(app.dataDir, 'attachments')).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{64}$/.test(n))

async function withAttachment(a: TestApp) {
  const trip = await a.call('trips.create', { title: '走访', startDate: '2026-01-05', endDate: '2026-01-05' })
  const visit = await a.call('activities.create', { tripId: trip.id, date: '2026-01-05', kind: 'enterpriseVisit', title: '走访江铜' })
  const photo = jpegOf(120, 90)
  const att = await a.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: '合影.jpg', data: photo.toString('base64'), caption: '合影' })
  return { trip, visit, photo, att }
}

describe('attachments in merge packages', () => {
  it('the other laptop gets the record and its file, opens the same bytes and makes its own thumbnail', async () => {
    const [a, b] = await laptops()
    const { photo, att } = await withAttachment(a)
    const preview = await b.call('exchange.open', { fileName: 'a.ldpkg', data: (await packageBytes(a)).toString('base64') })
    expect(await blobNames(b)).toEqual([])
    await b.call('exchange.apply', { sessionId: preview.sessionId })
    expect(await blobNames(b)).toEqual([att.sha256])
    expect(Buffer.from((await b.call('attachments.content', { id: att.id })).data, 'base64')).toEqual(photo)
    expect((await b.call('attachments.thumbnail', { id: att.id })).kind).toBe('image')
  })

  it('refuses a package whose file does not match its name, or that lacks the file of a record, writing nothing', async () => {
    const [a, b] = await laptops()
    const { att } = await withAttachment(a)
    const { header, payload } = await readPackage(await packageBytes(a), SCHEMA_VERSION)
    const meta = { schemaVersion: header.schemaVersion, createdAt: header.createdAt, device: header.device, scope: header.scope }
    const p = payload as { blobs: Record<string, string> }
    const swapped = await writePackage(meta, { ...p, blobs: { [att.sha256]: PDF.toString('base64') } })
    const r1 = await b.raw('exchange.open', { fileName: 'x.ldpkg', data: swapped.toString('base64') })
    expect(r1).toMatchObject({ ok: false, error: { fieldErrors: { data: ['package.invalid'] } } })
    if (!r1.ok) expect(r1.error.message).toContain('damaged')

    const without = await writePackage(meta, { ...p, blobs: {} })
    const preview = await b.call('exchange.open', { fileName: 'y.ldpkg', data: without.toString('base64') })
    const r2 = await b.raw('exchange.apply', { sessionId: preview.sessionId })
    expect(r2).toMatchObject({ ok: false, error: { fieldErrors: { data: ['package.invalid'] } } })
    expect(b.core.store.data.attachments).toEqual([])
    expect(b.core.store.data.activities).toEqual([])
  })

  it('a deleted visit travels with its attachment and file, so a restore on the other laptop brings back a working attachment', async () => {
    const [a, b] = await laptops()
    const { visit, photo, att } = await withAttachment(a)
    await a.call('activities.delete', { id: visit.id })
    const preview = await b.call('exchange.open', { fileName: 'a.ldpkg', data: (await packageBytes(a)).toString('base64') })
    await b.call('exchange.apply', { sessionId: preview.sessionId })
    await b.call('activities.restore', { id: visit.id })
    expect(Buffer.from((await b.call('attachments.content', { id: att.id })).data, 'base64')).toEqual(photo)
  })
})
