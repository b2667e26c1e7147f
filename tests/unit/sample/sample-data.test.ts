// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { collections, linkedIds, links, type CollectionName } from '../../../src/shared/collections'
import { settingsUpdate } from '../../../src/shared/domain'

/** The collections a sample file holds (attachments are not part of the sample). */
const SAMPLE_COLLECTIONS = [
  'staff', 'organizations', 'contacts', 'trips', 'activities', 'agreements', 'alumniGroups', 'followUps',
] as const satisfies readonly CollectionName[]
type SampleCollection = (typeof SAMPLE_COLLECTIONS)[number]

type SampleRecord = { id: string } & Record<string, unknown>
type SampleFile = { settings: Record<string, unknown> } & Record<SampleCollection, SampleRecord[]>

const FILES = ['sample-trip.en.json', 'sample-trip.zh-CN.json'] as const

function load(name: string): SampleFile {
  const url = new URL(`../../../resources/${name}`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as SampleFile
}

const samples = Object.fromEntries(FILES.map((f) => [f, load(f)])) as Record<(typeof FILES)[number], SampleFile>

function idsOf(file: SampleFile, name: SampleCollection): string[] {
  return file[name].map((r) => r.id)
}

/** Fields whose values are the same in every language: enums, dates, numbers, booleans, links. */
const LANGUAGE_NEUTRAL = new Set([
  'kind', 'period', 'visitMethod', 'status', 'category', 'role', 'intentions', 'scope', 'degree',
  'date', 'startDate', 'endDate', 'signedDate', 'unveiledDate', 'establishedDate', 'dueDate',
])
function neutral(value: unknown, key: string, ids: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => neutral(v, key, ids))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutral(v, k, ids)]))
  }
  if (typeof value === 'string') return LANGUAGE_NEUTRAL.has(key) || ids.has(value) ? value : '<text>'
  return value
}

for (const fileName of FILES) {
  describe(`resources/${fileName}`, () => {
    const file = samples[fileName]

    it('has exactly the settings and the sample collections', () => {
      expect(Object.keys(file).sort()).toEqual(['settings', ...SAMPLE_COLLECTIONS].sort())
    })

    it('has settings that are a valid partial Settings', () => {
      const parsed = settingsUpdate.safeParse(file.settings)
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
      expect(file.settings).toMatchObject({
        university: expect.any(String), school: expect.any(String), office: expect.any(String),
        signatures: { source: expect.any(String), editor: expect.any(String), reviewer: expect.any(String) },
      })
    })

    for (const name of SAMPLE_COLLECTIONS) {
      it(`${name}: every element parses with the collection's input schema, with no unknown field`, () => {
        const known = new Set(Object.keys(collections[name].shape.shape))
        expect(file[name].length).toBeGreaterThan(0)
        for (const { id, ...fields } of file[name]) {
          expect(id, `${name} element without an id`).toMatch(/^[a-z0-9][a-z0-9-]*$/)
          const parsed = collections[name].input.safeParse(fields)
          expect(parsed.success, `${name}/${id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
          const unknown = Object.keys(fields).filter((k) => !known.has(k))
          expect(unknown, `${name}/${id} has unknown fields`).toEqual([])
        }
      })
    }

    it('has unique ids across the whole file', () => {
      const all = SAMPLE_COLLECTIONS.flatMap((name) => idsOf(file, name))
      expect(new Set(all).size).toBe(all.length)
    })

    it('links only to ids present in the file', () => {
      const present = Object.fromEntries(SAMPLE_COLLECTIONS.map((n) => [n, new Set(idsOf(file, n))])) as Record<
        SampleCollection,
        Set<string>
      >
      let checked = 0
      for (const link of links) {
        if (link.from === 'attachments' || link.to === 'attachments') continue
        const from = link.from as SampleCollection
        const to = link.to as SampleCollection
        for (const record of file[from]) {
          for (const { id, at } of linkedIds(record, link.path)) {
            checked++
            expect(present[to].has(id), `${from}/${record.id}.${at} -> missing ${to}/${id}`).toBe(true)
          }
        }
      }
      expect(checked).toBeGreaterThan(50)
    })

    it('holds the facts the reference report counts', () => {
      const visited = new Set(
        file.activities
          .filter((a) => a.kind === 'enterpriseVisit' || a.kind === 'meeting')
          .flatMap((a) => a.organizationIds as string[]),
      )
      expect(visited.size).toBe(8)

      const bases = file.agreements.filter((a) => a.kind === 'internshipBase')
      expect(bases).toHaveLength(1)
      expect(bases[0].unveiledDate).toBe('2025-12-05')

      expect(file.alumniGroups.filter((g) => g.kind === 'liaisonOffice')).toHaveLength(2)

      const dates = new Set(file.activities.map((a) => a.date))
      for (const d of ['2025-12-03', '2025-12-04', '2025-12-05']) expect(dates.has(d), d).toBe(true)

      expect(file.trips).toHaveLength(1)
      const [trip] = file.trips
      expect([trip.startDate, trip.endDate]).toEqual(['2025-12-02', '2025-12-05'])
      expect(trip.members).toHaveLength(4)
      expect(trip.objectives).toHaveLength(3)
      for (const a of file.activities) {
        expect(a.tripId).toBe(trip.id)
        expect((a.date as string) >= (trip.startDate as string) && (a.date as string) <= (trip.endDate as string)).toBe(true)
        expect(a.positionsOffered, 'the report gives no position numbers: unknown, not 0').toBeNull()
      }
      expect(file.followUps).toHaveLength(5)
    })
  })
}

describe('both sample files', () => {
  const [en, zh] = FILES.map((f) => samples[f])

  it('have the same ids in every collection, in the same order', () => {
    for (const name of SAMPLE_COLLECTIONS) expect(idsOf(zh, name), name).toEqual(idsOf(en, name))
  })

  it('differ only in their texts: links, dates, enums and numbers are the same', () => {
    const ids = new Set(SAMPLE_COLLECTIONS.flatMap((n) => idsOf(en, n)))
    for (const name of SAMPLE_COLLECTIONS) {
      expect(neutral(zh[name], '', ids), name).toEqual(neutral(en[name], '', ids))
    }
  })

  it('are actually translated: the Chinese file names people and organisations in Chinese', () => {
    for (const name of ['staff', 'organizations', 'contacts', 'alumniGroups'] as const) {
      for (const r of zh[name]) expect(r.name as string, `${name}/${r.id}`).toMatch(/[\u4e00-\u9fff]/)
    }
    for (const r of en.organizations) expect(r.name as string).not.toMatch(/[\u4e00-\u9fff]/)
  })
})
