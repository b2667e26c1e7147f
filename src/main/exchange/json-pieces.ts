import { yieldToEventLoop } from '../store/snapshot-stream'

/** Elements of a long array serialised between two turns of the event loop (a few ms of work). */
export const ELEMENTS_PER_PIECE = 1000

/**
 * JSON.stringify(value) as a series of pieces, with a turn of the event loop between two slices of
 * each long array: a year's package is 100,000 records, and stringifying it in one call held the
 * main thread for 0.4 s. Plain objects and arrays are walked; anything else (strings, numbers, a
 * Date) goes to JSON.stringify as it is, so the pieces joined are exactly JSON.stringify's text.
 */
export async function jsonPieces(
  value: unknown,
  emit: (piece: string) => void,
  perPiece = ELEMENTS_PER_PIECE,
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<void> {
  if (Array.isArray(value) && value.length > perPiece) {
    emit('[')
    for (let i = 0; i < value.length; i += perPiece) {
      const text = JSON.stringify(value.slice(i, i + perPiece))
      emit(`${i === 0 ? '' : ','}${text.slice(1, -1)}`)
      await pause()
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
      await jsonPieces(v, emit, perPiece, pause)
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
