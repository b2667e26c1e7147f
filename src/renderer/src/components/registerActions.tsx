// Row actions the editable registers share: edit and delete on a live row, restore on a deleted one,
// plus any page-specific actions (open details, advance a status) in front.
import { useCallback, useEffect, useState } from 'react'
import type { ReactElement, ReactNode } from 'react'
import Stack from '@mui/material/Stack'
import FilterIcon from '@mui/icons-material/FilterList'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import EditIcon from '@mui/icons-material/EditOutlined'
import OpenIcon from '@mui/icons-material/OpenInNew'
import RestoreIcon from '@mui/icons-material/RestoreFromTrash'
import { GridActionsCellItem } from '@mui/x-data-grid'
import type { GridActionsCellItemProps } from '@mui/x-data-grid'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

type Action = ReactElement<GridActionsCellItemProps>

export function useRowActions<R extends { deletedAt: string | null }>(
  flow: { requestDelete: (row: R) => Promise<void>; restore: (row: R) => Promise<void> },
  onEdit: (row: R) => void,
  extra?: (row: R) => Action[],
): (row: R) => Action[] {
  const { t } = useTranslation()
  const { requestDelete, restore } = flow
  return useCallback(
    (r: R) =>
      r.deletedAt
        ? [<GridActionsCellItem key="restore" icon={<RestoreIcon />} label={t('common.restore')} title={t('common.restore')} onClick={() => void restore(r)} />]
        : [
            ...(extra?.(r) ?? []),
            <GridActionsCellItem key="edit" icon={<EditIcon />} label={t('common.edit')} title={t('common.edit')} onClick={() => onEdit(r)} />,
            <GridActionsCellItem key="delete" icon={<DeleteIcon />} label={t('common.delete')} title={t('common.delete')} onClick={() => void requestDelete(r)} />,
          ],
    [t, restore, requestDelete, onEdit, extra],
  )
}

/** The "open details" action (an element, not a component: the grid clones its actions). */
export function detailsAction(t: TFunction, onClick: () => void): Action {
  return <GridActionsCellItem key="details" icon={<OpenIcon />} label={t('registers.details')} title={t('registers.details')} onClick={onClick} />
}

/** A row of list filters above a register. */
export function FilterBar({ children, label }: { children: ReactNode; label: string }) {
  return (
    <Stack direction="row" spacing={1.5} role="group" aria-label={label} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} data-testid="filter-bar">
      <FilterIcon fontSize="small" color="action" titleAccess={label} />
      {children}
    </Stack>
  )
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms)
    return () => clearTimeout(id)
  }, [value, ms])
  return v
}
