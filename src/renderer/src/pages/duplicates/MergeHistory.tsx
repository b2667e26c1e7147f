import { useCallback, useEffect, useState } from 'react'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { MergeSummary } from '../../../../shared/duplicates'
import { call } from '../../api'
import { formatDateTime } from '../../format'
import { useApp, useErrorText } from '../../state'

/** The latest merges, each with Undo (refused, with the reason, once a record it touched was edited). */
export function MergeHistory() {
  const { t } = useTranslation()
  const { notify, dataVersion } = useApp()
  const errorText = useErrorText()
  const [list, setList] = useState<MergeSummary[]>([])
  const load = useCallback(() => void call('duplicates.merges', {}).then(setList, () => setList([])), [])
  useEffect(load, [load, dataVersion])

  async function undo(m: MergeSummary) {
    try {
      await call('duplicates.undoMerge', { mergeId: m.id })
      notify({ message: t('duplicates.undone') })
    } catch (e) {
      notify({ severity: 'error', message: errorText(e) })
    }
  }

  if (list.length === 0) return null
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="merge-history">
      <Typography variant="h6" sx={{ fontSize: 16, fontWeight: 600 }}>
        {t('duplicates.history')}
      </Typography>
      <List dense>
        {list.map((m) => (
          <ListItem
            key={m.id}
            secondaryAction={
              m.undoneAt ? (
                <Chip size="small" label={t('duplicates.historyUndone')} />
              ) : (
                <Button size="small" color="secondary" onClick={() => void undo(m)} data-testid={`undo-merge-${m.otherName}`}>
                  {t('common.undo')}
                </Button>
              )
            }
          >
            <ListItemText
              primary={t('duplicates.historyRow', { other: m.otherName, survivor: m.survivorName })}
              secondary={`${t(`duplicates.tabs.${m.collection}`)} · ${formatDateTime(m.at)} · ${m.device}`}
            />
          </ListItem>
        ))}
      </List>
    </Paper>
  )
}
