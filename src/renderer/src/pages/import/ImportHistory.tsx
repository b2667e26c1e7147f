import { useCallback, useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { ImportBatchSummary } from '../../../../shared/import'
import { call } from '../../api'
import { formatDateTime } from '../../format'
import { useApp, useErrorText } from '../../state'

/** Every import, newest first, each with "Undo this import". */
export function ImportHistory() {
  const { t } = useTranslation()
  const { notify, dataVersion } = useApp()
  const errorText = useErrorText()
  const [list, setList] = useState<ImportBatchSummary[]>([])
  const [asking, setAsking] = useState<ImportBatchSummary | null>(null)
  const [kept, setKept] = useState<string | null>(null)
  const load = useCallback(() => void call('import.history', {}).then(setList, () => setList([])), [])
  useEffect(load, [load, dataVersion])

  async function undo(b: ImportBatchSummary) {
    setAsking(null)
    try {
      const r = await call('import.undo', { batchId: b.id })
      notify({ message: t('imports.undoDone', { n: r.reverted }) })
      setKept(r.keptEdited.length > 0 ? t('imports.undoKept', { names: r.keptEdited.map((k) => k.name).join(t('common.listSep')) }) : null)
      load()
    } catch (e) {
      notify({ message: errorText(e), severity: 'error' })
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="import-history">
      <Typography variant="h6" sx={{ fontSize: 16, fontWeight: 600 }}>
        {t('imports.history')}
      </Typography>
      {kept && <Alert severity="info">{kept}</Alert>}
      {list.length === 0 ? (
        <Typography color="text.secondary" variant="body2">
          {t('imports.historyEmpty')}
        </Typography>
      ) : (
        <List dense>
          {list.map((b) => (
            <ListItem
              key={b.id}
              secondaryAction={
                b.undoneAt ? (
                  <Chip size="small" label={t('imports.undone')} />
                ) : (
                  <Button size="small" color="secondary" onClick={() => setAsking(b)} data-testid={`undo-${b.fileName}`}>
                    {t('imports.undo')}
                  </Button>
                )
              }
            >
              <ListItemText
                primary={`${b.fileName} → ${t(`imports.targets.${b.target}`)}`}
                secondary={t('imports.historyRow', { at: formatDateTime(b.createdAt), device: b.updatedBy, created: b.counts.created, updated: b.counts.updated })}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Dialog open={asking !== null} onClose={() => setAsking(null)}>
        <DialogContent>{asking && t('imports.undoConfirm', { file: asking.fileName })}</DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(null)}>{t('common.cancel')}</Button>
          <Button color="secondary" variant="contained" onClick={() => asking && void undo(asking)} data-testid="undo-confirm">
            {t('imports.undo')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  )
}
