import { useEffect, useState, useSyncExternalStore } from 'react'
import { displayName } from '../../shared/collections'
import type { CollectionName } from '../../shared/collections'
import { getRecord, isApiError, onMutation } from './api'

/**
 * Names of linked records, fetched once per id and forgotten after any change,
 * so lists can show "Shanghai Zhuoran" instead of an id without loading whole collections.
 */
const cache = new Map<string, Promise<string | null>>()
let version = 0
const listeners = new Set<() => void>()

onMutation(() => {
  cache.clear()
  version += 1
  for (const l of listeners) l()
})

function subscribe(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function lookupName(collection: CollectionName, id: string): Promise<string | null> {
  const key = `${collection}:${id}`
  let hit = cache.get(key)
  if (!hit) {
    hit = getRecord(collection, id).then(
      (r) => displayName(r),
      (e: unknown) => {
        if (isApiError(e) && e.code === 'NOT_FOUND') return null
        cache.delete(key)
        return null
      },
    )
    cache.set(key, hit)
  }
  return hit
}

export interface NameRef {
  collection: CollectionName
  id: string
}

/** key `${collection}:${id}` -> name (null: not found; absent: still loading). */
export type NameMap = ReadonlyMap<string, string | null>

export function nameKey(collection: CollectionName, id: string): string {
  return `${collection}:${id}`
}

export function useNames(refs: readonly NameRef[]): NameMap {
  const v = useSyncExternalStore(subscribe, () => version)
  const wanted = [...new Set(refs.map((r) => nameKey(r.collection, r.id)))].sort().join('|')
  const [names, setNames] = useState<NameMap>(new Map())
  useEffect(() => {
    if (wanted === '') return
    let live = true
    const keys = wanted.split('|')
    void Promise.all(
      keys.map(async (k) => {
        const i = k.indexOf(':')
        const name = await lookupName(k.slice(0, i) as CollectionName, k.slice(i + 1))
        return [k, name] as const
      }),
    ).then((entries) => {
      if (live) setNames(new Map(entries))
    })
    return () => {
      live = false
    }
  }, [wanted, v])
  return names
}
