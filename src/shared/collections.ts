import { z } from 'zod'
import {
  activities, agreements, alumniGroups, attachments, contacts, followUps, organizations, staff, trips,
} from './domain'
import type {
  Activity, Agreement, AlumniGroup, Attachment, Contact, FollowUp, Organization, Staff, Trip,
} from './domain'

/** One entry per collection of records: its schemas and what the list can sort by. */
export const collections = {
  organizations: { input: organizations.input, shape: organizations.input, record: organizations.record, sortable: ['name', 'kind', 'industry', 'city', 'updatedAt'] },
  contacts: { input: contacts.input, shape: contacts.input, record: contacts.record, sortable: ['name', 'position', 'city', 'updatedAt'] },
  staff: { input: staff.input, shape: staff.input, record: staff.record, sortable: ['name', 'title', 'department', 'updatedAt'] },
  trips: { input: trips.input, shape: trips.inputShape, record: trips.record, sortable: ['title', 'startDate', 'status', 'updatedAt'] },
  activities: { input: activities.input, shape: activities.input, record: activities.record, sortable: ['date', 'title', 'kind', 'city', 'updatedAt'] },
  agreements: { input: agreements.input, shape: agreements.input, record: agreements.record, sortable: ['title', 'kind', 'status', 'endDate', 'updatedAt'] },
  alumniGroups: { input: alumniGroups.input, shape: alumniGroups.input, record: alumniGroups.record, sortable: ['name', 'kind', 'status', 'updatedAt'] },
  followUps: { input: followUps.input, shape: followUps.input, record: followUps.record, sortable: ['title', 'dueDate', 'status', 'category', 'updatedAt'] },
  attachments: { input: attachments.input, shape: attachments.input, record: attachments.record, sortable: ['fileName', 'updatedAt'] },
} as const

export type CollectionName = keyof typeof collections
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[]
export const collectionName = z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]])

export interface RecordTypes {
  organizations: Organization
  contacts: Contact
  staff: Staff
  trips: Trip
  activities: Activity
  agreements: Agreement
  alumniGroups: AlumniGroup
  followUps: FollowUp
  attachments: Attachment
}
export type AnyRecord = RecordTypes[CollectionName]

/**
 * Every link between records. `path` names the field; `*` steps into an array.
 * The services use this one table to reject links to missing records and to
 * say what still links to a record before it is deleted.
 */
export interface LinkDef {
  from: CollectionName
  path: string
  to: CollectionName
}
export const links: readonly LinkDef[] = [
  { from: 'contacts', path: 'organizationId', to: 'organizations' },
  { from: 'trips', path: 'leaderId', to: 'staff' },
  { from: 'trips', path: 'members.*.staffId', to: 'staff' },
  { from: 'activities', path: 'tripId', to: 'trips' },
  { from: 'activities', path: 'organizationIds.*', to: 'organizations' },
  { from: 'activities', path: 'contactIds.*', to: 'contacts' },
  { from: 'activities', path: 'staffIds.*', to: 'staff' },
  { from: 'activities', path: 'agreementIds.*', to: 'agreements' },
  { from: 'activities', path: 'alumniGroupIds.*', to: 'alumniGroups' },
  { from: 'agreements', path: 'organizationId', to: 'organizations' },
  { from: 'agreements', path: 'ownerId', to: 'staff' },
  { from: 'agreements', path: 'partnerContactId', to: 'contacts' },
  { from: 'alumniGroups', path: 'hostOrganizationId', to: 'organizations' },
  { from: 'alumniGroups', path: 'leaderContactId', to: 'contacts' },
  { from: 'alumniGroups', path: 'memberContactIds.*', to: 'contacts' },
  { from: 'followUps', path: 'organizationId', to: 'organizations' },
  { from: 'followUps', path: 'tripId', to: 'trips' },
  { from: 'followUps', path: 'activityId', to: 'activities' },
  { from: 'followUps', path: 'ownerId', to: 'staff' },
]

/** The ids a record holds at a link path, each with the concrete field path (e.g. members.1.staffId). */
export function linkedIds(record: unknown, path: string): Array<{ id: string; at: string }> {
  const out: Array<{ id: string; at: string }> = []
  const walk = (value: unknown, parts: string[], at: string[]): void => {
    if (parts.length === 0) {
      if (typeof value === 'string' && value !== '') out.push({ id: value, at: at.join('.') })
      return
    }
    const [head, ...rest] = parts
    if (head === '*') {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, rest, [...at, String(i)]))
    } else if (value !== null && typeof value === 'object') {
      walk((value as Record<string, unknown>)[head], rest, [...at, head])
    }
  }
  walk(record, path.split('.'), [])
  return out
}

/** The links a record of `from` holds whose target `exists` says is missing, each with its field path. */
export function missingLinks(
  from: CollectionName,
  record: unknown,
  exists: (collection: CollectionName, id: string) => boolean,
): Array<{ at: string; to: CollectionName; id: string }> {
  const out: Array<{ at: string; to: CollectionName; id: string }> = []
  for (const def of links) {
    if (def.from !== from) continue
    for (const { id, at } of linkedIds(record, def.path)) if (!exists(def.to, id)) out.push({ at, to: def.to, id })
  }
  return out
}

/** The name a person would recognise a record by. */
export function displayName(record: AnyRecord): string {
  const r = record as unknown as Record<string, unknown>
  const v = r.name ?? r.title ?? r.fileName
  return typeof v === 'string' ? v : record.id
}
