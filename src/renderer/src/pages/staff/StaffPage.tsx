import { useCallback, useMemo, useState } from 'react'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import Switch from '@mui/material/Switch'
import AddIcon from '@mui/icons-material/Add'
import { useTranslation } from 'react-i18next'
import type { Staff } from '../../../../shared/domain/staff'
import { Page } from '../../components/Page'
import { FilterBar, useRowActions } from '../../components/registerActions'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { useDeleteFlow } from '../../components/useDeleteFlow'
import { useApp } from '../../state'
import { StaffDialog } from './StaffDialog'
import { ImportButton } from '../import/ImportButton'
import { useOpenFromAddress } from '../../components/useOpenFromAddress'

type Editing = { record: Staff | null; key: number } | null

export function StaffPage() {
  const { t } = useTranslation()
  const { notify } = useApp()
  const [editing, setEditing] = useState<Editing>(null)
  const [activeOnly, setActiveOnly] = useState(false)
  const flow = useDeleteFlow('staff')
  const edit = useCallback((r: Staff) => setEditing({ record: r, key: Date.now() }), [])
  useOpenFromAddress('staff', edit)
  const rowActions = useRowActions(flow, edit)
  const filter = useMemo(() => (activeOnly ? { active: true } : undefined), [activeOnly])

  const columns = useMemo<RegisterColumn<'staff'>[]>(
    () => [
      { field: 'name', header: t('fields.name'), width: 140, text: (r) => r.name },
      { field: 'title', header: t('fields.staffTitle'), flex: 3, minWidth: 260, text: (r) => r.title },
      { field: 'department', header: t('fields.department'), flex: 1.5, minWidth: 160, text: (r) => r.department },
      { field: 'phone', header: t('fields.phone'), width: 140, text: (r) => r.phone },
      {
        field: 'active',
        header: t('fields.active'),
        width: 100,
        text: (r) => (r.active ? t('common.yes') : t('registers.inactive')),
        render: (r) => <Chip size="small" variant="outlined" color={r.active ? 'success' : 'default'} label={r.active ? t('registers.staff.activeChip') : t('registers.inactive')} />,
      },
    ],
    [t],
  )

  return (
    <Page title={t('nav.staff')} subtitle={t('registers.staff.subtitle')}>
      <FilterBar label={t('registers.filters')}>
        <FormControlLabel control={<Switch checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} />} label={t('registers.staff.activeOnly')} />
      </FilterBar>
      <RegisterList
        collection="staff"
        columns={columns}
        emptyText={activeOnly ? t('registers.noFilterMatch') : t('registers.staff.emptyHint')}
        defaultSort={{ field: 'name', dir: 'asc' }}
        filter={filter}
        allowShowDeleted
        onRowClick={(r) => !r.deletedAt && setEditing({ record: r, key: Date.now() })}
        rowActions={rowActions}
        toolbar={
          <>
            <ImportButton target="staff" />
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ record: null, key: Date.now() })}>
              {t('common.new')}
            </Button>
          </>
        }
      />
      {editing && (
        <StaffDialog
          key={editing.key}
          record={editing.record}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null)
            notify({ message: t(created ? 'organizations.created' : 'organizations.saved', { name: saved.name }) })
          }}
        />
      )}
      {flow.dialog}
    </Page>
  )
}
