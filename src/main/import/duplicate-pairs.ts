import type { Activity, Contact, Organization, Staff, Trip } from '../../shared/domain'
import type { DuplicateLevel, DuplicatePair, DuplicateReason } from '../../shared/duplicates'
import type { Mergeable } from '../../shared/domain/merges'
import { initials, personKey, phoneKey, profileKey } from './duplicates'
import { normText } from './normalize'
import { bigramSimilarity, branchParent, orgKeys, sameOrgName, validUscc } from './org-names'
import type { OrgKeys } from './org-names'

/**
 * Pairs of live records that may be one, found by bucketing on keys (never by comparing all
 * pairs: a register of 100,000 contacts is a few hash passes). A bucket larger than BUCKET_CAP
 * (a switchboard number, a very common bigram) says nothing about two of its members and is skipped.
 */
const BUCKET_CAP = 30
const FUZZY_MIN = 0.6
const FUZZY_BUCKET_CAP = 200
const FUZZY_PER_RECORD = 3

type Side = DuplicatePair['a']
interface Found {
  a: string
  b: string
  reason: DuplicateReason
  level: DuplicateLevel
  score: number | null
}

const STRENGTH: Record<DuplicateReason, number> = {
  creditCode: 10, sameName: 9, samePhoneAndName: 9, sameNameAndPhone: 9, alias: 8, samePhoneOtherName: 6,
  sameProfile: 5, sameNameAndDepartment: 5, partOf: 4, similarName: 3, similarInitials: 2,
  sameDatesAndTitle: 9, sameDatesAndPeople: 8, sameDates: 3, sameDayOrganization: 9, sameDayTitle: 8,
}

/** Collects pairs, keeping the strongest reason per pair and leaving out pairs a person called distinct. */
class PairSet {
  readonly pairs = new Map<string, Found>()
  constructor(private readonly distinct: ReadonlySet<string>) {}
  add(x: string, y: string, reason: DuplicateReason, level: DuplicateLevel, score: number | null = null): void {
    if (x === y) return
    const [a, b] = x < y ? [x, y] : [y, x]
    const key = pairKey(a, b)
    if (this.distinct.has(key)) return
    const had = this.pairs.get(key)
    if (had && STRENGTH[had.reason] >= STRENGTH[reason]) return
    this.pairs.set(key, { a, b, reason, level, score })
  }
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)

/** items between two yields of a pair search: a few ms of key normalisation */
const ITEMS_PER_STEP = 512
/** names compared by bigrams between two yields (each reads up to a few buckets of 200) */
const FUZZY_PER_STEP = 64

/**
 * Every pair search is a generator that yields every few hundred records, so the app can run it in
 * slices (services/duplicates.ts): at 100,000 contacts it takes a few hundred ms, which would
 * otherwise hold the event loop after each edit, when the navigation asks for the counts again.
 */
function* buckets<T>(items: Iterable<T>, keysOf: (item: T) => Iterable<string>): Generator<void, Map<string, T[]>> {
  const out = new Map<string, T[]>()
  let n = 0
  for (const item of items) {
    if (++n % ITEMS_PER_STEP === 0) yield
    for (const k of new Set(keysOf(item))) {
      if (k === '') continue
      const list = out.get(k)
      if (list) list.push(item)
      else out.set(k, [item])
    }
  }
  return out
}

function eachPair<T>(list: readonly T[], fn: (x: T, y: T) => void): void {
  if (list.length < 2 || list.length > BUCKET_CAP) return
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) fn(list[i], list[j])
}

type OrgLike = Pick<Organization, 'id' | 'name' | 'aliases' | 'creditCode'>
interface OrgEntry {
  org: OrgLike
  keys: OrgKeys[]
}

