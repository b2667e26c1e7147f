// @vitest-environment node
// Two laptops, each a real app on its own data folder, exchanging packages through the router.
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { COLLECTION_NAMES } from '../../../src/shared/collections'
import { writePackage } from '../../../src/main/exchange/package-file'
import { SCHEMA_VERSION } from '../../../src/main/db/schema'
import { createTurns } from '../../../src/main/turns'
import { openTestApp } from '../helpers'
import type { TestApp } from '../helpers'

let apps: TestApp[] = []
afterEach(async () => {
  await Promise.all(apps.map((a) => a.destroy()))
  apps = []
})

async function laptops(n = 2): Promise<TestApp[]> {
  apps = await Promise.all(Array.from({ length: n }, () => openTestApp()))
  await Promise.all(apps.map((a, i) => a.call('settings.update', { deviceLabel: `Laptop ${'ABC'[i]}` })))
  return apps
}

async function packageOf(app: TestApp, input: { scope?: { kind: 'all' } | { kind: 'trip'; tripId: string }; passphrase?: string } = {}): Promise<{ fileName: string; data: string }> {
  const prepared = app.core.exporter.prepare('exchange.package', { scope: input.scope ?? { kind: 'all' }, ...(input.passphrase ? { passphrase: input.passphrase } : {}) })
  if (!prepared.ok) throw new Error(prepared.error.message)
  const chunks: Buffer[] = []
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk)
      done()
    },
  })
  await prepared.job.write(out)
  return { fileName: prepared.job.fileName, data: Buffer.concat(chunks).toString('base64') }
}

/** Sends everything `from` holds to `to` and applies it. */
async function send(from: TestApp, to: TestApp) {
  const preview = await to.call('exchange.open', await packageOf(from))
  await to.call('exchange.apply', { sessionId: preview.sessionId })
  return preview
}

/** What a person sees of every register: the values, without this copy's bookkeeping. */
function content(app: TestApp) {
  const out: Record<string, unknown[]> = {}
  for (const c of COLLECTION_NAMES) {
    out[c] = (app.core.store.data[c] as unknown as Array<Record<string, unknown>>)
      .map(({ updatedAt: _u, updatedBy: _b, ...rest }) => rest)
      .sort((x, y) => String(x.id).localeCompare(String(y.id)))
  }
  return out
}

