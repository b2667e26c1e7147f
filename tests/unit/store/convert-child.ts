/**
 * Child process for the conversion kill test: turns encryption on or off for a folder and kills
 * itself with SIGKILL just before its file operation number `killAt` (counted through the StoreFs
 * port, so the point is chosen by the test, not by timing). Exits 0 if the conversion finished first.
 */
import { readFileSync } from 'node:fs'
import { decryptFolder, encryptFolder } from '../../../src/main/store/folder-encryption'
import type { KeyWrap } from '../../../src/main/store/key-file'
import { recordingFs } from './recording-fs'

const [dir, direction, killAt, keyHex, wrappersPath] = process.argv.slice(2)

async function main(): Promise<void> {
  const fs = recordingFs()
  let ops = 0
  fs.gate = () => {
    ops += 1
    if (ops === Number(killAt)) process.kill(process.pid, 'SIGKILL')
    return undefined
  }
  const key = Buffer.from(keyHex, 'hex')
  if (direction === 'on') await encryptFolder({ dir, fs }, key, JSON.parse(readFileSync(wrappersPath, 'utf8')) as KeyWrap[])
  else await decryptFolder({ dir, fs }, key)
}

if (dir) {
  main().catch((err: unknown) => {
    process.stderr.write(`child failed: ${err instanceof Error ? err.stack : String(err)}\n`)
    process.exit(1)
  })
}
