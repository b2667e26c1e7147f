// @vitest-environment node
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { giveWay } from '../../../src/main/thread-priority'

/** The nice value a worker thread has after running giveWay from source text, as verify-worker.ts does. */
function niceInWorker(): Promise<number> {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { readlinkSync } = require('node:fs');
    const os = require('node:os');
    (${giveWay.toString()})(readlinkSync, os.setPriority);
    parentPort.postMessage(os.getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop())));
  `
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true })
    worker.once('message', (n: number) => {
      resolve(n)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

describe('a worker giving way', () => {
  it.runIf(process.platform === 'linux')('lowers its own thread to nice 19, carried as source text, and leaves the main thread alone', async () => {
    const { getPriority } = await import('node:os')
    const main = getPriority()
    expect(await niceInWorker()).toBe(19)
    expect(getPriority()).toBe(main)
  })
})
