// Shown instead of the app while the encrypted data folder waits for its passphrase (no keychain
// here, or the folder came from another computer). The language setting is inside the locked data,
// so the screen offers both languages itself.
import { useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider } from '@mui/material/styles'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import LockIcon from '@mui/icons-material/LockOutlined'
import { useTranslation } from 'react-i18next'
import { LANGS } from '../../../shared/enums'
import type { Lang } from '../../../shared/enums'
import { call, isApiError } from '../api'
import { useAppTheme } from '../App'
import { applyLanguage, isLang } from '../i18n'
import { fieldErrorsOf, TextInput } from './form'
import type { FieldErrors } from './form'

export function UnlockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const { t, i18n } = useTranslation()
  const [passphrase, setPassphrase] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const lang: Lang = isLang(i18n.language) ? i18n.language : 'zh-CN'
  const theme = useAppTheme()

  const unlock = async () => {
    setBusy(true)
    setFailure(null)
    try {
      const status = await call('encryption.unlock', { passphrase })
      if (status.state !== 'locked') onUnlocked()
    } catch (e) {
      const fields = fieldErrorsOf(e, [])
      if (fields) setErrors(fields)
      else setFailure(isApiError(e) ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: '#f5f6f8', p: 2 }}>
        <Paper variant="outlined" sx={{ p: 4, width: 460, maxWidth: '100%' }} data-testid="unlock-screen">
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <LockIcon color="primary" />
              <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
                {t('encryption.unlockTitle')}
              </Typography>
              <ToggleButtonGroup exclusive size="small" value={lang} onChange={(_, v: Lang | null) => v && void applyLanguage(v)}>
                {LANGS.map((l) => (
                  <ToggleButton key={l} value={l}>
                    {l === 'en' ? 'English' : '中文'}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Stack>
            <Typography>{t('encryption.unlockBody')}</Typography>
            <Box
              component="form"
              onSubmit={(e) => {
                e.preventDefault()
                void unlock()
              }}
            >
              <TextInput
                name="passphrase"
                type="password"
                label={t('encryption.passphrase')}
                value={passphrase}
                onChange={(v) => {
                  setPassphrase(v)
                  setErrors({})
                }}
                errors={errors}
                autoFocus
                autoComplete="current-password"
              />
              <Button type="submit" variant="contained" disabled={busy || passphrase === ''} sx={{ mt: 2 }} fullWidth data-testid="unlock">
                {busy ? t('encryption.unlocking') : t('encryption.unlock')}
              </Button>
            </Box>
            {failure && <Alert severity="error">{failure}</Alert>}
            <Typography variant="body2" color="text.secondary">
              {t('encryption.forgotten')}
            </Typography>
          </Stack>
        </Paper>
      </Box>
    </ThemeProvider>
  )
}
