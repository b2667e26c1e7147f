// Stands in for sheet-worker.ts in sheet-worker.test.ts: asks for rows like the real one, then throws
// as a worker whose writer breaks would.
import { parentPort } from 'node:worker_threads'

parentPort.postMessage({ type: 'pull', sheet: 0 })
parentPort.on('message', (m) => {
  if (m.type === 'rows' || m.type === 'end') throw new Error('the writer broke on the first chunk')
})
