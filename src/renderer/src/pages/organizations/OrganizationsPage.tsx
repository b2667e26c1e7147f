import { useCallback, useMemo, useState } from 'react'
import Button from '@mui/material/Button'
import AddIcon from '@mui/icons-material/Add'
import CheckIcon from '@mui/icons-material/Check'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import EditIcon from '@mui/icons-material/EditOutlined'
import RestoreIcon from '@mui/icons-material/RestoreFromTrash'
import { GridActionsCellItem } from '@mui/x-data-grid'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { Organization } from '../../../../shared/domain/organizations'
import { Page } from '../../components/Page'
import { detailsAction } from '../../components/registerActions'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { useDeleteFlow } from '../../components/useDeleteFlow'
import { formatDate } from '../../format'
import { enumText } from '../../i18n'
import { useApp } from '../../state'
import { OrganizationDialog } from './OrganizationDialog'
import { ImportButton } from '../import/ImportButton'

type Editing = { record: Organization | null; key: number } | null

export function OrganizationsPage() {
  const { t } = useTranslation()
  const { notify } = useApp()
  const navigate = useNavigate()
  const [editing, setEditing] = useState<Editing>(null)
  const { requestDelete, restore, dialog } = useDeleteFlow('organizations')

  const columns = useMemo<RegisterColumn<'organizations'>[]>(
    () => [
      { field: 'name', header: t('fields.name'), flex: 2.2, minWidth: 220, text: (r) => r.name },
      { field: 'kind', header: t('fields.kind'), flex: 1, minWidth: 120, text: (r) => enumText(t, 'organizationKind', r.kind) },
      { field: 'industry', header: t('fields.industry'), flex: 1.2, minWidth: 120, text: (r) => r.industry },
      { field: 'city', header: t('fields.city'), flex: 1, minWidth: 110, text: (r) => [r.province, r.city].filter((s, i, a) => s && a.indexOf(s) === i).join(' ') },
      {
        field: 'alumniFounded',
        header: t('fields.alumniFounded'),
        width: 120,
        align: 'center',
        text: (r) => (r.alumniFounded ? t('common.yes') : t('common.no')),
        render: (r) => (r.alumniFounded ? <CheckIcon fontSize="small" color="success" aria-label={t('common.yes')} sx={{ verticalAlign: 'middle' }} /> : ''),
      },
      { field: 'updatedAt', header: t('fields.updatedAt'), width: 120, text: (r) => formatDate(r.updatedAt) },
    ],
    [t],
  )

  const rowActions = useCallback(
    (r: Organization) =>
      r.deletedAt
        ? [<GridActionsCellItem key="restore" icon={<RestoreIcon />} label={t('common.restore')} title={t('common.restore')} onClick={() => void restore(r)} />]
        : [
            detailsAction(t, () => navigate(`/organizations/${r.id}`)),
            <GridActionsCellItem key="edit" icon={<EditIcon />} label={t('common.edit')} title={t('common.edit')} onClick={() => setEditing({ record: r, key: Date.now() })} />,
            <GridActionsCellItem key="delete" icon={<DeleteIcon />} label={t('common.delete')} title={t('common.delete')} onClick={() => void requestDelete(r)} />,
          ],
    [t, restore, requestDelete, navigate],
  )

  const onRowClick = useCallback((r: Organization) => {
    if (!r.deletedAt) setEditing({ record: r, key: Date.now() })
  }, [])

  return (
    <Page title={t('nav.organizations')}>
      <RegisterList
        collection="organizations"
        columns={columns}
        emptyText={t('organizations.empty')}
        defaultSort={{ field: 'name', dir: 'asc' }}
        allowShowDeleted
        onRowClick={onRowClick}
        rowActions={rowActions}
        actionsWidth={140}
        toolbar={
          <>
            <ImportButton target="organizations" />
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ record: null, key: Date.now() })}>
              {t('common.new')}
            </Button>
          </>
        }
      />
      {editing && (
        <OrganizationDialog
          key={editing.key}
          record={editing.record}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null)
            notify({ message: t(created ? 'organizations.created' : 'organizations.saved', { name: saved.name }) })
          }}
        />
      )}
      {dialog}
    </Page>
  )
}
