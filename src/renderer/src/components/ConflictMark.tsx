// Marks a record whose fields disagree between laptops, wherever it is listed, and opens its resolution.
import { useNavigate } from 'react-router-dom'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import HistoryIcon from '@mui/icons-material/HistoryOutlined'
import { useTranslation } from 'react-i18next'
import type { CollectionName } from '../../../shared/collections'
import { conflictedFields } from '../../../shared/domain/sync'
import type { SyncMeta } from '../../../shared/domain/sync'

type Rec = { id: string; sync?: SyncMeta | undefined }

export function ConflictMark({ collection, record }: { collection: CollectionName; record: Rec }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const fields = conflictedFields(record as Rec & Record<string, unknown>)
  if (fields.length === 0) return null
  return (
    <Chip
      size="small"
      color="error"
      label={t('exchange.conflicts.chip')}
      data-testid="conflict-mark"
      onClick={(e) => {
        // The row itself opens the record; the mark opens the resolution.
        e.stopPropagation()
        navigate(`/exchange?resolve=${collection}:${record.id}`)
      }}
    />
  )
}

/** The record's history, from its page. */
export function HistoryButton({ collection, id }: { collection: CollectionName; id: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Button size="small" startIcon={<HistoryIcon />} onClick={() => navigate(`/history/${collection}/${id}`)} data-testid="history-button">
      {t('exchange.history.button')}
    </Button>
  )
}
