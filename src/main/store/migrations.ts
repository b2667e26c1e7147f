import type { DbShape, StoreSchema } from './types'

/** The file was written by a newer app: refusing (without touching the file) is the only safe answer. */
export class NewerSchemaError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
    readonly path: string,
  ) {
    super(
      `${path} has schema version ${fileVersion}, but this version of Liaison Desk only knows up to ${appVersion}. ` +
        'Install the newer version of the app; the file was not changed.',
    )
    this.name = 'NewerSchemaError'
  }
}

/** The earliest files had no schemaVersion: they are version 0, and migrations[1] upgrades them. */
export function fileSchemaVersion(raw: Record<string, unknown>): number {
  const v = raw.schemaVersion ?? 0
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new Error(`schemaVersion is not a whole number (found ${JSON.stringify(v)})`)
  }
  return v
}

/** Throws NewerSchemaError for a file from a newer app; checked before anything else touches the data. */
export function assertNotNewer<D extends DbShape>(raw: Record<string, unknown>, schema: StoreSchema<D>, path: string): number {
  const v = fileSchemaVersion(raw)
  if (v > schema.version) throw new NewerSchemaError(v, schema.version, path)
  return v
}

/**
 * Runs migrations[v+1] .. migrations[schema.version] in order. Returns the data at the current version
 * and the version it started from (equal to schema.version when nothing ran).
 */
export function migrateToCurrent<D extends DbShape>(
  raw: Record<string, unknown>,
  schema: StoreSchema<D>,
  path = 'The database',
): { data: Record<string, unknown>; from: number } {
  const from = assertNotNewer(raw, schema, path)
  let data = raw
  for (let v = from + 1; v <= schema.version; v += 1) {
    const step = schema.migrations[v]
    if (typeof step !== 'function') throw new Error(`No migration to schema version ${v}`)
    try {
      data = step(data)
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new Error(`Migration to schema version ${v} failed: ${reason}`)
    }
    // A migration that forgets to bump the version would make the next open run it again.
    data = { ...data, schemaVersion: v }
  }
  return { data, from }
}
