import { useCallback, useMemo, useState } from 'react'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import AddIcon from '@mui/icons-material/Add'
import NextIcon from '@mui/icons-material/ArrowForward'
import { GridActionsCellItem } from '@mui/x-data-grid'
import { useTranslation } from 'react-i18next'
import type { AlumniGroup } from '../../../../shared/domain/alumniGroups'
import { alumniGroupKind, alumniGroupStatus } from '../../../../shared/enums'
import { call } from '../../api'
import { todayIso } from '../../../../shared/days'
import { Page } from '../../components/Page'
import { FilterBar, useRowActions } from '../../components/registerActions'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { useDeleteFlow } from '../../components/useDeleteFlow'
import { formatDate } from '../../format'
import { enumText } from '../../i18n'
import { useApp, useErrorText } from '../../state'
import { AlumniGroupDialog } from './AlumniGroupDialog'
import { nextStatus, StatusDots } from './StatusSteps'
import type { GroupStatus } from './StatusSteps'
import { ExportButton } from '../../components/ExportButton'
import { useOpenFromAddress } from '../../components/useOpenFromAddress'

type Editing = { record: AlumniGroup | null; key: number } | null

export function AlumniGroupsPage() {
  const { t } = useTranslation()
  const { notify } = useApp()
  const errorText = useErrorText()
  const [editing, setEditing] = useState<Editing>(null)
  const flow = useDeleteFlow('alumniGroups')
  const edit = useCallback((r: AlumniGroup) => setEditing({ record: r, key: Date.now() }), [])
  useOpenFromAddress('alumniGroups', edit)

  /** Moves a group one step on, straight from the list; Undo puts status and founding date back. */
  const advance = useCallback(
    async (r: AlumniGroup, status: GroupStatus) => {
      try {
        const changes: { status: GroupStatus; establishedDate?: string | null } = { status }
        if ((status === 'established' || status === 'registered') && !r.establishedDate) changes.establishedDate = todayIso()
        const saved = await call('alumniGroups.update', { id: r.id, changes, expectedUpdatedAt: r.updatedAt })
        const undo = async () => {
          try {
            await call('alumniGroups.update', { id: r.id, changes: { status: r.status, establishedDate: r.establishedDate }, expectedUpdatedAt: saved.updatedAt })
            notify({ message: t('delete.restored', { name: r.name }) })
          } catch (e) {
            notify({ severity: 'error', message: errorText(e) })
          }
        }
        notify({
          message: t('registers.alumniGroups.advanced', { name: r.name, status: enumText(t, 'alumniGroupStatus', status) }),
          action: { label: t('common.undo'), run: () => void undo() },
        })
      } catch (e) {
        notify({ severity: 'error', message: errorText(e) })
      }
    },
    [notify, t, errorText],
  )
  const extra = useCallback(
    (r: AlumniGroup) => {
      const next = nextStatus(r.status)
      const label = next ? t('registers.alumniGroups.advanceTo', { status: enumText(t, 'alumniGroupStatus', next) }) : t('registers.alumniGroups.lastStep')
      return [<GridActionsCellItem key="advance" icon={<NextIcon />} label={label} title={label} disabled={!next} onClick={() => next && void advance(r, next)} />]
    },
    [t, advance],
  )
  const rowActions = useRowActions(flow, edit, extra)

  const [kind, setKind] = useState('')
  const [status, setStatusFilter] = useState('')
  const filter = useMemo(() => {
    const f: Record<string, unknown> = {}
    if (kind) f.kind = kind
    if (status) f.status = status
    return Object.keys(f).length > 0 ? f : undefined
  }, [kind, status])

  const columns = useMemo<RegisterColumn<'alumniGroups'>[]>(
    () => [
      { field: 'name', header: t('fields.name'), flex: 2.4, minWidth: 190, text: (r) => r.name },
      { field: 'kind', header: t('fields.kind'), flex: 1.2, minWidth: 130, text: (r) => enumText(t, 'alumniGroupKind', r.kind) },
      { field: 'region', header: t('fields.region'), width: 80, text: (r) => r.region },
      {
        field: 'hostOrganizationId',
        header: t('fields.host'),
        flex: 1.6,
        minWidth: 150,
        links: (r) => (r.hostOrganizationId ? [{ collection: 'organizations', id: r.hostOrganizationId }] : []),
        text: (r, nameOf) => nameOf('organizations', r.hostOrganizationId),
      },
      {
        field: 'leaderContactId',
        header: t('registers.fields.personInCharge'),
        width: 110,
        links: (r) => (r.leaderContactId ? [{ collection: 'contacts', id: r.leaderContactId }] : []),
        text: (r, nameOf) => nameOf('contacts', r.leaderContactId),
      },
      { field: 'members', header: t('registers.fields.memberCount'), width: 70, align: 'right', text: (r) => String(r.memberContactIds.length) },
      { field: 'status', header: t('fields.status'), width: 160, text: (r) => enumText(t, 'alumniGroupStatus', r.status), render: (r) => <StatusDots value={r.status} /> },
      { field: 'establishedDate', header: t('fields.establishedDate'), width: 110, text: (r) => formatDate(r.establishedDate) },
    ],
    [t],
  )

  return (
    <Page title={t('nav.alumniGroups')} subtitle={t('registers.alumniGroups.subtitle')}>
      <FilterBar label={t('registers.filters')}>
        <TextField select size="small" label={t('fields.kind')} value={kind} onChange={(e) => setKind(e.target.value)} sx={{ width: 200 }}>
          <MenuItem value="">{t('registers.all')}</MenuItem>
          {alumniGroupKind.values.map((v) => (
            <MenuItem key={v} value={v}>
              {enumText(t, 'alumniGroupKind', v)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('fields.status')} value={status} onChange={(e) => setStatusFilter(e.target.value)} sx={{ width: 140 }}>
          <MenuItem value="">{t('registers.all')}</MenuItem>
          {alumniGroupStatus.values.map((v) => (
            <MenuItem key={v} value={v}>
              {enumText(t, 'alumniGroupStatus', v)}
            </MenuItem>
          ))}
        </TextField>
      </FilterBar>
      <RegisterList
        collection="alumniGroups"
        columns={columns}
        emptyText={filter ? t('registers.noFilterMatch') : t('registers.alumniGroups.emptyHint')}
        defaultSort={{ field: 'name', dir: 'asc' }}
        filter={filter}
        allowShowDeleted
        onRowClick={(r) => !r.deletedAt && edit(r)}
        rowActions={rowActions}
        actionsWidth={140}
        toolbar={
          <>
            <ExportButton name="register.alumniGroups" input={() => ({ filter })} label={t('exports.registers.alumniGroups')} testId="export-alumni-groups" />
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ record: null, key: Date.now() })}>
              {t('common.new')}
            </Button>
          </>
        }
      />
      {editing && (
        <AlumniGroupDialog
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
