import { useCallback, useMemo, useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import AddIcon from '@mui/icons-material/Add'
import { useTranslation } from 'react-i18next'
import type { Agreement } from '../../../../shared/domain/agreements'
import { agreementKind, agreementStatus } from '../../../../shared/enums'
import { expiryOf, todayIso } from '../../../../shared/days'
import { Page } from '../../components/Page'
import { FilterBar, useRowActions } from '../../components/registerActions'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { useDeleteFlow } from '../../components/useDeleteFlow'
import { formatDate } from '../../format'
import { enumText } from '../../i18n'
import { useApp } from '../../state'
import { AgreementDialog } from './AgreementDialog'
import { ExpiryChip } from './ExpiryChip'
import { ExportButton } from '../../components/ExportButton'
import { useOpenFromAddress } from '../../components/useOpenFromAddress'

type Editing = { record: Agreement | null; key: number } | null

/** Columns of an agreements list (also used on an organisation's page). */
export function useAgreementColumns(withPartner = true): RegisterColumn<'agreements'>[] {
  const { t } = useTranslation()
  return useMemo<RegisterColumn<'agreements'>[]>(
    () => [
      { field: 'title', header: t('fields.title'), flex: 2, minWidth: 180, text: (r) => r.title },
      { field: 'kind', header: t('fields.kind'), width: 120, text: (r) => enumText(t, 'agreementKind', r.kind) },
      ...(withPartner
        ? [
            {
              field: 'organizationId',
              header: t('registers.fields.partner'),
              flex: 2,
              minWidth: 180,
              links: (r: Agreement) => [{ collection: 'organizations' as const, id: r.organizationId }],
              text: (r: Agreement, nameOf: (c: 'organizations', id: string) => string) => nameOf('organizations', r.organizationId),
            },
          ]
        : []),
      { field: 'signedDate', header: t('fields.signedOrUnveiled'), width: 130, text: (r) => formatDate(r.signedDate ?? r.unveiledDate) },
      {
        field: 'endDate',
        header: t('fields.endDate'),
        width: 220,
        text: (r) => {
          const flag = expiryOf(r.endDate, r.status)
          const label = flag === 'expired' ? t('registers.agreements.expired') : flag === 'expiring' ? t('registers.agreements.expiringSoonShort') : ''
          return [formatDate(r.endDate), label].filter(Boolean).join(' · ')
        },
        render: (r) => (
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
            <span>{formatDate(r.endDate)}</span>
            <ExpiryChip endDate={r.endDate} status={r.status} />
          </Box>
        ),
      },
      {
        field: 'ownerId',
        header: t('fields.owner'),
        width: 90,
        links: (r) => (r.ownerId ? [{ collection: 'staff', id: r.ownerId }] : []),
        text: (r, nameOf) => nameOf('staff', r.ownerId),
      },
      { field: 'status', header: t('fields.status'), width: 90, text: (r) => enumText(t, 'agreementStatus', r.status) },
    ],
    [t, withPartner],
  )
}

export function AgreementsPage() {
  const { t } = useTranslation()
  const { notify } = useApp()
  const [editing, setEditing] = useState<Editing>(null)
  const flow = useDeleteFlow('agreements')
  const edit = useCallback((r: Agreement) => setEditing({ record: r, key: Date.now() }), [])
  useOpenFromAddress('agreements', edit)
  const rowActions = useRowActions(flow, edit)
  const columns = useAgreementColumns()

  const [quick, setQuick] = useState<'all' | 'expiring'>('all')
  const [kind, setKind] = useState('')
  const [status, setStatus] = useState('')
  const filter = useMemo(() => {
    const f: Record<string, unknown> = {}
    if (quick === 'expiring') f.expiringOn = todayIso()
    if (kind) f.kind = kind
    if (status) f.status = status
    return Object.keys(f).length > 0 ? f : undefined
  }, [quick, kind, status])

  return (
    <Page title={t('nav.agreements')} subtitle={t('registers.agreements.subtitle')}>
      <FilterBar label={t('registers.filters')}>
        <ToggleButtonGroup size="small" exclusive value={quick} onChange={(_, v: 'all' | 'expiring' | null) => v && setQuick(v)} aria-label={t('registers.agreements.quickFilter')}>
          <ToggleButton value="all">{t('registers.all')}</ToggleButton>
          <ToggleButton value="expiring" data-testid="filter-expiring">
            {t('registers.agreements.expiringSoon')}
          </ToggleButton>
        </ToggleButtonGroup>
        <TextField select size="small" label={t('fields.kind')} value={kind} onChange={(e) => setKind(e.target.value)} sx={{ width: 180 }}>
          <MenuItem value="">{t('registers.all')}</MenuItem>
          {agreementKind.values.map((v) => (
            <MenuItem key={v} value={v}>
              {enumText(t, 'agreementKind', v)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('fields.status')} value={status} onChange={(e) => setStatus(e.target.value)} sx={{ width: 140 }}>
          <MenuItem value="">{t('registers.all')}</MenuItem>
          {agreementStatus.values.map((v) => (
            <MenuItem key={v} value={v}>
              {enumText(t, 'agreementStatus', v)}
            </MenuItem>
          ))}
        </TextField>
      </FilterBar>
      <RegisterList
        collection="agreements"
        columns={columns}
        emptyText={filter ? t('registers.noFilterMatch') : t('registers.agreements.emptyHint')}
        defaultSort={{ field: 'title', dir: 'asc' }}
        filter={filter}
        allowShowDeleted
        onRowClick={(r) => !r.deletedAt && edit(r)}
        rowActions={rowActions}
        toolbar={
          <>
            <ExportButton name="register.internshipBases" input={() => ({ filter })} label={t('exports.registers.internshipBases')} testId="export-internship-bases" />
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ record: null, key: Date.now() })}>
              {t('common.new')}
            </Button>
          </>
        }
      />
      {editing && (
        <AgreementDialog
          key={editing.key}
          record={editing.record}
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
