// Display formats: dates are always yyyy-MM-dd, whatever the UI language.

const pad = (n: number): string => String(n).padStart(2, '0')

/** yyyy-MM-dd for a date ("2025-12-03") or a timestamp (shown in local time). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** yyyy-MM-dd HH:mm for a timestamp, in local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return `${formatDate(value)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** "2025-12-02 – 2025-12-05", or one date when both are the same. */
export function formatDateRange(start: string | null | undefined, end: string | null | undefined): string {
  const a = formatDate(start)
  const b = formatDate(end)
  if (!a) return b
  if (!b || a === b) return a
  return `${a} – ${b}`
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
