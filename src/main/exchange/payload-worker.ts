import { Worker } from 'node:worker_threads'
import { COLLECTION_NAMES } from '../../shared/collections'
import type { CollectionName } from '../../shared/collections'
import type { StoredRecord } from '../store'
import { DAMAGED_MESSAGE, PackageError } from './package-file'
import type { PackageRefusal, SealedParts } from './package-file'
import type { RawRecord } from './package-content'
import { turns } from '../turns'
import type { Turns } from '../turns'

/** Records per message: taking one in (deserialising it) costs the main thread about 5 ms here; 2,000 took 20-40. */
export const RECORDS_PER_CHUNK = 500
/** Chunks asked for before the planner needs them: at most this many wait, deserialised, on the main side. */
const CHUNKS_AHEAD = 4

/**
 * Plain JS run with `eval: true` (no file to locate after bundling), like the backup check. A year's
 * package is 12 MB to hash and decrypt and inflates to ~100 MB of JSON: together a second or more,
 * which must not hold the main process (the window, every other call). The worker checks, opens and
 * inflates in the order readPackage does (so a damaged file is "damaged", not "wrong passphrase"),
 * then does the shape pass: collections it knows, records with an id, none twice (each record is
 * checked with the schemas on the main side, by checkRecord in package-content.ts).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { gunzipSync } = require('node:zlib');
const { createDecipheriv, createHash, timingSafeEqual } = require('node:crypto');
function fail(reason, message) { parentPort.postMessage({ type: 'error', reason, message }); }
function run(data) {
  const bytes = Buffer.from(data, 'base64');
  const before = bytes.subarray(0, bytes.length - 32);
  if (!timingSafeEqual(createHash('sha256').update(before).digest(), bytes.subarray(bytes.length - 32))) return fail('damaged', workerData.damaged);
  let body = before.subarray(workerData.bodyStart);
  const sealed = workerData.sealed;
  if (sealed) {
    if (body.length < 16) return fail('damaged', 'The package contents are cut short.');
    try {
      const d = createDecipheriv('aes-256-gcm', Buffer.from(sealed.key), Buffer.from(sealed.iv));
      d.setAAD(Buffer.from(sealed.aad));
      d.setAuthTag(body.subarray(body.length - 16));
      body = Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]);
    } catch {
      // GCM cannot tell a wrong key from altered bytes; the checksum already ruled out damage in transit.
      return fail('wrong-passphrase', 'The passphrase is wrong (or the package was altered).');
    }
  }
  let text;
  try {
    text = gunzipSync(body, { maxOutputLength: workerData.max }).toString('utf8');
  } catch (e) {
    if (e instanceof RangeError) return fail('too-large', 'The package holds more than this app will read.');
    return fail('damaged', 'The package contents cannot be read.');
  }
  let raw;
  try { raw = JSON.parse(text); } catch { return fail('damaged', 'The package contents cannot be read.'); }
  text = undefined;
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(raw) || !isObj(raw.records)) return fail('invalid', 'The package contents are not a Liaison Desk record set.');
  const devices = raw.devices === undefined ? {} : raw.devices;
  if (!isObj(devices) || Object.entries(devices).some(([k, v]) => typeof v !== 'string' || k.length > 100 || v.length > 100)) {
    return fail('invalid', 'The package contents are not a Liaison Desk record set.');
  }
  for (const list of Object.values(raw.records)) if (!Array.isArray(list)) return fail('invalid', 'The package contents are not a Liaison Desk record set.');
  // The attachment files (package-blobs.ts) travel as they are; the main side checks each against its name.
  parentPort.postMessage({ type: 'devices', devices, blobs: raw.blobs === undefined ? {} : raw.blobs });
  raw.blobs = undefined;
  const known = new Set(workerData.collections);
  const lists = [];
  for (const [c, list] of Object.entries(raw.records)) {
    if (!known.has(c)) continue;
    const seen = new Set();
    for (let index = 0; index < list.length; index++) {
      const item = list[index];
      if (!isObj(item) || typeof item.id !== 'string' || item.id === '') return fail('invalid', 'The package holds an invalid record (' + c + '[' + index + '].id).');
      if (seen.has(item.id)) return fail('invalid', 'The package holds ' + c + '[' + index + '] twice.');
      seen.add(item.id);
    }
    lists.push([c, list]);
  }
  // With workerData.compare, the main side is first asked which version of each record it holds
  // (ids in messages of workerData.perIds, in package order; it answers each with the versions,
  // in the same order): a record it holds at the very same version (equal sync) is only counted,
  // never sent. A year's package is mostly such records, and taking each in on the main thread
  // (deserialising it, then a scavenge or two copying it) was most of a receive's pauses there.
  const total = lists.reduce((n, [, list]) => n + list.length, 0);
  const held = workerData.compare ? new Uint8Array(total) : null;
  let answered = 0;
  if (held) {
    for (const [c, list] of lists) {
      for (let i = 0; i < list.length; i += workerData.perIds) parentPort.postMessage({ type: 'ids', collection: c, ids: list.slice(i, i + workerData.perIds).map((r) => r.id) });
    }
  }
  let va = 0;
  let vo = 0;
  const takeVersions = (versions) => {
    for (const v of versions) {
      while (va < lists.length && vo === lists[va][1].length) { va++; vo = 0; }
      if (va === lists.length) return;
      const rec = lists[va][1][vo];
      if (typeof v === 'string' && rec.sync !== undefined && JSON.stringify(rec.sync) === v) held[answered] = 1;
      vo++;
      answered++;
    }
  };
  // A chunk goes when the main side asks for it: records it has not planned yet would otherwise
  // pile up in its young generation, where every scavenge copies them again (100+ ms pauses).
  let at = 0;
  let offset = 0;
  let flat = 0;
  let alreadyHere = 0;
  let asked = 0;
  const serve = () => {
    const chunk = [];
    while (chunk.length < workerData.perChunk && at < lists.length) {
      const [c, list] = lists[at];
      for (; offset < list.length && chunk.length < workerData.perChunk; offset++, flat++) {
        if (held && held[flat] === 1) alreadyHere++;
        else chunk.push({ collection: c, index: offset, record: list[offset] });
      }
      if (offset === list.length) { at++; offset = 0; }
    }
    if (chunk.length > 0) parentPort.postMessage({ type: 'records', records: chunk });
    else parentPort.postMessage({ type: 'done', alreadyHere });
  };
  parentPort.on('message', (m) => {
    if (m !== null && typeof m === 'object' && m.type === 'versions') takeVersions(m.versions);
    else asked++;
    // Records go once every version is in: before that, which ones to skip is not known.
    if (held && answered < total) return;
    for (; asked > 0; asked--) serve();
  });
}
parentPort.once('message', (data) => {
  try { run(data); } catch (e) { fail('damaged', 'The package contents cannot be read.'); }
});
`

type WorkerMessage =
  | { type: 'devices'; devices: Record<string, string>; blobs: unknown }
  | { type: 'records'; records: { collection: CollectionName; index: number; record: StoredRecord }[] }
  | { type: 'ids'; collection: CollectionName; ids: string[] }
  | { type: 'done'; alreadyHere: number }
  | { type: 'error'; reason: PackageRefusal; message: string }

export interface PayloadReader {
  /** the device labels the package names, known before any record */
  devices: Promise<Record<string, string>>
  /** the attachment files the package carries, unchecked (package-blobs.ts checks them); known with the devices */
  blobs: Promise<unknown>
  /**
   * The records in chunks, in the package's order; throws a PackageError for a bad payload. With
   * `versionOf`, the records held here at the very same version are left out (see `alreadyHere`).
   */
  chunks(): AsyncGenerator<RawRecord[]>
  /** records left out because this side holds them at the same version; final once chunks() is done */
  alreadyHere(): number
}

