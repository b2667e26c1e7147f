// @vitest-environment node
/**
 * Every way the data folder can be damaged, one row each: damage, restart, and check that the app
 * starts (or refuses with a clear message), that every acknowledged write is either there or inside a
 * kept file the recovery report names, and that the damaged original is kept byte-identical.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NewerSchemaError, openStore } from '../../../src/main/store'
import type { RecoveryReport, Store } from '../../../src/main/store'
import { sealLine } from '../../../src/main/store/journal-line'
import { fakeSchema, note, tempDir } from './fake-schema'
import type { FakeDb } from './fake-schema'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

const NOW = new Date('2024-05-01T10:00:00.000Z')
const open = (dir: string, extra: Partial<Parameters<typeof openStore<FakeDb>>[0]> = {}): Promise<Store<FakeDb>> =>
  openStore({ dir, schema: fakeSchema(), backupOnOpen: false, now: () => NOW, ...extra })

/**
 * The folder every row starts from: "a" in db.json and in the one backup; "b", "c", "d" acknowledged
 * in journal.jsonl (seq 2, 3, 4) on top of it. Sessions are separate so nothing depends on timing.
 */
async function baseFolder(): Promise<string> {
  const t = await tempDir('matrix')
  cleanups.push(t.cleanup)
  const { dir } = t
  const s1 = await open(dir, { now: () => new Date('2024-04-01T08:00:00.000Z') })
  await s1.commit({ puts: [note('a')] })
  await s1.close()
  const s2 = await open(dir, { backupOnOpen: true, now: () => new Date('2024-04-02T08:00:00.000Z') })
  await s2.close()
  const s3 = await open(dir, { compactOnCloseMaxBytes: 0, backupIntervalMs: Infinity })
  for (const id of ['b', 'c', 'd']) await s3.commit({ puts: [note(id)] })
  await s3.close()
  return dir
}

const ACKED = ['a', 'b', 'c', 'd']
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
const journalLines = async (dir: string): Promise<string[]> => (await readFile(join(dir, 'journal.jsonl'), 'utf8')).split('\n').slice(0, -1)
const writeLines = (dir: string, lines: string[], tail = ''): Promise<void> => writeFile(join(dir, 'journal.jsonl'), `${lines.map((l) => `${l}\n`).join('')}${tail}`)
const sealed = (seq: number, puts: unknown[]): string => sealLine(`{"seq":${seq},"puts":${JSON.stringify(puts)}`)
const dbDoc = async (dir: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')) as Record<string, unknown>
const writeDoc = (dir: string, doc: unknown): Promise<void> => writeFile(join(dir, 'db.json'), JSON.stringify(doc))

interface Row {
  name: string
  /** damages the folder; returns the path (relative) of the original whose bytes must be kept, if any */
  damage: (dir: string) => Promise<void>
  /** acknowledged ids that must be live after the restart (default: all) */
  present?: string[]
  /** true: a recovery must be reported; false: none */
  reported: boolean
  /** the first kept file starts with this */
  kept?: RegExp
  /** every skipped line's reason */
  skippedReasons?: string[]
  missing?: Array<{ from: number; to: number }>
}

const dbRows: Row[] = [
  { name: 'db.json truncated', damage: async (d) => writeFile(join(d, 'db.json'), (await readFile(join(d, 'db.json'))).subarray(0, 20)), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json NUL-filled', damage: async (d) => writeFile(join(d, 'db.json'), Buffer.alloc((await readFile(join(d, 'db.json'))).length)), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json bad JSON', damage: (d) => writeFile(join(d, 'db.json'), '{"schemaVersion":1,"notes":[}'), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json empty', damage: (d) => writeFile(join(d, 'db.json'), ''), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json collection null', damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), notes: null }), reported: true, kept: /^db\.json\.damaged-/ },
  {
    name: 'db.json collection null, sidecar updated to match',
    damage: async (d) => {
      const bytes = Buffer.from(JSON.stringify({ ...(await dbDoc(d)), notes: null }))
      await writeFile(join(d, 'db.json'), bytes)
      await writeFile(join(d, 'db.json.sha256'), sha(bytes))
    },
    reported: true,
    kept: /^db\.json\.damaged-/,
  },
  {
    name: 'db.json collection missing',
    damage: async (d) => {
      const { notes: _n, ...rest } = await dbDoc(d)
      await writeDoc(d, rest)
    },
    reported: true,
    kept: /^db\.json\.damaged-/,
  },
  { name: 'db.json collection a string', damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), notes: 'a,b' }), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json collection an object', damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), notes: { a: { id: 'a', text: 'x' } } }), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json settings null', damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), settings: null }), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json a record failing the schema', damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), notes: [{ id: 'a', text: 7 }] }), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json journalSeq not a number', damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), journalSeq: 'one' }), reported: true, kept: /^db\.json\.damaged-/ },
  { name: 'db.json journalSeq negative', damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), journalSeq: -4 }), reported: true, kept: /^db\.json\.damaged-/ },
  {
    // Hand-edited (the sidecar no longer matches): it claims entries it does not hold. Trusting the
    // claim would hide b, c and d; it is damage, and the backup plus the whole journal restore them.
    name: 'db.json journalSeq ahead of what it holds: the writes it hides are recovered',
    damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), journalSeq: 99 }),
    reported: true,
    kept: /^db\.json\.damaged-/,
  },
  {
    name: 'db.json journalSeq behind the journal: entries replayed again (same result), the gap before them reported',
    damage: async (d) => writeDoc(d, { ...(await dbDoc(d)), journalSeq: 0 }),
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    missing: [{ from: 1, to: 1 }],
  },
  {
    name: 'db.json a directory',
    damage: async (d) => {
      await rm(join(d, 'db.json'))
      await mkdir(join(d, 'db.json'))
    },
    reported: true,
    kept: /^db\.json\.damaged-/,
  },
]

