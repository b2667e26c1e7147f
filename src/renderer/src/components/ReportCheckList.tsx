// The pre-export check of the trip report (reports.check): what the records do
// not say, each with a link to the record to fix. The user may still export;
// the report then leaves those parts out rather than printing a placeholder.
import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Link from '@mui/material/Link'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { ReportGap } from '../../../shared/contract'
import type { Lang } from '../../../shared/enums'
import { call, onMutation } from '../api'

interface Props {
  tripId: string
  kind: 'news' | 'work'
  lang: Lang
  date: string
}

/** Where a gap is fixed: the record's own page where there is one, else its register. */
function fixPath(g: ReportGap, tripId: string): string | null {
  switch (g.collection) {
    case 'activities':
      return `/trips/${tripId}?tab=itinerary&activity=${encodeURIComponent(g.id)}`
    case 'trips':
      return `/trips/${encodeURIComponent(g.id)}?tab=overview`
    case 'organizations':
      return `/organizations/${encodeURIComponent(g.id)}`
    case 'contacts':
      return `/contacts/${encodeURIComponent(g.id)}`
    case 'followUps':
      return '/follow-ups'
    case 'staff':
      return '/staff'
    case 'agreements':
      return '/agreements'
    case 'alumniGroups':
      return '/alumni-groups'
    case 'settings':
      return '/settings'
    default:
      return null
  }
}

export function ReportCheckList({ tripId, kind, lang, date }: Props) {
  const { t } = useTranslation()
  const [gaps, setGaps] = useState<ReportGap[] | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => onMutation(() => setVersion((v) => v + 1)), [])
  useEffect(() => {
    let live = true
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date)
    call('reports.check', { tripId, kind, lang, ...(valid ? { date } : {}) })
      .then((r) => live && setGaps(r))
      .catch(() => live && setGaps(null))
    return () => {
      live = false
    }
  }, [tripId, kind, lang, date, version])

  if (gaps === null) return <Typography variant="body2" color="text.secondary">{t('exports.check.checking')}</Typography>
  if (!gaps.length) return <Alert severity="success" data-testid="report-check-ok">{t('exports.check.ok')}</Alert>
  const fieldLabel = (f: string) => t(`exports.check.fields.${f}`, { defaultValue: f })
  const section = (problem: ReportGap['problem'], intro: string) => {
    const list = gaps.filter((g) => g.problem === problem)
    if (!list.length) return null
    return (
      <>
        <Typography variant="body2">{intro}</Typography>
        <List dense disablePadding>
          {list.map((g) => {
            const to = fixPath(g, tripId)
            return (
              <ListItem key={`${g.collection}/${g.id}/${g.field}/${g.problem}`} disableGutters sx={{ py: 0 }} data-testid="report-gap">
                <Typography variant="body2" component="span">
                  {[g.name, fieldLabel(g.field)].filter(Boolean).join(' · ')} — {t(`exports.check.${g.problem}`)}
                  {to && (
                    <>
                      {' '}
                      <Link component={RouterLink} to={to}>{t('exports.check.fix')}</Link>
                    </>
                  )}
                </Typography>
              </ListItem>
            )
          })}
        </List>
      </>
    )
  }
  return (
    <Alert severity={gaps.some((g) => g.problem === 'notEnglish') ? 'warning' : 'info'} data-testid="report-check">
      <Typography variant="subtitle2">{t('exports.check.title')}</Typography>
      {section('missing', t('exports.check.intro'))}
      {section('notEnglish', t('exports.check.introEn'))}
    </Alert>
  )
}