export function* organizationPairs(orgs: readonly OrgLike[], distinct: ReadonlySet<string>): Generator<void, Found[]> {
  const set = new PairSet(distinct)
  const entries: OrgEntry[] = []
  for (const org of orgs) {
    if (entries.length % ITEMS_PER_STEP === 0) yield
    entries.push({ org, keys: [org.name, ...org.aliases].map(orgKeys).filter((k) => k.full !== '') })
  }

  const codeOf = (o: OrgLike) => {
    const c = normText(o.creditCode).toUpperCase()
    return validUscc(c) ? c : ''
  }
  for (const list of (yield* buckets(orgs, (o) => [codeOf(o)])).values()) eachPair(list, (x, y) => set.add(x.id, y.id, 'creditCode', 'match'))

  // Same name: equal full keys, or equal cores whose regions do not differ (sameOrgName decides).
  const byCore = yield* buckets(entries, (e) => e.keys.filter((k) => k.core.length >= 2).map((k) => k.core))
  const byFull = yield* buckets(entries, (e) => e.keys.map((k) => k.full))
  for (const list of [...byFull.values(), ...byCore.values()]) {
    eachPair(list, (x, y) => {
      const hit = nameHit(x, y)
      if (hit) set.add(x.org.id, y.org.id, hit, 'match')
    })
  }

  // A branch (…南昌分公司) next to its parent: offered as part of it, never as the same.
  for (const [n, e] of entries.entries()) {
    if (n % ITEMS_PER_STEP === 0) yield
    const parent = branchParent(e.org.name)
    if (parent === null) continue
    const pk = orgKeys(parent)
    for (const other of [...(byFull.get(pk.full) ?? []), ...(byCore.get(pk.core) ?? [])]) {
      if (other !== e && other.keys.some((k) => sameOrgName(k, pk))) set.add(e.org.id, other.org.id, 'partOf', 'partOf')
    }
  }

  // Fuzzy, only proposed: names sharing enough character bigrams, found through the bigrams' buckets
  // (a bigram in more than FUZZY_BUCKET_CAP names tells little and is not read); each name proposes
  // at most its FUZZY_PER_RECORD closest, so a cluster of look-alike names cannot flood the list.
  const coreOf = (e: OrgEntry) => e.keys[0]?.core ?? ''
  const byGram = yield* buckets(entries, (e) => grams(coreOf(e)))
  for (const [n, e] of entries.entries()) {
    if (n % FUZZY_PER_STEP === 0) yield
    const core = coreOf(e)
    if (core.length < 3) continue
    const shared = new Map<OrgEntry, number>()
    for (const g of new Set(grams(core))) {
      const list = byGram.get(g) ?? []
      if (list.length > FUZZY_BUCKET_CAP) continue
      for (const other of list) if (other !== e) shared.set(other, (shared.get(other) ?? 0) + 1)
    }
    const close: Array<{ other: OrgEntry; score: number }> = []
    for (const [other, count] of shared) {
      const oc = coreOf(other)
      // distinct shared bigrams bound the score from below; too few cannot reach the threshold
      if ((2 * count) / (core.length - 1 + oc.length - 1) < 0.5) continue
      const score = bigramSimilarity(core, oc)
      if (score >= FUZZY_MIN && score < 1) close.push({ other, score })
    }
    close.sort((x, y) => y.score - x.score)
    for (const { other, score } of close.slice(0, FUZZY_PER_RECORD)) set.add(e.org.id, other.org.id, 'similarName', 'candidate', Math.round(score * 100) / 100)
  }

  // A short form typed in Latin initials ("JXTY") next to the Chinese name.
  const latin = entries.filter((e) => /^[a-z]{3,}$/.test(coreOf(e)))
  if (latin.length > 0) {
    const byInitials = yield* buckets(entries.filter((e) => !/^[a-z]+$/.test(coreOf(e))), (e) => [initials(coreOf(e))])
    for (const e of latin) for (const other of byInitials.get(coreOf(e)) ?? []) set.add(e.org.id, other.org.id, 'similarInitials', 'candidate')
  }
  return [...set.pairs.values()]
}

function nameHit(x: OrgEntry, y: OrgEntry): DuplicateReason | null {
  let best: DuplicateReason | null = null
  x.keys.forEach((kx, i) => y.keys.forEach((ky, j) => {
    if (!sameOrgName(kx, ky)) return
    if (i === 0 && j === 0) best = 'sameName'
    else best ??= 'alias'
  }))
  return best
}

function grams(s: string): string[] {
  const out: string[] = []
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2))
  return out
}

type ContactLike = Pick<Contact, 'id' | 'name' | 'phone' | 'alumni'>

