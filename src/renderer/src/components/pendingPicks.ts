// Picks whose search answer is still on its way. A picker that took Enter before its results
// arrived registers the pick here; a form's save first waits for every pick made inside it, so
// a record is never saved without a value the user chose (Enter, then Ctrl+Enter at once).

/** picked: the value is in the form; needsUser: a create dialog opened instead; failed: the search failed. */
export type PickOutcome = 'picked' | 'needsUser' | 'failed'

const pending = new Set<{ root: Element; done: Promise<PickOutcome> }>()

/** Registers a pick made inside `root` (the picker's element); `done` settles once the form holds it. */
export function trackPick(root: Element | null, done: Promise<PickOutcome>): void {
  if (!root) return
  const entry = { root, done: done.catch((): PickOutcome => 'failed') }
  pending.add(entry)
  void entry.done.then(() => pending.delete(entry))
}

/**
 * Waits until no pick inside `form` is pending (a pick can lead to another, so it loops).
 * 'picked' when every pick landed in the form; otherwise the first other outcome, and the
 * caller does not save: the user has a dialog to finish or a field to pick again.
 */
export async function settlePicks(form: Element | null): Promise<PickOutcome> {
  if (!form) return 'picked'
  let outcome: PickOutcome = 'picked'
  for (;;) {
    const inside = [...pending].filter((p) => form.contains(p.root))
    if (inside.length === 0) return outcome
    for (const o of await Promise.all(inside.map((p) => p.done))) if (outcome === 'picked') outcome = o
  }
}
