import { Link as RouterLink } from 'react-router-dom'
import Box from '@mui/material/Box'
import Card from '@mui/material/Card'
import CardActionArea from '@mui/material/CardActionArea'
import CardContent from '@mui/material/CardContent'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { DashboardSummary } from '../../../../shared/contract'

type KpiKey = keyof DashboardSummary['kpis']

/** The figures, in the order the office reports them; `period`: counted over the chosen period (else: as of today). */
const KPIS: ReadonlyArray<{ key: KpiKey; to: string; period: boolean; caption?: 'activeAsOfToday' }> = [
  { key: 'trips', to: '/trips', period: true },
  { key: 'enterprisesVisited', to: '/organizations', period: true },
  { key: 'positionsOffered', to: '/trips', period: true },
  { key: 'activeInternshipBases', to: '/agreements', period: false, caption: 'activeAsOfToday' },
  { key: 'alumniContacts', to: '/contacts', period: false },
  { key: 'followUpsOpen', to: '/follow-ups', period: false },
  { key: 'followUpsOverdue', to: '/follow-ups', period: false },
]

export function KpiCards({ kpis }: { kpis: DashboardSummary['kpis'] }) {
  const { t } = useTranslation()
  return (
    <Box
      component="section"
      aria-label={t('insights.dashboard.period')}
      sx={{ display: 'grid', gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', md: 'repeat(4, minmax(0, 1fr))', lg: 'repeat(7, minmax(0, 1fr))' }, gap: 1.5 }}
      data-testid="dashboard-kpis"
    >
      {KPIS.map(({ key, to, period, caption }) => {
        const value = kpis[key]
        const alert = key === 'followUpsOverdue' && value > 0
        const label = t(`insights.dashboard.kpis.${key}`)
        return (
          <Card key={key} variant="outlined" sx={alert ? { borderColor: 'error.light' } : undefined}>
            <CardActionArea component={RouterLink} to={to} title={t(`insights.dashboard.kpiHelp.${key}`)} sx={{ height: '100%' }}>
              <CardContent sx={{ p: 1.75, '&:last-child': { pb: 1.75 } }}>
                <Typography variant="body2" color="text.secondary" noWrap title={label} data-testid={`kpi-label-${key}`}>
                  {label}
                </Typography>
                <Typography
                  variant="h4"
                  component="p"
                  sx={{ fontWeight: 600, my: 0.25, color: alert ? 'error.main' : 'text.primary' }}
                  data-testid={`kpi-${key}`}
                >
                  {value}
                </Typography>
                <Typography variant="caption" color="text.secondary" noWrap component="p">
                  {t(`insights.dashboard.${caption ?? (period ? 'inPeriod' : 'asOfToday')}`)}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        )
      })}
    </Box>
  )
}