/** Same mobile and name: the same person; same mobile, other name: a warning; same name, class year and major: a candidate. */
export function* contactPairs(contacts: readonly ContactLike[], distinct: ReadonlySet<string>): Generator<void, Found[]> {
  const set = new PairSet(distinct)
  for (const list of (yield* buckets(contacts, (c) => [phoneKey(c.phone)])).values()) {
    eachPair(list, (x, y) => {
      if (personKey(x.name) === personKey(y.name)) set.add(x.id, y.id, 'samePhoneAndName', 'match')
      else set.add(x.id, y.id, 'samePhoneOtherName', 'warning')
    })
  }
  const profile = (c: ContactLike) => profileKey({ name: c.name, phone: c.phone, classYear: c.alumni?.classYear ?? null, major: c.alumni?.major ?? '' }) ?? ''
  for (const list of (yield* buckets(contacts, (c) => [profile(c)])).values()) eachPair(list, (x, y) => set.add(x.id, y.id, 'sameProfile', 'candidate'))
  return [...set.pairs.values()]
}

type StaffLike = Pick<Staff, 'id' | 'name' | 'phone' | 'department'>

/** The school's own people: same name and phone is one person; same name and department only a candidate. */
export function* staffPairs(staff: readonly StaffLike[], distinct: ReadonlySet<string>): Generator<void, Found[]> {
  const set = new PairSet(distinct)
  for (const list of (yield* buckets(staff, (s) => [phoneKey(s.phone) === '' ? '' : `${personKey(s.name)}\u0000${phoneKey(s.phone)}`])).values()) {
    eachPair(list, (x, y) => set.add(x.id, y.id, 'sameNameAndPhone', 'match'))
  }
  for (const list of (yield* buckets(staff, (s) => [normText(s.department) === '' ? '' : `${personKey(s.name)}\u0000${normText(s.department).toLowerCase()}`])).values()) {
    eachPair(list, (x, y) => set.add(x.id, y.id, 'sameNameAndDepartment', 'candidate'))
  }
  return [...set.pairs.values()]
}

type TripLike = Pick<Trip, 'id' | 'title' | 'startDate' | 'endDate' | 'destinations' | 'leaderId'>

/**
 * One trip entered on two laptops (two ids, since neither knew of the other): the same dates and
 * a like title is one trip; the same dates and the same leader or a shared destination nearly so;
 * the same dates alone only a candidate, since two delegations can travel the same week.
 */
export function* tripPairs(trips: readonly TripLike[], distinct: ReadonlySet<string>): Generator<void, Found[]> {
  const set = new PairSet(distinct)
  const title = (t: TripLike) => normText(t.title).toLowerCase().replace(/\s+/g, '')
  const places = (t: TripLike) => new Set(t.destinations.map((d) => normText(d).toLowerCase()).filter((d) => d !== ''))
  for (const list of (yield* buckets(trips, (t) => [`${t.startDate}\u0000${t.endDate}`])).values()) {
    eachPair(list, (x, y) => {
      const tx = title(x)
      const ty = title(y)
      if (tx === ty || bigramSimilarity(tx, ty) >= FUZZY_MIN) set.add(x.id, y.id, 'sameDatesAndTitle', 'match')
      else if ((x.leaderId !== null && x.leaderId === y.leaderId) || [...places(x)].some((d) => places(y).has(d))) set.add(x.id, y.id, 'sameDatesAndPeople', 'match')
      else set.add(x.id, y.id, 'sameDates', 'candidate')
    })
  }
  return [...set.pairs.values()]
}

type ActivityLike = Pick<Activity, 'id' | 'date' | 'kind' | 'title' | 'organizationIds'>

/**
 * One visit recorded by two people of the delegation: the same kind on the same day at the same
 * organisation, or under the same title (a forum with no organisation recorded). The kind must
 * match because a visit and a signing ceremony at one company on one day are two events.
 */
export function* activityPairs(activities: readonly ActivityLike[], distinct: ReadonlySet<string>): Generator<void, Found[]> {
  const set = new PairSet(distinct)
  for (const list of (yield* buckets(activities, (a) => a.organizationIds.map((o) => `${a.date}\u0000${a.kind}\u0000${o}`))).values()) {
    eachPair(list, (x, y) => set.add(x.id, y.id, 'sameDayOrganization', 'match'))
  }
  const title = (a: ActivityLike) => normText(a.title).toLowerCase().replace(/\s+/g, '')
  for (const list of (yield* buckets(activities, (a) => [title(a) === '' ? '' : `${a.date}\u0000${a.kind}\u0000${title(a)}`])).values()) {
    eachPair(list, (x, y) => set.add(x.id, y.id, 'sameDayTitle', 'match'))
  }
  return [...set.pairs.values()]
}

export type { Found as FoundPair, Side as PairSide, Mergeable }