describe('merge packages between two laptops', () => {
  it('a first package brings every record; the same package again changes nothing', async () => {
    const [a, b] = await laptops()
    const org = await a.call('organizations.create', { name: '上海卓然工程', kind: 'enterprise', city: '上海' })
    await a.call('contacts.create', { name: '张伟', organizationId: org.id, phone: '13800000001' })
    const pkg = await packageOf(a)
    expect(pkg.fileName).toMatch(/Laptop A.*\.ldpkg$/)
    const first = await b.call('exchange.open', pkg)
    expect(first.from.label).toBe('Laptop A')
    expect(first.counts).toMatchObject({ new: 2, conflicting: 0 })
    // The preview wrote nothing.
    expect(b.core.store.data.organizations).toEqual([])
    await b.call('exchange.apply', { sessionId: first.sessionId })
    expect(content(b)).toEqual(content(a))
    const again = await b.call('exchange.open', pkg)
    expect(again.counts).toMatchObject({ new: 0, updated: 0, unchanged: 2 })
    const before = b.core.store.revision('contacts')
    await b.call('exchange.apply', { sessionId: again.sessionId })
    expect(b.core.store.revision('contacts')).toBe(before)
    expect((await b.call('exchange.log', {})).map((e) => e.from.label)).toEqual(['Laptop A', 'Laptop A'])
  })

  it('different fields changed on each laptop merge without a conflict, in both directions', async () => {
    const [a, b] = await laptops()
    const c = await a.call('contacts.create', { name: '张伟', phone: '1', email: '' })
    await send(a, b)
    a.tick()
    b.tick()
    await a.call('contacts.update', { id: c.id, changes: { phone: '2' } })
    await b.call('contacts.update', { id: c.id, changes: { email: 'zw@example.cn' } })
    const onB = await send(a, b)
    expect(onB.counts.merged).toBe(1)
    expect(onB.items[0].fields.map((f) => [f.field, f.mine, f.result, f.versions[0].deviceLabel])).toEqual([['phone', '1', '2', 'Laptop A']])
    await send(b, a)
    expect(content(a)).toEqual(content(b))
    expect(a.core.store.get('contacts', c.id)).toMatchObject({ phone: '2', email: 'zw@example.cn' })
  })

  it('the same field changed on both is a conflict both laptops show; a resolution on one travels and ends it on the other', async () => {
    const [a, b] = await laptops()
    const c = await a.call('contacts.create', { name: '张伟', phone: '1' })
    await send(a, b)
    a.tick()
    await a.call('contacts.update', { id: c.id, changes: { phone: '021-1111' } })
    b.tick(-86_400_000) // B's clock is a day behind: it loses nothing
    await b.call('contacts.update', { id: c.id, changes: { phone: '021-2222' } })
    const onB = await send(a, b)
    expect(onB.counts.conflicting).toBe(1)
    await send(b, a)
    for (const app of [a, b]) expect(await app.call('exchange.conflicts', {})).toEqual([{ collection: 'contacts', id: c.id, name: '张伟', fields: ['phone'], deleted: false }])
    const detail = await b.call('exchange.conflict', { collection: 'contacts', id: c.id })
    expect(detail.fields[0].versions.map((v) => [v.value, v.deviceLabel]).sort()).toEqual([['021-1111', 'Laptop A'], ['021-2222', 'Laptop B']])
    expect(detail.fields[0].ancestor).toEqual({ known: true, value: '1' })
    const pick = detail.fields[0].versions.findIndex((v) => v.value === '021-2222')
    await b.call('exchange.resolve', { collection: 'contacts', id: c.id, choices: { phone: { pick } }, expectedUpdatedAt: detail.updatedAt })
    expect(await b.call('exchange.conflicts', {})).toEqual([])
    const back = await send(b, a)
    expect(back.counts.updated).toBe(1)
    expect(await a.call('exchange.conflicts', {})).toEqual([])
    expect(a.core.store.get('contacts', c.id)).toMatchObject({ phone: '021-2222' })
    expect(content(a)).toEqual(content(b))
  })

  it('a delete on one laptop against an edit on the other is a visible conflict; neither is lost', async () => {
    const [a, b] = await laptops()
    const f = await a.call('followUps.create', { title: '推进实习基地', category: 'internship' })
    await send(a, b)
    a.tick()
    b.tick()
    await a.call('followUps.delete', { id: f.id })
    await b.call('followUps.update', { id: f.id, changes: { result: '已签约' } })
    const onB = await send(a, b)
    expect(onB.counts.conflicting).toBe(1)
    const [summary] = await b.call('exchange.conflicts', {})
    expect(summary).toMatchObject({ id: f.id, deleted: true, fields: ['result'] })
    const detail = await b.call('exchange.conflict', { collection: 'followUps', id: f.id })
    expect(detail.fields[0].versions.map((v) => v.value).sort()).toEqual(['', '已签约'])
  })

  it('refuses a wrong passphrase, a tampered package and invalid records whole, writing nothing', async () => {
    const [a, b] = await laptops()
    await a.call('organizations.create', { name: '上海卓然工程' })
    const sealed = await packageOf(a, { passphrase: 'correct horse' })
    const wrong = await b.raw('exchange.open', { ...sealed, passphrase: 'wrong' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { passphrase: ['package.wrong-passphrase'] } } })
    const none = await b.raw('exchange.open', sealed)
    expect(none).toMatchObject({ ok: false, error: { fieldErrors: { passphrase: ['package.passphrase-needed'] } } })
    const ok = await b.call('exchange.open', { ...sealed, passphrase: 'correct horse' })
    expect(ok.counts.new).toBe(1)
    const bytes = Buffer.from((await packageOf(a)).data, 'base64')
    bytes[bytes.length - 40] ^= 1
    const tampered = await b.raw('exchange.open', { fileName: 'x.ldpkg', data: bytes.toString('base64') })
    expect(tampered).toMatchObject({ ok: false, error: { fieldErrors: { data: ['package.damaged'] } } })
    // Made by hand: one record without its name, and a package from a newer schema.
    const good = a.core.store.data.organizations[0]
    const meta = { createdAt: '2026-11-20T00:00:00.000Z', device: { id: 'dOTHER', label: 'Other' }, scope: { kind: 'all' as const } }
    const invalid = await writePackage({ ...meta, schemaVersion: SCHEMA_VERSION }, { records: { organizations: [good, { ...good, id: 'o2', name: '' }] }, devices: {} })
    const refused = await b.raw('exchange.open', { fileName: 'bad.ldpkg', data: invalid.toString('base64') })
    expect(refused).toMatchObject({ ok: false, error: { fieldErrors: { data: ['package.invalid'] } } })
    expect(refused.ok ? '' : refused.error.message).toContain('organizations[1].name')
    const newer = await writePackage({ ...meta, schemaVersion: SCHEMA_VERSION + 1 }, { records: {}, devices: {} })
    expect(await b.raw('exchange.open', { fileName: 'new.ldpkg', data: newer.toString('base64') })).toMatchObject({ ok: false, error: { fieldErrors: { data: ['package.newer-schema'] } } })
    const own = await a.raw('exchange.open', await packageOf(a))
    expect(own).toMatchObject({ ok: false, error: { fieldErrors: { data: ['package.own'] } } })
    expect(b.core.store.data.organizations).toEqual([])
  })

  it('one trip travels with the organisations, people, staff and outcomes it links to, and nothing else', async () => {
    const [a, b] = await laptops()
    const leader = await a.call('staff.create', { name: '李老师' })
    const org = await a.call('organizations.create', { name: '上海卓然工程' })
    const person = await a.call('contacts.create', { name: '张伟', organizationId: org.id })
    const other = await a.call('organizations.create', { name: '无关单位' })
    const trip = await a.call('trips.create', { title: '上海访企', startDate: '2026-11-20', endDate: '2026-11-21', leaderId: leader.id })
    const visit = await a.call('activities.create', { tripId: trip.id, date: '2026-11-20', kind: 'enterpriseVisit', title: '走访卓然', contactIds: [person.id] })
    await a.call('followUps.create', { title: '推进实习', tripId: trip.id, activityId: visit.id, organizationId: org.id })
    const pkg = await packageOf(a, { scope: { kind: 'trip', tripId: trip.id } })
    const preview = await b.call('exchange.open', pkg)
    expect(preview.scope).toEqual({ kind: 'trip', tripId: trip.id, title: '上海访企' })
    expect(preview.counts.new).toBe(6)
    await b.call('exchange.apply', { sessionId: preview.sessionId })
    expect(b.core.store.get('organizations', other.id)).toBeUndefined()
    expect(b.core.store.get('contacts', person.id)).toMatchObject({ organizationId: org.id })
  })

  it('history lists each edit with who and when; an earlier version comes back as a new edit', async () => {
    const [a] = await laptops(1)
    const c = await a.call('contacts.create', { name: '张伟', phone: '1' })
    a.tick()
    await a.call('contacts.update', { id: c.id, changes: { phone: '2' } })
    a.tick()
    const latest = await a.call('contacts.update', { id: c.id, changes: { phone: '3', city: '上海' } })
    const h = await a.call('history.get', { collection: 'contacts', id: c.id })
    expect(h.items.map((i) => [i.kind, i.deviceLabel])).toEqual([['edit', 'Laptop A'], ['edit', 'Laptop A'], ['create', 'Laptop A']])
    expect(h.items[0].changes).toEqual([{ field: 'phone', before: '2', after: '3' }, { field: 'city', before: '', after: '上海' }])
    const second = h.items[1]
    a.tick()
    const back = await a.call('history.restore', { collection: 'contacts', id: c.id, device: second.device, counter: second.counter, expectedUpdatedAt: latest.updatedAt })
    expect(back).toMatchObject({ phone: '2', city: '' })
    a.tick()
    const created = await a.call('history.restore', { collection: 'contacts', id: c.id, device: h.items[2].device, counter: 0, expectedUpdatedAt: back.updatedAt })
    expect(created).toMatchObject({ phone: '1', city: '' })
    const after = await a.call('history.get', { collection: 'contacts', id: c.id })
    expect(after.items[0].kind).toBe('revert')
    expect(after.items).toHaveLength(5)
  })

  it('the same trip entered on two laptops comes together as duplicates: trip, organisation and visit merge with every link following', async () => {
    const [a, b] = await laptops()
    // Each laptop records the trip and its morning visit on its own, not knowing of the other.
    const record = async (app: TestApp, person: string, outcome: string) => {
      const org = await app.call('organizations.create', { name: '上海卓然工程技术股份有限公司', kind: 'enterprise', city: '上海' })
      const contact = await app.call('contacts.create', { name: person, organizationId: org.id })
      const trip = await app.call('trips.create', { title: '赴上海、南通开展校企合作', startDate: '2026-05-06', endDate: '2026-05-08', destinations: ['上海'] })
      const visit = await app.call('activities.create', { tripId: trip.id, date: '2026-05-06', kind: 'enterpriseVisit', title: '走访卓然', organizationIds: [org.id], contactIds: [contact.id], outcomes: outcome })
      return { org, trip, visit }
    }
    const mine = await record(b, '张伟', '就实习基地达成意向。')
    const theirs = await record(a, '李娜', '对方愿提供20个岗位。')
    await send(a, b)
    expect(b.core.store.data.trips.filter((t) => t.deletedAt === null)).toHaveLength(2)
    const counts = await b.call('duplicates.counts', {})
    expect(counts).toMatchObject({ trips: 1, organizations: 1 })

    const [orgPair] = await b.call('duplicates.list', { collection: 'organizations' })
    await b.call('duplicates.merge', { collection: 'organizations', survivorId: orgPair.a.id, otherId: orgPair.b.id, fields: {} })
    const [tripPair] = await b.call('duplicates.list', { collection: 'trips' })
    expect(tripPair.reason).toBe('sameDatesAndTitle')
    await b.call('duplicates.merge', { collection: 'trips', survivorId: mine.trip.id, otherId: theirs.trip.id, fields: {} })
    // Once both visits name one organisation, they are proposed as one visit recorded twice.
    const [visitPair] = await b.call('duplicates.list', { collection: 'activities' })
    expect(visitPair.reason).toBe('sameDayOrganization')
    await b.call('duplicates.merge', { collection: 'activities', survivorId: mine.visit.id, otherId: theirs.visit.id, fields: {} })

    const live = <T extends { deletedAt: string | null }>(list: readonly T[]) => list.filter((r) => r.deletedAt === null)
    expect(live(b.core.store.data.trips).map((t) => t.id)).toEqual([mine.trip.id])
    const visits = live(b.core.store.data.activities)
    expect(visits).toHaveLength(1)
    expect(visits[0]).toMatchObject({ tripId: mine.trip.id, organizationIds: [orgPair.a.id], outcomes: '就实习基地达成意向。\n对方愿提供20个岗位。' })
    // Both people met are kept: neither laptop's record of the visit was wrong.
    expect(visits[0].contactIds.map((id) => b.core.store.get('contacts', id)?.name).sort()).toEqual(['张伟', '李娜'].sort())
    expect(await b.call('duplicates.counts', {})).toMatchObject({ trips: 0, organizations: 0, activities: 0 })

    // The merges travel like any edit: the other laptop ends with the same one trip.
    await send(b, a)
    expect(live(a.core.store.data.trips).map((t) => t.id)).toEqual([mine.trip.id])
    expect(live(a.core.store.data.activities).map((v) => v.id)).toEqual([mine.visit.id])
  })

  it('a field this version does not know (from a newer minor version) survives a local edit and travels on', async () => {
    const [a, b, c] = await laptops(3)
    const org = await a.call('organizations.create', { name: '上海卓然工程' })
    const meta = { createdAt: '2026-11-20T00:00:00.000Z', device: { id: 'dNEWER', label: 'Newer laptop' }, scope: { kind: 'all' as const } }
    const withExtra = { ...a.core.store.get('organizations', org.id), recruitingSeason: '每年9月' }
    const pkg = await writePackage({ ...meta, schemaVersion: SCHEMA_VERSION }, { records: { organizations: [withExtra] }, devices: {} })
    const preview = await b.call('exchange.open', { fileName: 'newer.ldpkg', data: pkg.toString('base64') })
    await b.call('exchange.apply', { sessionId: preview.sessionId })
    await b.call('organizations.update', { id: org.id, changes: { city: '上海' } })
    expect(b.core.store.get('organizations', org.id)).toMatchObject({ city: '上海', recruitingSeason: '每年9月' })
    await send(b, c)
    expect(c.core.store.get('organizations', org.id)).toMatchObject({ city: '上海', recruitingSeason: '每年9月' })
  })

  it('a preview opened before a restore cannot be applied after it: the package is opened again', async () => {
    const [a, b] = await laptops()
    await a.call('organizations.create', { name: '上海卓然工程' })
    const preview = await b.call('exchange.open', await packageOf(a))
    await b.core.store.replaceAll(structuredClone(b.core.store.data))
    expect(await b.raw('exchange.apply', { sessionId: preview.sessionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(b.core.store.data.organizations).toEqual([])
  })

  /** A laptop whose receive runs its slices through a gate the test holds and lets go. */
  async function gatedLaptop(label: string) {
    const parked: Array<() => void> = []
    let held = false
    let arrived: () => void = () => undefined
    const app = await openTestApp(undefined, {
      importSlices: createTurns({
        schedule: (turn) => {
          if (!held) return void setImmediate(turn)
          parked.push(turn)
          arrived()
        },
      }),
    })
    apps.push(app)
    await app.call('settings.update', { deviceLabel: label })
    return {
      app,
      /** holds the next slices; resolves once one waits at the gate */
      hold: (): Promise<void> => {
        held = true
        return new Promise<void>((resolve) => (arrived = resolve))
      },
      release: () => {
        held = false
        parked.splice(0).forEach((turn) => setImmediate(turn))
      },
    }
  }

  it('a restore while a package is being read refuses the preview: part of it was planned against records no longer here', async () => {
    const [a] = await laptops(1)
    await a.call('organizations.create', { name: '上海卓然工程' })
    const { app: b, hold, release } = await gatedLaptop('Laptop B')
    const atGate = hold()
    const opening = b.raw('exchange.open', await packageOf(a))
    await atGate
    await b.core.store.replaceAll(structuredClone(b.core.store.data))
    release()
    const refused = await opening
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', fieldErrors: { data: ['package.replaced'] } } })
    expect(b.core.store.data.organizations).toEqual([])
    // Read again, the same package is taken.
    const again = await b.call('exchange.open', await packageOf(a))
    expect(again.counts).toMatchObject({ new: 1 })
  })

  it('an edit landing while the apply prepares its records is kept: the records are merged again inside the commit', async () => {
    const [a] = await laptops(1)
    const { app: b, hold, release } = await gatedLaptop('Laptop B')
    const c = await a.call('contacts.create', { name: '张伟', phone: '1', email: '' })
    await send(a, b)
    a.tick()
    await a.call('contacts.update', { id: c.id, changes: { email: 'zw@example.cn' } })
    const preview = await b.call('exchange.open', await packageOf(a))
    expect(preview.counts.updated).toBe(1)
    const atGate = hold()
    const applying = b.call('exchange.apply', { sessionId: preview.sessionId })
    await atGate
    b.tick()
    await b.call('contacts.update', { id: c.id, changes: { phone: '2' } })
    release()
    expect((await applying).counts).toMatchObject({ merged: 1 })
    expect(b.core.store.get('contacts', c.id)).toMatchObject({ phone: '2', email: 'zw@example.cn' })
  })
})
