/** What note n_j's text must be once the first `last` crash-loop commits are in (every 7th commit rewrites n_{k-3}). */
export function expectedText(j: number, last: number): string {
  return j + 3 <= last && (j + 3) % 7 === 0 ? `upd-${j}` : `t-${j}`
}
