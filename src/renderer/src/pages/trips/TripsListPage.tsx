// The trips register: filter by year, status and text; New trip; a row opens the trip page.
import { useEffect, useMemo, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import AddIcon from '@mui/icons-material/Add'
import { useTranslation } from 'react-i18next'
import type { Trip } from '../../../../shared/domain/trips'
import { tripStatus } from '../../../../shared/enums'
import { call } from '../../api'
import { Page } from '../../components/Page'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { formatDateRange } from '../../format'
import { enumText } from '../../i18n'
import { useApp } from '../../state'
import { NewTripDialog } from './NewTripDialog'
import { StatusChip } from './parts'
import { MarkCompletedButton } from './tripEnded'
import Stack from '@mui/material/Stack'
import { todayIso } from '../../../../shared/days'
import { endedUnconfirmed } from '../../../../shared/tripStatus'
import { ExportButton } from '../../components/ExportButton'

type Status = Trip['status']

/** Years that have a trip, plus the current one, newest first. */
function useTripYears(): number[] {
  const { dataVersion } = useApp()
  const [years, setYears] = useState<number[]>([])
  useEffect(() => {
    let live = true
    call('trips.list', { limit: 500, sort: { field: 'startDate', dir: 'desc' } }).then(
      (page) => {
        if (!live) return
        const set = new Set<number>([new Date().getFullYear()])
        for (const t of page.items) for (let y = Number(t.startDate.slice(0, 4)); y <= Number(t.endDate.slice(0, 4)); y++) set.add(y)
        setYears([...set].sort((a, b) => b - a))
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [dataVersion])
  return years
}

export function TripsListPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const years = useTripYears()
  const [year, setYear] = useState<number | ''>('')
  const [status, setStatus] = useState<Status | ''>('')
  const [creating, setCreating] = useState<number | null>(null)
  // File → New Trip in the desktop menu (Ctrl+N) lands here with ?new=1: the dialog opens until closed.
  const [params, setParams] = useSearchParams()
  const fromMenu = params.get('new') === '1'
  const closeNew = () => {
    setCreating(null)
    if (fromMenu) setParams({}, { replace: true })
  }

  const today = todayIso()
  const filter = useMemo(() => ({ ...(year !== '' ? { year } : {}), ...(status !== '' ? { status } : {}) }), [year, status])

  const columns = useMemo<RegisterColumn<'trips'>[]>(
    () => [
      { field: 'title', header: t('fields.title'), flex: 2.5, minWidth: 260, text: (r) => r.title },
      { field: 'startDate', header: t('fields.dates'), width: 210, text: (r) => formatDateRange(r.startDate, r.endDate) },
      { field: 'destinations', header: t('fields.destinations'), flex: 1.2, minWidth: 160, text: (r) => r.destinations.join(t('common.listSep')) },
      { field: 'leaderId', header: t('fields.leader'), width: 110, links: (r) => (r.leaderId ? [{ collection: 'staff', id: r.leaderId }] : []), text: (r, nameOf) => nameOf('staff', r.leaderId) },
      { field: 'members', header: t('fields.membersCount'), width: 90, align: 'right', text: (r) => String(r.members.length) },
      {
        field: 'status',
        header: t('fields.status'),
        width: 260,
        text: (r) => enumText(t, 'tripStatus', r.status),
        render: (r) =>
          endedUnconfirmed(r, today) ? (
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <StatusChip status={r.status} ended />
              <MarkCompletedButton trip={r} />
            </Stack>
          ) : (
            <StatusChip status={r.status} />
          ),
      },
    ],
    [t, today],
  )

  return (
    <Page title={t('nav.trips')} subtitle={t('trips.list.subtitle')}>
      <RegisterList
        collection="trips"
        columns={columns}
        emptyText={year !== '' || status !== '' ? t('trips.list.emptyFiltered') : t('trips.list.empty')}
        defaultSort={{ field: 'startDate', dir: 'desc' }}
        filter={filter}
        onRowClick={(r) => navigate(`/trips/${encodeURIComponent(r.id)}`)}
        toolbar={
          <>
            <TextField
              select
              size="small"
              label={t('trips.list.year')}
              value={year === '' ? '' : String(year)}
              onChange={(e) => setYear(e.target.value === '' ? '' : Number(e.target.value))}
              sx={{ width: 130 }}
              slotProps={{ htmlInput: { 'data-testid': 'trips-year' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{t('trips.list.allYears')}</MenuItem>
              {years.map((y) => (
                <MenuItem key={y} value={String(y)}>
                  {y}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={t('fields.status')}
              value={status}
              onChange={(e) => setStatus(e.target.value as Status | '')}
              sx={{ width: 140 }}
              slotProps={{ htmlInput: { 'data-testid': 'trips-status' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{t('trips.list.allStatuses')}</MenuItem>
              {tripStatus.values.map((s) => (
                <MenuItem key={s} value={s}>
                  {enumText(t, 'tripStatus', s)}
                </MenuItem>
              ))}
            </TextField>
            <ExportButton
              name="register.visits"
              label={t('exports.registers.visits')}
              testId="export-visits"
              input={() => (year === '' ? {} : { from: `${year}-01-01`, to: `${year}-12-31` })}
            />
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(Date.now())}>
              {t('trips.list.newTrip')}
            </Button>
          </>
        }
      />
      {(creating !== null || fromMenu) && (
        <NewTripDialog
          key={creating ?? 'menu'}
          onClose={closeNew}
          onSaved={(trip) => {
            setCreating(null)
            navigate(`/trips/${encodeURIComponent(trip.id)}`)
          }}
        />
      )}
    </Page>
  )
}
