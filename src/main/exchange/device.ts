// Which laptop made an edit: a random id per data folder, so merges can tell laptops apart. A folder
// copied to another machine must not keep the id (two laptops would then look like one and their
// edits would shadow each other), so the id is bound to a marker of the machine and replaced when
// the folder turns up elsewhere; the ids it had before are kept, so its history still reads.
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../store/atomic-write'
import { errorCode, nodeFs } from '../store/fs-port'
import type { StoreFs } from '../store/fs-port'

export const DEVICE_FILE = 'device.json'

const deviceFile = z.strictObject({
  id: z.string().min(1).max(100),
  machine: z.string().length(64),
  formerIds: z.array(z.string().min(1).max(100)).max(1000).default([]),
})
export type DeviceIdentity = z.infer<typeof deviceFile>

/**
 * A hash of what identifies this machine and user account: the OS's machine id where there is one
 * (Linux /etc/machine-id), the host name and the user name. Hashed, so the file names none of them.
 */
export function machineMarker(): string {
  let machineId = ''
  try {
    machineId = readFileSync('/etc/machine-id', 'utf8').trim()
  } catch {
    // Windows and macOS: host and user name only
  }
  let user = ''
  try {
    user = userInfo().username
  } catch {
    // no user database entry (a container)
  }
  return createHash('sha256').update(`${machineId}\n${hostname()}\n${user}`).digest('hex')
}

/** This folder's device id on this machine: read, made on first use, or replaced after a copy to another machine. */
export async function deviceIdentity(dir: string, opts: { fs?: StoreFs; machine?: string; newId?: () => string } = {}): Promise<DeviceIdentity> {
  const fs = opts.fs ?? nodeFs
  const machine = opts.machine ?? machineMarker()
  // 72 random bits: enough never to collide among an office's laptops, short because every edit of every record names it.
  const newId = opts.newId ?? (() => `d${randomBytes(9).toString('base64url')}`)
  const path = join(dir, DEVICE_FILE)
  let current: DeviceIdentity | null = null
  try {
    const parsed = deviceFile.safeParse(JSON.parse((await fs.readFile(path)).toString('utf8')))
    // A damaged file only costs a new id: no record is lost, the laptop just counts as a new one.
    if (parsed.success) current = parsed.data
  } catch (err) {
    if (errorCode(err) !== 'ENOENT' && !(err instanceof SyntaxError)) throw err
  }
  if (current && current.machine === machine) return current
  const next: DeviceIdentity = { id: newId(), machine, formerIds: current ? [...current.formerIds, current.id].slice(-1000) : [] }
  const bytes = Buffer.from(`${JSON.stringify(next, null, 2)}\n`, 'utf8')
  await writeFileAtomic(fs, path, (sink) => sink(bytes))
  return next
}
