/**
 * Child process for the lock race: for each "try <dir>" line on stdin it tries to take the folder lock
 * and answers "got <dir>" or "busy <dir>", keeping what it got until it exits.
 */
import { createInterface } from 'node:readline'
import { nodeFs } from '../../../src/main/store/fs-port'
import { FolderInUseError, acquireLock } from '../../../src/main/store/lock'

const held: unknown[] = []
const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const dir = line.replace(/^try /, '')
  acquireLock(nodeFs, dir, () => new Date()).then(
    (lock) => {
      held.push(lock)
      process.stdout.write(`got ${dir}\n`)
    },
    (err: unknown) => process.stdout.write(`${err instanceof FolderInUseError ? 'busy' : `error ${String(err)}`} ${dir}\n`),
  )
})
process.stdout.write('ready\n')
