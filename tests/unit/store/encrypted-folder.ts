// Shared by the encryption tests and their kill child: a data folder full of personal data in every
// kind of file (db.json, journal, a backup, an attachment), and the checks made after every crash.
import { cp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openStore } from '../../../src/main/store'
import { aesCodec } from '../../../src/main/store/aes-codec'
import { finishConversion } from '../../../src/main/store/folder-encryption'
import { nodeFs } from '../../../src/main/store/fs-port'
import { readKeyFile, unwrapDataKey } from '../../../src/main/store/key-file'
import { fakeSchema } from './fake-schema'

/** What must never be found in plain on disk once encryption is on. */
export const SECRETS = ['张三丰', '13812345678', 'zhang.sanfeng@example.com'] as const
export const PASSPHRASE = 'correct horse 电池 staple'
export const NOTES = 12

export const noteText = (i: number): string => `${SECRETS[0]} ${SECRETS[1]} ${SECRETS[2]} #${i}`

/** A plain folder: notes 1..6 in db.json (and a backup), 7..12 only in the journal, one attachment. */
export async function makePlainFolder(dir: string): Promise<void> {
  const first = await openStore({ dir, schema: fakeSchema(), compactOnCloseMaxBytes: Infinity })
  for (let i = 1; i <= NOTES / 2; i += 1) await first.commit({ puts: [{ collection: 'notes', record: { id: `n${i}`, text: noteText(i) } }] })
  await first.close()
  const second = await openStore({ dir, schema: fakeSchema(), compactOnCloseMaxBytes: 0 })
  for (let i = NOTES / 2 + 1; i <= NOTES; i += 1) await second.commit({ puts: [{ collection: 'notes', record: { id: `n${i}`, text: noteText(i) } }] })
  await second.close()
  await mkdir(join(dir, 'attachments'), { recursive: true })
  await writeFile(join(dir, 'attachments', 'a'.repeat(64)), `%PDF-1.4 scanned agreement signed by ${SECRETS[0]}, tel ${SECRETS[1]}`)
  // Thumbnails live one folder down (attachments/thumbnails/<sha>.jpg).
  await mkdir(join(dir, 'attachments', 'thumbnails'), { recursive: true })
  await writeFile(join(dir, 'attachments', 'thumbnails', `${'a'.repeat(64)}.jpg`), `\xff\xd8\xff JFIF caption ${SECRETS[2]}`)
}

export async function copyFolder(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true })
}

/** Every regular file under dir, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)))
    else out.push(path)
  }
  return out.sort()
}

/** Files whose bytes hold any of the secrets, in UTF-8 as written. */
export async function plainLeaks(dir: string): Promise<string[]> {
  const leaks: string[] = []
  for (const path of await filesUnder(dir)) {
    const bytes = await readFile(path)
    if (SECRETS.some((s) => bytes.includes(Buffer.from(s, 'utf8')))) leaks.push(path.slice(dir.length + 1))
  }
  return leaks
}

/**
 * What the app does on the next start: unlock with the passphrase if the folder has a key file,
 * finish any conversion, open the store. Returns the notes' texts and the folder's final form.
 */
export async function reopen(dir: string): Promise<{ texts: Map<string, string>; form: 'on' | 'off' | 'plain' }> {
  const file = await readKeyFile(nodeFs, dir)
  let form: 'on' | 'off' | 'plain' = 'plain'
  let dataKey: Buffer | null = null
  if (file) {
    dataKey = (await unwrapDataKey(file, { passphrase: PASSPHRASE })).dataKey
    form = await finishConversion({ dir }, dataKey)
  }
  const codec = form === 'on' && dataKey ? aesCodec(dataKey) : undefined
  const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false, compactOnCloseMaxBytes: 0, ...(codec ? { codec } : {}) })
  const texts = new Map<string, string>()
  for (const r of store.data.notes) texts.set(r.id, r.text)
  await store.close()
  return { texts, form }
}
