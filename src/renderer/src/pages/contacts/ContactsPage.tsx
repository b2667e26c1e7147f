import { useCallback, useMemo, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import FormControlLabel from '@mui/material/FormControlLabel'
import Switch from '@mui/material/Switch'
import TextField from '@mui/material/TextField'
import AddIcon from '@mui/icons-material/Add'
import SchoolIcon from '@mui/icons-material/SchoolOutlined'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Contact } from '../../../../shared/domain/contacts'
import { Page } from '../../components/Page'
import { RecordPicker } from '../../components/RecordPicker'
import { detailsAction, FilterBar, useDebounced, useRowActions } from '../../components/registerActions'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { useDeleteFlow } from '../../components/useDeleteFlow'
import { formatDate } from '../../format'
import { enumText } from '../../i18n'
import { useApp } from '../../state'
import { ContactDialog } from './ContactDialog'
import { ExportButton } from '../../components/ExportButton'
import { ImportButton } from '../import/ImportButton'

type Editing = { record: Contact | null; key: number } | null

/** "2001 届 · 本科 · 过程装备与控制工程" */
export function alumniText(t: TFunction, alumni: Contact['alumni']): string {
  if (!alumni) return ''
  return [alumni.classYear ? t('registers.classOf', { year: alumni.classYear }) : '', alumni.degree === 'unknown' ? '' : enumText(t, 'degree', alumni.degree), alumni.major].filter(Boolean).join(' · ')
}

export function ContactsPage() {
  const { t } = useTranslation()
  const { notify } = useApp()
  const navigate = useNavigate()
  const [editing, setEditing] = useState<Editing>(null)
  const flow = useDeleteFlow('contacts')
  const extra = useCallback((r: Contact) => [detailsAction(t, () => navigate(`/contacts/${r.id}`))], [t, navigate])
  const edit = useCallback((r: Contact) => setEditing({ record: r, key: Date.now() }), [])
  const rowActions = useRowActions(flow, edit, extra)

  // Filters: the text ones are debounced like the search box.
  const [alumniOnly, setAlumniOnly] = useState(false)
  const [classYear, setClassYear] = useState('')
  const [major, setMajor] = useState('')
  const [city, setCity] = useState('')
  const [organizationId, setOrganizationId] = useState<string | null>(null)
  const typedKey = useDebounced(JSON.stringify([classYear.trim(), major.trim(), city.trim()]), 300)
  const typed = useMemo(() => {
    const [y, m, c] = JSON.parse(typedKey) as string[]
    return { classYear: y, major: m, city: c }
  }, [typedKey])
  const filter = useMemo(() => {
    const f: Record<string, unknown> = {}
    if (alumniOnly) f.alumniOnly = true
    const year = Number(typed.classYear)
    if (typed.classYear !== '' && Number.isInteger(year)) f.classYear = year
    if (typed.major) f.major = typed.major
    if (typed.city) f.city = typed.city
    if (organizationId) f.organizationId = organizationId
    return Object.keys(f).length > 0 ? f : undefined
  }, [alumniOnly, typed, organizationId])
  const filtered = filter !== undefined
  const clear = () => {
    setAlumniOnly(false)
    setClassYear('')
    setMajor('')
    setCity('')
    setOrganizationId(null)
  }

  const columns = useMemo<RegisterColumn<'contacts'>[]>(
    () => [
      {
        field: 'name',
        header: t('fields.name'),
        flex: 1.1,
        minWidth: 160,
        text: (r) => (r.alumni ? `${r.name} (${t('registers.alumniYes')})` : r.name),
        render: (r) => (
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, maxWidth: '100%' }}>
            <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {r.name}
            </Box>
            {r.alumni && <SchoolIcon fontSize="small" color="secondary" titleAccess={t('registers.alumniYes')} sx={{ flexShrink: 0 }} data-testid="alumni-mark" />}
          </Box>
        ),
      },
      {
        field: 'organizationId',
        header: t('fields.organization'),
        flex: 1.8,
        minWidth: 200,
        links: (r) => (r.organizationId ? [{ collection: 'organizations', id: r.organizationId }] : []),
        text: (r, nameOf) => nameOf('organizations', r.organizationId),
      },
      { field: 'position', header: t('fields.position'), flex: 1.2, minWidth: 130, text: (r) => r.position },
      { field: 'phone', header: t('fields.phone'), width: 120, text: (r) => r.phone },
      { field: 'city', header: t('fields.city'), width: 90, text: (r) => r.city },
      { field: 'alumni', header: t('registers.fields.alumniProfile'), flex: 1.6, minWidth: 190, text: (r) => alumniText(t, r.alumni) },
      { field: 'updatedAt', header: t('fields.updatedAt'), width: 100, text: (r) => formatDate(r.updatedAt) },
    ],
    [t],
  )

  return (
    <Page title={t('nav.contacts')} subtitle={t('registers.contacts.subtitle')}>
      <FilterBar label={t('registers.filters')}>
        <FormControlLabel
          control={<Switch checked={alumniOnly} onChange={(e) => setAlumniOnly(e.target.checked)} slotProps={{ input: { 'data-testid': 'filter-alumni' } as object }} />}
          label={t('registers.contacts.alumniOnly')}
        />
        <TextField size="small" type="number" label={t('registers.contacts.classYear')} value={classYear} onChange={(e) => setClassYear(e.target.value)} sx={{ width: 110 }} />
        <TextField size="small" label={t('fields.major')} value={major} onChange={(e) => setMajor(e.target.value)} sx={{ width: 170 }} />
        <TextField size="small" label={t('fields.city')} value={city} onChange={(e) => setCity(e.target.value)} sx={{ width: 120 }} />
        <Box sx={{ width: 260 }}>
          <RecordPicker collection="organizations" name="filter-organization" label={t('fields.organization')} size="small" allowCreate={false} value={organizationId} onChange={(id) => setOrganizationId(id)} />
        </Box>
        {filtered && (
          <Button size="small" onClick={clear}>
            {t('registers.clearFilters')}
          </Button>
        )}
      </FilterBar>
      <RegisterList
        collection="contacts"
        columns={columns}
        emptyText={filtered ? t('registers.noFilterMatch') : t('registers.contacts.emptyHint')}
        defaultSort={{ field: 'name', dir: 'asc' }}
        filter={filter}
        allowShowDeleted
        onRowClick={(r) => !r.deletedAt && edit(r)}
        rowActions={rowActions}
        actionsWidth={140}
        toolbar={
          <>
            <ImportButton target="contacts" />
            <ExportButton
              name="register.alumni"
              label={t('exports.registers.alumni')}
              testId="export-alumni"
              input={() => ({ filter })}
            />
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ record: null, key: Date.now() })}>
              {t('common.new')}
            </Button>
          </>
        }
      />
      {editing && (
        <ContactDialog
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
