// The trip's figures, as the main side computes them (trips.totals).
import Box from '@mui/material/Box'
import Divider from '@mui/material/Divider'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { TripTotals } from '../../../../shared/contract'
import { activityKind } from '../../../../shared/enums'
import { enumText } from '../../i18n'

function Figure({ id, label, value, hint }: { id: string; label: string; value: number | string; hint?: string }) {
  return (
    <Stack direction="row" sx={{ alignItems: 'baseline', gap: 1, py: 0.5 }} data-testid={`total-${id}`} title={hint}>
      <Typography variant="body2" sx={{ flex: 1, minWidth: 0 }}>
        {label}
      </Typography>
      <Typography variant="h6" component="span" sx={{ fontWeight: 600, lineHeight: 1.2 }} data-testid={`total-${id}-value`}>
        {value}
      </Typography>
    </Stack>
  )
}

export function TotalsCard({ totals }: { totals: TripTotals }) {
  const { t } = useTranslation()
  const kinds = activityKind.values.filter((k) => (totals.activitiesByKind[k] ?? 0) > 0)
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="trip-totals">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {t('trips.totals.title')}
      </Typography>
      <Figure id="enterprisesVisited" label={t('trips.totals.enterprisesVisited')} value={totals.enterprisesVisited} hint={t('trips.totals.enterprisesVisitedHint')} />
      {/* Unknown is not zero: visits whose positions nobody counted are not summed as 0. */}
      <Figure
        id="positionsOffered"
        label={t('trips.totals.positionsOffered')}
        value={totals.positionsOffered === 0 && totals.positionsUnrecorded > 0 ? t('trips.totals.positionsNotRecorded') : totals.positionsOffered}
        hint={totals.positionsUnrecorded > 0 ? t('trips.totals.positionsUnrecordedHint', { count: totals.positionsUnrecorded }) : undefined}
      />
      <Figure id="internshipBases" label={t('trips.totals.internshipBases')} value={totals.internshipBases} />
      <Figure id="agreements" label={t('trips.totals.agreements')} value={totals.agreements} />
      <Figure id="alumniGroupsFounded" label={t('trips.totals.alumniGroupsFounded')} value={totals.alumniGroupsFounded} hint={t('trips.totals.alumniGroupsFoundedHint')} />
      <Figure id="peopleMet" label={t('trips.totals.peopleMet')} value={totals.peopleMet} />
      <Figure id="alumniMet" label={t('trips.totals.alumniMet')} value={totals.alumniMet} />
      <Figure id="followUpsOpen" label={t('trips.totals.followUpsOpen')} value={totals.followUpsOpen} />
      <Figure id="followUpsDone" label={t('trips.totals.followUpsDone')} value={totals.followUpsDone} />
      <Divider sx={{ my: 1 }} />
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
        {t('trips.totals.activitiesByKind')}
      </Typography>
      {kinds.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('trips.totals.noActivities')}
        </Typography>
      ) : (
        <Box data-testid="total-activitiesByKind">
          {kinds.map((k) => (
            <Stack key={k} direction="row" sx={{ py: 0.25 }}>
              <Typography variant="body2" sx={{ flex: 1 }}>
                {enumText(t, 'activityKind', k)}
              </Typography>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {totals.activitiesByKind[k]}
              </Typography>
            </Stack>
          ))}
        </Box>
      )}
    </Paper>
  )
}
