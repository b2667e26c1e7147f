/** Elements of a long array serialised in one step: about 3 ms of work here. */
export const ELEMENTS_PER_STEP = 250
/**
 * Steps' text handed on as one piece: a piece per step (four times as many gzip writes) made a year's
 * package take twice as long on a busy loop, a step of 1,000 held a turn for 10-12 ms.
 */
const STEPS_PER_PIECE = 4

/**
 * JSON.stringify(value) as a series of pieces, a step per slice of each long array, for
 * `stepsInSlices` (turns.ts) to run in the event loop's shared turns: a year's package is 100,000
 * records, and stringifying it in one call held the main thread for 0.4 s. Plain objects and arrays
 * are walked; anything else (strings, numbers, a Date) goes to JSON.stringify as it is, so the pieces
 * joined are exactly JSON.stringify's text.
 */
export function* jsonSteps(value: unknown, emit: (piece: string) => void, perStep = ELEMENTS_PER_STEP): Generator<void, void> {
  if (Array.isArray(value) && value.length > perStep) {
    emit('[')
    let texts: string[] = []
    for (let i = 0; i < value.length; i += perStep) {
      texts.push(JSON.stringify(value.slice(i, i + perStep)).slice(1, -1))
      if (texts.length === STEPS_PER_PIECE || i + perStep >= value.length) {
        emit(`${i + perStep > STEPS_PER_PIECE * perStep ? ',' : ''}${texts.join(',')}`)
        texts = []
      }
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
      yield* jsonSteps(v, emit, perStep)
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
