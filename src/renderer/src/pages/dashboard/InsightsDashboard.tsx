import { Suspense, useDeferredValue, useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'
import LinearProgress from '@mui/material/LinearProgress'
import { useTranslation } from 'react-i18next'
import type { DashboardSummary } from '../../../../shared/contract'
import { call } from '../../api'
import { Page } from '../../components/Page'
import { useApp, useErrorText } from '../../state'
import { lazyNamed } from '../../lazyNamed'
import { KpiCards } from './KpiCards'
import { DashboardLists } from './Lists'
import { PeriodPicker } from './PeriodPicker'
import { localToday, openingSummaryInput, rangeOf, yearChoices } from './period'
import type { Period } from './period'
import { RecordCounts } from './RecordCounts'

// The charts library is the largest part of the dashboard: the figures show first, the charts follow.
const DashboardCharts = lazyNamed(() => import('./Charts'), 'DashboardCharts')

interface Loaded {
  key: string
  summary: DashboardSummary | null
  error: string | null
}

/** The dashboard once there is data: figures for a year or a term, computed on the main side. */
export function InsightsDashboard() {
  const { t } = useTranslation()
  const { status, dataVersion } = useApp()
  const errorText = useErrorText()
  const [today] = useState(localToday)
  const currentYear = Number(today.slice(0, 4))
  const [chosen, setChosen] = useState<Period | null>(null)
  const [autoYear, setAutoYear] = useState<number | null>(null)
  const period: Period = chosen ?? { year: autoYear ?? currentYear, scope: 'year' }
  const { from, to } = rangeOf(period)
  const key = `${from}|${to}|${dataVersion}`
  const [loaded, setLoaded] = useState<Loaded | null>(null)

  const shownKey = loaded?.key
  useEffect(() => {
    // Already on screen: the opening answer is stored under the key its year has once autoYear is set.
    if (shownKey === key) return
    let live = true
    const opening = chosen === null && autoYear === null
    call('dashboard.summary', opening ? openingSummaryInput(today) : { from, to, today }).then(
      (summary) => {
        if (!live) return
        if (opening) {
          // The answer is of the current year, or of the latest year with data when it holds none.
          const year = Number(summary.from.slice(0, 4))
          const shown = rangeOf({ year, scope: 'year' })
          setAutoYear(year)
          setLoaded({ key: `${shown.from}|${shown.to}|${dataVersion}`, summary, error: null })
          return
        }
        setLoaded({ key, summary, error: null })
      },
      (e: unknown) => live && setLoaded({ key, summary: null, error: errorText(e) }),
    )
    return () => {
      live = false
    }
  }, [key, shownKey, from, to, today, chosen, autoYear, dataVersion, errorText])

  const summary = loaded?.summary ?? null
  // The charts render in the background after the figures are on screen: rendered with them, they
  // held the first paint of the figures back by their own 50–100 ms.
  const chartSummary = useDeferredValue(summary, null)
  const refreshing = loaded !== null && loaded.key !== key
  const years = yearChoices(summary?.years ?? [], currentYear, period.year)

  return (
    <Page title={t('dashboard.title')} actions={<PeriodPicker period={period} years={years} onChange={setChosen} />}>
      <Box sx={{ overflow: 'auto', flex: 1, minHeight: 0, mx: -3, px: 3, pb: 2 }} data-testid="dashboard">
        <Box sx={{ height: 4, mb: 1 }}>{refreshing && <LinearProgress aria-label={t('insights.dashboard.refreshing')} />}</Box>
        {loaded?.error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {t('insights.dashboard.loadFailed', { message: loaded.error })}
          </Alert>
        )}
        {!loaded && <CircularProgress aria-label={t('app.loading')} />}
        {summary && (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, opacity: refreshing ? 0.6 : 1, transition: 'opacity 120ms' }}>
            <KpiCards kpis={summary.kpis} />
            <Suspense fallback={<LinearProgress aria-label={t('app.loading')} />}>
              {chartSummary ? <DashboardCharts summary={chartSummary} /> : <LinearProgress aria-label={t('app.loading')} />}
            </Suspense>
            <DashboardLists summary={summary} />
            {status && <RecordCounts counts={status.counts} />}
          </Box>
        )}
      </Box>
    </Page>
  )
}
