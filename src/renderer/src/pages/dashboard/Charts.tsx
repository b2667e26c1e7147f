import type { ReactNode } from 'react'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { BarChart } from '@mui/x-charts/BarChart'
import { PieChart } from '@mui/x-charts/PieChart'
import { useTranslation } from 'react-i18next'
import type { DashboardSummary } from '../../../../shared/contract'
import { currentLang } from '../../i18n'

const HEIGHT = 240
/** Beyond this many industries or cities, the smallest are summed as "other". */
const MAX_SLICES = 7
const EMPTY_LABEL = '—'
/** Slice colours in the app's blues, then warm tones for the rest. */
const PALETTE = ['#1f4e79', '#4f8fc0', '#9cc5e3', '#d9a441', '#8a2d2d', '#6b8f71', '#9e9e9e']

export function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 0, display: 'flex', flexDirection: 'column' }} data-testid={testId}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 0.5 }} noWrap title={title}>
        {title}
      </Typography>
      {children}
    </Paper>
  )
}

function NoData({ text }: { text: string }) {
  return (
    <Box sx={{ height: HEIGHT, display: 'grid', placeItems: 'center', color: 'text.secondary', textAlign: 'center', px: 2 }}>
      <Typography variant="body2">{text}</Typography>
    </Box>
  )
}

function useLabels() {
  const { t } = useTranslation()
  return (rows: Array<{ label: string; count: number }>) => {
    const named = rows.map((r) => ({ label: r.label === EMPTY_LABEL ? t('insights.dashboard.notRecorded') : r.label, count: r.count }))
    if (named.length <= MAX_SLICES) return named
    const rest = named.slice(MAX_SLICES - 1).reduce((n, r) => n + r.count, 0)
    return [...named.slice(0, MAX_SLICES - 1), { label: t('insights.dashboard.charts.other'), count: rest }]
  }
}

export function DashboardCharts({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const labelled = useLabels()
  const monthName = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' })
  const months = summary.visitsPerMonth.map((m) => m.month)
  const tick = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`))
  const visits = summary.visitsPerMonth.reduce((n, m) => n + m.visits, 0)
  const industries = labelled(summary.organizationsByIndustry)
  const cities = labelled(summary.organizationsByCity)
  const noVisits = t('insights.dashboard.charts.noVisits')
  const orgsLabel = t('insights.dashboard.charts.organizations')

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1.3fr) minmax(0, 1fr) minmax(0, 1fr)' }, gap: 1.5 }}>
      <ChartCard title={t('insights.dashboard.charts.visitsPerMonth')} testId="chart-visits">
        {visits === 0 ? (
          <NoData text={noVisits} />
        ) : (
          <BarChart
            height={HEIGHT}
            hideLegend
            margin={{ left: 0, right: 8, top: 16, bottom: 0 }}
            xAxis={[{ scaleType: 'band', data: months, valueFormatter: (m: string, ctx) => (ctx.location === 'tick' ? tick(m) : m) }]}
            yAxis={[{ tickMinStep: 1, width: 32 }]}
            series={[{ data: summary.visitsPerMonth.map((m) => m.visits), label: t('insights.dashboard.charts.visits'), color: '#1f4e79' }]}
            grid={{ horizontal: true }}
          />
        )}
      </ChartCard>
      <ChartCard title={t('insights.dashboard.charts.byIndustry')} testId="chart-industry">
        {industries.length === 0 ? (
          <NoData text={noVisits} />
        ) : (
          <BarChart
            height={HEIGHT}
            hideLegend
            layout="horizontal"
            margin={{ left: 0, right: 16, top: 8, bottom: 0 }}
            yAxis={[{ scaleType: 'band', data: industries.map((r) => r.label), width: 200 }]}
            xAxis={[{ tickMinStep: 1 }]}
            series={[{ data: industries.map((r) => r.count), label: orgsLabel, color: '#3a7ca5' }]}
            grid={{ vertical: true }}
          />
        )}
      </ChartCard>
      <ChartCard title={t('insights.dashboard.charts.byCity')} testId="chart-city">
        {cities.length === 0 ? (
          <NoData text={noVisits} />
        ) : (
          <PieChart
            height={HEIGHT}
            colors={PALETTE}
            margin={{ left: 0, right: 0, top: 8, bottom: 8 }}
            series={[
              {
                data: cities.map((c, i) => ({ id: i, value: c.count, label: c.label })),
                innerRadius: 48,
                outerRadius: 96,
                paddingAngle: 1.5,
                cornerRadius: 3,
                valueFormatter: (v) => `${v.value}`,
              },
            ]}
            slotProps={{ legend: { direction: 'vertical', position: { vertical: 'middle', horizontal: 'end' } } }}
          />
        )}
      </ChartCard>
    </Box>
  )
}