const journalRows: Row[] = [
  {
    name: 'journal NUL-filled',
    damage: async (d) => writeFile(join(d, 'journal.jsonl'), Buffer.alloc((await readFile(join(d, 'journal.jsonl'))).length)),
    present: ['a'],
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['incomplete'],
  },
  {
    name: 'journal torn tail (never acknowledged)',
    damage: async (d) => writeLines(d, await journalLines(d), '{"seq":5,"puts":[["notes",{"id":"e","te'),
    reported: false,
  },
  {
    name: 'journal corrupted last complete line',
    damage: async (d) => {
      const lines = await journalLines(d)
      lines[2] = lines[2].replace('text of d', 'text of D')
      await writeLines(d, lines)
    },
    present: ['a', 'b', 'c'],
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['checksum'],
  },
  {
    name: 'journal corrupted middle line',
    damage: async (d) => {
      const lines = await journalLines(d)
      lines[1] = lines[1].slice(0, 10) + '\u0000\u0000' + lines[1].slice(12)
      await writeLines(d, lines)
    },
    present: ['a', 'b', 'd'],
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['checksum'],
  },
  {
    name: 'journal duplicated line',
    damage: async (d) => {
      const lines = await journalLines(d)
      await writeLines(d, [lines[0], lines[1], lines[1], lines[2]])
    },
    reported: false,
  },
  {
    name: 'journal two lines claiming one seq with different content',
    damage: async (d) => writeLines(d, [...(await journalLines(d)), sealed(4, [['notes', { id: 'x', text: 'other' }]])]),
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['conflicting-seq'],
  },
  {
    name: 'journal schema-invalid entry at the end',
    damage: async (d) => writeLines(d, [...(await journalLines(d)), sealed(5, [['notes', { id: 'bad' }]])]),
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['schema'],
  },
  {
    name: 'journal schema-invalid entry in the middle',
    damage: async (d) => {
      const [b, , ...rest] = await journalLines(d)
      // c's line replaced by an entry the schema refuses; d after it must survive.
      await writeLines(d, [b, sealed(3, [['notes', { id: 'c', text: 3 }]]), ...rest])
    },
    present: ['a', 'b', 'd'],
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['schema'],
  },
  {
    name: 'journal unknown collection name',
    damage: async (d) => {
      const lines = await journalLines(d)
      lines[2] = sealLine(lines[2].slice(0, lines[2].lastIndexOf(',"crc"')).replace('["notes",', '["notez",'))
      await writeLines(d, lines)
    },
    present: ['a', 'b', 'c'],
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['unknown-collection'],
  },
  {
    name: 'journal seq gap',
    damage: async (d) => writeLines(d, [...(await journalLines(d)), sealed(7, [['notes', { id: 'g', text: 'g' }]])]),
    present: ['a', 'b', 'c', 'd', 'g'],
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    missing: [{ from: 5, to: 6 }],
  },
  {
    name: 'journal checksum mismatch on an otherwise valid line',
    damage: async (d) => {
      const lines = await journalLines(d)
      lines[0] = lines[0].replace(/"crc":"[0-9a-f]{8}"/, '"crc":"00000000"')
      await writeLines(d, lines)
    },
    present: ['a', 'c', 'd'],
    reported: true,
    kept: /^journal\.jsonl\.damaged-/,
    skippedReasons: ['checksum'],
  },
  {
    name: 'journal lines of the previous version (no checksum) are still read',
    damage: async (d) => writeLines(d, [JSON.stringify({ seq: 2, puts: [['notes', { id: 'b', text: 'old b' }]] }), ...(await journalLines(d)).slice(1)]),
    reported: false,
  },
]

