// One trip: overview form, itinerary (the printed-schedule view with quick-add), outcomes,
// and the totals card. Tabs are in the URL (?tab=overview|itinerary|outcomes); ?activity=<id>
// opens the itinerary on that item (Ctrl+K results link here). Part 3 adds a Reports tab.
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import Typography from '@mui/material/Typography'
import ArrowBackIcon from '@mui/icons-material/ArrowBack'
import { useTranslation } from 'react-i18next'
import { formatDateRange } from '../../format'
import { Itinerary } from './Itinerary'
import { Outcomes } from './Outcomes'
import { TripReportsPanel } from '../../components/TripReportsPanel'
import { StatusChip } from './parts'
import { TripEndedBanner } from './tripEnded'
import { todayIso } from '../../../../shared/days'
import { endedUnconfirmed } from '../../../../shared/tripStatus'
import { TotalsCard } from './TotalsCard'
import { TripOverview } from './TripOverview'
import { useTripData } from './useTripData'
import { confirmLeave } from '../../components/leaveGuard'
import { ConflictMark, HistoryButton } from '../../components/ConflictMark'
import { AttachmentsPanel } from '../../components/attachments/AttachmentsPanel'

export const TRIP_TABS = ['overview', 'itinerary', 'outcomes', 'reports'] as const
export type TripTab = (typeof TRIP_TABS)[number]

export function TripPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const highlight = params.get('activity')
  const asked = params.get('tab')
  const tab: TripTab = (TRIP_TABS as readonly string[]).includes(asked ?? '') ? (asked as TripTab) : 'itinerary'
  const { data, error, notFound } = useTripData(id)

  const back = (
    <Button
      component={RouterLink}
      to="/trips"
      onClick={(e: React.MouseEvent) => {
        if (!confirmLeave()) e.preventDefault()
      }}
      startIcon={<ArrowBackIcon />}
      size="small"
      sx={{ alignSelf: 'flex-start' }}
    >
      {t('trips.page.back')}
    </Button>
  )

  if (!data) {
    return (
      <Box sx={{ p: 3 }}>
        {back}
        {notFound ? (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {t('trips.page.notFound')}
          </Alert>
        ) : error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {t('common.loadFailed', { message: error })}
          </Alert>
        ) : (
          <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center' }}>
            <CircularProgress size={18} />
            <Typography color="text.secondary">{t('app.loading')}</Typography>
          </Stack>
        )}
      </Box>
    )
  }

  const { trip, totals } = data
  const ended = endedUnconfirmed(trip, todayIso())
  const setTab = (v: TripTab) => {
    const next = new URLSearchParams(params)
    next.set('tab', v)
    next.delete('activity')
    setParams(next, { replace: true })
  }

  return (
    <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="trip-page">
      <Box sx={{ p: 3, pb: 6, display: 'flex', flexDirection: 'column', gap: 2 }}>
        {back}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
              {trip.title}
            </Typography>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mt: 0.5, flexWrap: 'wrap', rowGap: 0.5 }}>
              <Typography variant="body2" color="text.secondary" data-testid="trip-dates">
                {formatDateRange(trip.startDate, trip.endDate)}
              </Typography>
              {trip.destinations.length > 0 && (
                <Typography variant="body2" color="text.secondary">
                  {trip.destinations.join(t('common.listSep'))}
                </Typography>
              )}
              <StatusChip status={trip.status} ended={ended} />
              <ConflictMark collection="trips" record={trip} />
              <HistoryButton collection="trips" id={trip.id} />
            </Stack>
            {trip.theme && (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {t('trips.page.theme', { theme: trip.theme })}
              </Typography>
            )}
          </Box>
        </Stack>
        <TripEndedBanner trip={trip} />
        {error && <Alert severity="error">{t('common.loadFailed', { message: error })}</Alert>}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 280px' }, gap: 2, alignItems: 'start' }}>
          <Box sx={{ minWidth: 0 }}>
            <Tabs value={tab} onChange={(_, v: TripTab) => setTab(v)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider', '& .MuiTab-root': { textTransform: 'none', fontSize: 15 } }}>
              <Tab value="overview" label={t('trips.tabs.overview')} />
              <Tab value="itinerary" label={t('trips.tabs.itinerary', { count: data.activities.length })} />
              <Tab value="outcomes" label={t('trips.tabs.outcomes', { count: data.agreements.length + data.alumniGroups.length + data.followUps.length })} />
              <Tab value="reports" label={t('exports.reports.title')} data-testid="tab-reports" />
            </Tabs>
            {/* The overview form stays mounted so what is typed there survives a look at another tab. */}
            <Box sx={{ display: tab === 'overview' ? 'block' : 'none' }}>
              <TripOverview key={trip.updatedAt} trip={trip} />
              {trip.deletedAt === null && (
                <Box sx={{ mt: 2 }}>
                  <AttachmentsPanel recordType="trips" recordId={trip.id} />
                </Box>
              )}
            </Box>
            {tab === 'itinerary' && <Itinerary data={data} highlight={highlight} />}
            {tab === 'outcomes' && <Outcomes data={data} />}
            {tab === 'reports' && <TripReportsPanel tripId={trip.id} />}
          </Box>
          <Box sx={{ position: { lg: 'sticky' }, top: { lg: 0 } }}>
            <TotalsCard totals={totals} />
          </Box>
        </Box>
      </Box>
    </Box>
  )
}
