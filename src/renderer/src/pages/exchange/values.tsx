import Typography from '@mui/material/Typography'
import type { TFunction } from 'i18next'
import type { CollectionName } from '../../../../shared/collections'
import type { EnumName } from '../../../../shared/enums'
import type { FieldVersion } from '../../../../shared/exchange'
import { formatDateTime } from '../../format'
import { enumText } from '../../i18n'

/** Fields holding a code from a fixed list, per register: shown as its label. */
const ENUM_OF: Record<string, Partial<Record<CollectionName, EnumName>>> = {
  status: { followUps: 'followUpStatus', trips: 'tripStatus', agreements: 'agreementStatus', alumniGroups: 'alumniGroupStatus' },
  kind: { organizations: 'organizationKind', activities: 'activityKind', agreements: 'agreementKind', alumniGroups: 'alumniGroupKind' },
  category: { followUps: 'cooperationCategory' },
  period: { activities: 'period' },
  visitMethod: { activities: 'visitMethod' },
}

/** A field's value as a line of text: lists joined, objects as they are stored, nothing as "(empty)". */
export function valueText(t: TFunction, v: unknown, where?: { collection: CollectionName; field: string }): string {
  const list = where ? ENUM_OF[where.field]?.[where.collection] : undefined
  if (list && typeof v === 'string' && v !== '') return enumText(t, list, v)
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('exchange.resolve.empty')
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(t('common.listSep'))
  if (typeof v === 'object') return JSON.stringify(v)
  // An instant (deletedAt) reads as local date and time, like every other time on screen.
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v)
  return String(v)
}

/** Who wrote a value and when: the laptop's name (or "unknown laptop") and its clock's time. */
export function byline(t: TFunction, v: Pick<FieldVersion, 'deviceLabel' | 'at'>): string {
  return t('exchange.diff.by', { who: v.deviceLabel || t('exchange.history.unknownDevice'), at: formatDateTime(v.at) })
}

export function Byline({ t, v }: { t: TFunction; v: Pick<FieldVersion, 'deviceLabel' | 'at'> }) {
  return (
    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
      {byline(t, v)}
    </Typography>
  )
}
