import { useRef, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import UploadIcon from '@mui/icons-material/UploadFileOutlined'
import { useTranslation } from 'react-i18next'
import { IMPORT_ENCODINGS, IMPORT_MAX_FILE_BYTES } from '../../../../shared/import'
import { isApiError } from '../../api'
import { formatDate } from '../../format'
import { cancelledByUser } from './useImportWizard'
import type { ImportWizard, Target } from './useImportWizard'

type Encoding = (typeof IMPORT_ENCODINGS)[number]

/** The file's bytes as base64, the form import.open carries them in. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}

export function FileStep({ w, onOpened }: { w: ImportWizard; onOpened: () => void }) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ headline: string; detail: string } | null>(null)
  const [last, setLast] = useState<{ name: string; data: string } | null>(null)
  const [drag, setDrag] = useState(false)

  async function open(name: string, data: string, encoding?: Encoding) {
    setBusy(true)
    setError(null)
    try {
      await w.openFile(name, data, encoding)
      onOpened()
    } catch (e) {
      if (cancelledByUser(e)) {
        setError({ headline: t('imports.progress.cancelled'), detail: '' })
        return
      }
      const code = isApiError(e) ? e.fieldErrors.file?.[0] : undefined
      const headline = code ? t(`imports.errors.${code}` as never) : t('errors.INTERNAL', { message: '' })
      setError({ headline, detail: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }

  async function take(file: File | undefined) {
    if (!file) return
    if (file.size > IMPORT_MAX_FILE_BYTES) {
      setError({ headline: t('imports.errors.tooLarge'), detail: `${(file.size / 1024 / 1024).toFixed(1)} MB > ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB` })
      return
    }
    const data = await readBase64(file)
    setLast({ name: file.name, data })
    await open(file.name, data)
  }

  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <TextField select size="small" label={t('imports.target')} value={w.target} onChange={(e) => w.setTarget(e.target.value as Target)} sx={{ width: 260 }} slotProps={{ htmlInput: { 'data-testid': 'import-target' } }}>
        {(['contacts', 'organizations', 'staff'] as const).map((k) => (
          <MenuItem key={k} value={k}>
            {t(`imports.targets.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <Box
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault()
          setDrag(true)
        }}
        onDragLeave={() => setDrag(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDrag(false)
          void take(e.dataTransfer.files[0])
        }}
        sx={{ border: '2px dashed', borderColor: drag ? 'primary.main' : 'divider', borderRadius: 2, p: 4, textAlign: 'center', bgcolor: drag ? 'action.hover' : 'background.paper' }}
      >
        <UploadIcon color="action" sx={{ fontSize: 40 }} />
        <Typography color="text.secondary" sx={{ my: 1 }}>
          {t('imports.dropHint')}
        </Typography>
        <Button variant="contained" onClick={() => input.current?.click()} disabled={busy}>
          {t('imports.chooseFile')}
        </Button>
        <input
          ref={input}
          data-testid="import-file"
          type="file"
          hidden
          accept=".xlsx,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv,text/plain"
          onChange={(e) => {
            void take(e.target.files?.[0])
            e.target.value = ''
          }}
        />
      </Box>
      {busy && (
        <Box>
          <Typography variant="body2">{t('imports.reading')}</Typography>
          <LinearProgress />
        </Box>
      )}
      {error && (
        <Alert severity="error" data-testid="import-error">
          <strong>{error.headline}</strong>
          <Typography variant="body2">{error.detail}</Typography>
        </Alert>
      )}
      {w.opened?.format === 'text' && last && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <TextField select size="small" label={t('imports.encoding')} value="" onChange={(e) => void open(last.name, last.data, e.target.value as Encoding)} sx={{ width: 220 }}>
            <MenuItem value="">{t('imports.encodingAuto', { found: w.opened.encoding ?? '' })}</MenuItem>
            {IMPORT_ENCODINGS.map((enc) => (
              <MenuItem key={enc} value={enc}>
                {enc}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      )}
      {w.opened && w.opened.previousImports.length > 0 && (
        <Alert severity="warning" data-testid="import-again">
          {t('imports.alreadyImported', { at: formatDate(w.opened.previousImports[0].at.slice(0, 10)) })}
        </Alert>
      )}
    </Stack>
  )
}
