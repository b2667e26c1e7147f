import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Step from '@mui/material/Step'
import StepLabel from '@mui/material/StepLabel'
import Stepper from '@mui/material/Stepper'
import { useTranslation } from 'react-i18next'
import { Page } from '../../components/Page'
import { useApp, useErrorText } from '../../state'
import { FileStep } from './FileStep'
import { ImportHistory } from './ImportHistory'
import { ImportJobBar } from './ImportJobBar'
import { MappingStep } from './MappingStep'
import { PreviewStep } from './PreviewStep'
import { SheetStep } from './SheetStep'
import { cancelledByUser, useImportWizard } from './useImportWizard'
import type { Target } from './useImportWizard'

const STEPS = ['file', 'sheets', 'mapping', 'preview', 'done'] as const

function targetOf(v: string | null): Target {
  return v === 'organizations' || v === 'staff' ? v : 'contacts'
}

/** The import wizard: file, sheets and header, column mapping, preview and dry run, commit; the history below. */
export function ImportPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const { reloadAll } = useApp()
  const errorText = useErrorText()
  const w = useImportWizard(targetOf(params.get('target')))
  const [step, setStep] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function commit() {
    setBusy(true)
    setError(null)
    try {
      await w.commit()
      setStep(4)
      await reloadAll()
    } catch (e) {
      setError(cancelledByUser(e) ? t('imports.progress.cancelled') : errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const r = w.result
  return (
    <Page title={t('imports.title')} subtitle={t('imports.subtitle')}>
      <Stepper activeStep={step} alternativeLabel>
        {STEPS.map((s) => (
          <Step key={s}>
            <StepLabel>{t(`imports.steps.${s}`)}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {step === 0 && <FileStep w={w} onOpened={() => setStep(1)} />}
      {step === 1 && <SheetStep w={w} />}
      {step === 2 && <MappingStep w={w} />}
      {step === 3 && <PreviewStep w={w} />}
      {step === 4 && r && (
        <Alert severity="success" data-testid="import-done">
          {t('imports.committed', { created: r.counts.created, updated: r.counts.updated, skipped: r.counts.skipped, errors: r.counts.errors })}
        </Alert>
      )}
      {error && <Alert severity="error">{error}</Alert>}
      <ImportJobBar w={w} />
      {busy && !w.job && <LinearProgress />}
      <Stack direction="row" spacing={1}>
        {step > 0 && step < 4 && (
          <Button onClick={() => setStep(step - 1)} disabled={busy}>
            {t('imports.back')}
          </Button>
        )}
        {step > 0 && step < 3 && (
          <Button variant="contained" onClick={() => setStep(step + 1)} disabled={!w.plan} data-testid="import-next">
            {t('imports.next')}
          </Button>
        )}
        {step === 3 && (
          <Button variant="contained" onClick={() => void commit()} disabled={busy || !w.plan || w.job !== null} data-testid="import-commit">
            {busy ? t('imports.committing') : t('imports.commit')}
          </Button>
        )}
        {step === 4 && (
          <Button
            onClick={() => {
              w.reset()
              setStep(0)
            }}
          >
            {t('imports.again')}
          </Button>
        )}
      </Stack>
      <ImportHistory />
    </Page>
  )
}
