// One button for every file the app writes: shows progress while the main side
// works (a 100,000-row register takes seconds), then says where the file went.
import { useState } from 'react'
import Button from '@mui/material/Button'
import type { ButtonProps } from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Snackbar from '@mui/material/Snackbar'
import Alert from '@mui/material/Alert'
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined'
import { useTranslation } from 'react-i18next'
import type { ExportInput, ExportName } from '../../../shared/exports'
import { exportFile, isApiError } from '../api'

interface Props<N extends ExportName> {
  name: N
  input: ExportInput<N> | (() => ExportInput<N>)
  label: string
  variant?: ButtonProps['variant']
  testId?: string
}

export function ExportButton<N extends ExportName>({ name, input, label, variant = 'outlined', testId }: Props<N>) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)

  async function run() {
    setBusy(true)
    try {
      const r = await exportFile(name, typeof input === 'function' ? input() : input)
      if (r.saved) setNotice({ ok: true, text: t('exports.saved', { file: r.path ?? r.fileName }) })
    } catch (e) {
      setNotice({ ok: false, text: t('exports.failed', { message: isApiError(e) ? e.message : String(e) }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button
        variant={variant}
        onClick={() => void run()}
        disabled={busy}
        data-testid={testId}
        startIcon={busy ? <CircularProgress size={16} /> : <FileDownloadOutlined />}
      >
        {busy ? t('exports.working') : label}
      </Button>
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
        <Alert severity={notice?.ok ? 'success' : 'error'} onClose={() => setNotice(null)} variant="filled" data-testid="export-notice">
          {notice?.text}
        </Alert>
      </Snackbar>
    </>
  )
}
