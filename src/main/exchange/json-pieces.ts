/** Elements of a long array serialised in one step (a few ms of work). */
export const ELEMENTS_PER_PIECE = 1000

/**
 * JSON.stringify(value) as a series of pieces, a step per slice of each long array, for
 * `stepsInSlices` (turns.ts) to run in the event loop's shared turns: a year's package is 100,000
 * records, and stringifying it in one call held the main thread for 0.4 s. Plain objects and arrays
 * are walked; anything else (strings, numbers, a Date) goes to JSON.stringify as it is, so the pieces
 * joined are exactly JSON.stringify's text.
 */
export function* jsonSteps(value: unknown, emit: (piece: string) => void, perPiece = ELEMENTS_PER_PIECE): Generator<void, void> {
  if (Array.isArray(value) && value.length > perPiece) {
    emit('[')
    for (let i = 0; i < value.length; i += perPiece) {
      const text = JSON.stringify(value.slice(i, i + perPiece))
      emit(`${i === 0 ? '' : ','}${text.slice(1, -1)}`)
      yield
    }
    emit(']')
    return
  }
  if (isPlainObject(value)) {
    emit('{')
    let first = true
    for (const [key, v] of Object.entries(value)) {
      // As JSON.stringify: such members are left out.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue
      emit(`${first ? '' : ','}${JSON.stringify(key)}:`)
      first = false
      yield* jsonSteps(v, emit, perPiece)
    }
    emit('}')
    return
  }
  emit(JSON.stringify(value))
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
}
