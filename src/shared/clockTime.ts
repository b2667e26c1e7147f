// Clock times as the office types them: "930", "9:30", "9.30", "09：30" (full-width colon
// from a Chinese input method) all mean 09:30. Anything that is not a time is left as typed,
// for the schema to refuse by name.

export function normalizeClockTime(typed: string): string {
  const s = typed.normalize('NFKC').trim()
  if (s === '') return ''
  const m = /^(\d{1,2})(?:[:.\s]?(\d{2}))?$/.exec(s)
  if (!m) return typed
  const h = Number(m[1])
  const min = m[2] === undefined ? 0 : Number(m[2])
  if (h > 23 || min > 59) return typed
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}
