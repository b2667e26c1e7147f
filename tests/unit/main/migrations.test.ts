// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { dbSchema, SCHEMA_VERSION } from '../../../src/main/db/schema'
import { migrations } from '../../../src/main/db/migrations'

const at = '2024-05-01T08:00:00.000Z'

/** A file as the first version wrote it: no schemaVersion, no attachments, no tags/notes/tombstones. */
const v0 = {
  settings: { school: 'School of Resources and Environment' },
  organizations: [{ id: 'o1', name: 'Naham', kind: 'enterprise', industry: '', city: 'Shanghai', province: '', address: '', website: '', alumniFounded: true, createdAt: at, updatedAt: at }],
  contacts: [], staff: [], trips: [], agreements: [], alumniGroups: [], followUps: [],
  activities: [{
    id: 'a1', tripId: null, date: '2024-04-30', period: 'morning', kind: 'enterpriseVisit', title: 'Visit Naham', city: 'Shanghai', location: '',
    organizationIds: ['o1'], contactIds: [], staffIds: [], topics: '', outcomes: '', agreementIds: [], alumniGroupIds: [],
    positions: '5 posts: process engineer', major: 'Process Equipment and Control Engineering', createdAt: at, updatedAt: at,
  }],
}

describe('migrations', () => {
  it('are numbered 1..current without gaps', () => {
    expect(Object.keys(migrations).map(Number)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))
  })

  it('1: gives every record the common fields and adds the attachments collection', () => {
    const v1 = migrations[1](structuredClone(v0))
    expect(v1.schemaVersion).toBe(1)
    expect(v1.attachments).toEqual([])
    expect((v1.organizations as Array<Record<string, unknown>>)[0]).toMatchObject({ tags: [], notes: '', deletedAt: null, alumniFounded: true })
  })

  it('2: moves the free-text positions and major of a visit into the reported fields', () => {
    const v2 = migrations[2](migrations[1](structuredClone(v0)))
    expect(v2.schemaVersion).toBe(2)
    const a = (v2.activities as Array<Record<string, unknown>>)[0]
    expect(a).toMatchObject({ positionsOffered: 5, majorsWanted: ['Process Equipment and Control Engineering'], visitMethod: 'onSite' })
    expect(a).not.toHaveProperty('positions')
    expect(a).not.toHaveProperty('major')
  })

  it('3: keeps a recorded number of positions, even 0, and adds the new fields empty', () => {
    const v2 = migrations[2](migrations[1](structuredClone(v0)))
    const zero = structuredClone(v2)
    ;(zero.activities as Array<Record<string, unknown>>)[0].positionsOffered = 0
    const v3 = migrations[3](zero)
    expect(v3.schemaVersion).toBe(3)
    const a = (v3.activities as Array<Record<string, unknown>>)[0]
    expect(a).toMatchObject({ positionsOffered: 0, startTime: '', endTime: '', outcomesEn: '', attendeesCount: null, alumniAttendeesCount: null })
    expect((v3.organizations as Array<Record<string, unknown>>)[0]).toMatchObject({ nameEn: '', name: 'Naham' })
    const missing = structuredClone(v2)
    delete (missing.activities as Array<Record<string, unknown>>)[0].positionsOffered
    expect((migrations[3](missing).activities as Array<Record<string, unknown>>)[0].positionsOffered).toBeNull()
  })

  it('3: leaves the days of a trip and the honorific of a contact alone', () => {
    const v2 = migrations[2](migrations[1](structuredClone(v0)))
    v2.trips = [{ id: 't1', title: 'T', days: [{ date: '2024-05-01', transport: '高铁', lodging: '' }] }]
    v2.contacts = [{ id: 'c1', name: '詹益斌', honorific: '博士' }]
    const v3 = migrations[3](v2)
    expect((v3.trips as Array<Record<string, unknown>>)[0]).toMatchObject({ titleEn: '', days: [{ transport: '高铁' }] })
    expect((v3.contacts as Array<Record<string, unknown>>)[0]).toMatchObject({ honorific: '博士', positionEn: '' })
  })

  it('4: gives organisations empty aliases and credit code and adds the import history', () => {
    let data: Record<string, unknown> = structuredClone(v0)
    for (let v = 1; v <= 3; v++) data = migrations[v](data)
    const v4 = migrations[4](data)
    expect(v4.schemaVersion).toBe(4)
    expect(v4.importBatches).toEqual([])
    expect((v4.organizations as Array<Record<string, unknown>>)[0]).toMatchObject({ name: 'Naham', aliases: [], creditCode: '' })
  })

  it('6: gives every record an empty mergedInto and adds the merge history and the not-duplicates list', () => {
    let data: Record<string, unknown> = structuredClone(v0)
    for (let v = 1; v <= 5; v++) data = migrations[v](data)
    const v6 = migrations[6](data)
    expect(v6.schemaVersion).toBe(6)
    expect(v6.merges).toEqual([])
    expect(v6.distinctPairs).toEqual([])
    expect((v6.organizations as Array<Record<string, unknown>>)[0]).toMatchObject({ name: 'Naham', mergedInto: null })
    expect((v6.activities as Array<Record<string, unknown>>)[0]).toMatchObject({ mergedInto: null, organizationIds: ['o1'] })
    // a record some later writer already marked keeps its mark
    const marked = structuredClone(data)
    ;(marked.organizations as Array<Record<string, unknown>>)[0].mergedInto = 'o9'
    expect((migrations[6](marked).organizations as Array<Record<string, unknown>>)[0].mergedInto).toBe('o9')
  })

  it('7: gives every record its merge version, the same on two laptops for the same record, and adds the exchange log', () => {
    let data: Record<string, unknown> = structuredClone(v0)
    for (let v = 1; v <= 6; v++) data = migrations[v](data)
    const v7 = migrations[7](data)
    expect(v7.schemaVersion).toBe(7)
    expect(v7.exchanges).toEqual([])
    const org = (v7.organizations as Array<Record<string, unknown>>)[0]
    const sync = org.sync as { vv: Record<string, number>; d: [string, number, string] }
    expect(Object.values(sync.vv)).toEqual([1])
    expect(sync.d[0]).toMatch(/^h:[0-9a-f]{12}$/)
    // The same record upgraded on another laptop (keys in another order) gets the same version; one changed before the upgrade does not.
    const reordered = Object.fromEntries(Object.entries(data.organizations as object).map(([k, v]) => [k, Object.fromEntries(Object.entries(v as object).reverse())]))
    const again = migrations[7]({ ...structuredClone(data), organizations: Object.values(reordered) })
    expect((again.organizations as Array<Record<string, unknown>>)[0].sync).toEqual(sync)
    const changed = structuredClone(data)
    ;(changed.organizations as Array<Record<string, unknown>>)[0].city = '无锡'
    expect(((migrations[7](changed).organizations as Array<Record<string, unknown>>)[0].sync as typeof sync).d[0]).not.toBe(sync.d[0])
    // every record, in every collection, validates with its metadata (at the current version)
    expect(() => dbSchema.validate(migrations[8](v7))).not.toThrow()
  })

  it('8: an attachment added before the report flag existed stays out of the report; one that says keeps its choice', () => {
    let data: Record<string, unknown> = structuredClone(v0)
    for (let v = 1; v <= 7; v++) data = migrations[v](data)
    const base = { recordType: 'organizations', recordId: 'o1', fileName: 'a.jpg', mime: 'image/jpeg', size: 3, sha256: 'a'.repeat(64), caption: '', createdAt: at, updatedAt: at, tags: [], notes: '', deletedAt: null }
    data.attachments = [{ ...base, id: 'x1' }, { ...base, id: 'x2', inReport: true }]
    const v8 = migrations[8](data)
    expect(v8.schemaVersion).toBe(8)
    expect((v8.attachments as Array<Record<string, unknown>>).map((a) => a.inReport)).toEqual([false, true])
  })

  it('bring a version-0 file to a database that validates', () => {
    let data: Record<string, unknown> = structuredClone(v0)
    for (let v = 1; v <= SCHEMA_VERSION; v++) data = migrations[v](data)
    const db = dbSchema.validate(data)
    expect(db.activities[0].positionsOffered).toBe(5)
    expect(db.settings.language).toBe('zh-CN')
  })

  it('5: a date the app now refuses (year 9999, 0202) is brought to the range and noted, so the file still opens', () => {
    let data: Record<string, unknown> = structuredClone(v0)
    const trip = { id: 't1', title: 'Typo trip', startDate: '2025-12-02', endDate: '9999-12-05', createdAt: at, updatedAt: at }
    data.trips = [trip]
    ;(data.activities as Array<Record<string, unknown>>)[0].date = '0202-04-30'
    for (let v = 1; v <= SCHEMA_VERSION; v++) data = migrations[v](data)
    const db = dbSchema.validate(data)
    expect(db.trips[0]).toMatchObject({ startDate: '2025-12-02', endDate: '2199-12-31' })
    expect(db.trips[0].notes).toContain('endDate 9999-12-05 → 2199-12-31')
    expect(db.activities[0].date).toBe('1900-01-01')
    expect(db.activities[0].notes).toContain('0202-04-30')
    // Records with nothing out of range are untouched.
    expect(db.organizations[0].notes).toBe('')
  })

  it('validation names what is wrong', () => {
    expect(() => dbSchema.validate({ ...dbSchema.empty(), organizations: [{ id: 'x' }] })).toThrow(/organizations\.0\.\w+/)
  })
})
