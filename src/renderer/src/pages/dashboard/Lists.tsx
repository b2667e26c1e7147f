import type { ReactNode } from 'react'
import { Link as RouterLink } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { DashboardSummary } from '../../../../shared/contract'
import { formatDate, formatDateRange } from '../../format'
import { enumText } from '../../i18n'

const SHOWN = 6
const enc = encodeURIComponent

function ListCard({ title, to, testId, count, empty, children }: { title: string; to: string; testId: string; count: number; empty: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Paper variant="outlined" sx={{ p: 2, pb: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1, minWidth: 0 }} noWrap title={title}>
          {title}
        </Typography>
        <Button component={RouterLink} to={to} size="small" sx={{ flexShrink: 0 }}>
          {t('insights.dashboard.viewAll')}
        </Button>
      </Stack>
      {count === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {empty}
        </Typography>
      )}
      <List dense disablePadding data-testid={testId}>
        {children}
      </List>
    </Paper>
  )
}

/** One line of a list: a link with a title and a second line (a date first, coloured when it is urgent), truncated with a tooltip. */
function Row({ to, primary, date, dateColor, rest }: { to: string; primary: string; date: string; dateColor?: string; rest: string[] }) {
  const sep = ' · '
  const secondary = [date, ...rest].filter(Boolean).join(sep)
  const others = rest.filter(Boolean).join(sep)
  return (
    <ListItemButton component={RouterLink} to={to} sx={{ px: 1, borderRadius: 1 }}>
      <ListItemText
        primary={primary}
        secondary={
          <>
            <Box component="span" sx={{ color: dateColor, fontWeight: dateColor ? 500 : undefined }}>
              {date}
            </Box>
            {others && `${date ? sep : ''}${others}`}
          </>
        }
        sx={{ minWidth: 0, my: 0.25 }}
        slotProps={{ primary: { noWrap: true, title: primary }, secondary: { noWrap: true, title: secondary } }}
      />
    </ListItemButton>
  )
}

export function DashboardLists({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation()
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(3, minmax(0, 1fr))' }, gap: 1.5 }}>
      <ListCard
        title={t('insights.dashboard.overdue')}
        to="/follow-ups"
        testId="dashboard-overdue"
        count={summary.overdueFollowUps.length}
        empty={t('insights.dashboard.noOverdue')}
      >
        {summary.overdueFollowUps.slice(0, SHOWN).map((f) => (
          <Row
            key={f.id}
            to={`/follow-ups?open=${enc(f.id)}`}
            primary={f.title}
            date={t('insights.dashboard.dueOn', { date: formatDate(f.dueDate) })}
            dateColor="error.main"
            rest={[f.ownerName || t('insights.dashboard.noOwner'), f.organizationName]}
          />
        ))}
      </ListCard>
      <ListCard
        title={t('insights.dashboard.expiring')}
        to="/agreements"
        testId="dashboard-expiring"
        count={summary.expiringAgreements.length}
        empty={t('insights.dashboard.noExpiring', { days: summary.expiringWithinDays })}
      >
        {summary.expiringAgreements.slice(0, SHOWN).map((a) => (
          <Row
            key={a.id}
            to={`/agreements?open=${enc(a.id)}`}
            primary={a.title}
            date={a.expired ? t('insights.dashboard.expiredOn', { date: formatDate(a.endDate) }) : t('insights.dashboard.endsOn', { date: formatDate(a.endDate) })}
            dateColor={a.expired ? 'error.main' : 'warning.dark'}
            rest={[a.organizationName]}
          />
        ))}
      </ListCard>
      <ListCard title={t('insights.dashboard.recentTrips')} to="/trips" testId="dashboard-trips" count={summary.recentTrips.length} empty={t('insights.dashboard.noTrips')}>
        {summary.recentTrips.slice(0, SHOWN).map((trip) => (
          <Row
            key={trip.id}
            to={`/trips/${enc(trip.id)}`}
            primary={trip.title}
            date={formatDateRange(trip.startDate, trip.endDate)}
            rest={[enumText(t, 'tripStatus', trip.status)]}
          />
        ))}
      </ListCard>
    </Box>
  )
}
