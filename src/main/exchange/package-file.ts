// The merge package's file: what travels between laptops on a USB stick or as a chat attachment.
// Pure bytes in, bytes out; what the payload means (records and their versions) is the merge's.
//
// Layout: MAGIC, a 4-byte big-endian header length, the header (UTF-8 JSON), the body, and a
// 32-byte SHA-256 of everything before it. The body is the gzipped payload JSON; with a
// passphrase it is that, sealed with AES-256-GCM under a key derived by scrypt (Node's crypto),
// followed by GCM's 16-byte tag; the header's exact bytes are the additional data, so that
// neither can be swapped. The checksum makes damage in
// transit show as damage before any key is derived; GCM's tag makes tampering and a wrong
// passphrase show as such.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createGzip, gunzipSync } from 'node:zlib'
import { stepsInSlices } from '../turns'
import { jsonSteps } from './json-pieces'
import { z } from 'zod'
import { SCRYPT, deriveKey } from '../crypto/passphrase-key'

export const PACKAGE_MAGIC = Buffer.from('LDPKG\n', 'latin1')
/** Bumped when the file layout changes in a way older apps cannot read. */
export const PACKAGE_FORMAT = 1
/**
 * A package holds at most this much payload, inflated: a bound against a gzip bomb. A year of a
 * 100,000-contact office is about 55 MB of JSON.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024

const encryption = z.strictObject({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.literal('scrypt'),
  N: z.number().int().min(2 ** 14).max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.base64().max(64),
  iv: z.base64().max(32),
})

export const packageHeader = z.looseObject({
  format: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  device: z.strictObject({ id: z.string().min(1).max(100), label: z.string().max(100) }),
  scope: z.union([z.strictObject({ kind: z.literal('all') }), z.strictObject({ kind: z.literal('trip'), tripId: z.string().min(1).max(100), title: z.string().max(300) })]),
  encryption: encryption.nullable(),
})
export type PackageHeader = z.infer<typeof packageHeader>
/** What the sender says about a package; the format and the encryption are the file's. */
export interface PackageHeaderInput {
  schemaVersion: number
  createdAt: string
  device: PackageHeader['device']
  scope: PackageHeader['scope']
}

export type PackageRefusal =
  | 'not-a-package'
  | 'damaged'
  | 'newer-format'
  | 'newer-schema'
  | 'passphrase-needed'
  | 'wrong-passphrase'
  | 'too-large'
  /** the contents are not valid records (checked by package-content.ts) */
  | 'invalid'

/** Why a package was refused; nothing in it was used. */
export class PackageError extends Error {
  constructor(
    readonly reason: PackageRefusal,
    message: string,
  ) {
    super(message)
    this.name = 'PackageError'
  }
}

const TAG_BYTES = 16

/**
 * The payload's JSON, gzipped as it is produced: the text comes a slice at a time in the event
 * loop's shared turns (json-pieces.ts, turns.ts) and zlib runs in Node's thread pool; each
 * compressed chunk goes to `sink` as it comes. Stringifying, encoding and gzipping a year's package
 * in one go held the main thread for over a second.
 */
async function gzipJson(payload: unknown, sink: (chunk: Buffer) => void): Promise<void> {
  // Output in large chunks: each one costs a turn of the main thread's event loop, which is busy
  // with background builds after an open (16 KB chunks made a year's package take 5 s instead of 1.5).
  const gzip = createGzip({ chunkSize: 1 << 20 })
  gzip.on('data', sink)
  const ended = new Promise<void>((resolve, reject) => {
    gzip.once('end', resolve)
    gzip.once('error', reject)
  })
  // Waited-for work: the user asked for the package and waits for the file.
  await stepsInSlices(jsonSteps(payload, (piece) => void gzip.write(piece)), undefined, true)
  gzip.end()
  await ended
}

/**
 * The package's bytes for `payload` (any JSON value); sealed when a passphrase is given. The file
 * is magic, header length, header, body, then the sha256 of all that. Each compressed chunk is
 * sealed and hashed as it comes: done at the end, the hash and the copies of a year's 12 MB held the
 * main thread for 130-170 ms. The file comes as its pieces, to be written one after the other:
 * joining a year's into one buffer is itself a 35 ms copy.
 */
