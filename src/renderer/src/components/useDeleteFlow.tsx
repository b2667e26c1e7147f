// Deleting a record, the same way everywhere: ask what links to it first; if anything
// does, list those records and do not delete; otherwise delete and offer Undo.
import { useCallback, useState } from 'react'
import type { ReactNode } from 'react'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { displayName } from '../../../shared/collections'
import type { CollectionName, RecordTypes } from '../../../shared/collections'
import type { LinkRef } from '../../../shared/contract'
import { call, deleteRecord, isApiError, restoreRecord } from '../api'
import { useApp, useErrorText } from '../state'

/** "organizationIds.2" / "members.0.staffId" -> the label of the field that holds the link. */
export function linkFieldLabel(t: TFunction, collection: CollectionName, field: string): string {
  const head = field.split('.')[0] ?? field
  const key = `fields.${head}`
  const label = t(key as never, { defaultValue: '' }) as string
  return label || `${t(`collections.${collection}`)}.${head}`
}

interface Blocked {
  name: string
  links: LinkRef[]
}

export function LinkedDialog({ blocked, onClose }: { blocked: Blocked | null; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Dialog open={blocked !== null} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="linked-title">
      <DialogTitle id="linked-title">{t('delete.linkedTitle', { name: blocked?.name ?? '' })}</DialogTitle>
      <DialogContent dividers>
        <DialogContentText sx={{ mb: 1 }}>
          {t('delete.linkedBody', { count: blocked?.links.length ?? 0, name: blocked?.name ?? '' })}
        </DialogContentText>
        <List dense data-testid="linked-list">
          {blocked?.links.map((l) => (
            <ListItem key={`${l.collection}:${l.id}:${l.field}`} disableGutters>
              <Chip size="small" label={t(`collections.${l.collection}`)} sx={{ mr: 1.5, minWidth: 88 }} />
              <ListItemText primary={l.name} secondary={t('delete.linkedVia', { field: linkFieldLabel(t, l.collection, l.field) })} />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained" autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

export interface DeleteFlow<C extends CollectionName> {
  requestDelete: (row: RecordTypes[C]) => Promise<void>
  restore: (row: RecordTypes[C]) => Promise<void>
  /** render this once in the page */
  dialog: ReactNode
}

export function useDeleteFlow<C extends CollectionName>(collection: C): DeleteFlow<C> {
  const { t } = useTranslation()
  const { notify } = useApp()
  const errorText = useErrorText()
  const [blocked, setBlocked] = useState<Blocked | null>(null)

  const restore = useCallback(
    async (row: RecordTypes[C]) => {
      try {
        await restoreRecord(collection, row.id)
        notify({ message: t('delete.restored', { name: displayName(row) }) })
      } catch (e) {
        notify({ severity: 'error', message: errorText(e) })
      }
    },
    [collection, notify, t, errorText],
  )

  const requestDelete = useCallback(
    async (row: RecordTypes[C]) => {
      const name = displayName(row)
      try {
        const links = await call('links.find', { collection, id: row.id })
        if (links.length > 0) {
          setBlocked({ name, links })
          return
        }
        await deleteRecord(collection, row.id)
        notify({
          message: t('delete.deleted', { name }),
          severity: 'info',
          action: { label: t('common.undo'), run: () => void restore(row) },
        })
      } catch (e) {
        // Something linked to it in the meantime: the main side refused and says what.
        if (isApiError(e) && e.code === 'LINKED') setBlocked({ name, links: e.links })
        else notify({ severity: 'error', message: errorText(e) })
      }
    },
    [collection, notify, restore, t, errorText],
  )

  const dialog = <LinkedDialog blocked={blocked} onClose={() => setBlocked(null)} />
  return { requestDelete, restore, dialog }
}
