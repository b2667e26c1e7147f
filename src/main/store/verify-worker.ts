import { readFile } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import { giveWay } from '../thread-priority'
import { ENVELOPE, isAesCodec } from './aes-codec'
import { plainCodec } from './file-codec'
import type { FileCodec } from './file-codec'

export interface VerifyResult {
  sha256: string
  bytes: number
  /** null when the bytes were only compared with a known hash */
  records: number | null
}

/**
 * Plain JS run with `eval: true`: no file to locate after bundling, and the 0.6 s read + parse of a
 * large backup happens off the main thread. It hashes the exact bytes on disk and checks the structure
 * the store itself relies on; the schema's full validation runs when a backup is loaded.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { createDecipheriv, createHash } = require('node:crypto');
const E = workerData.envelope;
function open(stored) {
  const key = workerData.key;
  if (!key || stored.subarray(0, E.magic).toString('latin1') !== 'LDSEAL') return stored;
  const head = E.magic + 1 + E.keyId + E.nonce;
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key), stored.subarray(head - E.nonce, head));
  decipher.setAAD(stored.subarray(0, head));
  decipher.setAuthTag(stored.subarray(stored.length - E.tag));
  return Buffer.concat([decipher.update(stored.subarray(head, stored.length - E.tag)), decipher.final()]);
}
// Gives way to the main thread, which the open's parse keeps busy, and to its garbage collector's helpers.
(${giveWay.toString()})(require('node:fs').readlinkSync, require('node:os').setPriority);
function check() {
  const buf = workerData.plain ? Buffer.from(workerData.plain) : open(readFileSync(workerData.path));
  const sha256 = createHash('sha256').update(buf).digest('hex');
  if (workerData.expect !== null) {
    if (sha256 !== workerData.expect) throw new Error('the copy differs from the snapshot it was copied from');
    return { sha256, bytes: buf.length, records: null };
  }
  const doc = JSON.parse(buf.toString('utf8'));
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('top level is not an object');
  if (!Number.isSafeInteger(doc.schemaVersion)) throw new Error('schemaVersion is not a whole number');
  if (!Number.isSafeInteger(doc.journalSeq) || doc.journalSeq < 0) throw new Error('journalSeq is not a whole number');
  if (doc.settings === null || typeof doc.settings !== 'object' || Array.isArray(doc.settings)) throw new Error('settings is not an object');
  let records = 0;
  for (const name of workerData.collections) {
    const list = doc[name];
    if (!Array.isArray(list)) throw new Error('collection ' + name + ' is not an array');
    const ids = new Set();
    for (let i = 0; i < list.length; i++) {
      const rec = list[i];
      if (rec === null || typeof rec !== 'object' || typeof rec.id !== 'string') throw new Error(name + ' item ' + i + ' has no string id');
      if (ids.has(rec.id)) throw new Error(name + ' has the id ' + rec.id + ' twice');
      ids.add(rec.id);
    }
    records += list.length;
  }
  return { sha256, bytes: buf.length, records };
}
try {
  parentPort.postMessage({ ok: true, result: check() });
} catch (err) {
  parentPort.postMessage({ ok: false, error: err && err.message ? err.message : String(err) });
}
`

type WorkerReply = { ok: true; result: VerifyResult } | { ok: false; error: string }

/**
 * Re-reads a snapshot file in a worker thread; rejects if it does not parse or lacks the structure.
 * An encrypted file is read and opened here (the data key stays in this thread) and its plain bytes
 * handed over; the hash is then of the plain JSON, as the snapshot's is.
 * `expect`: the sha256 of the snapshot the file was copied from, whose structure is known good (this
 * store wrote it, or checked it at open). Equal bytes have that structure too, so the file is only
 * hashed: parsing 70 MB again took a core for most of a second, just when the first screen loads.
 */
export async function verifySnapshotFile(
  path: string,
  collections: readonly string[],
  codec: FileCodec = plainCodec,
  expect: string | null = null,
): Promise<VerifyResult> {
  let plain: ArrayBuffer | null = null
  // The data key goes to the worker (a thread of this process), so the 60 MB decryption happens there too.
  const key = isAesCodec(codec) ? codec.dataKey : null
  if (codec.encrypted && !key) {
    const opened = codec.open(await readFile(path))
    plain = opened.buffer.slice(opened.byteOffset, opened.byteOffset + opened.byteLength) as ArrayBuffer
  }
  return new Promise<VerifyResult>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, collections: [...collections], plain, key, envelope: ENVELOPE, expect },
      ...(plain ? { transferList: [plain] } : {}),
    })
    let settled = false
    worker.once('message', (reply: WorkerReply) => {
      settled = true
      if (reply.ok) resolve(reply.result)
      else reject(new Error(`Backup check failed for ${path}: ${reply.error}`))
      void worker.terminate()
    })
    worker.once('error', (err) => {
      if (settled) return
      settled = true
      reject(err)
    })
    worker.once('exit', (code) => {
      if (settled) return
      settled = true
      reject(new Error(`Backup check worker exited with code ${code}`))
    })
  })
}