const backupRows: Row[] = [
  {
    name: 'newest backup damaged (db.json fine): starts normally',
    damage: async (d) => {
      const [newest] = (await readdir(join(d, 'backups'))).sort().reverse()
      await writeFile(join(d, 'backups', newest), '{"schemaVersion":')
    },
    reported: false,
  },
  {
    name: 'db.json and every backup damaged: the journal alone, the rest kept aside',
    damage: async (d) => {
      await writeFile(join(d, 'db.json'), Buffer.alloc(64))
      for (const b of await readdir(join(d, 'backups'))) await writeFile(join(d, 'backups', b), 'x')
    },
    // "a" lived only in db.json and the backup, both destroyed by the disk: nothing can bring it back,
    // but the report says so and the damaged db.json is kept.
    present: ['b', 'c', 'd'],
    reported: true,
    kept: /^db\.json\.damaged-/,
    missing: [{ from: 1, to: 1 }],
  },
  {
    name: 'db.json damaged and the backups folder missing',
    damage: async (d) => {
      await writeFile(join(d, 'db.json'), '{"schemaVersion":1,"notes":[{"id":"a","text":"text of a"}')
      await rm(join(d, 'backups'), { recursive: true })
    },
    present: ['b', 'c', 'd'],
    reported: true,
    kept: /^db\.json\.damaged-/,
    missing: [{ from: 1, to: 1 }],
  },
]

async function keptText(dir: string, report: RecoveryReport): Promise<string> {
  let text = ''
  for (const f of report.damagedFiles) {
    const s = await stat(join(dir, f))
    if (s.isFile()) text += (await readFile(join(dir, f))).toString('latin1')
  }
  return text
}

function runRow(row: Row): void {
  it(row.name, async () => {
    const dir = await baseFolder()
    await row.damage(dir)
    const before = new Map<string, Buffer | 'dir'>()
    for (const name of ['db.json', 'journal.jsonl']) {
      const s = await stat(join(dir, name)).catch(() => null)
      if (s) before.set(name, s.isDirectory() ? 'dir' : await readFile(join(dir, name)))
    }

    const store = await open(dir)
    const ids = store.data.notes.map((n) => n.id)
    const present = row.present ?? ACKED
    expect(ids).toEqual(expect.arrayContaining(present))
    const report = store.status().recovered
    if (!row.reported) {
      expect(report).toBeNull()
    } else {
      expect(report).not.toBeNull()
      const r = report as RecoveryReport
      expect(r.damagedFiles.length).toBeGreaterThan(0)
      if (row.kept) expect(r.damagedFiles.some((f) => row.kept?.test(f))).toBe(true)
      // The kept original is byte-identical to what was damaged.
      for (const kept of r.damagedFiles) {
        const original = kept.replace(/\.damaged-.*$/, '')
        const was = before.get(original)
        if (was === 'dir') expect((await stat(join(dir, kept))).isDirectory()).toBe(true)
        else if (was) expect((await readFile(join(dir, kept))).equals(was)).toBe(true)
      }
      if (row.skippedReasons) expect(r.skippedEntries.map((s) => s.reason.replace(/:.*$/s, ''))).toEqual(row.skippedReasons)
      for (const s of r.skippedEntries) expect(r.damagedFiles).toContain(s.file)
      expect(r.missingEntries).toEqual(row.missing ?? [])
      // An acknowledged write that is not live must be readable in a kept file the report names.
      const lost = ACKED.filter((id) => !ids.includes(id))
      const kept = await keptText(dir, r)
      const beyondRepair = row.name.startsWith('db.json and every backup') || row.name.includes('NUL-filled')
      for (const id of lost) if (!beyondRepair) expect(kept).toContain(`"id":"${id}"`)
    }

    // It goes on working, and what it recovered is durable.
    await store.commit({ puts: [note('after')] })
    await store.close()
    const again = await open(dir)
    expect(again.data.notes.map((n) => n.id)).toEqual(expect.arrayContaining([...present, 'after']))
    // The report stays until dismissed.
    expect(again.status().recovered === null).toBe(!row.reported)
    await again.dismissRecovery()
    await again.close()
    const third = await open(dir)
    expect(third.status().recovered).toBeNull()
    await third.close()
  })
}

describe('damage matrix: db.json', () => dbRows.forEach(runRow))
describe('damage matrix: journal', () => journalRows.forEach(runRow))
describe('damage matrix: backups', () => backupRows.forEach(runRow))

describe('damage matrix: refusals', () => {
  it('db.json from a newer version: refused with a clear message, nothing touched', async () => {
    const dir = await baseFolder()
    const doc = { ...(await dbDoc(dir)), schemaVersion: 9 }
    await writeDoc(dir, doc)
    const files = (await readdir(dir)).sort()
    const bytes = await readFile(join(dir, 'db.json'))
    await expect(open(dir)).rejects.toThrow(NewerSchemaError)
    await expect(open(dir)).rejects.toThrow(/schema version 9.*Install the newer version/)
    expect((await readdir(dir)).sort()).toEqual(files)
    expect((await readFile(join(dir, 'db.json'))).equals(bytes)).toBe(true)
  })
})