export async function writePackageParts(meta: PackageHeaderInput, payload: unknown, passphrase?: string): Promise<Buffer[]> {
  const json = (h: PackageHeader) => Buffer.from(JSON.stringify(h), 'utf8')
  let head: Buffer
  let seal: (chunk: Buffer) => Buffer = (chunk) => chunk
  let sealEnd: () => Buffer[] = () => []
  if (!passphrase) head = json({ ...meta, format: PACKAGE_FORMAT, encryption: null })
  else {
    const salt = randomBytes(16)
    const iv = randomBytes(12)
    const key = await deriveKey(passphrase, salt, SCRYPT)
    head = json({ ...meta, format: PACKAGE_FORMAT, encryption: { cipher: 'aes-256-gcm', kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64') } })
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(head)
    seal = (chunk) => cipher.update(chunk)
    sealEnd = () => [cipher.final(), cipher.getAuthTag()]
  }
  const len = Buffer.alloc(4)
  len.writeUInt32BE(head.length)
  const parts: Buffer[] = []
  const sum = createHash('sha256')
  const add = (bytes: Buffer) => {
    parts.push(bytes)
    sum.update(bytes)
  }
  for (const bytes of [PACKAGE_MAGIC, len, head]) add(bytes)
  await gzipJson(payload, (chunk) => add(seal(chunk)))
  for (const bytes of sealEnd()) add(bytes)
  parts.push(sum.digest())
  return parts
}

/** writePackageParts as one buffer. */
export async function writePackage(meta: PackageHeaderInput, payload: unknown, passphrase?: string): Promise<Buffer> {
  return Buffer.concat(await writePackageParts(meta, payload, passphrase))
}

export const DAMAGED_MESSAGE = 'The package is damaged or incomplete (its checksum does not match). Ask for it to be sent again.'

/**
 * The header alone, checked; the checksum too unless `verifySum` is false (the receive checks it
 * in its worker, with the rest of the bytes: hashing 12 MB is not for the main thread).
 */
export function readPackageHeader(bytes: Buffer, currentSchema: number, verifySum = true): { header: PackageHeader; head: Buffer; body: Buffer } {
  const { header, head, bodyStart } = headerOf(bytes, bytes.length, currentSchema)
  if (verifySum && !timingSafeEqual(createHash('sha256').update(bytes.subarray(0, bytes.length - 32)).digest(), bytes.subarray(bytes.length - 32))) {
    throw new PackageError('damaged', DAMAGED_MESSAGE)
  }
  return { header, head, body: bytes.subarray(bodyStart, bytes.length - 32) }
}

/** A header longer than this is not one this app wrote. */
const MAX_HEADER_BYTES = 64 * 1024

/** The header, checked, from `bytes`: the start of a package file `total` bytes long (or all of it). */
function headerOf(bytes: Buffer, total: number, currentSchema: number): { header: PackageHeader; head: Buffer; bodyStart: number } {
  if (bytes.length < PACKAGE_MAGIC.length || !bytes.subarray(0, PACKAGE_MAGIC.length).equals(PACKAGE_MAGIC)) {
    throw new PackageError('not-a-package', 'This file is not a Liaison Desk package.')
  }
  if (total < PACKAGE_MAGIC.length + 4 + 32 || bytes.length < PACKAGE_MAGIC.length + 4) throw new PackageError('damaged', 'The package is cut short.')
  const len = bytes.readUInt32BE(PACKAGE_MAGIC.length)
  const start = PACKAGE_MAGIC.length + 4
  if (len > MAX_HEADER_BYTES || start + len > total - 32 || start + len > bytes.length) throw new PackageError('damaged', 'The package header is cut short.')
  const head = bytes.subarray(start, start + len)
  let raw: unknown
  try {
    raw = JSON.parse(head.toString('utf8'))
  } catch {
    throw new PackageError('damaged', 'The package header cannot be read.')
  }
  const format = (raw as { format?: unknown } | null)?.format
  if (typeof format === 'number' && format > PACKAGE_FORMAT) {
    throw new PackageError('newer-format', 'This package was made by a newer version of Liaison Desk. Update the app to receive it.')
  }
  const parsed = packageHeader.safeParse(raw)
  if (!parsed.success) throw new PackageError('damaged', `The package header is not valid: ${parsed.error.issues[0]?.message ?? ''}`)
  if (parsed.data.schemaVersion > currentSchema) {
    throw new PackageError('newer-schema', 'This package holds data from a newer version of Liaison Desk. Update the app to receive it.')
  }
  return { header: parsed.data, head, bodyStart: start + len }
}

/** The first `n` bytes of base64 text, decoding no more of it than they need. */
function base64Prefix(data: string, n: number): Buffer {
  return Buffer.from(data.slice(0, Math.ceil(n / 3) * 4), 'base64').subarray(0, n)
}

/** How many bytes base64 text holds, without decoding it. */
function base64Length(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0
  return Math.floor((data.length * 3) / 4) - padding
}

function inflate(body: Buffer, max: number): unknown {
  let json: Buffer
  try {
    json = gunzipSync(body, { maxOutputLength: max })
  } catch (e) {
    if (e instanceof RangeError) throw new PackageError('too-large', 'The package holds more than this app will read.')
    throw new PackageError('damaged', 'The package contents cannot be read.')
  }
  try {
    return JSON.parse(json.toString('utf8'))
  } catch {
    throw new PackageError('damaged', 'The package contents cannot be read.')
  }
}

/** The header and the payload (unvalidated JSON: the caller checks it with its schemas), or a PackageError. */
export async function readPackage(
  bytes: Buffer,
  currentSchema: number,
  opts: { passphrase?: string; maxPayloadBytes?: number } = {},
): Promise<{ header: PackageHeader; payload: unknown }> {
  const { header, body } = await openPackage(bytes, currentSchema, opts)
  return { header, payload: inflate(body, opts.maxPayloadBytes ?? MAX_PAYLOAD_BYTES) }
}

/** What the receive's worker needs to check, open and inflate the payload. */
export interface SealedParts {
  header: PackageHeader
  /** where the payload starts, and the checksum over everything before the last 32 bytes */
  bodyStart: number
  /** the key and nonce when the payload is sealed, and the header bytes it authenticates */
  sealed: { key: Buffer; iv: Buffer; aad: Buffer } | null
}

/**
 * The header, checked, and the key for a sealed payload, from the package as base64 text (as both
 * transports bring it): only the header's bytes are decoded here. Decoding the rest, the checksum,
 * the decryption and the inflating are the worker's (payload-worker.ts), in readPackage's order.
 */
export async function packageParts(data: string, currentSchema: number, passphrase?: string): Promise<SealedParts> {
  const total = base64Length(data)
  const start = PACKAGE_MAGIC.length + 4
  const lead = base64Prefix(data, start)
  const len = lead.length === start && lead.subarray(0, PACKAGE_MAGIC.length).equals(PACKAGE_MAGIC) ? lead.readUInt32BE(PACKAGE_MAGIC.length) : 0
  const { header, head, bodyStart } = headerOf(base64Prefix(data, start + Math.min(len, MAX_HEADER_BYTES)), total, currentSchema)
  const enc = header.encryption
  if (!enc) return { header, bodyStart, sealed: null }
  if (!passphrase) throw new PackageError('passphrase-needed', 'This package is protected by a passphrase.')
  const key = await deriveKey(passphrase, Buffer.from(enc.salt, 'base64'), enc)
  return { header, bodyStart, sealed: { key, iv: Buffer.from(enc.iv, 'base64'), aad: Buffer.from(head) } }
}

/**
 * The header and the payload still compressed, checked and decrypted, for readPackage (the receive
 * does the same steps in its worker: packageParts and payload-worker.ts).
 */
export async function openPackage(bytes: Buffer, currentSchema: number, opts: { passphrase?: string } = {}): Promise<{ header: PackageHeader; body: Buffer }> {
  const { passphrase } = opts
  const { header, head, body } = readPackageHeader(bytes, currentSchema)
  const enc = header.encryption
  if (!enc) return { header, body }
  if (!passphrase) throw new PackageError('passphrase-needed', 'This package is protected by a passphrase.')
  const key = await deriveKey(passphrase, Buffer.from(enc.salt, 'base64'), enc)
  if (body.length < TAG_BYTES) throw new PackageError('damaged', 'The package contents are cut short.')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(enc.iv, 'base64'))
    decipher.setAAD(head)
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
    return { header, body: Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]) }
  } catch {
    // GCM cannot tell a wrong key from altered bytes; the checksum already ruled out damage in transit.
    throw new PackageError('wrong-passphrase', 'The passphrase is wrong (or the package was altered).')
  }
}
