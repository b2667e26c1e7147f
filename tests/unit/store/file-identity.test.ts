// @vitest-environment node
import { cp, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import { nodeFs } from '../../../src/main/store/fs-port'
import { fileIdentity } from '../../../src/main/store/piecewise-read'
import { readSnapshot, snapshotDb } from '../../../src/main/store/snapshot-adapter'
import { FAKE_COLLECTIONS, fakeSchema, note, tempFolders } from './fake-schema'

const { folder } = tempFolders('identity')

/** A folder whose db.json this store wrote, holding notes a, b and c. */
async function written(): Promise<string> {
  const dir = await folder()
  const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, compactOnCloseMaxBytes: Infinity })
  await store.commit({ puts: [note('a', 'alpha'), note('b', 'bravo'), note('c', 'charlie')] })
  await store.close()
  return dir
}

/** How the store's read of db.json went: trusted (the bytes it wrote) and whether it hashed them to know. */
async function read(dir: string): Promise<{ trusted: boolean; hashed: boolean; text: unknown }> {
  const db = snapshotDb(nodeFs, join(dir, 'db.json'), FAKE_COLLECTIONS)
  const doc = await readSnapshot(db)
  const last = db.adapter.lastRead
  if (!last || !doc) throw new Error('nothing read')
  return { trusted: last.trusted, hashed: last.hashed, text: (doc.notes as Array<{ text: string }>)[0].text }
}

/**
 * Until the file system's clock has moved past db.json's last change: a rewrite in the same tick of
 * its coarse clock (a few ms) would carry the same times. A state waited for, not a time.
 */
async function clockPast(dir: string): Promise<void> {
  const written = (await stat(join(dir, 'db.json'), { bigint: true })).ctimeNs
  const probe = join(dir, 'clock-probe')
  for (;;) {
    await writeFile(probe, 'x')
    if ((await stat(probe, { bigint: true })).ctimeNs > written) return
  }
}

describe("db.json known by its identity (piecewise-read.ts's fileIdentity)", () => {
  it('is trusted without hashing when it is the very file the store wrote', async () => {
    const dir = await written()
    const sidecar = (await readFile(join(dir, 'db.json.sha256'), 'utf8')).trim().split('\n')
    expect(sidecar).toHaveLength(2)
    expect(sidecar[1]).toBe(await fileIdentity(join(dir, 'db.json')))
    expect(await read(dir)).toEqual({ trusted: true, hashed: false, text: 'alpha' })
  })

  it('is hashed when the same bytes were written again, or the folder copied, and trusted for them', async () => {
    const dir = await written()
    const copy = await folder('copy')
    await cp(dir, copy, { recursive: true })
    expect(await read(copy)).toEqual({ trusted: true, hashed: true, text: 'alpha' })
    expect(await read(copy)).toEqual({ trusted: true, hashed: false, text: 'alpha' })
    await clockPast(dir)
    await writeFile(join(dir, 'db.json'), await readFile(join(dir, 'db.json')))
    expect(await read(dir)).toEqual({ trusted: true, hashed: true, text: 'alpha' })
  })

  it('is not trusted once another program changed its bytes in place, even to the same size', async () => {
    const dir = await written()
    const path = join(dir, 'db.json')
    const before = await readFile(path, 'utf8')
    const edited = before.replace('"alpha"', '"ALPHA"')
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(before))
    await clockPast(dir)
    // In place, as an editor saving over the file does: the same inode, the same size.
    await writeFile(path, edited)
    expect(await read(dir)).toEqual({ trusted: false, hashed: true, text: 'ALPHA' })
    expect(await read(dir)).toEqual({ trusted: false, hashed: true, text: 'ALPHA' })
    // Through the whole open: validated record by record.
    let validations = 0
    const counting = { ...fakeSchema(), validate: (raw: unknown) => ((validations += 1), fakeSchema().validate(raw)) }
    const store = await openStore({ dir, schema: counting, backupOnOpen: false })
    await store.close()
    expect(validations).toBeGreaterThan(0)
  })

  it('is hashed, and trusted, when the sidecar holds only the hash (an earlier version wrote it), then known by its identity', async () => {
    const dir = await written()
    const sidecar = join(dir, 'db.json.sha256')
    await writeFile(sidecar, (await readFile(sidecar, 'utf8')).split('\n')[0])
    expect(await read(dir)).toEqual({ trusted: true, hashed: true, text: 'alpha' })
    // Found to be the bytes the store wrote: the next open knows the file without hashing it.
    expect(await read(dir)).toEqual({ trusted: true, hashed: false, text: 'alpha' })
  })
})
