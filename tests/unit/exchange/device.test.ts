// @vitest-environment node
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEVICE_FILE, deviceIdentity, machineMarker } from '../../../src/main/exchange/device'
import { tempDir } from '../helpers'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})
async function folder(): Promise<string> {
  const d = await tempDir()
  dirs.push(d)
  return d
}

const laptopA = 'a'.repeat(64)
const laptopB = 'b'.repeat(64)
let n = 0
const ids = () => `dev-${++n}`

describe('device identity', () => {
  it('is made once per data folder and kept on the same machine', async () => {
    const dir = await folder()
    const first = await deviceIdentity(dir, { machine: laptopA, newId: ids })
    const again = await deviceIdentity(dir, { machine: laptopA, newId: ids })
    expect(again).toEqual(first)
    expect(first.formerIds).toEqual([])
  })

  it('is replaced when the folder is copied to another machine, keeping the old id', async () => {
    const dir = await folder()
    const onA = await deviceIdentity(dir, { machine: laptopA, newId: ids })
    const copy = await folder()
    await cp(dir, copy, { recursive: true })
    const onB = await deviceIdentity(copy, { machine: laptopB, newId: ids })
    expect(onB.id).not.toBe(onA.id)
    expect(onB.formerIds).toEqual([onA.id])
    // The original folder on laptop A keeps its id.
    expect((await deviceIdentity(dir, { machine: laptopA, newId: ids })).id).toBe(onA.id)
  })

  it('starts a new identity from a damaged file instead of failing to open', async () => {
    const dir = await folder()
    await writeFile(join(dir, DEVICE_FILE), '{"id": ', 'utf8')
    const made = await deviceIdentity(dir, { machine: laptopA, newId: ids })
    expect(JSON.parse(await readFile(join(dir, DEVICE_FILE), 'utf8'))).toEqual(made)
  })

  it('names neither the host nor the user in the file', async () => {
    const marker = machineMarker()
    expect(marker).toMatch(/^[0-9a-f]{64}$/)
    expect(marker).toBe(machineMarker())
  })
})
