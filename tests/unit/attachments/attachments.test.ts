// @vitest-environment node
// Attachments through the real router on a real data folder: the file on disk first, then its record.
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import jpeg from 'jpeg-js'
import { afterEach, describe, expect, it } from 'vitest'
import { ATTACHMENT_MAX_FILE_BYTES } from '../../../src/shared/attachments'
import { blobFiles, sha256Of } from '../../../src/main/attachments/blob-files'
import { removeUnreferencedBlobs } from '../../../src/main/attachments/blob-references'
import { plainCodec } from '../../../src/main/store/file-codec'
import { aesCodec, newDataKey } from '../../../src/main/store/aes-codec'
import { openApp } from '../../../src/main/app'
import { faultyFs } from '../main/faulty-fs'
import { openTestApp, RESOURCES, tempDir } from '../helpers'
import type { TestApp } from '../helpers'
import { HEIC, PDF, hugePngHeader, jpegOf, pngOf } from './images'

let apps: TestApp[] = []
afterEach(async () => {
  await Promise.all(apps.map((a) => a.destroy()))
  apps = []
})

async function appWithVisit() {
  const app = await openTestApp()
  apps.push(app)
  const trip = await app.call('trips.create', { title: '长三角校友企业走访', startDate: '2026-01-05', endDate: '2026-01-07' })
  const visit = await app.call('activities.create', { tripId: trip.id, date: '2026-01-05', kind: 'enterpriseVisit', title: '走访卓然股份' })
  return { app, trip, visit }
}

const b64 = (b: Buffer) => b.toString('base64')

