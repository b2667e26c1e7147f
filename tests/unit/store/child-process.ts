import { spawn } from 'node:child_process'
import type { ChildProcessByStdio } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const projectRoot = resolve(here, '../../..')

export type Child = ChildProcessByStdio<null, Readable, Readable>

/** Runs a TypeScript file of this folder in a separate Node process (through tsx's loader). */
export function spawnTs(file: string, args: string[]): Child {
  return spawn(process.execPath, ['--import', 'tsx', join(here, file), ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Resolves with the first stdout line matching `re`; rejects if the child exits first. */
export function waitForLine(child: Child, re: RegExp, timeoutMs = 20000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let buf = ''
    let errBuf = ''
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stderr: ${errBuf}`)), timeoutMs)
    const onData = (d: Buffer): void => {
      buf += d.toString('utf8')
      const line = buf.split('\n').find((l) => re.test(l))
      if (line !== undefined) {
        clearTimeout(timer)
        child.stdout.off('data', onData)
        resolvePromise(line)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (d: Buffer) => {
      errBuf += d.toString('utf8')
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`child exited (${code}) before printing ${re}; stdout: ${buf} stderr: ${errBuf}`))
    })
  })
}

/** Kills with SIGKILL and waits until the child is reaped (a zombie would still look alive to kill(pid, 0)). */
export function killHard(child: Child): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolvePromise()
      return
    }
    child.once('exit', () => resolvePromise())
    child.kill('SIGKILL')
  })
}
