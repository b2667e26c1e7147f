import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Grid from '@mui/material/Grid'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import RestoreIcon from '@mui/icons-material/SettingsBackupRestore'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { BackupInfo } from '../../../shared/contract'
import { settingsUpdate } from '../../../shared/domain/settings'
import type { Settings } from '../../../shared/domain/settings'
import { LANGS } from '../../../shared/enums'
import type { Lang } from '../../../shared/enums'
import { call } from '../api'
import { check, fieldErrorsOf, otherErrors, SelectInput, TextInput, useFormState } from '../components/form'
import { Page } from '../components/Page'
import { RecoveryDetails } from '../components/RecoveryBanner'
import { formatDateTime, formatSize } from '../format'
import { useApp, useErrorText } from '../state'
import { RemindersSwitch } from './settings/RemindersSwitch'
import { EncryptionSection } from './settings/EncryptionSection'
import { Section } from '../components/Section'

interface SettingsValues {
  university: string
  school: string
  office: string
  signatures: { source: string; editor: string; reviewer: string }
  reportLanguage: Lang
  deviceLabel: string
}
const FIELDS = ['university', 'school', 'office', 'signatures', 'reportLanguage', 'deviceLabel'] as const

function SettingsForm({ settings, languageSection }: { settings: Settings; languageSection: ReactNode }) {
  const { t } = useTranslation()
  const { setSettings, notify } = useApp()
  const errorText = useErrorText()
  const form = useFormState<SettingsValues>({
    university: settings.university,
    school: settings.school,
    office: settings.office,
    signatures: { ...settings.signatures },
    reportLanguage: settings.reportLanguage,
    deviceLabel: settings.deviceLabel,
  })
  const { values, errors, set } = form
  const [busy, setBusy] = useState(false)
  const [general, setGeneral] = useState<string | null>(null)
  const sig = (k: keyof SettingsValues['signatures']) => (v: string) => set('signatures', { ...values.signatures, [k]: v })

  const save = async () => {
    setGeneral(null)
    const checked = check(settingsUpdate, values)
    if (!checked.ok) {
      form.setErrors(checked.errors)
      return
    }
    setBusy(true)
    try {
      setSettings(await call('settings.update', values))
      notify({ message: t('settings.saved') })
    } catch (e) {
      const fe = fieldErrorsOf(e)
      if (fe) form.setErrors(fe)
      setGeneral(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const langOptions = LANGS.map((l) => ({ value: l, label: t(`langs.${l}`) }))
  const unplaced = otherErrors(errors, FIELDS)

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {general && (
          <Alert severity="error">
            {general}
            {unplaced.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        )}
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }} sx={{ display: 'flex', flexDirection: 'column', '& > *': { flex: 1 } }}>
            {languageSection}
          </Grid>
          <Grid size={{ xs: 12, md: 6 }} sx={{ display: 'flex', flexDirection: 'column', '& > *': { flex: 1 } }}>
            <Section title={t('settings.device')}>
              <Grid container spacing={2}>
                <Grid size={12}>
                  <TextInput
                    name="deviceLabel"
                    label={t('settings.deviceLabel')}
                    value={values.deviceLabel}
                    onChange={(v) => set('deviceLabel', v)}
                    errors={errors}
                    helperText={t('settings.deviceLabelHelp')}
                  />
                </Grid>
              </Grid>
            </Section>
          </Grid>
        </Grid>
        <Section title={t('settings.institution')}>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput name="university" label={t('settings.university')} value={values.university} onChange={(v) => set('university', v)} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput name="school" label={t('settings.school')} value={values.school} onChange={(v) => set('school', v)} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput name="office" label={t('settings.office')} value={values.office} onChange={(v) => set('office', v)} errors={errors} />
            </Grid>
          </Grid>
        </Section>
        <Section title={t('settings.signatures')}>
          <Grid container spacing={2}>
            <Grid size={12}>
              <TextInput name="signatures.source" label={t('settings.source')} value={values.signatures.source} onChange={sig('source')} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput name="signatures.editor" label={t('settings.editor')} value={values.signatures.editor} onChange={sig('editor')} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput name="signatures.reviewer" label={t('settings.reviewer')} value={values.signatures.reviewer} onChange={sig('reviewer')} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <SelectInput
                name="reportLanguage"
                label={t('settings.reportLanguage')}
                value={values.reportLanguage}
                options={langOptions}
                onChange={(v) => set('reportLanguage', v)}
                errors={errors}
              />
            </Grid>
          </Grid>
        </Section>
        <Box>
          <Button type="submit" variant="contained" disabled={busy} data-testid="settings-save">
            {busy ? t('common.saving') : t('common.save')}
          </Button>
        </Box>
      </Box>
    </form>
  )
}

function Backups() {
  const { t } = useTranslation()
  const { dataVersion, reloadAll, notify } = useApp()
  const errorText = useErrorText()
  const [backups, setBackups] = useState<{ list: BackupInfo[]; error: string | null } | null>(null)
  const [confirm, setConfirm] = useState<BackupInfo | null>(null)
  const [busy, setBusy] = useState(false)
  const [reload, setReload] = useState(0)

  useEffect(() => {
    let live = true
    call('backups.list', {}).then(
      (list) => live && setBackups({ list, error: null }),
      (e: unknown) => live && setBackups({ list: [], error: errorText(e) }),
    )
    return () => {
      live = false
    }
  }, [dataVersion, reload, errorText])

  const restore = async (b: BackupInfo) => {
    setBusy(true)
    try {
      await call('backups.restore', { name: b.name })
      setConfirm(null)
      await reloadAll()
      setReload((n) => n + 1)
      notify({ message: t('settings.restored', { name: b.name }) })
    } catch (e) {
      setConfirm(null)
      notify({ severity: 'error', message: errorText(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title={t('settings.backups')} help={t('settings.backupsHelp')}>
      {backups?.error && <Alert severity="error">{backups.error}</Alert>}
      {backups && backups.list.length === 0 && !backups.error && <Typography color="text.secondary">{t('settings.noBackups')}</Typography>}
      {backups && backups.list.length > 0 && (
        <Table size="small" data-testid="backups">
          <TableHead>
            <TableRow>
              <TableCell>{t('settings.backupName')}</TableCell>
              <TableCell sx={{ width: 170 }}>{t('settings.backupDate')}</TableCell>
              <TableCell sx={{ width: 100 }} align="right">
                {t('settings.backupSize')}
              </TableCell>
              <TableCell sx={{ width: 180 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {backups.list.map((b) => (
              <TableRow key={b.name} hover>
                <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{b.name}</TableCell>
                <TableCell>{formatDateTime(b.createdAt)}</TableCell>
                <TableCell align="right">{formatSize(b.size)}</TableCell>
                <TableCell align="right">
                  <Button size="small" startIcon={<RestoreIcon />} onClick={() => setConfirm(b)}>
                    {t('settings.restoreBackup')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Dialog open={confirm !== null} onClose={() => !busy && setConfirm(null)} maxWidth="sm" fullWidth>
        <DialogTitle sx={{ wordBreak: 'break-all' }}>{t('settings.restoreTitle', { name: confirm?.name ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('settings.restoreBody', { date: formatDateTime(confirm?.createdAt) })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="contained" color="warning" disabled={busy} onClick={() => confirm && void restore(confirm)}>
            {t('settings.restoreBackup')}
          </Button>
        </DialogActions>
      </Dialog>
    </Section>
  )
}

export function SettingsPage() {
  const { t } = useTranslation()
  const { settings, status, setLanguage, notify } = useApp()
  const errorText = useErrorText()
  const lang = settings?.language ?? 'zh-CN'
  // File → Backups in the desktop menu lands here with ?section=backups.
  const [params] = useSearchParams()
  const section = params.get('section')
  useEffect(() => {
    if (section === 'backups') document.getElementById('settings-backups')?.scrollIntoView({ block: 'start' })
  }, [section])
  const languageSection = (
    <Section title={t('settings.uiLanguage')} help={t('settings.uiLanguageHelp')}>
      <ToggleButtonGroup
        exclusive
        value={lang}
        color="primary"
        size="small"
        onChange={(_, v: Lang | null) => {
          if (v) setLanguage(v).catch((e: unknown) => notify({ severity: 'error', message: errorText(e) }))
        }}
        aria-label={t('settings.uiLanguage')}
      >
        {LANGS.map((l) => (
          <ToggleButton key={l} value={l} data-testid={`lang-${l}`} sx={{ px: 3 }}>
            {t(`langs.${l}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Section>
  )
  const formKey = settings ? JSON.stringify({ ...settings, language: undefined, remindersEnabled: undefined }) : 'none'

  return (
    <Page title={t('settings.title')}>
      <Box sx={{ overflow: 'auto', flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 2, pb: 2, maxWidth: 1100 }}>
        {settings && <SettingsForm key={formKey} settings={settings} languageSection={languageSection} />}
        <Section title={t('reminders.setting')} help={t('reminders.settingHelp')}>
          <RemindersSwitch />
        </Section>
        <Section title={t('settings.dataSafety')}>
          {status && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, wordBreak: 'break-all' }}>
              {t('settings.dataDir', { dir: status.dataDir })}
            </Typography>
          )}
          {status?.recovered ? (
            <Alert severity="warning">
              <AlertTitle>{t('recovery.title')}</AlertTitle>
              <RecoveryDetails info={status.recovered} />
            </Alert>
          ) : (
            <Alert severity="success" variant="outlined">
              {t('recovery.none')}
            </Alert>
          )}
        </Section>
        <EncryptionSection />
        <Box id="settings-backups">
          <Backups />
        </Box>
      </Box>
    </Page>
  )
}
