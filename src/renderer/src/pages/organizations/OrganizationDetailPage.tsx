// One organisation: what we know of it, and everything that links to it —
// visits (activities), agreements, contacts and follow-ups — each a server-side list.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import AddIcon from '@mui/icons-material/Add'
import ArrowBackIcon from '@mui/icons-material/ArrowBack'
import EditIcon from '@mui/icons-material/EditOutlined'
import MergeIcon from '@mui/icons-material/MergeTypeOutlined'
import { useTranslation } from 'react-i18next'
import type { Agreement } from '../../../../shared/domain/agreements'
import type { FollowUp } from '../../../../shared/domain/followUps'
import type { Organization } from '../../../../shared/domain/organizations'
import { call, listRecords } from '../../api'
import { InfoGrid } from '../../components/detailParts'
import { Page } from '../../components/Page'
import { ConflictMark, HistoryButton } from '../../components/ConflictMark'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { formatDate } from '../../format'
import { enumText } from '../../i18n'
import { useApp, useErrorText } from '../../state'
import { AgreementDialog } from '../agreements/AgreementDialog'
import { useAgreementColumns } from '../agreements/AgreementsPage'
import { ContactDialog } from '../contacts/ContactDialog'
import { alumniText } from '../contacts/ContactsPage'
import { FollowUpDialog } from '../followUps/FollowUpDialog'
import { useFollowUpColumns } from '../followUps/FollowUpsPage'
import { OrganizationDialog } from './OrganizationDialog'
import { AttachmentsPanel } from '../../components/attachments/AttachmentsPanel'

type TabKey = 'visits' | 'agreements' | 'contacts' | 'followUps'
const TABS: ReadonlyArray<{ key: TabKey; collection: 'activities' | 'agreements' | 'contacts' | 'followUps' }> = [
  { key: 'visits', collection: 'activities' },
  { key: 'agreements', collection: 'agreements' },
  { key: 'contacts', collection: 'contacts' },
  { key: 'followUps', collection: 'followUps' },
]

type Editing =
  | { kind: 'organization'; key: number }
  | { kind: 'agreement'; record: Agreement | null; key: number }
  | { kind: 'contact'; key: number }
  | { kind: 'followUp'; record: FollowUp | null; key: number }
  | null

interface Loaded {
  id: string
  record: Organization | null
  error: string | null
}

/** How many records of each tab link to the organisation (one small list call each). */
function useCounts(id: string): Partial<Record<TabKey, number>> {
  const { dataVersion } = useApp()
  const [counts, setCounts] = useState<{ key: string; value: Partial<Record<TabKey, number>> }>({ key: '', value: {} })
  const key = `${id}|${dataVersion}`
  useEffect(() => {
    let live = true
    void Promise.all(
      TABS.map(async (tab) => {
        const filter = { organizationId: id }
        try {
          return [tab.key, (await listRecords(tab.collection, { limit: 1, filter })).total] as const
        } catch {
          return [tab.key, undefined] as const
        }
      }),
    ).then((entries) => {
      if (live) setCounts({ key, value: Object.fromEntries(entries.filter(([, n]) => n !== undefined)) })
    })
    return () => {
      live = false
    }
  }, [id, key])
  return counts.key === key ? counts.value : {}
}

