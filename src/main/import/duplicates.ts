import { pinyin } from 'pinyin-pro'
import type { Contact, Organization } from '../../shared/domain'
import { NAME_DOTS, normText } from './normalize'
import { bigramSimilarity, branchParent, orgKeys, sameOrgName, validUscc } from './org-names'
import type { OrgKeys } from './org-names'

/** What the import (and the duplicates screen) may conclude about one name against the known records. */
export type OrgMatch =
  | { kind: 'same'; id: string; by: 'name' | 'alias' | 'creditCode' }
  | { kind: 'partOf'; id: string }
  | { kind: 'similar'; id: string; score: number }
  | { kind: 'none' }

interface OrgEntry {
  id: string
  keys: OrgKeys[]
  initials: string
}

const GRAM_BUCKET_CAP = 300

/** One name (or alias) of an organisation, as filed under each of its bigrams. */
interface GramItem {
  entry: OrgEntry
  core: string
  /** its bigrams, when none repeats (most names): see diceOf */
  grams: ReadonlySet<string> | null
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>()
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2))
  return out
}

/**
 * bigramSimilarity(core, item.core), given core's bigrams: when the candidate repeats no bigram, each
 * shared bigram counts once on its side, so the Dice coefficient's common count is the shared bigrams
 * of the two sets, without a count map per pair (a 100,000-row import made two for each of a few
 * hundred thousand candidates: 0.25 s and their garbage).
 */
export function diceOf(core: string, own: ReadonlySet<string>, item: { core: string; grams: ReadonlySet<string> | null }): number {
  if (item.grams === null || core.length < 2 || item.core.length < 2) return bigramSimilarity(item.core, core)
  let common = 0
  for (const g of own) if (item.grams.has(g)) common += 1
  return (2 * common) / (core.length - 1 + item.core.length - 1)
}

/** What OrgMatcher files a name under: its core and, when none repeats, its bigrams; `all` are the bigrams to file it under. */
export function gramItem<E>(entry: E, core: string, all: ReadonlySet<string> = bigrams(core)): { entry: E; core: string; grams: ReadonlySet<string> | null } {
  return { entry, core, grams: all.size === core.length - 1 ? all : null }
}

export function initials(s: string): string {
  return pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase()
}

/**
 * Organisation matching against a set of records that grows as an import
 * plans new ones, so two rows naming one new company create it once.
 */
export class OrgMatcher {
  private readonly byFull = new Map<string, OrgEntry>()
  private readonly byCore = new Map<string, OrgEntry[]>()
  private readonly byCode = new Map<string, string>()
  /** character bigrams of each core -> entries, so a fuzzy look-up reads a few buckets instead of every organisation */
  private readonly byGram = new Map<string, GramItem[]>()
  private readonly byInitials = new Map<string, OrgEntry[]>()

  constructor(orgs: Iterable<Pick<Organization, 'id' | 'name' | 'deletedAt'> & { aliases?: string[]; creditCode?: string }>) {
    for (const o of orgs) if (o.deletedAt === null) this.add(o.id, o.name, o.aliases ?? [], o.creditCode ?? '')
  }

  add(id: string, name: string, aliases: readonly string[] = [], creditCode = ''): void {
    const keys = [name, ...aliases].map(orgKeys).filter((k) => k.full !== '')
    const entry: OrgEntry = { id, keys, initials: initials(keys[0]?.core ?? '') }
    if (entry.initials.length >= 3) this.byInitials.set(entry.initials, [...(this.byInitials.get(entry.initials) ?? []), entry])
    for (const k of keys) {
      const all = bigrams(k.core)
      const item: GramItem = gramItem(entry, k.core, all)
      for (const g of all) {
        const list = this.byGram.get(g)
        if (list) list.push(item)
        else this.byGram.set(g, [item])
      }
      if (!this.byFull.has(k.full)) this.byFull.set(k.full, entry)
      const list = this.byCore.get(k.core) ?? []
      list.push(entry)
      this.byCore.set(k.core, list)
    }
    const code = normText(creditCode).toUpperCase()
    if (validUscc(code) && !this.byCode.has(code)) this.byCode.set(code, id)
  }

  match(name: string, creditCode = ''): OrgMatch {
    const code = normText(creditCode).toUpperCase()
    if (code !== '' && validUscc(code)) {
      const id = this.byCode.get(code)
      if (id !== undefined) return { kind: 'same', id, by: 'creditCode' }
    }
    const parent = branchParent(name)
    if (parent !== null) {
      const p = this.exact(orgKeys(parent))
      if (p) {
        // The branch itself may be known already.
        const self = this.exact(orgKeys(name))
        return self ? { kind: 'same', id: self.entry.id, by: self.by } : { kind: 'partOf', id: p.entry.id }
      }
    }
    const k = orgKeys(name)
    const hit = this.exact(k)
    if (hit) return { kind: 'same', id: hit.entry.id, by: hit.by }
    return this.similar(k)
  }

  private exact(k: OrgKeys): { entry: OrgEntry; by: 'name' | 'alias' } | null {
    const direct = this.byFull.get(k.full)
    const candidates = direct ? [direct] : (this.byCore.get(k.core) ?? [])
    for (const e of candidates) {
      const i = e.keys.findIndex((ek) => sameOrgName(ek, k))
      if (i >= 0) return { entry: e, by: i === 0 ? 'name' : 'alias' }
    }
    return null
  }

