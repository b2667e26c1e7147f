/** Runs sorted by the native sort before merging: short enough that one run is far below a slice. */
const RUN = 256
/** merged elements between yields */
const CHUNK = 1024

/**
 * A stable bottom-up merge sort that yields every few thousand comparisons, so a collection of
 * 100,000 records can be sorted with a slow comparator (a collator) without holding the event loop.
 * Returns the sorted copy.
 */
export function* sortInSteps<T>(input: readonly T[], cmp: (a: T, b: T) => number): Generator<void, T[]> {
  let src = input.slice()
  for (let i = 0; i < src.length; i += RUN) {
    const run = src.slice(i, i + RUN).sort(cmp)
    for (let k = 0; k < run.length; k += 1) src[i + k] = run[k]
    yield
  }
  let dst = new Array<T>(src.length)
  for (let width = RUN; width < src.length; width *= 2) {
    let budget = CHUNK
    for (let lo = 0; lo < src.length; lo += 2 * width) {
      const mid = Math.min(lo + width, src.length)
      const hi = Math.min(lo + 2 * width, src.length)
      let i = lo
      let j = mid
      let k = lo
      while (i < mid && j < hi) {
        // <= 0 takes from the left run on ties: stable.
        dst[k++] = cmp(src[i], src[j]) <= 0 ? src[i++] : src[j++]
        if (--budget === 0) {
          budget = CHUNK
          yield
        }
      }
      while (i < mid) dst[k++] = src[i++]
      while (j < hi) dst[k++] = src[j++]
    }
    ;[src, dst] = [dst, src]
  }
  return src
}
