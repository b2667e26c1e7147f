// A trip's status is what the user stored; it is never changed behind their back.
// But a trip entered after it happened keeps the default "planned", and a report
// that prints "planned" for a trip that ended last month states something nobody
// chose. So the status is shown together with the calendar: a planned or ongoing
// trip whose last day is before today is "ended, not confirmed", and the user is
// offered to mark it done (or cancelled) with one click.

export interface TripDates {
  status: 'planned' | 'ongoing' | 'completed' | 'cancelled'
  endDate: string
}

/** True when the stored status still says the trip lies ahead or is under way, yet its last day has passed. */
export function endedUnconfirmed(trip: TripDates, today: string): boolean {
  return (trip.status === 'planned' || trip.status === 'ongoing') && trip.endDate < today
}