describe('attachments', () => {
  it('stores the file beside the database named by its sha256, lists it with the record, and gives the same bytes back', async () => {
    const { app, visit } = await appWithVisit()
    const photo = jpegOf(640, 480)
    const a = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: '揭牌.jpg', data: b64(photo), caption: '实习基地揭牌' })
    expect(a).toMatchObject({ mime: 'image/jpeg', size: photo.length, sha256: sha256Of(photo), caption: '实习基地揭牌', inReport: false })
    expect(await readFile(join(app.dataDir, 'attachments', a.sha256))).toEqual(photo)
    const list = await app.call('attachments.list', { filter: { recordType: 'activities', recordId: visit.id } })
    expect(list.items.map((x) => x.id)).toEqual([a.id])
    const content = await app.call('attachments.content', { id: a.id })
    expect(Buffer.from(content.data, 'base64')).toEqual(photo)
    expect(content).toMatchObject({ fileName: '揭牌.jpg', mime: 'image/jpeg' })
  })

  it('keeps one file for the same photo attached twice, to two records', async () => {
    const { app, trip, visit } = await appWithVisit()
    const photo = pngOf(50, 40)
    const one = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'a.png', data: b64(photo) })
    const two = await app.call('attachments.add', { recordType: 'trips', recordId: trip.id, fileName: 'b.png', data: b64(photo) })
    expect(one.id).not.toBe(two.id)
    expect(one.sha256).toBe(two.sha256)
    const files = (await readdir(join(app.dataDir, 'attachments'))).filter((n) => /^[0-9a-f]{64}$/.test(n))
    expect(files).toEqual([one.sha256])
  })

  it('judges the type by the bytes: a renamed text file is refused, a PDF and a HEIC are accepted whatever their names', async () => {
    const { app, visit } = await appWithVisit()
    const fake = await app.raw('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'photo.jpg', data: b64(Buffer.from('MZ not really a photo')) })
    expect(fake).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { data: ['attachment.type'] } } })
    const pdf = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'scan.bin', data: b64(PDF) })
    expect(pdf.mime).toBe('application/pdf')
    const heic = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'IMG_0001', data: b64(HEIC) })
    expect(heic.mime).toBe('image/heic')
    expect(await app.call('attachments.thumbnail', { id: pdf.id })).toEqual({ kind: 'none', reason: 'document' })
    expect(await app.call('attachments.thumbnail', { id: heic.id })).toEqual({ kind: 'none', reason: 'undecodable' })
    expect(app.core.store.data.attachments).toHaveLength(2)
  })

  it('refuses a file over the size limit and an image over the pixel limit with a message naming the limit, storing nothing', async () => {
    const { app, visit } = await appWithVisit()
    const big = Buffer.alloc(ATTACHMENT_MAX_FILE_BYTES + 1)
    PDF.copy(big)
    const tooBig = await app.raw('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'big.pdf', data: b64(big) })
    expect(tooBig).toMatchObject({ ok: false, error: { fieldErrors: { data: ['attachment.tooLarge'] } } })
    if (!tooBig.ok) expect(tooBig.error.message).toContain('25 MB')
    const huge = await app.raw('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'huge.png', data: b64(hugePngHeader(10000, 8000)) })
    expect(huge).toMatchObject({ ok: false, error: { fieldErrors: { data: ['attachment.tooManyPixels'] } } })
    if (!huge.ok) expect(huge.error.message).toContain('50 megapixels')
    const broken = await app.raw('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'broken.jpg', data: b64(jpegOf(64, 64).subarray(0, 200)) })
    expect(broken).toMatchObject({ ok: false, error: { fieldErrors: { data: ['attachment.unreadable'] } } })
    expect(app.core.store.data.attachments).toHaveLength(0)
    expect(await readdir(join(app.dataDir, 'attachments')).catch(() => [])).toEqual([])
  })

  it('refuses an owner that does not exist or is deleted, naming recordId', async () => {
    const { app, visit } = await appWithVisit()
    await app.call('activities.delete', { id: visit.id })
    const r = await app.raw('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'a.png', data: b64(pngOf(4, 4)) })
    expect(r).toMatchObject({ ok: false, error: { fieldErrors: { recordId: ['attachment.owner'] } } })
  })

  it('makes a JPEG thumbnail of at most 320 px in a worker, the colours of the photo', async () => {
    const { app, visit } = await appWithVisit()
    const a = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'wide.jpg', data: b64(jpegOf(1280, 640)) })
    const t = await app.call('attachments.thumbnail', { id: a.id })
    if (t.kind !== 'image') throw new Error('no thumbnail')
    const img = jpeg.decode(Buffer.from(t.data, 'base64'), { useTArray: true })
    expect([img.width, img.height]).toEqual([320, 160])
    const px = (x: number) => Array.from(img.data.subarray((80 * 320 + x) * 4, (80 * 320 + x) * 4 + 3))
    expect(px(40)[0]).toBeGreaterThan(180)
    expect(px(280)[2]).toBeGreaterThan(180)
    // Made again from the file when the thumbnail is gone (a restored backup, a received package).
    await rm(join(app.dataDir, 'attachments', 'thumbnails'), { recursive: true })
    expect((await app.call('attachments.thumbnail', { id: a.id })).kind).toBe('image')
  })

  it('edits the caption and the report flag, never which file it is', async () => {
    const { app, visit } = await appWithVisit()
    const a = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'a.png', data: b64(pngOf(4, 4)) })
    const edited = await app.call('attachments.update', { id: a.id, changes: { caption: '座谈会现场', inReport: true } })
    expect(edited).toMatchObject({ caption: '座谈会现场', inReport: true })
    const swap = await app.raw('attachments.update', { id: a.id, changes: { sha256: 'f'.repeat(64) } })
    expect(swap).toMatchObject({ ok: false, error: { fieldErrors: { 'changes.sha256': ['attachment.fixed'] } } })
    const bare = await app.raw('attachments.create', { recordType: 'activities', recordId: visit.id, fileName: 'x.png', size: 1, sha256: 'e'.repeat(64) })
    expect(bare).toMatchObject({ ok: false, error: { fieldErrors: { sha256: ['attachment.noFile'] } } })
  })

  it('a record deleted keeps its attachments and their files; restored, they are all there', async () => {
    const { app, visit } = await appWithVisit()
    const photo = jpegOf(64, 48)
    const a = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'a.jpg', data: b64(photo) })
    await app.call('activities.delete', { id: visit.id })
    await app.call('activities.restore', { id: visit.id })
    expect(app.core.store.data.attachments.find((x) => x.id === a.id)?.deletedAt).toBeNull()
    expect(Buffer.from((await app.call('attachments.content', { id: a.id })).data, 'base64')).toEqual(photo)
  })

  it('a commit that fails after the file was written leaves no record pointing anywhere, and the next add succeeds', async () => {
    const dataDir = await tempDir()
    const { fs, state } = faultyFs()
    const core = await openApp({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', fs, now: () => new Date('2026-01-05T08:00:00Z') })
    const trip = await core.router.call('trips.create', { title: 'T', startDate: '2026-01-05', endDate: '2026-01-05' })
    if (!trip.ok) throw new Error('no trip')
    const photo = pngOf(8, 8)
    state.failWith = 'ENOSPC'
    const failed = await core.router.call('attachments.add', { recordType: 'trips', recordId: (trip.data as { id: string }).id, fileName: 'a.png', data: b64(photo) })
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORAGE' } })
    await core.close().catch(() => undefined)
    // As after a crash at that moment: the file is there, nothing refers to it.
    expect(await readFile(join(dataDir, 'attachments', sha256Of(photo)))).toEqual(photo)
    state.failWith = null
    const again = await openTestApp(dataDir)
    apps.push(again)
    expect(again.core.store.data.attachments).toEqual([])
    // Opening again removed the file nothing refers to.
    expect(await readdir(join(dataDir, 'attachments')).then((n) => n.filter((x) => x.length === 64))).toEqual([])
    const a = await again.call('attachments.add', { recordType: 'trips', recordId: (trip.data as { id: string }).id, fileName: 'a.png', data: b64(photo) })
    expect((await again.call('attachments.content', { id: a.id })).data).toBe(b64(photo))
  })
})

