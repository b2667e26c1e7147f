/**
 * A Chinese query typed without spaces that found nothing whole ("沈伟长沙": a name, then a city),
 * read again as two words, the way "沈伟 长沙" is read. Chinese has no spaces to say where a word
 * ends, so each place is a guess: the reading kept is the one whose words name a record it finds.
 */

/** Most readings tried: a query that found nothing costs at most this many searches of two words. */
export const MAX_SPLITS = 5

const ALL_HAN = /^\p{Script=Han}{3,}$/u

/**
 * First words of 2 and 3 characters first (most Chinese names), then 4 (欧阳娜娜), then 1 (a
 * surname alone), then longer ones.
 */
const FIRST_LENGTHS = [2, 3, 4, 1]

/**
 * The ways to read a folded query as two words, most likely first, or undefined when it is not a
 * Chinese query of three characters or more without spaces.
 */
export function splitsOf(folded: string): string[][] | undefined {
  if (!ALL_HAN.test(folded)) return undefined
  const chars = [...folded]
  const lengths = [...FIRST_LENGTHS, ...Array.from({ length: Math.max(0, chars.length - 5) }, (_, i) => i + 5)].filter((n) => n < chars.length)
  const out: string[][] = []
  for (const n of lengths.slice(0, MAX_SPLITS)) {
    const first = chars.slice(0, n).join('')
    const rest = chars.slice(n).join('')
    // The same word twice is one word: it finds no more than the query did.
    if (first !== rest) out.push([first, rest])
  }
  return out.length > 0 ? out : undefined
}

/**
 * How well the names of the records one reading found answer it, lower better: 0 when a word is
 * one of the names (沈伟 of 沈伟长沙), 1 when a name starts with a word, 2 when one holds a word, 3 else.
 */
export function splitScore(words: readonly string[], names: Iterable<string>): number {
  let best = 3
  for (const name of names) {
    for (const w of words) {
      if (name === w) return 0
      if (name.startsWith(w)) best = 1
      else if (best > 2 && name.includes(w)) best = 2
    }
  }
  return best
}

/**
 * What the best reading finds: each is searched in turn (`find`), and `score` says how well what it
 * found answers it (null: nothing found). A reading whose word is a whole name (0) is taken at once,
 * without trying the others; else the best scored, the first of equals. Null when none finds anything.
 */
export function* bestSplit<T>(
  splits: readonly (readonly string[])[],
  find: (words: readonly string[]) => Generator<void, T>,
  score: (words: readonly string[], found: T) => number | null,
): Generator<void, T | null> {
  let best: { found: T; score: number } | null = null
  for (const words of splits) {
    const found = yield* find(words)
    const s = score(words, found)
    if (s === null) continue
    if (s === 0) return found
    if (best === null || s < best.score) best = { found, score: s }
  }
  return best === null ? null : best.found
}
