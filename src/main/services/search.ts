import { COLLECTION_NAMES, displayName } from '../../shared/collections'
import type { AnyRecord, CollectionName } from '../../shared/collections'
import type { SearchHit } from '../../shared/contract'
import type { Ctx } from './context'
import { fold, searchQuery, searchIndexFor } from '../search-index'
import type { RankMore } from '../search-index/collection-index'
import { bestSplit, splitScore } from '../search-index/splits'
import { runToEnd, searchTurns, stepsInSlices } from '../turns'

/** What a second line under a search hit says, so two people of the same name can be told apart. */
function detailOf(ctx: Ctx, c: CollectionName, r: AnyRecord): string {
  const o = r as unknown as Record<string, unknown>
  const orgName = (id: unknown) => (typeof id === 'string' ? ((ctx.store.get('organizations', id) as { name?: string } | undefined)?.name ?? '') : '')
  switch (c) {
    case 'contacts':
      return [o.position, orgName(o.organizationId), o.city, o.phone].filter(Boolean).join(' · ')
    case 'organizations':
      return [o.city, o.industry].filter(Boolean).join(' · ')
    case 'trips':
      return `${String(o.startDate)} – ${String(o.endDate)}`
    case 'activities':
      return [o.date, o.city].filter(Boolean).join(' · ')
    case 'agreements':
      return orgName(o.organizationId)
    case 'staff':
      return [o.title, o.department].filter(Boolean).join(' · ')
    case 'followUps':
      return [o.dueDate, orgName(o.organizationId)].filter(Boolean).join(' · ')
    default:
      return ''
  }
}

export function createSearchService(ctx: Ctx) {
  return {
    /** Ctrl+K: every collection, best name matches first, at most limitPerKind hits per kind. */
    async global(query: string, limitPerKind: number): Promise<SearchHit[]> {
      const q = searchQuery(query)
      const { needles } = q
      if (needles.length === 0) return []
      const index = searchIndexFor(ctx.store)
      await index.ready()
      const live = (x: AnyRecord): boolean => x.deletedAt === null
      const kinds = COLLECTION_NAMES.filter((c) => c !== 'attachments')
      function* kindSteps(needles: readonly string[], more: RankMore): Generator<void, SearchHit[]> {
        const hits: SearchHit[] = []
        for (const c of kinds) {
          for (const r of yield* index.collection(c).rankSteps(needles, limitPerKind, live, more)) {
            hits.push({ collection: c, id: r.id, name: displayName(r), detail: detailOf(ctx, c, r) })
          }
        }
        return hits
      }
      function* steps(): Generator<void, SearchHit[]> {
        const hits = yield* kindSteps(needles, q)
        if (hits.length > 0 || q.splits === undefined) return hits
        // "沈伟长沙" found nothing whole: read as "沈伟 长沙" (its words alone find nothing the query did not).
        const split = yield* bestSplit(q.splits, (words) => kindSteps([], { words }), (words, found) => (found.length === 0 ? null : splitScore(words, found.map((h) => fold(h.name)))))
        return split ?? []
      }
      // Until every gram is listed (the first seconds after an open without the index's cache), the
      // records not listed yet are checked one by one: 45-85 ms at 100,000, so in turns.
      return kinds.some((c) => index.collection(c).scanning) ? stepsInSlices(steps(), searchTurns, true) : runToEnd(steps())
    },
  }
}
