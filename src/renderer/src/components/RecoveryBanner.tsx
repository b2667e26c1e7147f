import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { RecoveryInfo } from '../../../shared/contract'
import { formatDateTime } from '../format'
import { useApp } from '../state'

/** "journal.jsonl.damaged-… line 3, 7" per file: where the skipped changes can be read. */
function skippedPlaces(info: RecoveryInfo, t: TFunction, sep: string): string {
  const byFile = new Map<string, number[]>()
  for (const s of info.skippedEntries) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s.line])
  return [...byFile].map(([file, lines]) => t('recovery.skippedAt', { file, lines: lines.join(sep) })).join('; ')
}

function bodyText(info: RecoveryInfo, t: TFunction, at: string): string {
  if (info.loadedBackup) return t('recovery.body', { backup: info.loadedBackup, at })
  const onlyJournal = info.damagedFiles.length > 0 && info.damagedFiles.every((f) => f.startsWith('journal'))
  return onlyJournal ? t('recovery.bodyJournal', { at }) : t('recovery.bodyNoBackup', { at })
}

export function RecoveryDetails({ info }: { info: RecoveryInfo }) {
  const { t } = useTranslation()
  const at = formatDateTime(info.at)
  const sep = t('common.listSep')
  const mono = { mt: 0.5, fontFamily: 'monospace', wordBreak: 'break-all' } as const
  return (
    <>
      <Typography variant="body2">{bodyText(info, t, at)}</Typography>
      {info.damagedFiles.length > 0 && (
        <Typography variant="body2" sx={mono} data-testid="recovery-files">
          {t('recovery.files', { files: info.damagedFiles.join(sep) })}
        </Typography>
      )}
      {info.skippedEntries.length > 0 && (
        <Typography variant="body2" sx={mono} data-testid="recovery-skipped">
          {t('recovery.skipped', { count: info.skippedEntries.length, where: skippedPlaces(info, t, sep) })}
        </Typography>
      )}
      {info.missingEntries.length > 0 && (
        <Typography variant="body2" sx={mono}>
          {t('recovery.missing', { ranges: info.missingEntries.map((m) => (m.from === m.to ? `${m.from}` : `${m.from}–${m.to}`)).join(sep) })}
        </Typography>
      )}
    </>
  )
}

/** Shown above every page after the store recovered from a damaged file, on every start until dismissed. */
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