  /**
   * Fuzzy: only ever a proposal the user confirms. Candidates come from the buckets of the name's
   * bigrams; a bigram shared by more than GRAM_BUCKET_CAP organisations ("科技", "有限") tells little
   * and is not read, so an import of 100,000 rows stays linear. Latin letters are also read as pinyin initials.
   */
  private similar(k: OrgKeys): OrgMatch {
    if (k.core.length < 2) return { kind: 'none' }
    // Shared distinct bigrams per candidate name, counted through the buckets; only a count that
    // could reach the threshold is worth the exact (allocating) Dice computation.
    const shared = new Map<GramItem, number>()
    const own = bigrams(k.core)
    for (const g of own) {
      const list = this.byGram.get(g)
      if (list && list.length <= GRAM_BUCKET_CAP) for (const item of list) shared.set(item, (shared.get(item) ?? 0) + 1)
    }
    let best: { id: string; score: number } | null = null
    const n = k.core.length - 1
    for (const [item, count] of shared) {
      if ((2 * count) / (n + item.core.length - 1) < 0.5) continue
      const score = diceOf(k.core, own, item)
      if (score >= 0.6 && (best === null || score > best.score)) best = { id: item.entry.id, score }
    }
    if (k.core.length >= 3 && /^[a-z]+$/.test(k.core) && (best === null || best.score < 0.8)) {
      const e = this.byInitials.get(k.core)?.[0]
      if (e) best = { id: e.id, score: 0.8 }
    }
    return best ? { kind: 'similar', ...best } : { kind: 'none' }
  }
}

/**
 * OrgMatcher.match by name for one import plan, where most of 100,000 rows name one of a few thousand
 * organisations: a "same" answer is remembered, a fuzzy look-up runs once per new name. Exact only if
 * the matcher learns names solely through `learn`, and only names whose own look-up was not "same"
 * (as the plan does): then no later name can have a "same" name's normalised form, so that answer
 * cannot change. Other answers are not remembered, because a name learnt later can change them.
 */
export class OrgNameLookup {
  private readonly same = new Map<string, OrgMatch>()

  constructor(private readonly matcher: OrgMatcher) {}

  match(name: string, creditCode = ''): OrgMatch {
    // A code decides before any name: not from the cache of names.
    if (creditCode !== '') return this.matcher.match(name, creditCode)
    const known = this.same.get(name)
    if (known !== undefined) return known
    const m = this.matcher.match(name)
    if (m.kind === 'same') this.same.set(name, m)
    return m
  }

  learn(id: string, name: string, creditCode = ''): void {
    this.matcher.add(id, name, [], creditCode)
  }
}

/** Spaces and a name's dot, however typed, are not part of who a person is. */
const NOT_IN_KEY = new RegExp(`[\\s${NAME_DOTS}]`, 'g')

/** A person's name as compared: NFKC, no spaces ("张 三" is 张三), case-insensitive for Latin names. */
export function personKey(name: string): string {
  return normText(name).replace(NOT_IN_KEY, '').toLowerCase()
}

export type PersonMatch =
  | { kind: 'same'; id: string }
  | { kind: 'phoneOtherName'; id: string; name: string }
  | { kind: 'candidate'; ids: string[] }
  | { kind: 'none' }

export interface PersonFacts {
  name: string
  phone: string
  classYear: number | null
  major: string
}

/**
 * People: same mobile and same name is the same person; the same mobile under
 * another name is a warning; the same name, class year and major only a
 * candidate; the same name alone never anything.
 */
export class PersonMatcher {
  private readonly byPhone = new Map<string, Array<{ id: string; key: string; name: string }>>()
  private readonly byProfile = new Map<string, string[]>()

  constructor(contacts: Iterable<Pick<Contact, 'id' | 'name' | 'phone' | 'alumni' | 'deletedAt'>>) {
    for (const c of contacts) {
      if (c.deletedAt !== null) continue
      this.add(c.id, { name: c.name, phone: c.phone, classYear: c.alumni?.classYear ?? null, major: c.alumni?.major ?? '' })
    }
  }

  add(id: string, f: PersonFacts): void {
    const phone = phoneKey(f.phone)
    if (phone !== '') {
      const list = this.byPhone.get(phone) ?? []
      list.push({ id, key: personKey(f.name), name: f.name })
      this.byPhone.set(phone, list)
    }
    const profile = profileKey(f)
    if (profile !== null) this.byProfile.set(profile, [...(this.byProfile.get(profile) ?? []), id])
  }

  match(f: PersonFacts): PersonMatch {
    const phone = phoneKey(f.phone)
    const key = personKey(f.name)
    if (phone !== '') {
      const list = this.byPhone.get(phone) ?? []
      const same = list.find((p) => p.key === key)
      if (same) return { kind: 'same', id: same.id }
      if (list.length > 0) return { kind: 'phoneOtherName', id: list[0].id, name: list[0].name }
    }
    const profile = profileKey(f)
    const ids = profile === null ? [] : (this.byProfile.get(profile) ?? [])
    return ids.length > 0 ? { kind: 'candidate', ids } : { kind: 'none' }
  }
}

/** A mobile or landline as compared: digits only, without +86/0086; '' when too short to tell anyone apart. */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '')
  return digits.length >= 5 ? digits : ''
}

export function profileKey(f: PersonFacts): string | null {
  if (f.classYear === null || normText(f.major) === '') return null
  return `${personKey(f.name)}\u0000${f.classYear}\u0000${normText(f.major).toLowerCase()}`
}