export function OrganizationDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { dataVersion, notify } = useApp()
  const errorText = useErrorText()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [tab, setTab] = useState<TabKey>('visits')
  const [editing, setEditing] = useState<Editing>(null)
  const counts = useCounts(id)

  useEffect(() => {
    let live = true
    call('organizations.get', { id }).then(
      (record) => live && setLoaded({ id, record, error: null }),
      (e: unknown) => live && setLoaded({ id, record: null, error: errorText(e) }),
    )
    return () => {
      live = false
    }
  }, [id, dataVersion, errorText])
  const org = loaded?.id === id ? loaded.record : null
  const filter = useMemo(() => ({ organizationId: id }), [id])

  const visitColumns = useMemo<RegisterColumn<'activities'>[]>(
    () => [
      { field: 'date', header: t('registers.fields.date'), width: 110, text: (r) => formatDate(r.date) },
      { field: 'period', header: t('registers.fields.period'), width: 80, text: (r) => enumText(t, 'period', r.period) },
      { field: 'title', header: t('fields.title'), flex: 2.2, minWidth: 240, text: (r) => r.title },
      { field: 'kind', header: t('fields.kind'), width: 110, text: (r) => enumText(t, 'activityKind', r.kind) },
      { field: 'positionsOffered', header: t('registers.fields.positionsOffered'), width: 100, align: 'right', text: (r) => (r.positionsOffered ? String(r.positionsOffered) : '') },
      {
        field: 'tripId',
        header: t('fields.trip'),
        flex: 1.5,
        minWidth: 200,
        links: (r) => (r.tripId ? [{ collection: 'trips', id: r.tripId }] : []),
        text: (r, nameOf) => (r.tripId ? nameOf('trips', r.tripId) : t('registers.noTrip')),
      },
    ],
    [t],
  )
  const contactColumns = useMemo<RegisterColumn<'contacts'>[]>(
    () => [
      { field: 'name', header: t('fields.name'), width: 140, text: (r) => r.name },
      { field: 'position', header: t('fields.position'), flex: 1.4, minWidth: 160, text: (r) => r.position },
      { field: 'phone', header: t('fields.phone'), width: 140, text: (r) => r.phone },
      { field: 'email', header: t('fields.email'), flex: 1, minWidth: 160, text: (r) => r.email },
      { field: 'alumni', header: t('registers.fields.alumniProfile'), flex: 1.6, minWidth: 200, text: (r) => alumniText(t, r.alumni) },
    ],
    [t],
  )
  const agreementColumns = useAgreementColumns(false)
  const followUpColumns = useFollowUpColumns(false)
  const close = useCallback(() => setEditing(null), [])
  const openNew = useCallback((kind: 'agreement' | 'contact' | 'followUp') => {
    const key = Date.now()
    setEditing(kind === 'contact' ? { kind, key } : { kind, record: null, key })
  }, [])
  const saved = (name: string, created: boolean) => {
    setEditing(null)
    notify({ message: t(created ? 'organizations.created' : 'organizations.saved', { name }) })
  }

  const back = (
    <Button startIcon={<ArrowBackIcon />} component={RouterLink} to="/organizations">
      {t('registers.organizations.backToList')}
    </Button>
  )
  if (loaded && loaded.id === id && !org) {
    return (
      <Page title={t('nav.organizations')} actions={back}>
        <Alert severity="warning">{loaded.error ?? t('errors.NOT_FOUND')}</Alert>
      </Page>
    )
  }

  const newButton = (label: string, kind: 'agreement' | 'contact' | 'followUp') => (
    <Button size="small" variant="outlined" startIcon={<AddIcon />} onClick={() => openNew(kind)} disabled={!org || org.deletedAt !== null}>
      {label}
    </Button>
  )
  const subtitle = org ? [enumText(t, 'organizationKind', org.kind), org.industry, [org.province, org.city].filter((s, i, a) => s && a.indexOf(s) === i).join(' ')].filter(Boolean).join(' · ') : undefined

  return (
    <Page
      title={org?.name ?? '…'}
      subtitle={subtitle}
      actions={
        <Stack direction="row" spacing={1}>
          {back}
          {org && <ConflictMark collection="organizations" record={org} />}
          {org && <HistoryButton collection="organizations" id={org.id} />}
          <Button startIcon={<MergeIcon />} disabled={!org || org.deletedAt !== null} component={RouterLink} to={`/duplicates?tab=organizations&record=${id}`} data-testid="org-merge-with">
            {t('duplicates.mergeWith')}
          </Button>
          <Button variant="contained" startIcon={<EditIcon />} disabled={!org || org.deletedAt !== null} onClick={() => setEditing({ kind: 'organization', key: Date.now() })}>
            {t('common.edit')}
          </Button>
        </Stack>
      }
    >
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 1.5, pb: 1 }}>
        {org?.mergedInto ? (
          <Alert severity="info" data-testid="org-merged-into" action={<Button component={RouterLink} to={`/organizations/${org.mergedInto}`}>{t('duplicates.openSurvivor')}</Button>}>
            {t('duplicates.mergedInto')}
          </Alert>
        ) : (
          org?.deletedAt && <Alert severity="warning">{t('registers.deletedRecord')}</Alert>
        )}
        {org && (
          <InfoGrid
            testId="organization-info"
            items={[
              { label: t('fields.kind'), value: enumText(t, 'organizationKind', org.kind) },
              { label: t('fields.industry'), value: org.industry },
              { label: t('fields.city'), value: [org.province, org.city].filter((s, i, a) => s && a.indexOf(s) === i).join(' ') },
              { label: t('fields.address'), value: org.address },
              {
                label: t('fields.website'),
                value: org.website ? (
                  <Link href={/^https?:\/\//.test(org.website) ? org.website : `https://${org.website}`} target="_blank" rel="noreferrer">
                    {org.website}
                  </Link>
                ) : (
                  ''
                ),
              },
              { label: t('fields.alumniFounded'), value: org.alumniFounded ? <Chip size="small" color="secondary" variant="outlined" label={t('common.yes')} /> : t('common.no') },
              {
                label: t('fields.tags'),
                value: org.tags.length ? (
                  <Stack direction="row" spacing={0.5} component="span" sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
                    {org.tags.map((tag) => (
                      <Chip key={tag} size="small" label={tag} />
                    ))}
                  </Stack>
                ) : (
                  ''
                ),
              },
              { label: t('fields.notes'), value: org.notes, wide: true },
            ]}
          />
        )}
        {org && org.deletedAt === null && <AttachmentsPanel recordType="organizations" recordId={org.id} />}
        <Box sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Tabs value={tab} onChange={(_, v: TabKey) => setTab(v)} aria-label={t('registers.organizations.related')}>
            {TABS.map(({ key }) => (
              <Tab
                key={key}
                value={key}
                data-testid={`org-tab-${key}`}
                sx={{ textTransform: 'none' }}
                label={`${t(`registers.organizations.tabs.${key}`)}${counts[key] !== undefined ? ` (${counts[key]})` : ''}`}
                id={`org-tab-${key}`}
                aria-controls={`org-panel-${key}`}
              />
            ))}
          </Tabs>
        </Box>
        <Box role="tabpanel" id={`org-panel-${tab}`} aria-labelledby={`org-tab-${tab}`} sx={{ minHeight: 420, flex: 1, display: 'flex', flexDirection: 'column' }}>
          {tab === 'visits' && (
            <RegisterList key="visits" collection="activities" columns={visitColumns} filter={filter} emptyText={t('registers.organizations.visitsEmpty')} defaultSort={{ field: 'date', dir: 'desc' }} onRowClick={(r) => r.tripId && navigate(`/trips/${r.tripId}`)} />
          )}
          {tab === 'agreements' && (
            <RegisterList
              key="agreements"
              collection="agreements"
              columns={agreementColumns}
              filter={filter}
              emptyText={t('registers.organizations.agreementsEmpty')}
              defaultSort={{ field: 'title', dir: 'asc' }}
              onRowClick={(r) => setEditing({ kind: 'agreement', record: r, key: Date.now() })}
              toolbar={newButton(t('registers.organizations.newAgreement'), 'agreement')}
            />
          )}
          {tab === 'contacts' && (
            <RegisterList
              key="contacts"
              collection="contacts"
              columns={contactColumns}
              filter={filter}
              emptyText={t('registers.organizations.contactsEmpty')}
              defaultSort={{ field: 'name', dir: 'asc' }}
              onRowClick={(r) => navigate(`/contacts/${r.id}`)}
              toolbar={newButton(t('registers.organizations.newContact'), 'contact')}
            />
          )}
          {tab === 'followUps' && (
            <RegisterList
              key="followUps"
              collection="followUps"
              columns={followUpColumns}
              filter={filter}
              emptyText={t('registers.organizations.followUpsEmpty')}
              defaultSort={{ field: 'dueDate', dir: 'asc' }}
              onRowClick={(r) => setEditing({ kind: 'followUp', record: r, key: Date.now() })}
              toolbar={newButton(t('registers.organizations.newFollowUp'), 'followUp')}
            />
          )}
        </Box>
      </Box>
      {editing?.kind === 'organization' && org && (
        <OrganizationDialog key={editing.key} record={org} onClose={close} onSaved={(s, created) => saved(s.name, created)} />
      )}
      {editing?.kind === 'agreement' && (
        <AgreementDialog key={editing.key} record={editing.record} defaults={editing.record ? undefined : { organizationId: id }} onClose={close} onSaved={(s, created) => saved(s.title, created)} />
      )}
      {editing?.kind === 'contact' && (
        <ContactDialog key={editing.key} record={null} defaults={{ organizationId: id, city: org?.city ?? '' }} onClose={close} onSaved={(s, created) => saved(s.name, created)} />
      )}
      {editing?.kind === 'followUp' && (
        <FollowUpDialog key={editing.key} record={editing.record} defaults={editing.record ? undefined : { organizationId: id }} onClose={close} onSaved={(s, created) => saved(s.title, created)} />
      )}
    </Page>
  )
}