/**
 * What this side holds of a record: its version as JSON.stringify(record.sync), or undefined when
 * it has no such record or one without a version. The reader asks for a few thousand at a time.
 */
export type VersionOf = (collection: CollectionName, id: string) => string | undefined

/** Ids per question to the main side: answering one takes it a few ms. */
export const IDS_PER_MESSAGE = 2000

/**
 * Checks, opens, inflates and parses a package's payload in a worker thread, handing the records
 * over in chunks as the caller asks for them. `data` is the whole package file as base64 text;
 * `parts` what packageParts read of it on the main thread (the header, and the key when it is sealed).
 */
export function readPayloadInWorker(
  data: string,
  parts: Pick<SealedParts, 'bodyStart' | 'sealed'>,
  maxBytes: number,
  known?: { versionOf: VersionOf; via?: Turns },
): PayloadReader {
  // The text goes as it came: decoding 16 MB of base64 is itself ~60 ms, the worker's to spend.
  const sealed = parts.sealed ? { key: new Uint8Array(parts.sealed.key), iv: new Uint8Array(parts.sealed.iv), aad: new Uint8Array(parts.sealed.aad) } : null
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bodyStart: parts.bodyStart, sealed, max: maxBytes, damaged: DAMAGED_MESSAGE, collections: [...COLLECTION_NAMES], perChunk: RECORDS_PER_CHUNK, perIds: IDS_PER_MESSAGE, compare: known !== undefined },
  })
  // The text goes as the first message, not in workerData: the constructor serialises workerData
  // in one synchronous step (70-320 ms for a year's package here), a message takes a few ms.
  worker.postMessage(data)
  const queue: WorkerMessage[] = []
  let wake: (() => void) | null = null
  let ended: Error | null = null
  const push = (m: WorkerMessage) => {
    queue.push(m)
    wake?.()
  }
  let gotDevices: (d: Record<string, string>) => void = () => undefined
  let noDevices: (e: Error) => void = () => undefined
  const devices = new Promise<Record<string, string>>((resolve, reject) => {
    gotDevices = resolve
    noDevices = reject
  })
  // Nobody may await `devices` when the payload is refused before them: that is not unhandled.
  devices.catch(() => undefined)
  let gotBlobs: (b: unknown) => void = () => undefined
  const blobs = new Promise<unknown>((resolve, reject) => {
    gotBlobs = resolve
    devices.catch(reject)
  })
  blobs.catch(() => undefined)
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'devices') {
      gotBlobs(m.blobs)
      gotDevices(m.devices)
    } else if (m.type === 'error') noDevices(new PackageError(m.reason, m.message))
    push(m)
  })
  worker.once('error', (err) => {
    ended = err
    noDevices(new PackageError('damaged', 'The package contents cannot be read.'))
    wake?.()
  })
  worker.once('exit', () => {
    ended ??= new Error('exited')
    noDevices(new PackageError('damaged', 'The package contents cannot be read.'))
    wake?.()
  })

  let skipped = 0
  async function* chunks(): AsyncGenerator<RawRecord[]> {
    try {
      // A few chunks asked for ahead: the worker cuts the next while this side plans the last, and
      // what has arrived meanwhile is handed over together, so the planner runs whole slices.
      for (let i = 0; i < CHUNKS_AHEAD; i += 1) worker.postMessage('next')
      for (;;) {
        const m = queue.shift()
        if (!m) {
          if (ended) throw new PackageError('damaged', 'The package contents cannot be read.')
          await new Promise<void>((resolve) => (wake = resolve))
          wake = null
          continue
        }
        if (m.type === 'records') {
          let records = m.records
          worker.postMessage('next')
          while (queue[0]?.type === 'records') {
            records = records.concat((queue.shift() as typeof m).records)
            worker.postMessage('next')
          }
          yield records
        }
        else if (m.type === 'ids' && known) {
          const { collection, ids } = m
          // Answered in a turn of the shared budget (a receive is waited for), in the order asked.
          const versions = await (known.via ?? turns).slice(() => ids.map((id) => known.versionOf(collection, id) ?? null), true)
          worker.postMessage({ type: 'versions', versions })
        }
        else if (m.type === 'error') throw new PackageError(m.reason, m.message)
        else if (m.type === 'done') {
          skipped = m.alreadyHere
          return
        }
      }
    } finally {
      void worker.terminate()
    }
  }
  return { devices, blobs, chunks, alreadyHere: () => skipped }
}
