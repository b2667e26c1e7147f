import { useCallback, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import InputAdornment from '@mui/material/InputAdornment'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import AddIcon from '@mui/icons-material/Add'
import BoardIcon from '@mui/icons-material/ViewKanbanOutlined'
import ListIcon from '@mui/icons-material/ViewListOutlined'
import SearchIcon from '@mui/icons-material/Search'
import { useTranslation } from 'react-i18next'
import type { FollowUp } from '../../../../shared/domain/followUps'
import { cooperationCategory } from '../../../../shared/enums'
import { call } from '../../api'
import { monthRange, todayIso, weekRange } from '../../../../shared/days'
import { Page } from '../../components/Page'
import { RecordPicker } from '../../components/RecordPicker'
import { FilterBar, useDebounced, useRowActions } from '../../components/registerActions'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { useDeleteFlow } from '../../components/useDeleteFlow'
import { enumText } from '../../i18n'
import { useApp, useErrorText } from '../../state'
import { FollowUpBoard } from './FollowUpBoard'
import type { BoardFocus, Status } from './FollowUpBoard'
import { FollowUpDialog } from './FollowUpDialog'
import type { FollowUpValues } from './FollowUpDialog'
import { OverdueChip } from './OverdueChip'
import { ExportButton } from '../../components/ExportButton'
import { useOpenFromAddress } from '../../components/useOpenFromAddress'

type Editing = { record: FollowUp | null; key: number; defaults?: Partial<FollowUpValues> } | null
type Due = '' | 'overdue' | 'week' | 'month'

const STATUS_CHIP: Record<Status, 'warning' | 'primary' | 'success' | 'default'> = { open: 'warning', inProgress: 'primary', done: 'success', dropped: 'default' }

/** Columns of a follow-ups list (also used on an organisation's page). */
export function useFollowUpColumns(withOrganization = true): RegisterColumn<'followUps'>[] {
  const { t } = useTranslation()
  return useMemo<RegisterColumn<'followUps'>[]>(
    () => [
      { field: 'title', header: t('fields.title'), flex: 2.6, minWidth: 260, text: (r) => r.title },
      { field: 'category', header: t('fields.category'), width: 110, text: (r) => enumText(t, 'cooperationCategory', r.category) },
      ...(withOrganization
        ? [
            {
              field: 'organizationId',
              header: t('fields.organization'),
              flex: 1.4,
              minWidth: 160,
              links: (r: FollowUp) => (r.organizationId ? [{ collection: 'organizations' as const, id: r.organizationId }] : []),
              text: (r: FollowUp, nameOf: (c: 'organizations', id: string | null) => string) => nameOf('organizations', r.organizationId),
            },
          ]
        : []),
      { field: 'ownerId', header: t('fields.owner'), width: 100, links: (r) => (r.ownerId ? [{ collection: 'staff', id: r.ownerId }] : []), text: (r, nameOf) => nameOf('staff', r.ownerId) },
      {
        field: 'dueDate',
        header: t('fields.dueDate'),
        width: 190,
        text: (r) => r.dueDate ?? '',
        render: (r) => (
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
            <span>{r.dueDate ?? ''}</span>
            <OverdueChip dueDate={r.dueDate} status={r.status} />
          </Box>
        ),
      },
      {
        field: 'status',
        header: t('fields.status'),
        width: 100,
        text: (r) => enumText(t, 'followUpStatus', r.status),
        render: (r) => <Chip size="small" variant="outlined" label={enumText(t, 'followUpStatus', r.status)} color={STATUS_CHIP[r.status]} />,
      },
    ],
    [t, withOrganization],
  )
}

export function FollowUpsPage() {
  const { t } = useTranslation()
  const { notify } = useApp()
  const errorText = useErrorText()
  const [params, setParams] = useSearchParams()
  const view = params.get('view') === 'list' ? 'list' : 'board'
  const [editing, setEditing] = useState<Editing>(null)
  const flow = useDeleteFlow('followUps')
  const edit = useCallback((r: FollowUp) => setEditing({ record: r, key: Date.now() }), [])
  useOpenFromAddress('followUps', edit)
  const rowActions = useRowActions(flow, edit)
  const columns = useFollowUpColumns()

  const [ownerId, setOwnerId] = useState<string | null>(null)
  const [tripId, setTripId] = useState<string | null>(null)
  const [due, setDue] = useState<Due>('')
  const [category, setCategory] = useState('')
  const [search, setSearch] = useState('')
  const debouncedSearch = useDebounced(search.trim(), 300)
  const filter = useMemo(() => {
    const f: Record<string, unknown> = {}
    if (ownerId) f.ownerId = ownerId
    if (tripId) f.tripId = tripId
    if (category) f.category = category
    const today = todayIso()
    if (due === 'overdue') f.overdueOn = today
    if (due === 'week' || due === 'month') {
      const r = due === 'week' ? weekRange(today) : monthRange(today)
      f.dueFrom = r.from
      f.dueTo = r.to
    }
    return f
  }, [ownerId, tripId, due, category])
  const filtered = Object.keys(filter).length > 0
  const clear = () => {
    setOwnerId(null)
    setTripId(null)
    setDue('')
    setCategory('')
  }

  const [focus, setFocus] = useState<BoardFocus | null>(null)
  const onFocused = useCallback(() => setFocus(null), [])
  const [totals, setTotals] = useState<Partial<Record<Status, number>>>({})
  const onTotals = useCallback((next: Partial<Record<Status, number>>) => setTotals(next), [])
  const boardEmpty = Object.keys(totals).length === 4 && Object.values(totals).every((n) => n === 0)

  const move = useCallback(
    async (r: FollowUp, to: Status) => {
      try {
        const saved = await call('followUps.update', { id: r.id, changes: { status: to }, expectedUpdatedAt: r.updatedAt })
        setFocus({ id: r.id, status: to })
        const undo = async () => {
          try {
            await call('followUps.update', { id: r.id, changes: { status: r.status }, expectedUpdatedAt: saved.updatedAt })
            setFocus({ id: r.id, status: r.status })
          } catch (e) {
            notify({ severity: 'error', message: errorText(e) })
          }
        }
        notify({
          message: t('registers.followUps.moved', { name: r.title, status: enumText(t, 'followUpStatus', to) }),
          action: { label: t('common.undo'), run: () => void undo() },
        })
      } catch (e) {
        notify({ severity: 'error', message: errorText(e) })
      }
    },
    [notify, t, errorText],
  )

  const newButton = (
    <>
      <ExportButton name="register.followUps" input={() => ({ filter })} label={t('exports.registers.followUps')} testId="export-follow-ups" />
      <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ record: null, key: Date.now(), defaults: { ownerId, tripId } })}>
        {t('common.new')}
      </Button>
    </>
  )

  return (
    <Page
      title={t('nav.followUps')}
      subtitle={t('registers.followUps.subtitle')}
      actions={
        <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, v: 'board' | 'list' | null) => v && setParams(v === 'list' ? { view: 'list' } : {}, { replace: true })} aria-label={t('registers.followUps.view')}>
          <ToggleButton value="board" data-testid="view-board">
            <BoardIcon fontSize="small" sx={{ mr: 0.75 }} />
            {t('registers.followUps.board')}
          </ToggleButton>
          <ToggleButton value="list" data-testid="view-list">
            <ListIcon fontSize="small" sx={{ mr: 0.75 }} />
            {t('registers.followUps.list')}
          </ToggleButton>
        </ToggleButtonGroup>
      }
    >
      <FilterBar label={t('registers.filters')}>
        <Box sx={{ width: 190 }}>
          <RecordPicker collection="staff" name="filter-owner" label={t('fields.owner')} size="small" allowCreate={false} value={ownerId} onChange={(id) => setOwnerId(id)} />
        </Box>
        <TextField select size="small" label={t('registers.followUps.due')} value={due} onChange={(e) => setDue(e.target.value as Due)} sx={{ width: 140 }}>
          <MenuItem value="">{t('registers.all')}</MenuItem>
          <MenuItem value="overdue">{t('registers.followUps.dueOverdue')}</MenuItem>
          <MenuItem value="week">{t('registers.followUps.dueWeek')}</MenuItem>
          <MenuItem value="month">{t('registers.followUps.dueMonth')}</MenuItem>
        </TextField>
        <Box sx={{ width: 260 }}>
          <RecordPicker collection="trips" name="filter-trip" label={t('fields.trip')} size="small" allowCreate={false} value={tripId} onChange={(id) => setTripId(id)} />
        </Box>
        <TextField select size="small" label={t('fields.category')} value={category} onChange={(e) => setCategory(e.target.value)} sx={{ width: 130 }}>
          <MenuItem value="">{t('registers.all')}</MenuItem>
          {cooperationCategory.values.map((v) => (
            <MenuItem key={v} value={v}>
              {enumText(t, 'cooperationCategory', v)}
            </MenuItem>
          ))}
        </TextField>
        {filtered && (
          <Button size="small" onClick={clear}>
            {t('registers.clearFilters')}
          </Button>
        )}
      </FilterBar>
      {view === 'board' ? (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <TextField
              size="small"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={t('common.searchPlaceholder')}
              sx={{ width: 320 }}
              slotProps={{
                htmlInput: { 'aria-label': t('common.search') },
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchIcon fontSize="small" />
                    </InputAdornment>
                  ),
                },
              }}
            />
            <Box sx={{ flex: 1 }} />
            {newButton}
          </Stack>
          {boardEmpty && !filtered && search.trim() === '' && (
            <Alert severity="info" variant="outlined" data-testid="register-empty">
              {t('registers.followUps.emptyHint')}
            </Alert>
          )}
          <FollowUpBoard
            filter={filter}
            search={debouncedSearch}
            focus={focus}
            onFocused={onFocused}
            onTotals={onTotals}
            onOpen={edit}
            onMove={(r, to) => void move(r, to)}
            onDelete={(r) => void flow.requestDelete(r)}
          />
        </>
      ) : (
        <RegisterList
          collection="followUps"
          columns={columns}
          emptyText={filtered ? t('registers.noFilterMatch') : t('registers.followUps.emptyHint')}
          defaultSort={{ field: 'dueDate', dir: 'asc' }}
          filter={filtered ? filter : undefined}
          allowShowDeleted
          onRowClick={(r) => !r.deletedAt && edit(r)}
          rowActions={rowActions}
          toolbar={newButton}
        />
      )}
      {editing && (
        <FollowUpDialog
          key={editing.key}
          record={editing.record}
          defaults={editing.defaults}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null)
            notify({ message: t(created ? 'organizations.created' : 'organizations.saved', { name: saved.title }) })
          }}
        />
      )}
      {flow.dialog}
    </Page>
  )
}
