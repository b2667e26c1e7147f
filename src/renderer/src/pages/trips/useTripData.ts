// Everything the trip page shows, loaded together and reloaded after any change.
import { useEffect, useState } from 'react'
import type { TripTotals } from '../../../../shared/contract'
import type { Activity, Agreement, AlumniGroup, Contact, FollowUp, Trip } from '../../../../shared/domain'
import { call, getRecord } from '../../api'
import { useApp, useErrorText } from '../../state'

export interface TripData {
  trip: Trip
  activities: Activity[]
  followUps: FollowUp[]
  /** agreements and alumni organisations linked from the trip's activities */
  agreements: Agreement[]
  alumniGroups: AlumniGroup[]
  /** the people met, by id (for positions and alumni chips) */
  contacts: ReadonlyMap<string, Contact>
  totals: TripTotals
}

interface Loaded {
  key: string
  data: TripData | null
  error: string | null
  notFound: boolean
}

/** Records by id, skipping the ones that are gone. */
async function getMany<C extends 'agreements' | 'alumniGroups' | 'contacts'>(c: C, ids: Iterable<string>) {
  const list = await Promise.all([...new Set(ids)].map((id) => getRecord(c, id).catch(() => null)))
  return list.filter((r): r is NonNullable<typeof r> => r !== null && r.deletedAt === null)
}

export function useTripData(id: string): { data: TripData | null; loading: boolean; error: string | null; notFound: boolean } {
  const { dataVersion } = useApp()
  const errorText = useErrorText()
  const key = `${id}|${dataVersion}`
  const [loaded, setLoaded] = useState<Loaded | null>(null)

  useEffect(() => {
    let live = true
    ;(async () => {
      const [trip, activities, followUps, totals] = await Promise.all([
        call('trips.get', { id }),
        call('activities.list', { filter: { tripId: id }, limit: 500, sort: { field: 'date', dir: 'asc' } }),
        call('followUps.list', { filter: { tripId: id }, limit: 500, sort: { field: 'dueDate', dir: 'asc' } }),
        call('trips.totals', { id }),
      ])
      const acts = activities.items
      const [agreements, alumniGroups, contacts] = await Promise.all([
        getMany('agreements', acts.flatMap((a) => a.agreementIds)),
        getMany('alumniGroups', acts.flatMap((a) => a.alumniGroupIds)),
        getMany('contacts', acts.flatMap((a) => a.contactIds)),
      ])
      return {
        trip,
        activities: acts,
        followUps: followUps.items,
        agreements,
        alumniGroups,
        contacts: new Map(contacts.map((c) => [c.id, c])),
        totals,
      } satisfies TripData
    })().then(
      (data) => live && setLoaded({ key, data, error: null, notFound: false }),
      (e: unknown) => {
        if (!live) return
        const notFound = typeof e === 'object' && e !== null && (e as { code?: string }).code === 'NOT_FOUND'
        setLoaded((prev) => ({ key, data: prev?.data ?? null, error: errorText(e), notFound }))
      },
    )
    return () => {
      live = false
    }
  }, [id, key, errorText])

  // Keep showing the previous data while a reload is under way (no flicker after each save).
  const sameTrip = loaded?.data?.trip.id === id
  return {
    data: sameTrip ? (loaded?.data ?? null) : null,
    loading: loaded?.key !== key,
    error: loaded?.key === key ? loaded.error : null,
    notFound: loaded?.key === key && loaded.notFound,
  }
}
