import { useCallback, useEffect, useState } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import BackIcon from '@mui/icons-material/ArrowBack'
import { useTranslation } from 'react-i18next'
import { collectionName, displayName } from '../../../../shared/collections'
import type { AnyRecord } from '../../../../shared/collections'
import type { RecordHistory } from '../../../../shared/exchange'
import { call, getRecord } from '../../api'
import { Page } from '../../components/Page'
import { useApp, useErrorText } from '../../state'
import { fieldLabel } from '../duplicates/MergeDialog'
import { byline, valueText } from './values'

/** Every version of one record, newest first: who, which laptop, when, what changed; any one can come back as a new edit. */
export function HistoryPage() {
  const { t } = useTranslation()
  const { notify, dataVersion } = useApp()
  const errorText = useErrorText()
  const params = useParams()
  const navigate = useNavigate()
  const parsed = collectionName.safeParse(params.collection)
  const collection = parsed.success ? parsed.data : null
  const id = params.id ?? ''
  const [history, setHistory] = useState<RecordHistory | null>(null)
  const [record, setRecord] = useState<AnyRecord | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(() => {
    if (!collection) return () => undefined
    let live = true
    Promise.all([call('history.get', { collection, id }), getRecord(collection, id)]).then(
      ([h, r]) => {
        if (!live) return
        setHistory(h)
        setRecord(r as AnyRecord)
      },
      (e: unknown) => live && setError(errorText(e)),
    )
    return () => {
      live = false
    }
  }, [collection, id, errorText])
  useEffect(() => load(), [load, dataVersion])

  async function restore(device: string, counter: number) {
    if (!collection || !history) return
    try {
      await call('history.restore', { collection, id, device, counter, expectedUpdatedAt: history.updatedAt })
      notify({ severity: 'success', message: t('exchange.history.restored') })
    } catch (e) {
      notify({ severity: 'error', message: errorText(e) })
    }
  }

  return (
    <Page
      title={t('exchange.history.title', { name: record ? displayName(record) : '' })}
      subtitle={t('exchange.history.help')}
      // Reached from a record's page or its dialog: back is where the person came from.
      actions={<Button startIcon={<BackIcon />} onClick={() => navigate(-1)} data-testid="history-back">{t('common.back')}</Button>}
    >
      {error && <Alert severity="error">{error}</Alert>}
      <Stack spacing={1.5} sx={{ overflow: 'auto', pb: 2 }}>
        {history?.items.map((item, i) => (
          <Paper key={`${item.device}:${item.counter}:${i}`} variant="outlined" sx={{ p: 1.5 }} data-testid="history-item">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: item.changes.length > 0 ? 1 : 0 }}>
              <Chip size="small" label={t(`exchange.history.kinds.${item.kind}`)} color={item.kind === 'resolve' ? 'success' : item.kind === 'delete' ? 'warning' : 'default'} />
              <Typography variant="body2" sx={{ flex: 1 }}>
                {byline(t, item)}
              </Typography>
              {i > 0 && item.restorable && (
                <Button size="small" onClick={() => void restore(item.device, item.counter)} data-testid="history-restore">
                  {t('exchange.history.restore')}
                </Button>
              )}
            </Stack>
            {item.changes.length > 0 && (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ width: 160 }}>{t('exchange.history.field')}</TableCell>
                    <TableCell>{t('exchange.history.before')}</TableCell>
                    <TableCell>{t('exchange.history.after')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {item.changes.map((c) => (
                    <TableRow key={c.field}>
                      <TableCell>{fieldLabel(t, c.field, collection ?? undefined)}</TableCell>
                      <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{valueText(t, c.before, collection ? { collection, field: c.field } : undefined)}</TableCell>
                      <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{valueText(t, c.after, collection ? { collection, field: c.field } : undefined)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Paper>
        ))}
        {history && history.items.length === 0 && <Typography color="text.secondary">{t('exchange.history.none')}</Typography>}
      </Stack>
    </Page>
  )
}
