import { useEffect, useState } from 'react'
import { Link as RouterLink } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Card from '@mui/material/Card'
import CardActionArea from '@mui/material/CardActionArea'
import CardContent from '@mui/material/CardContent'
import Chip from '@mui/material/Chip'
import CircularProgress from '@mui/material/CircularProgress'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import Alert from '@mui/material/Alert'
import PlayArrowIcon from '@mui/icons-material/PlaylistAdd'
import { useTranslation } from 'react-i18next'
import type { CollectionName } from '../../../shared/collections'
import type { Trip } from '../../../shared/domain/trips'
import { call } from '../api'
import { Page } from '../components/Page'
import { NAV_ICONS } from '../components/navigation'
import { formatDateRange } from '../format'
import { enumText } from '../i18n'
import { useApp, useErrorText } from '../state'

/** Count cards: collection, the page it opens (none: no page of its own yet). */
const CARDS: ReadonlyArray<{ collection: CollectionName; to: string | null }> = [
  { collection: 'trips', to: '/trips' },
  { collection: 'activities', to: null },
  { collection: 'organizations', to: '/organizations' },
  { collection: 'contacts', to: '/contacts' },
  { collection: 'agreements', to: '/agreements' },
  { collection: 'alumniGroups', to: '/alumni-groups' },
  { collection: 'followUps', to: '/follow-ups' },
  { collection: 'staff', to: '/staff' },
]

function EmptyState() {
  const { t } = useTranslation()
  const { reloadAll, notify } = useApp()
  const errorText = useErrorText()
  const [busy, setBusy] = useState(false)
  const load = async () => {
    setBusy(true)
    try {
      await call('sample.load', {})
      await reloadAll()
      notify({ message: t('dashboard.sampleLoaded') })
    } catch (e) {
      notify({ severity: 'error', message: errorText(e) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Paper variant="outlined" sx={{ p: 5, maxWidth: 760, mx: 'auto', mt: 4, textAlign: 'center' }} data-testid="dashboard-empty">
      <Typography variant="h5" component="h2" gutterBottom sx={{ fontWeight: 600 }}>
        {t('dashboard.emptyTitle')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('dashboard.emptyBody')}</Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t('dashboard.emptyHint')}
      </Typography>
      <Button
        size="large"
        variant="contained"
        startIcon={busy ? <CircularProgress size={18} color="inherit" /> : <PlayArrowIcon />}
        onClick={() => void load()}
        disabled={busy}
      >
        {busy ? t('dashboard.loadingSample') : t('dashboard.loadSample')}
      </Button>
    </Paper>
  )
}

function TripList() {
  const { t } = useTranslation()
  const { dataVersion } = useApp()
  const errorText = useErrorText()
  const [state, setState] = useState<{ trips: Trip[]; error: string | null } | null>(null)
  useEffect(() => {
    let live = true
    call('trips.list', { sort: { field: 'startDate', dir: 'desc' }, limit: 10 }).then(
      (page) => live && setState({ trips: page.items, error: null }),
      (e: unknown) => live && setState({ trips: [], error: errorText(e) }),
    )
    return () => {
      live = false
    }
  }, [dataVersion, errorText])

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {t('dashboard.trips')}
        </Typography>
        <Button component={RouterLink} to="/trips" size="small">
          {t('dashboard.viewAll')}
        </Button>
      </Stack>
      {state?.error && <Alert severity="error">{state.error}</Alert>}
      {state && state.trips.length === 0 && !state.error && <Typography color="text.secondary">{t('dashboard.noTrips')}</Typography>}
      <List dense disablePadding data-testid="dashboard-trips">
        {state?.trips.map((trip) => (
          <ListItemButton key={trip.id} component={RouterLink} to="/trips" divider>
            <ListItemText
              primary={trip.title}
              secondary={[formatDateRange(trip.startDate, trip.endDate), trip.destinations.join(t('common.listSep'))].filter(Boolean).join(' · ')}
              slotProps={{ primary: { noWrap: true, title: trip.title } }}
            />
            <Chip size="small" label={enumText(t, 'tripStatus', trip.status)} sx={{ ml: 2 }} />
          </ListItemButton>
        ))}
      </List>
    </Paper>
  )
}

export function DashboardPage() {
  const { t } = useTranslation()
  const { status } = useApp()

  if (!status) {
    return (
      <Page title={t('dashboard.title')}>
        <CircularProgress />
      </Page>
    )
  }
  if (status.empty) {
    return (
      <Page title={t('dashboard.title')}>
        <EmptyState />
      </Page>
    )
  }
  return (
    <Page title={t('dashboard.title')}>
      <Box sx={{ overflow: 'auto', flex: 1, minHeight: 0 }}>
        <Typography variant="subtitle1" component="h2" color="text.secondary" sx={{ mb: 1 }}>
          {t('dashboard.counts')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 2, mb: 3 }} data-testid="dashboard-counts">
          {CARDS.map(({ collection, to }) => {
            const Icon = NAV_ICONS[collection]
            const body = (
              <CardContent>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'text.secondary' }}>
                  {Icon && <Icon fontSize="small" />}
                  <Typography variant="body2" noWrap title={t(`countLabels.${collection}`)}>
                    {t(`countLabels.${collection}`)}
                  </Typography>
                </Stack>
                <Typography variant="h4" component="p" sx={{ mt: 1, fontWeight: 600 }} data-testid={`count-${collection}`}>
                  {status.counts[collection] ?? 0}
                </Typography>
              </CardContent>
            )
            return (
              <Card key={collection} variant="outlined">
                {to ? (
                  <CardActionArea component={RouterLink} to={to}>
                    {body}
                  </CardActionArea>
                ) : (
                  body
                )}
              </Card>
            )
          })}
        </Box>
        <TripList />
      </Box>
    </Page>
  )
}
