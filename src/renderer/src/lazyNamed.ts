import { lazy } from 'react'
import type { ComponentType } from 'react'

/**
 * React.lazy for a module's named export: the module becomes its own chunk, fetched the first time
 * the component renders, so the first screen does not wait for pages it does not show.
 */
export function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own constraint (ComponentType<any>)
  return lazy(async () => ({ default: (await load())[name] as ComponentType<any> }))
}
