import type { CollectionName, RecordTypes } from '../../shared/collections'
import type { filters } from '../../shared/contract'
import type { z } from 'zod'
import { addDaysIso as addDays, EXPIRY_WINDOW_DAYS } from '../../shared/days'

type Filter<C extends CollectionName> = z.output<(typeof filters)[C]>
type Predicate<C extends CollectionName> = (r: RecordTypes[C], f: Filter<C>) => boolean

const has = (list: readonly string[], v: string | undefined) => v === undefined || list.includes(v)
const eq = <T>(a: T, b: T | undefined) => b === undefined || a === b
const contains = (text: string, part: string | undefined) =>
  part === undefined || part === '' || text.toLowerCase().includes(part.toLowerCase())

/** Per-collection list filters: every set field narrows the list. */
export const filterPredicates: { [C in CollectionName]: Predicate<C> } = {
  organizations: (r, f) => eq(r.kind, f.kind) && contains(r.city, f.city) && eq(r.alumniFounded, f.alumniFounded),
  contacts: (r, f) =>
    eq(r.organizationId ?? undefined, f.organizationId) &&
    (!f.alumniOnly || r.alumni !== null) &&
    (f.classYear === undefined || r.alumni?.classYear === f.classYear) &&
    (f.major === undefined || contains(r.alumni?.major ?? '', f.major)) &&
    contains(r.city, f.city),
  staff: (r, f) => eq(r.active, f.active),
  trips: (r, f) =>
    eq(r.status, f.status) &&
    (f.year === undefined || (r.startDate.slice(0, 4) <= String(f.year) && r.endDate.slice(0, 4) >= String(f.year))),
  activities: (r, f) =>
    eq(r.tripId ?? undefined, f.tripId) &&
    eq(r.kind, f.kind) &&
    has(r.organizationIds, f.organizationId) &&
    has(r.contactIds, f.contactId) &&
    (f.dateFrom === undefined || r.date >= f.dateFrom) &&
    (f.dateTo === undefined || r.date <= f.dateTo),
  agreements: (r, f) =>
    eq(r.kind, f.kind) &&
    eq(r.status, f.status) &&
    eq(r.organizationId, f.organizationId) &&
    (f.expiringOn === undefined || (r.endDate !== null && r.endDate <= addDays(f.expiringOn, EXPIRY_WINDOW_DAYS) && r.status !== 'terminated')),
  alumniGroups: (r, f) => eq(r.kind, f.kind) && eq(r.status, f.status),
  followUps: (r, f) =>
    eq(r.status, f.status) &&
    eq(r.category, f.category) &&
    eq(r.ownerId ?? undefined, f.ownerId) &&
    eq(r.tripId ?? undefined, f.tripId) &&
    eq(r.organizationId ?? undefined, f.organizationId) &&
    (f.overdueOn === undefined ||
      (r.dueDate !== null && r.dueDate < f.overdueOn && (r.status === 'open' || r.status === 'inProgress'))) &&
    (f.dueFrom === undefined || (r.dueDate !== null && r.dueDate >= f.dueFrom)) &&
    (f.dueTo === undefined || (r.dueDate !== null && r.dueDate <= f.dueTo)),
  attachments: (r, f) => eq(r.recordType, f.recordType) && eq(r.recordId, f.recordId),
}

/** The fields a search box looks through, per collection (tags and notes are added for all). */
export const searchFields: { [C in CollectionName]: (r: RecordTypes[C]) => Array<string | number> } = {
  organizations: (r) => [r.name, ...r.aliases, r.creditCode, r.industry, r.city, r.province, r.address, r.website],
  // A class year as offices write it ("2014届"): found by "2014", "2014届" and "2014 届" alike.
  contacts: (r) => [r.name, r.position, r.phone, r.email, r.wechat, r.city, r.alumni?.major ?? '', typeof r.alumni?.classYear === 'number' ? `${r.alumni.classYear}届` : ''],
  staff: (r) => [r.name, r.title, r.department, r.phone],
  trips: (r) => [r.title, r.theme, ...r.destinations, ...r.objectives, r.summary],
  activities: (r) => [r.title, r.city, r.location, r.topics, r.outcomes, r.consensus, ...r.jobTitles, ...r.majorsWanted],
  agreements: (r) => [r.title, r.documentNumber, ...r.majors],
  alumniGroups: (r) => [r.name, r.region, r.focus],
  followUps: (r) => [r.title, r.result, ...r.log.map((l) => l.text)],
  attachments: (r) => [r.fileName, r.caption],
}
