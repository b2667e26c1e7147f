// @vitest-environment node
import { readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import { writeFileAtomic } from '../../../src/main/store/atomic-write'
import { fakeSchema, note, tempFolders } from './fake-schema'
import { normalise, recordingFs } from './recording-fs'

const { folder } = tempFolders('atomic')

/** Log with the folder's own name replaced, so a test can spell out the expected order. */
function logOf(log: readonly string[], dir: string): string[] {
  return normalise(log).map((l) => l.split(basename(dir)).join('<dir>'))
}

describe('atomic durable write', () => {
  it('creates a 0600 temp file exclusively, writes, fsyncs, renames, then fsyncs the folder', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const target = join(dir, 'db.json')
    await writeFileAtomic(fs, target, async (sink) => {
      await sink(Buffer.from('{"a":'))
      await sink(Buffer.from('1}'))
    })
    expect(logOf(fs.log, dir)).toEqual([
      'open <tmp> wx 600',
      'write <tmp>',
      'write <tmp>',
      'sync <tmp>',
      'close <tmp>',
      'rename <tmp> db.json',
      'open <dir> r',
      'sync <dir>',
      'close <dir>',
    ])
    expect(await readFile(target, 'utf8')).toBe('{"a":1}')
    expect((await stat(target)).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual(['db.json'])
  })

  it('uses a new temp name every time', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const target = join(dir, 'x.json')
    await Promise.all([1, 2, 3].map((n) => writeFileAtomic(fs, target, (sink) => sink(Buffer.from(String(n))))))
    const temps = new Set(fs.log.filter((l) => l.startsWith('open') && l.includes('.tmp')).map((l) => l.split(' ')[1]))
    expect(temps.size).toBe(3)
  })

  it('leaves the old file untouched and no temp behind when a write fails', async () => {
    const dir = await folder()
    const target = join(dir, 'db.json')
    await writeFile(target, 'old')
    const fs = recordingFs()
    fs.fault = (op) => (op === 'sync' ? new Error('EIO: simulated') : undefined)
    await expect(writeFileAtomic(fs, target, (sink) => sink(Buffer.from('new')))).rejects.toThrow('EIO')
    expect(await readFile(target, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['db.json'])
  })

  it('writes the snapshot through the same sequence and acknowledges a commit only after the journal fdatasync', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const store = await openStore({ dir, schema: fakeSchema(), fs, backupOnOpen: false })
    // A fresh folder gets its first snapshot at open.
    const opening = logOf(fs.log, dir)
    const snap = opening.indexOf('open <tmp> wx 600')
    expect(opening.slice(snap, snap + 8)).toEqual([
      'open <tmp> wx 600',
      'write <tmp>',
      'sync <tmp>',
      'close <tmp>',
      'rename <tmp> db.json',
      'open <dir> r',
      'sync <dir>',
      'close <dir>',
    ])
    // The journal's directory entry is made durable before anything in it is acknowledged.
    expect(opening.slice(-4)).toEqual(['open journal.jsonl a 600', 'open <dir> r', 'sync <dir>', 'close <dir>'])

    let release: () => void = () => undefined
    const held = new Promise<void>((r) => {
      release = r
    })
    fs.gate = (op) => (op === 'datasync' ? held : undefined)
    fs.log.length = 0
    let done = false
    const committing = store.commit({ puts: [note('a')] }).then(() => {
      done = true
    })
    await new Promise((r) => setTimeout(r, 30))
    expect(done).toBe(false)
    expect(store.get('notes', 'a')).toBeUndefined() // memory changes only after the journal is durable
    release()
    await committing
    expect(logOf(fs.log, dir)).toEqual(['write journal.jsonl', 'datasync journal.jsonl'])
    expect(store.get('notes', 'a')).toEqual({ id: 'a', text: 'text of a' })
    fs.gate = undefined
    await store.close()
  })

  it('compaction: rotate journal, snapshot via temp+fsync+rename+dir fsync; the old segment goes only once a verified backup covers it too', async () => {
    const dir = await folder()
    const fs = recordingFs()
    const store = await openStore({ dir, schema: fakeSchema(), fs, backupOnOpen: false, compactAfterEntries: 3 })
    fs.log.length = 0
    for (const id of ['a', 'b', 'c']) await store.commit({ puts: [note(id)] })
    await store.close()
    const log = logOf(fs.log, dir)
    const at = (entry: string): number => {
      const i = log.indexOf(entry)
      expect(i, `${entry} in\n${log.join('\n')}`).toBeGreaterThanOrEqual(0)
      return i
    }
    const rotate = at('rename journal.jsonl journal-000000000003.jsonl')
    const tmp = at('open <tmp> wx 600')
    const sync = at('sync <tmp>')
    const rename = at('rename <tmp> db.json')
    const dirSync = log.indexOf('sync <dir>', rename)
    expect(rotate).toBeLessThan(tmp)
    expect(tmp).toBeLessThan(sync)
    expect(sync).toBeLessThan(rename)
    expect(rename).toBeLessThan(dirSync)
    expect(log).not.toContain('unlink journal-000000000003.jsonl')

    // Next session: the backup at open covers seq 3, and only after it is written may the segment go.
    fs.log.length = 0
    const again = await openStore({ dir, schema: fakeSchema(), fs })
    await again.close()
    const log2 = logOf(fs.log, dir)
    const backupWritten = log2.indexOf('sync backups')
    const drop = log2.indexOf('unlink journal-000000000003.jsonl')
    expect(backupWritten, log2.join('\n')).toBeGreaterThanOrEqual(0)
    expect(drop, log2.join('\n')).toBeGreaterThan(backupWritten)
  })

  it('removes temp files a crash left behind, at open', async () => {
    const dir = await folder()
    await mkdir(join(dir, 'backups'))
    await writeFile(join(dir, 'db.json.4242-0123456789ab.tmp'), 'half a snapsh')
    await writeFile(join(dir, 'backups', 'db-2024-01-01T00-00-00-000Z.json.4242-0123456789ab.tmp'), 'half')
    await writeFile(join(dir, 'notes.txt'), 'not ours')
    const store = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    await store.close()
    expect((await readdir(dir)).sort()).toEqual(['backups', 'db.json', 'db.json.sha256', 'journal.jsonl', 'notes.txt'])
    expect(await readdir(join(dir, 'backups'))).toEqual([])
  })
})
