import { useState } from 'react'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd'
import { useTranslation } from 'react-i18next'
import { call } from '../../api'
import { useApp, useErrorText } from '../../state'

/** No data at all: what the app is for, and the sample trip to try it with. */
export function EmptyState() {
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
        startIcon={busy ? <CircularProgress size={18} color="inherit" /> : <PlaylistAddIcon />}
        onClick={() => void load()}
        disabled={busy}
      >
        {busy ? t('dashboard.loadingSample') : t('dashboard.loadSample')}
      </Button>
    </Paper>
  )
}
