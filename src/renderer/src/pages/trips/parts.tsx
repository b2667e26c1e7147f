// Small pieces the trip pages share.
import Chip from '@mui/material/Chip'
import type { ChipProps } from '@mui/material/Chip'
import { useTranslation } from 'react-i18next'
import type { Trip } from '../../../../shared/domain/trips'
import { enumText } from '../../i18n'

const STATUS_COLOR: Record<Trip['status'], ChipProps['color']> = {
  planned: 'info',
  ongoing: 'warning',
  completed: 'success',
  cancelled: 'default',
}

/** The stored status; with `ended`, marked as a status the calendar has overtaken. */
export function StatusChip({ status, ended = false }: { status: Trip['status']; ended?: boolean }) {
  const { t } = useTranslation()
  const label = enumText(t, 'tripStatus', status)
  if (ended) return <Chip size="small" variant="outlined" color="warning" label={t('trips.page.endedChip', { status: label })} title={t('trips.page.endedChipHelp')} data-testid="status-ended" />
  return <Chip size="small" variant="outlined" color={STATUS_COLOR[status]} label={label} />
}

/** Every date from start to end (yyyy-MM-dd), at most a year of them. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = []
  const d = new Date(`${start}T00:00:00Z`)
  const last = new Date(`${end}T00:00:00Z`)
  if (Number.isNaN(d.getTime()) || Number.isNaN(last.getTime())) return out
  while (d <= last && out.length < 366) {
    out.push(d.toISOString().slice(0, 10))
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return out
}
