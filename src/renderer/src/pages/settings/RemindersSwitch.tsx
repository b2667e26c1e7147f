// Settings → Reminders: on or off, saved at once (like the interface language).
import { useState } from 'react'
import FormControlLabel from '@mui/material/FormControlLabel'
import Switch from '@mui/material/Switch'
import { useTranslation } from 'react-i18next'
import { call } from '../../api'
import { useApp, useErrorText } from '../../state'

export function RemindersSwitch() {
  const { t } = useTranslation()
  const { settings, setSettings, notify } = useApp()
  const errorText = useErrorText()
  const [busy, setBusy] = useState(false)
  if (!settings) return null

  const toggle = async (on: boolean) => {
    setBusy(true)
    try {
      setSettings(await call('settings.update', { remindersEnabled: on }))
      notify({ message: t(on ? 'reminders.settingOn' : 'reminders.settingOff') })
    } catch (e) {
      notify({ severity: 'error', message: errorText(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <FormControlLabel
      control={<Switch checked={settings.remindersEnabled} disabled={busy} onChange={(_, on) => void toggle(on)} slotProps={{ input: { 'data-testid': 'settings-reminders' } as object }} />}
      label={t('reminders.settingLabel')}
    />
  )
}
