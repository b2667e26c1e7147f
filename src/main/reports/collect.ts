// Gathers everything a trip's reports print into one value, so the renderers
// never reach into the database and can be tested with plain data. Links stay
// ids; `tripLookup` resolves them when a renderer needs a name.
import type { TripTotals } from '../../shared/contract'
import type { Activity, Agreement, AlumniGroup, Contact, FollowUp, Organization, Staff, Trip } from '../../shared/domain'
import { VISIT_KINDS } from '../../shared/domain/activities'
import type { Settings } from '../../shared/domain/settings'
import type { DbData } from '../db/schema'
import { AppError } from '../errors'

export interface TripMemberInfo {
  staff: Staff
  role: Trip['members'][number]['role']
}

export interface TripReportInput {
  settings: Settings
  trip: Trip
  /** null when the trip has no leader or the leader's record was deleted */
  leader: Staff | null
  /** the delegation in the trip's order; the leader is among them when listed */
  members: TripMemberInfo[]
  /** the trip's activities, sorted by date and period */
  activities: Activity[]
  /** every organisation the activities, agreements, alumni groups, people and follow-ups link to */
  organizations: Organization[]
  /** people met, alumni-group leaders and members, agreement partners, in first-mention order */
  contacts: Contact[]
  /** delegation, attendees, agreement and follow-up owners */
  staff: Staff[]
  /** agreements signed or unveiled at the trip's activities */
  agreements: Agreement[]
  /** alumni organisations set up or proposed at the trip's activities */
  alumniGroups: AlumniGroup[]
  /** follow-ups of the trip, in the order they were recorded */
  followUps: FollowUp[]
  totals: TripTotals
}

type Live = { id: string; deletedAt: string | null }

/** Morning before afternoon; an all-day item opens its day. */
export const PERIOD_ORDER: Record<Activity['period'], number> = { allDay: 0, morning: 1, afternoon: 2, evening: 3 }

// One rule for "visited", shared with the trip totals, so the reports' lists agree with the figures they quote.
export { VISIT_KINDS }

export function byDateAndPeriod(a: Activity, b: Activity): number {
  return a.date.localeCompare(b.date) || PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period]
}

function liveIndex<T extends Live>(list: readonly T[]): Map<string, T> {
  const m = new Map<string, T>()
  for (const r of list) if (r.deletedAt === null) m.set(r.id, r)
  return m
}

/** Collects ids in first-mention order and resolves them to live records, dropping dangling or deleted links. */
class Picker<T extends Live> {
  private readonly seen = new Set<string>()
  private readonly out: T[] = []
  constructor(private readonly index: Map<string, T>) {}
  add(id: string | null | undefined): void {
    if (!id || this.seen.has(id)) return
    this.seen.add(id)
    const r = this.index.get(id)
    if (r) this.out.push(r)
  }
  addAll(ids: readonly string[]): void {
    for (const id of ids) this.add(id)
  }
  get list(): T[] {
    return this.out
  }
}

export function collectTripReportInput(data: DbData, tripId: string, totals: TripTotals): TripReportInput {
  const trip = data.trips.find((t) => t.id === tripId && t.deletedAt === null)
  if (!trip) throw new AppError('NOT_FOUND', `No trip with id ${tripId}`, { id: ['Not found'] })

  const orgIndex = liveIndex(data.organizations)
  const contactIndex = liveIndex(data.contacts)
  const staffIndex = liveIndex(data.staff)
  const agreementIndex = liveIndex(data.agreements)
  const groupIndex = liveIndex(data.alumniGroups)

  const activities = data.activities.filter((a) => a.deletedAt === null && a.tripId === tripId).sort(byDateAndPeriod)
  const followUps = data.followUps.filter((f) => f.deletedAt === null && f.tripId === tripId)

  const orgs = new Picker(orgIndex)
  const contacts = new Picker(contactIndex)
  const staff = new Picker(staffIndex)
  const agreements = new Picker(agreementIndex)
  const groups = new Picker(groupIndex)

  staff.add(trip.leaderId)
  staff.addAll(trip.members.map((m) => m.staffId))
  for (const a of activities) {
    orgs.addAll(a.organizationIds)
    contacts.addAll(a.contactIds)
    staff.addAll(a.staffIds)
    agreements.addAll(a.agreementIds)
    groups.addAll(a.alumniGroupIds)
  }
  for (const ag of agreements.list) {
    orgs.add(ag.organizationId)
    staff.add(ag.ownerId)
    contacts.add(ag.partnerContactId)
  }
  for (const g of groups.list) {
    orgs.add(g.hostOrganizationId)
    contacts.add(g.leaderContactId)
    contacts.addAll(g.memberContactIds)
  }
  for (const f of followUps) {
    orgs.add(f.organizationId)
    staff.add(f.ownerId)
  }
  // A person's organisation is printed beside the name, so it must be resolvable too.
  for (const c of contacts.list) orgs.add(c.organizationId)

  const members: TripMemberInfo[] = []
  for (const m of trip.members) {
    const s = staffIndex.get(m.staffId)
    if (s && !members.some((x) => x.staff.id === s.id)) members.push({ staff: s, role: m.role })
  }

  return {
    settings: data.settings,
    trip,
    leader: trip.leaderId ? staffIndex.get(trip.leaderId) ?? null : null,
    members,
    activities,
    organizations: orgs.list,
    contacts: contacts.list,
    staff: staff.list,
    agreements: agreements.list,
    alumniGroups: groups.list,
    followUps,
    totals,
  }
}

/** Name resolution over a collected input: a missing or deleted link resolves to nothing. */
export interface TripLookup {
  org(id: string | null | undefined): Organization | undefined
  contact(id: string | null | undefined): Contact | undefined
  staff(id: string | null | undefined): Staff | undefined
  agreement(id: string | null | undefined): Agreement | undefined
  group(id: string | null | undefined): AlumniGroup | undefined
  orgs(ids: readonly string[]): Organization[]
  contacts(ids: readonly string[]): Contact[]
  staffList(ids: readonly string[]): Staff[]
}

export function tripLookup(input: TripReportInput): TripLookup {
  const maps = {
    org: new Map(input.organizations.map((r) => [r.id, r])),
    contact: new Map(input.contacts.map((r) => [r.id, r])),
    staff: new Map(input.staff.map((r) => [r.id, r])),
    agreement: new Map(input.agreements.map((r) => [r.id, r])),
    group: new Map(input.alumniGroups.map((r) => [r.id, r])),
  }
  const get = <T>(m: Map<string, T>, id: string | null | undefined) => (id ? m.get(id) : undefined)
  const many = <T>(m: Map<string, T>, ids: readonly string[]) => ids.map((id) => m.get(id)).filter((r): r is T => r !== undefined)
  return {
    org: (id) => get(maps.org, id),
    contact: (id) => get(maps.contact, id),
    staff: (id) => get(maps.staff, id),
    agreement: (id) => get(maps.agreement, id),
    group: (id) => get(maps.group, id),
    orgs: (ids) => many(maps.org, ids),
    contacts: (ids) => many(maps.contact, ids),
    staffList: (ids) => many(maps.staff, ids),
  }
}

/** The organisations the trip visited (through visits and calls, as the totals count them), in itinerary order. */
export function visitedOrganizations(input: TripReportInput): Organization[] {
  const look = tripLookup(input)
  const ids = new Set<string>()
  for (const a of input.activities) if (VISIT_KINDS.has(a.kind)) a.organizationIds.forEach((id) => ids.add(id))
  return look.orgs([...ids])
}
