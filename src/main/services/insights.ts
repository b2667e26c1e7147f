import type { Activity } from '../../shared/domain'
import { VISIT_KINDS } from '../../shared/domain/activities'
import type { DashboardSummary, TripTotals } from '../../shared/contract'
import { AppError } from '../errors'
import { addDaysIso as addDays, EXPIRY_WINDOW_DAYS, monthsBetween } from '../../shared/days'
import { clampYear, YEAR_MAX, YEAR_MIN, yearOf } from '../../shared/dateBounds'
import { defaultYear, rangeOf } from '../../shared/periods'
import type { Ctx } from './context'

const live = <T extends { deletedAt: string | null }>(list: readonly T[]) => list.filter((r) => r.deletedAt === null)

function countBy(values: string[]): Array<{ label: string; count: number }> {
  const m = new Map<string, number>()
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1)
  return [...m].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
}

/** Figures the reports and the dashboard quote; computed here so the UI never has its own version. */
export function createInsightService(ctx: Ctx) {
  const { store } = ctx
  const name = (c: 'organizations' | 'staff', id: string | null) => {
    const r = id ? (store.get(c, id) as { name?: string } | undefined) : undefined
    return r?.name ?? ''
  }

  function totalsOf(activities: Activity[], followUps: { status: string }[]): TripTotals {
    const visited = new Set<string>()
    const met = new Set<string>()
    const agreementIds = new Set<string>()
    const groupIds = new Set<string>()
    const byKind: Record<string, number> = {}
    let positions = 0
    let unrecorded = 0
    for (const a of activities) {
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1
      if (VISIT_KINDS.has(a.kind)) a.organizationIds.forEach((id) => visited.add(id))
      a.contactIds.forEach((id) => met.add(id))
      a.agreementIds.forEach((id) => agreementIds.add(id))
      a.alumniGroupIds.forEach((id) => groupIds.add(id))
      if (a.positionsOffered !== null) positions += a.positionsOffered
      else if (VISIT_KINDS.has(a.kind)) unrecorded += 1
    }
    const agreements = [...agreementIds].map((id) => store.get('agreements', id) as { kind: string; deletedAt: string | null } | undefined).filter((a) => a && a.deletedAt === null)
    const groups = [...groupIds].map((id) => store.get('alumniGroups', id) as { status: string; deletedAt: string | null } | undefined).filter((g) => g && g.deletedAt === null)
    const people = [...met].map((id) => store.get('contacts', id) as { alumni: unknown; deletedAt: string | null } | undefined).filter((p) => p && p.deletedAt === null)
    return {
      enterprisesVisited: [...visited].filter((id) => (store.get('organizations', id) as { deletedAt: string | null } | undefined)?.deletedAt === null).length,
      activitiesByKind: byKind,
      positionsOffered: positions,
      positionsUnrecorded: unrecorded,
      agreements: agreements.length,
      internshipBases: agreements.filter((a) => a?.kind === 'internshipBase').length,
      alumniGroupsFounded: groups.filter((g) => g?.status === 'established' || g?.status === 'registered').length,
      peopleMet: people.length,
      alumniMet: people.filter((p) => p?.alumni !== null).length,
      followUpsOpen: followUps.filter((f) => f.status === 'open' || f.status === 'inProgress').length,
      followUpsDone: followUps.filter((f) => f.status === 'done').length,
    }
  }

  /** Every year in which a trip or an activity takes place, newest first. */
  const yearsWithData = (): number[] => {
    // Only years the dates may hold are offered, and a trip's span is clamped to them, so a record
    // that slipped past the schema (an old file) cannot make this loop run for thousands of years.
    const years = new Set<number>()
    const addYear = (y: number) => {
      if (y >= YEAR_MIN && y <= YEAR_MAX) years.add(y)
    }
    for (const a of live(store.data.activities)) addYear(yearOf(a.date))
    for (const t of live(store.data.trips)) {
      const first = yearOf(t.startDate)
      const last = yearOf(t.endDate)
      if (Number.isFinite(first) && Number.isFinite(last)) for (let y = clampYear(first); y <= clampYear(last); y++) addYear(y)
    }
    return [...years].sort((a, b) => b - a)
  }

  return {
    tripTotals(tripId: string): TripTotals {
      const trip = store.get('trips', tripId) as { deletedAt: string | null } | undefined
      if (!trip) throw new AppError('NOT_FOUND', `No trip with id ${tripId}`, { id: ['Not found'] })
      return totalsOf(
        live(store.data.activities).filter((a) => a.tripId === tripId),
        live(store.data.followUps).filter((f) => f.tripId === tripId),
      )
    },

    dashboard(input: { from: string; to: string; today: string; latestYearIfEmpty?: boolean }): DashboardSummary {
      const years = yearsWithData()
      const asked = yearOf(input.from)
      const year = input.latestYearIfEmpty ? defaultYear(years, asked) : asked
      const { from, to } = year === asked ? input : rangeOf({ year, scope: 'year' })
      const { today } = input
      const inRange = (d: string | null) => d !== null && d >= from && d <= to
      const activities = live(store.data.activities).filter((a) => inRange(a.date))
      const visits = activities.filter((a) => VISIT_KINDS.has(a.kind))
      const totals = totalsOf(activities, [])
      const visitedOrgs = [...new Set(visits.flatMap((a) => a.organizationIds))]
        .map((id) => store.get('organizations', id) as { industry: string; city: string; deletedAt: string | null } | undefined)
        .filter((o): o is { industry: string; city: string; deletedAt: null } => o !== undefined && o.deletedAt === null)
      const months = new Map<string, number>(monthsBetween(from, to).map((m) => [m, 0]))
      for (const v of visits) months.set(v.date.slice(0, 7), (months.get(v.date.slice(0, 7)) ?? 0) + 1)
      const openFollowUps = live(store.data.followUps).filter((f) => f.status === 'open' || f.status === 'inProgress')
      const overdue = openFollowUps.filter((f) => f.dueDate !== null && f.dueDate < today)
      const soon = addDays(today, EXPIRY_WINDOW_DAYS)
      const agreements = live(store.data.agreements)
      const current = (a: { status: string; startDate: string | null; endDate: string | null }) =>
        (a.status === 'active' || a.status === 'signed') && (a.endDate === null || a.endDate >= today)
      return {
        from,
        to,
        years,
        expiringWithinDays: EXPIRY_WINDOW_DAYS,
        kpis: {
          trips: live(store.data.trips).filter((t) => t.startDate <= to && t.endDate >= from).length,
          enterprisesVisited: totals.enterprisesVisited,
          positionsOffered: totals.positionsOffered,
          activeInternshipBases: agreements.filter((a) => a.kind === 'internshipBase' && current(a)).length,
          alumniContacts: live(store.data.contacts).filter((c) => c.alumni !== null).length,
          followUpsOpen: openFollowUps.length,
          followUpsOverdue: overdue.length,
        },
        visitsPerMonth: [...months].map(([month, n]) => ({ month, visits: n })),
        organizationsByIndustry: countBy(visitedOrgs.map((o) => o.industry || '—')),
        organizationsByCity: countBy(visitedOrgs.map((o) => o.city || '—')),
        overdueFollowUps: overdue
          .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
          .slice(0, 20)
          .map((f) => ({ id: f.id, title: f.title, dueDate: f.dueDate ?? '', ownerName: name('staff', f.ownerId), organizationName: name('organizations', f.organizationId) })),
        expiringAgreements: agreements
          .filter((a) => a.endDate !== null && a.endDate <= soon && a.status !== 'terminated')
          .sort((a, b) => (a.endDate ?? '').localeCompare(b.endDate ?? ''))
          .slice(0, 20)
          .map((a) => ({ id: a.id, title: a.title, endDate: a.endDate ?? '', organizationName: name('organizations', a.organizationId), expired: (a.endDate ?? '') < today })),
        recentTrips: live(store.data.trips)
          .sort((a, b) => b.startDate.localeCompare(a.startDate))
          .slice(0, 5)
          .map((t) => ({ id: t.id, title: t.title, startDate: t.startDate, endDate: t.endDate, status: t.status })),
      }
    },
  }
}
