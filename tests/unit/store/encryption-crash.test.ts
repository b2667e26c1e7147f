// @vitest-environment node
// A crash at every file operation of turning encryption on or off loses nothing and, once the next
// open has finished the conversion, leaves nothing in plain. Each crash point is an operation number
// counted through the StoreFs port: deterministic, whatever the machine's speed.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newDataKey } from '../../../src/main/store/aes-codec'
import { decryptFolder, encryptFolder } from '../../../src/main/store/folder-encryption'
import { wrapWithPassphrase } from '../../../src/main/store/key-file'
import type { KeyWrap } from '../../../src/main/store/key-file'
import { spawnTs } from './child-process'
import { runKillLoop } from './crash-check'
import { NOTES, PASSPHRASE, copyFolder, filesUnder, makePlainFolder, noteText, plainLeaks, reopen } from './encrypted-folder'
import { tempDir } from './fake-schema'
import { recordingFs } from './recording-fs'

const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const c of cleanups) await c()
})
async function folder(label: string): Promise<string> {
  const t = await tempDir(label)
  cleanups.push(t.cleanup)
  return t.dir
}

const allNotes = new Map(Array.from({ length: NOTES }, (_, i) => [`n${i + 1}`, noteText(i + 1)]))
const key = newDataKey()
let wrappers: KeyWrap[] = []
let plainTemplate = ''
let sealedTemplate = ''

type Direction = 'on' | 'off'
const convert = (direction: Direction, dir: string, fs = recordingFs()): Promise<void> =>
  direction === 'on' ? encryptFolder({ dir, fs }, key, wrappers) : decryptFolder({ dir, fs }, key)

/** File operations a whole conversion makes: the crash points to try. */
async function countOps(direction: Direction): Promise<number> {
  const dir = await folder('enc-count')
  await copyFolder(direction === 'on' ? plainTemplate : sealedTemplate, dir)
  const fs = recordingFs()
  let ops = 0
  fs.gate = () => void (ops += 1)
  await convert(direction, dir, fs)
  return ops
}

/** After the crash and the next open: every record there; if the folder ended up encrypted, no plain text. */
async function checkAfterCrash(dir: string, label: string): Promise<'on' | 'off' | 'plain'> {
  const { texts, form } = await reopen(dir)
  expect(texts, label).toEqual(allNotes)
  if (form === 'on') expect(await plainLeaks(dir), label).toEqual([])
  return form
}

beforeAll(async () => {
  plainTemplate = await folder('enc-plain-template')
  await makePlainFolder(plainTemplate)
  wrappers = [await wrapWithPassphrase(key, PASSPHRASE)]
  sealedTemplate = await folder('enc-sealed-template')
  await copyFolder(plainTemplate, sealedTemplate)
  await encryptFolder({ dir: sealedTemplate }, key, wrappers)
}, 60_000)

describe('crashes with encryption at rest', () => {
  for (const direction of ['on', 'off'] as const) {
    it(`turning encryption ${direction}: stopped before each file operation in turn, then reopened`, async () => {
      const total = await countOps(direction)
      expect(total).toBeGreaterThan(30)
      const forms = new Set<string>()
      for (let n = 1; n <= total; n += 1) {
        const dir = await folder(`enc-crash-${direction}`)
        await copyFolder(direction === 'on' ? plainTemplate : sealedTemplate, dir)
        // From operation n on, the disk is frozen: every write, rename or unlink fails, as if the process had died.
        const fs = recordingFs()
        let ops = 0
        fs.fault = () => ((ops += 1) >= n ? new Error(`crash at operation ${n}`) : undefined)
        await expect(convert(direction, dir, fs)).rejects.toThrow(`crash at operation ${n}`)
        forms.add(await checkAfterCrash(dir, `${direction}, crash at operation ${n} of ${total}`))
      }
      // Early crashes leave the old form, later ones are finished by the next open.
      if (direction === 'on') expect([...forms].sort()).toEqual(['on', 'plain'])
      else expect([...forms].sort()).toEqual(expect.arrayContaining(['off', 'on']))
    }, 300_000)
  }

  it('SIGKILL at random moments while an encrypted store commits (20 times): every acknowledged commit survives, nothing in plain', async () => {
    const dir = await folder('enc-crash-loop')
    const { kills, survived } = await runKillLoop({ dir, cycles: 20, budgetMs: Infinity, seed: 20261126, dataKey: key })
    expect(kills).toBe(20)
    expect(survived).toBeGreaterThan(0)
    // crash-child.ts writes notes with the text "t-<k>": none may be on disk in plain.
    for (const path of await filesUnder(dir)) expect((await readFile(path)).includes(Buffer.from('"text":"t-')), path).toBe(false)
  }, 300_000)

  it('SIGKILL of a converting process at spread-out operations, both ways', async () => {
    const wrappersPath = join(await folder('enc-wrappers'), 'wrappers.json')
    await writeFile(wrappersPath, JSON.stringify(wrappers))
    for (const direction of ['on', 'off'] as const) {
      const total = await countOps(direction)
      const points = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89].filter((n) => n <= total).concat([total, total + 5])
      for (const n of points) {
        const dir = await folder(`enc-kill-${direction}`)
        await copyFolder(direction === 'on' ? plainTemplate : sealedTemplate, dir)
        const child = spawnTs('convert-child.ts', [dir, direction, String(n), key.toString('hex'), wrappersPath])
        let stderr = ''
        child.stderr.on('data', (d: Buffer) => void (stderr += d.toString('utf8')))
        const exit = await new Promise<{ code: number | null; signal: string | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })))
        expect(exit, stderr).toEqual(n <= total ? { code: null, signal: 'SIGKILL' } : { code: 0, signal: null })
        await checkAfterCrash(dir, `${direction}, SIGKILL at operation ${n} of ${total}`)
      }
    }
  }, 300_000)
})
