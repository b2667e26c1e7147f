// Search and sorting figures for `npm run bench`: the index against the scan it replaced, in the same run,
// on queries drawn from the data with a seeded PRNG (names, phone fragments, pinyin, pinyin by
// syllables, a name with its city, e-mail parts, organisation short names), so nobody tuned the
// index to them.
import { performance } from 'node:perf_hooks'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { AppCore } from '../src/main/app'
import { searchQuery, searchIndexFor, sortedOrdersFor } from '../src/main/search-index'
import { pinyin } from 'pinyin-pro'
import { namePinyin } from '../src/main/search-index/name-pinyin'
import { turnStats } from '../src/main/turns'
import { searchFields } from '../src/main/services/queries'
import { COLLECTION_NAMES, displayName } from '../src/shared/collections'
import type { AnyRecord, CollectionName } from '../src/shared/collections'
import type { Contact, Organization } from '../src/shared/domain'
import { mulberry32 } from './prng'

type Add = (label: string, value: string) => void
const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`
function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

/** The scan every search box used before the index: lower-cased fields joined, `includes` per record. */
const oldHay = new WeakMap<object, string>()
function oldHaystack(c: CollectionName, r: AnyRecord): string {
  let t = oldHay.get(r)
  if (t === undefined) {
    const parts = (searchFields[c] as (r: AnyRecord) => Array<string | number>)(r)
    t = [...parts, ...r.tags, r.notes].join('\u0001').toLowerCase()
    oldHay.set(r, t)
  }
  return t
}
function oldGlobal(data: Record<string, unknown>, query: string, limit: number): number {
  const needle = query.trim().toLowerCase()
  let n = 0
  for (const c of COLLECTION_NAMES) {
    if (c === 'attachments') continue
    const byName: AnyRecord[] = []
    const byText: AnyRecord[] = []
    for (const r of data[c] as AnyRecord[]) {
      if (r.deletedAt !== null) continue
      if (displayName(r).toLowerCase().includes(needle)) byName.push(r)
      else if (byName.length < limit && oldHaystack(c, r).includes(needle)) byText.push(r)
      if (byName.length >= limit) break
    }
    n += Math.min(limit, byName.length + byText.length)
  }
  return n
}

/** Fragments a user would type, drawn from the records (`rounds` of each kind). */
export function drawQueries(
  { contacts, organizations }: { contacts: readonly Pick<Contact, 'name' | 'phone' | 'email' | 'city'>[]; organizations: readonly Pick<Organization, 'name'>[] },
  rounds = 12,
): Array<{ kind: string; q: string }> {
  const rand = mulberry32(20261126)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]
  const out: Array<{ kind: string; q: string }> = []
  for (let i = 0; i < rounds; i += 1) {
    const c = pick(contacts)
    const digits = c.phone.replace(/\D/g, '')
    const [full, initials] = namePinyin(c.name, true)
    out.push({ kind: 'Chinese name', q: c.name })
    out.push({ kind: 'surname + given', q: c.name.slice(0, 2) })
    if (full) out.push({ kind: 'pinyin', q: full })
    if (initials) out.push({ kind: 'pinyin initials', q: initials })
    // As typed with a space between syllables, and a name with the city to tell namesakes apart.
    const syllables = pinyin(c.name, { toneType: 'none', type: 'array', surname: 'head' }).filter((p) => /^[a-z]+$/i.test(p))
    if (syllables.length > 1 && /\p{Script=Han}/u.test(c.name)) out.push({ kind: 'pinyin by syllables', q: syllables.join(' ') })
    if (c.city) out.push({ kind: 'name and city', q: `${c.name} ${c.city}` })
    if (digits.length >= 8) {
      out.push({ kind: 'phone last four', q: digits.slice(-4) })
      out.push({ kind: 'phone middle', q: digits.slice(3, 7) })
      out.push({ kind: 'phone prefix', q: digits.slice(0, 3) })
    }
    if (c.email.includes('@')) {
      out.push({ kind: 'e-mail local part', q: c.email.split('@')[0] })
      out.push({ kind: 'e-mail domain', q: c.email.split('@')[1] })
    }
    const o = pick(organizations)
    const short = o.name.replace(/^(北京|上海|深圳|广州|杭州|南京|苏州|武汉|成都|西安|青岛|长沙|合肥|天津|重庆|宁波|无锡|厦门)/, '').slice(0, 4)
    out.push({ kind: 'organisation short name', q: short })
  }
  return out
}

/**
 * Queries typed the way a name is said rather than the way it is stored, drawn from the records as
 * the others are: a Latin name without its apostrophe, hyphen or dot ("obrien", "minjun"), a name
 * and its city without a space ("沈伟长沙"), the surname in pinyin and the given name in characters
 * ("zhang伟"). Each is found when a contact of the drawn name is among those Ctrl+K lists (namesakes
 * are many: 630 O'Briens at 100k).
 */
export function drawTypedAsSaid(contacts: readonly Pick<Contact, 'name' | 'city' | 'deletedAt'>[], rounds = 20): Array<{ kind: string; q: string; name: string }> {
  const rand = mulberry32(20261128)
  const live = contacts.filter((c) => c.deletedAt === null)
  const punctuated = live.filter((c) => /\p{L}[-'’.]\p{L}/u.test(c.name))
  const han = live.filter((c) => /^\p{Script=Han}{2,3}$/u.test(c.name))
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rand() * list.length)]
  const out: Array<{ kind: string; q: string; name: string }> = []
  for (let i = 0; i < rounds; i += 1) {
    const latin = pick(punctuated)
    if (latin) out.push({ kind: 'Latin name without its punctuation', q: latin.name.replace(/[-'’.]/g, '').toLowerCase(), name: latin.name })
    const c = pick(han)
    if (c?.city) out.push({ kind: 'name and city without a space', q: `${c.name}${c.city}`, name: c.name })
    const m = pick(han)
    if (m) {
      const [surname] = pinyin(m.name, { toneType: 'none', type: 'array', surname: 'head' })
      out.push({ kind: 'pinyin surname, Chinese given name', q: `${surname}${m.name.slice(1)}`, name: m.name })
    }
  }
  return out
}

/** Each query of drawTypedAsSaid once, and a few named ones `repeat` times: p50 / p95, and how many found their contact. */
async function typedAsSaidFigures(call: (method: string, input: unknown) => Promise<unknown>, core: AppCore, add: Add, repeat = 20): Promise<void> {
  const byKind = new Map<string, { ms: number[]; found: number }>()
  for (const { kind, q, name } of drawTypedAsSaid(core.store.data.contacts)) {
    const t = performance.now()
    const hits = (await call('search.global', { query: q })) as Array<{ collection: string; name: string }>
    const took = performance.now() - t
    const k = byKind.get(kind) ?? { ms: [], found: 0 }
    k.ms.push(took)
    if (hits.some((h) => h.collection === 'contacts' && h.name === name)) k.found += 1
    byKind.set(kind, k)
  }
  for (const [kind, k] of byKind) add(`  Ctrl+K ${kind}: p50 / p95, found`, `${ms(pct(k.ms, 50))} / ${ms(pct(k.ms, 95))}, ${k.found} of ${k.ms.length}`)
  // The last two find nothing whole, nor read as two words: every reading is tried, the most a miss costs.
  for (const q of ['obrien', "o'brien", '沈伟长沙', '沈伟 长沙', 'zhang伟', 'zhang 伟', '张伟', 'zhangwei', '张伟北京上海', '完全没有这个词']) {
    const runs: number[] = []
    let hits: Array<{ collection: string; name: string }> = []
    for (let i = 0; i < repeat; i += 1) {
      const t = performance.now()
      hits = (await call('search.global', { query: q })) as typeof hits
      runs.push(performance.now() - t)
    }
    const contacts = hits.filter((h) => h.collection === 'contacts').map((h) => h.name)
    add(`  Ctrl+K "${q}": p50 / p95 of ${repeat}`, `${ms(pct(runs, 50))} / ${ms(pct(runs, 95))} (${hits.length} hits; contacts ${contacts.slice(0, 3).join(', ') || 'none'})`)
  }
  // The register's search box (and every picker) reads them the same way, into a whole match set.
  for (const q of ['obrien', '沈伟长沙', 'zhang伟', '完全没有这个词']) {
    const runs: number[] = []
    let total = 0
    for (let i = 0; i < repeat; i += 1) {
      const t = performance.now()
      total = ((await call('contacts.list', { search: q, limit: 50 })) as { total: number }).total
      runs.push(performance.now() - t)
    }
    add(`  contacts.list search "${q}": p50 / p95 of ${repeat}`, `${ms(pct(runs, 50))} / ${ms(pct(runs, 95))} (${total} matches)`)
  }
}

/**
 * Resolves once the work an open starts in the background is done: every record's text in the
 * search index and every gram listed (polled: nothing in the app waits for the last gram), and
 * the sort orders built.
 */
export async function backgroundDone(core: Pick<AppCore, 'store'>): Promise<void> {
  const index = searchIndexFor(core.store)
  await index.built()
  await sortedOrdersFor(core.store).settled
}

/** Waits for the background index and sorts, and reports how long they took and held the loop. */
export async function indexBuild(core: AppCore, add: Add, openedAt: number, from: string): Promise<void> {
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  // The longest turn of these builds alone, not of an earlier open's.
  turnStats.longestMs = 0
  const index = searchIndexFor(core.store)
  await index.ready()
  const servedAt = performance.now()
  await index.built()
  const indexAt = performance.now()
  await sortedOrdersFor(core.store).settled
  const sortsAt = performance.now()
  h.disable()
  const s = index.stats
  add(`search index ${from}: searches served (every record's text in)`, `${ms(servedAt - openedAt)} after open (the build starts at open)`)
  add(`search index ${from}: build (background, slices)`, `${ms(s.buildMs ?? NaN)} for ${s.records} records, every gram listed ${ms(indexAt - openedAt)} after open`)
  add(`search index ${from}: memory`, `postings ${mb(s.bytes)} + folded text ${mb(s.textChars * 2)}`)
  add(`default sort orders ready (background, slices), index ${from}`, `${ms(sortsAt - openedAt)} after open`)
  add(`longest main-thread block while they were built, index ${from} (anything: GC, backup, exceljs warm-up)`, ms(h.max / 1e6))
  add(`longest slice of those builds, index ${from}`, ms(turnStats.longestMs))
}