describe('which attachment files may go', () => {
  it('keeps files named by a live or deleted record or by a backup; removes the rest; keeps all if a backup cannot be read', async () => {
    const { app, visit } = await appWithVisit()
    const kept = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'a.png', data: b64(pngOf(3, 3)) })
    const deleted = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'b.png', data: b64(pngOf(4, 4)) })
    await app.call('attachments.delete', { id: deleted.id })
    const blobs = blobFiles(app.dataDir, () => plainCodec)
    const inBackup = await blobs.put(pngOf(5, 5))
    const orphan = await blobs.put(pngOf(6, 6))
    const backups = (texts: string[]) => async function* () {
      for (const t of texts) {
        if (t === 'unreadable') throw new Error('EACCES')
        yield t
      }
    }
    const records = app.core.store.data.attachments
    expect(await removeUnreferencedBlobs(blobs, records, backups(['unreadable']))).toEqual([])
    expect(await blobs.has(orphan)).toBe(true)
    expect(await removeUnreferencedBlobs(blobs, records, backups([`{"attachments":[{"sha256":"${inBackup}"}]}`]))).toEqual([orphan])
    expect((await blobs.list()).sort()).toEqual([kept.sha256, deleted.sha256, inBackup].sort())
  })
})

describe('attachments and backups', () => {
  it('a restored backup brings back working attachments, their thumbnails made again', async () => {
    const { app, visit } = await appWithVisit()
    const photo = jpegOf(200, 100)
    const a = await app.call('attachments.add', { recordType: 'activities', recordId: visit.id, fileName: 'a.jpg', data: b64(photo) })
    await app.close()
    const again = await openTestApp(app.dataDir)
    apps = [again]
    // The backup made (in the background) when the folder was opened again holds the attachment.
    const holding = async () => {
      for (const b of await again.call('backups.list', {})) if ((await readFile(join(again.dataDir, 'backups', b.name), 'utf8')).includes(a.sha256)) return b.name
      return null
    }
    await expect.poll(holding).not.toBeNull()
    const name = (await holding()) as string
    await again.call('attachments.delete', { id: a.id })
    await rm(join(again.dataDir, 'attachments', 'thumbnails'), { recursive: true })
    await again.call('backups.restore', { name })
    expect(again.core.store.data.attachments.find((x) => x.id === a.id)?.deletedAt).toBeNull()
    expect(Buffer.from((await again.call('attachments.content', { id: a.id })).data, 'base64')).toEqual(photo)
    expect((await again.call('attachments.thumbnail', { id: a.id })).kind).toBe('image')
  })
})

describe('attachments in an encrypted folder', () => {
  it('the file and its thumbnail are sealed on disk, named by the plain bytes, and come back plain', async () => {
    const dataDir = await tempDir()
    const core = await openApp({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', codec: aesCodec(newDataKey()), now: () => new Date('2026-01-05T08:00:00Z') })
    try {
      const trip = await core.router.call('trips.create', { title: 'T', startDate: '2026-01-05', endDate: '2026-01-05' })
      if (!trip.ok) throw new Error('no trip')
      const photo = jpegOf(64, 48)
      const added = await core.router.call('attachments.add', { recordType: 'trips', recordId: (trip.data as { id: string }).id, fileName: 'a.jpg', data: b64(photo) })
      if (!added.ok) throw new Error(added.error.message)
      const a = added.data as { id: string; sha256: string }
      expect(a.sha256).toBe(sha256Of(photo))
      const onDisk = await readFile(join(dataDir, 'attachments', a.sha256))
      expect(onDisk.includes(photo.subarray(0, 64))).toBe(false)
      const thumbOnDisk = await readFile(join(dataDir, 'attachments', 'thumbnails', `${a.sha256}.jpg`))
      expect(thumbOnDisk.subarray(0, 3)).not.toEqual(Buffer.from([0xff, 0xd8, 0xff]))
      const content = await core.router.call('attachments.content', { id: a.id })
      expect(content.ok && Buffer.from((content.data as { data: string }).data, 'base64')).toEqual(photo)
      const thumb = await core.router.call('attachments.thumbnail', { id: a.id })
      expect(thumb.ok && (thumb.data as { kind: string }).kind).toBe('image')
    } finally {
      await core.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
