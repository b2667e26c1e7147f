import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { ImportWizard } from './useImportWizard'

/** How far the running read, check or write got, with Cancel; nothing when no call is running. */
export function ImportJobBar({ w }: { w: ImportWizard }) {
  const { t, i18n } = useTranslation()
  if (!w.job) return null
  const p = w.job.progress
  const phase = p?.phase ?? 'reading'
  const counted = p !== null && p.total > 0 && (phase === 'planning' || phase === 'writing')
  const n = (v: number) => v.toLocaleString(i18n.language)
  return (
    <Box data-testid="import-progress" role="status" aria-live="polite">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box sx={{ flex: 1 }}>
          <LinearProgress variant={counted ? 'determinate' : 'indeterminate'} value={counted ? Math.min(100, (100 * (p?.done ?? 0)) / Math.max(1, p?.total ?? 1)) : undefined} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {p?.cancelled ? t('imports.progress.cancelling') : t(`imports.progress.${phase}`, { done: n(p?.done ?? 0), total: n(p?.total ?? 0) })}
          </Typography>
        </Box>
        <Button onClick={() => void w.cancel()} disabled={p?.cancelled === true || phase === 'indexing' || phase === 'done'} data-testid="import-cancel">
          {t('imports.progress.cancel')}
        </Button>
      </Stack>
    </Box>
  )
}
