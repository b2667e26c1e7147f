// Settings → Personal data protection: encryption at rest on or off, the passphrase set, changed or removed.
import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { EncryptionStatus } from '../../../../shared/encryption'
import { call } from '../../api'
import { fieldErrorsOf, TextInput } from '../../components/form'
import type { FieldErrors } from '../../components/form'
import { Section } from '../../components/Section'
import { useApp, useErrorText } from '../../state'

type Busy = null | 'on' | 'off' | 'change' | 'remove'

export function EncryptionSection() {
  const { t } = useTranslation()
  const { reloadAll, notify } = useApp()
  const errorText = useErrorText()
  const [status, setStatus] = useState<EncryptionStatus | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState<Busy>(null)
  const [askOff, setAskOff] = useState(false)

  useEffect(() => {
    let live = true
    call('encryption.status', {}).then(
      (s) => live && setStatus(s),
      (e: unknown) => live && notify({ severity: 'error', message: errorText(e) }),
    )
    return () => {
      live = false
    }
  }, [notify, errorText])

  if (!status) return null
  const needsPassphrase = status.keychain !== 'available'

  const run = async (kind: Exclude<Busy, null>, fn: () => Promise<EncryptionStatus>, done: string) => {
    setBusy(kind)
    setErrors({})
    try {
      setStatus(await fn())
      setPassphrase('')
      setConfirm('')
      // On and off reopen the data: everything on screen is read again.
      if (kind === 'on' || kind === 'off') await reloadAll()
      notify({ message: done })
    } catch (e) {
      const fields = fieldErrorsOf(e, [])
      if (fields) setErrors(fields)
      else notify({ severity: 'error', message: errorText(e) })
    } finally {
      setBusy(null)
    }
  }
  const entered = passphrase === '' && confirm === '' ? {} : { passphrase, confirm }

  const fields = (label: string) => (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      <TextInput name="passphrase" type="password" label={label} value={passphrase} onChange={setPassphrase} errors={errors} helperText={t('encryption.passphraseHelp')} autoComplete="new-password" />
      <TextInput name="confirm" type="password" label={t('encryption.confirm')} value={confirm} onChange={setConfirm} errors={errors} autoComplete="new-password" />
    </Stack>
  )

  return (
    <Section title={t('encryption.section')} help={t('encryption.help')}>
      <Stack spacing={2} data-testid="encryption-section">
        <Alert severity={status.state === 'on' ? 'success' : 'info'} data-testid="encryption-state">
          {t(status.state === 'on' ? 'encryption.stateOn' : 'encryption.stateOff')}
        </Alert>
        {status.pending && (
          <Alert
            severity="warning"
            action={
              <Button color="inherit" size="small" disabled={busy !== null} onClick={() => void (status.pending === 'encrypting' ? run('on', () => call('encryption.enable', {}), t('encryption.turnedOn')) : run('off', () => call('encryption.disable', {}), t('encryption.turnedOff')))}>
                {t('encryption.retry')}
              </Button>
            }
          >
            {t('encryption.pending')}
          </Alert>
        )}
        <Typography variant="body2" color={status.keychain === 'insecure' ? 'warning.main' : 'text.secondary'}>
          {t(status.keychain === 'available' ? 'encryption.keychainAvailable' : status.keychain === 'insecure' ? 'encryption.keychainInsecure' : 'encryption.keychainNone')}
        </Typography>
        {status.state !== 'on' ? (
          <>
            {fields(needsPassphrase ? t('encryption.passphrase') : t('encryption.passphraseOptional'))}
            <Alert severity="warning">{t('encryption.warning')}</Alert>
            <div>
              <Button variant="contained" disabled={busy !== null} data-testid="encryption-on" onClick={() => void run('on', () => call('encryption.enable', entered), t('encryption.turnedOn'))}>
                {busy === 'on' ? t('encryption.turningOn') : t('encryption.turnOn')}
              </Button>
            </div>
          </>
        ) : (
          <>
            <Typography variant="body2">{t(status.passphraseSet ? 'encryption.passphraseSet' : 'encryption.passphraseNotSet')}</Typography>
            {fields(t('encryption.passphrase'))}
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
              <Button variant="outlined" disabled={busy !== null} onClick={() => void run('change', () => call('encryption.changePassphrase', { passphrase, confirm }), t('encryption.passphraseChanged'))}>
                {t(status.passphraseSet ? 'encryption.changePassphrase' : 'encryption.setPassphrase')}
              </Button>
              {status.passphraseSet && status.keychainWrapped && status.keychain === 'available' && (
                <Button disabled={busy !== null} onClick={() => void run('remove', () => call('encryption.removePassphrase', {}), t('encryption.passphraseRemoved'))}>
                  {t('encryption.removePassphrase')}
                </Button>
              )}
              <Button color="warning" disabled={busy !== null} data-testid="encryption-off" onClick={() => setAskOff(true)}>
                {busy === 'off' ? t('encryption.turningOff') : t('encryption.turnOff')}
              </Button>
            </Stack>
          </>
        )}
      </Stack>
      <Dialog open={askOff} onClose={() => setAskOff(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{t('encryption.offTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('encryption.offBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAskOff(false)}>{t('common.cancel')}</Button>
          <Button
            variant="contained"
            color="warning"
            onClick={() => {
              setAskOff(false)
              void run('off', () => call('encryption.disable', {}), t('encryption.turnedOff'))
            }}
          >
            {t('encryption.turnOff')}
          </Button>
        </DialogActions>
      </Dialog>
    </Section>
  )
}
