// Per-field merge by causality, the rule merge packages apply (part 8). Pure functions, no store.
//
// Each record carries a version vector (for each laptop, how many of its edits this copy has
// seen) and, for each field, the value(s) written by the edits nobody has overwritten yet, each
// tagged with its edit (a "dot": laptop and that laptop's edit number). Merging two copies keeps
// a value unless the other copy has seen its edit and no longer holds it, that is, unless an
// edit that saw it replaced it. What remains is one value, or several: a conflict, both kept.
// Clocks only order values for display; a laptop whose clock is wrong loses nothing.
//
// This is the multi-value register with a causal context (as in Riak's data types): merge is
// idempotent, commutative and associative, so any exchange pattern converges.

export type Dot = readonly [device: string, counter: number]
export type VersionVector = Readonly<Record<string, number>>

export interface FieldValue {
  value: unknown
  dot: Dot
  /** when the edit was made, by its laptop's clock (ISO): for display and ordering only */
  at: string
}

export interface RecordState {
  vv: VersionVector
  /** field -> the values no later edit has replaced, sorted (see order) */
  fields: Readonly<Record<string, readonly FieldValue[]>>
}

export const emptyState: RecordState = { vv: {}, fields: {} }

const seen = (vv: VersionVector, [device, counter]: Dot): boolean => (vv[device] ?? 0) >= counter
const sameDot = (a: Dot, b: Dot): boolean => a[0] === b[0] && a[1] === b[1]

/** Newest first by the edit's clock, then by laptop and edit number: the same order on every laptop. */
function order(a: FieldValue, b: FieldValue): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  if (a.dot[0] !== b.dot[0]) return a.dot[0] < b.dot[0] ? -1 : 1
  return b.dot[1] - a.dot[1]
}

/** One edit on this laptop: it has seen everything in `state`, so each field it sets gets its one value. */
export function localEdit(state: RecordState, changes: Readonly<Record<string, unknown>>, device: string, at: string): RecordState {
  const dot: Dot = [device, (state.vv[device] ?? 0) + 1]
  const fields: Record<string, readonly FieldValue[]> = { ...state.fields }
  for (const [field, value] of Object.entries(changes)) fields[field] = [{ value, dot, at }]
  return { vv: { ...state.vv, [device]: dot[1] }, fields }
}

/**
 * Deleting is an edit of `deletedAt` that also re-writes every other field with its current value,
 * so an edit made elsewhere without seeing the delete conflicts with it on that field: delete
 * against edit is a conflict the user sees, and neither the delete nor the edit is lost.
 */
export function localDelete(state: RecordState, deletedAt: string, device: string, at: string): RecordState {
  return localEdit(state, { ...currentValues(state), deletedAt }, device, at)
}

function mergeField(a: readonly FieldValue[], avv: VersionVector, b: readonly FieldValue[], bvv: VersionVector): FieldValue[] {
  const out: FieldValue[] = []
  const keep = (x: FieldValue, other: readonly FieldValue[], otherVv: VersionVector) => {
    // In both copies, or not yet seen by the other: it stands. Seen there and gone: it was replaced.
    if (other.some((y) => sameDot(x.dot, y.dot)) || !seen(otherVv, x.dot)) {
      if (!out.some((y) => sameDot(x.dot, y.dot))) out.push(x)
    }
  }
  for (const x of a) keep(x, b, bvv)
  for (const x of b) keep(x, a, avv)
  return out.sort(order)
}

export function merge(a: RecordState, b: RecordState): RecordState {
  const vv: Record<string, number> = { ...a.vv }
  for (const [d, n] of Object.entries(b.vv)) vv[d] = Math.max(vv[d] ?? 0, n)
  const fields: Record<string, readonly FieldValue[]> = {}
  for (const field of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) {
    const merged = mergeField(a.fields[field] ?? [], a.vv, b.fields[field] ?? [], b.vv)
    if (merged.length > 0) fields[field] = merged
  }
  return { vv, fields }
}

/**
 * Fields holding different values from edits made without seeing each other, which the user
 * decides. Two laptops that wrote the same value do not conflict (both edits are still kept, so
 * each laptop's later knowledge of either works).
 */
export function conflicts(state: RecordState): string[] {
  return Object.keys(state.fields)
    .filter((f) => new Set((state.fields[f] ?? []).map((v) => JSON.stringify(v.value))).size > 1)
    .sort()
}

/** The record as shown: each field's first value (in a conflict, the newest by clock, until resolved). */
export function currentValues(state: RecordState): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [field, values] of Object.entries(state.fields)) if (values.length > 0) out[field] = values[0].value
  return out
}

/**
 * Fields whose value an edit would change: values compared as JSON. A field in conflict counts as
 * changed even when the chosen value equals one side's, so resolving writes an edit that saw both.
 */
export function changedFields(state: RecordState, next: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(next)) {
    const now = state.fields[field]
    if (!now || now.length !== 1 || JSON.stringify(now[0].value) !== JSON.stringify(value)) out[field] = value
  }
  return out
}
