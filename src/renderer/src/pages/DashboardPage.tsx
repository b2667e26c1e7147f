import CircularProgress from '@mui/material/CircularProgress'
import { useTranslation } from 'react-i18next'
import { Page } from '../components/Page'
import { useApp } from '../state'
import { EmptyState } from './dashboard/EmptyState'
import { InsightsDashboard } from './dashboard/InsightsDashboard'

/** The home page: the welcome and sample trip while there is no data, then the figures. */
export function DashboardPage() {
  const { t } = useTranslation()
  const { status } = useApp()

  if (!status) {
    return (
      <Page title={t('dashboard.title')}>
        <CircularProgress aria-label={t('app.loading')} />
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
  return <InsightsDashboard />
}
