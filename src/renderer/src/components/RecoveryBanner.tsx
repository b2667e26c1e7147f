import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { RecoveryInfo } from '../../../shared/contract'
import { formatDateTime } from '../format'
import { useApp } from '../state'

export function RecoveryDetails({ info }: { info: RecoveryInfo }) {
  const { t } = useTranslation()
  const at = formatDateTime(info.at)
  return (
    <>
      <Typography variant="body2">
        {info.loadedBackup ? t('recovery.body', { backup: info.loadedBackup, at }) : t('recovery.bodyNoBackup', { at })}
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5, fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {t('recovery.files', { files: info.damagedFiles.join(t('common.listSep')) })}
      </Typography>
    </>
  )
}

/** Shown above every page after the store recovered from a damaged file, until dismissed. */
export function RecoveryBanner() {
  const { t } = useTranslation()
  const { status, recoveryDismissed, dismissRecovery } = useApp()
  const info = status?.recovered
  if (!info || recoveryDismissed) return null
  return (
    <Alert
      severity="warning"
      square
      data-testid="recovery-banner"
      action={
        <Button color="inherit" size="small" onClick={dismissRecovery}>
          {t('common.dismiss')}
        </Button>
      }
    >
      <AlertTitle>{t('recovery.title')}</AlertTitle>
      <RecoveryDetails info={info} />
    </Alert>
  )
}