export async function searchFigures(core: AppCore, add: Add): Promise<void> {
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const r = await core.router.call(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.data
  }
  const qs = drawQueries(core.store.data)
  const data = core.store.data as unknown as Record<string, unknown>
  oldGlobal(data, 'warm-up', 5)
  const byKind = new Map<string, { old: number[]; now: number[] }>()
  const all = { old: [] as number[], now: [] as number[] }
  for (const { kind, q } of qs) {
    let t = performance.now()
    oldGlobal(data, q, 8)
    const old = performance.now() - t
    t = performance.now()
    await call('search.global', { query: q })
    const now = performance.now() - t
    const k = byKind.get(kind) ?? { old: [], now: [] }
    k.old.push(old)
    k.now.push(now)
    byKind.set(kind, k)
    all.old.push(old)
    all.now.push(now)
  }
  add(`Ctrl+K, ${qs.length} drawn queries: index p50 / p95`, `${ms(pct(all.now, 50))} / ${ms(pct(all.now, 95))} (old scan ${ms(pct(all.old, 50))} / ${ms(pct(all.old, 95))})`)
  for (const [kind, k] of byKind) add(`  Ctrl+K ${kind}: index p50 / max`, `${ms(pct(k.now, 50))} / ${ms(Math.max(...k.now))} (old scan p50 ${ms(pct(k.old, 50))})`)
  await typedAsSaidFigures(call, core, add)

  // A register search must keep every record the substring scan found.
  let kept = true
  for (const { q } of qs.slice(0, 20)) {
    // The set contacts.list filters by (its total is checked against it below).
    const { needles, words, bare } = searchQuery(q)
    const found = searchIndexFor(core.store).collection('contacts').matches(needles, words, bare)
    const live = [...found].filter((r) => r.deletedAt === null).length
    const page = (await call('contacts.list', { search: q, limit: 1 })) as { total: number }
    if (page.total !== live) kept = false
    const needle = q.toLowerCase()
    for (const r of core.store.data.contacts) if (r.deletedAt === null && oldHaystack('contacts', r as AnyRecord).includes(needle) && !found.has(r as AnyRecord)) kept = false
  }
  add('register search keeps every substring-scan match (20 queries)', kept ? 'yes' : 'NO')

  const runs: number[] = []
  let total = 0
  for (let i = 0; i < 10; i += 1) {
    const t = performance.now()
    total = ((await call('contacts.list', { search: '张', sort: { field: 'name', dir: 'asc' } })) as { total: number }).total
    runs.push(performance.now() - t)
  }
  const sorted = sortedOrdersFor(core.store).get('contacts', 'name', 'asc')
  let t = performance.now()
  let oldHits = 0
  for (const r of sorted) if (r.deletedAt === null && oldHaystack('contacts', r).includes('张')) oldHits += 1
  const oldMs = performance.now() - t
  add('contacts.list search "张" sorted, p50 / max of 10', `${ms(pct(runs, 50))} / ${ms(Math.max(...runs))} (${total} matches; old scan ${ms(oldMs)}, ${oldHits})`)
  t = performance.now()
  await call('contacts.list', { sort: { field: 'name', dir: 'desc' } })
  add('contacts.list sorted by name desc, not prebuilt (sorted at once)', ms(performance.now() - t))
}
