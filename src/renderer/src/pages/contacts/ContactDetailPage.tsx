import { useEffect, useMemo, useState } from 'react'
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import ArrowBackIcon from '@mui/icons-material/ArrowBack'
import EditIcon from '@mui/icons-material/EditOutlined'
import MergeIcon from '@mui/icons-material/MergeTypeOutlined'
import { useTranslation } from 'react-i18next'
import type { Contact } from '../../../../shared/domain/contacts'
import { call } from '../../api'
import { InfoGrid, Section } from '../../components/detailParts'
import { Page } from '../../components/Page'
import { ConflictMark, HistoryButton } from '../../components/ConflictMark'
import { RegisterList } from '../../components/RegisterList'
import type { RegisterColumn } from '../../components/RegisterList'
import { formatDate } from '../../format'
import { enumText } from '../../i18n'
import { nameKey, useNames } from '../../names'
import { useApp, useErrorText } from '../../state'
import { ContactDialog } from './ContactDialog'
import { alumniText } from './ContactsPage'
import { AttachmentsPanel } from '../../components/attachments/AttachmentsPanel'

interface Loaded {
  id: string
  version: number
  record: Contact | null
  error: string | null
}

/** One contact: what we know of the person, and every activity they took part in. */
export function ContactDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { dataVersion, notify } = useApp()
  const errorText = useErrorText()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [editing, setEditing] = useState<number | null>(null)

  useEffect(() => {
    let live = true
    call('contacts.get', { id }).then(
      (record) => live && setLoaded({ id, version: dataVersion, record, error: null }),
      (e: unknown) => live && setLoaded({ id, version: dataVersion, record: null, error: errorText(e) }),
    )
    return () => {
      live = false
    }
  }, [id, dataVersion, errorText])
  const contact = loaded?.id === id ? loaded.record : null
  const orgNames = useNames(useMemo(() => (contact?.organizationId ? [{ collection: 'organizations' as const, id: contact.organizationId }] : []), [contact]))
  const orgName = contact?.organizationId ? (orgNames.get(nameKey('organizations', contact.organizationId)) ?? '…') : ''

  const filter = useMemo(() => ({ contactId: id }), [id])
  const columns = useMemo<RegisterColumn<'activities'>[]>(
    () => [
      { field: 'date', header: t('registers.fields.date'), width: 110, text: (r) => formatDate(r.date) },
      { field: 'period', header: t('registers.fields.period'), width: 90, text: (r) => enumText(t, 'period', r.period) },
      { field: 'title', header: t('fields.title'), flex: 2.4, minWidth: 260, text: (r) => r.title },
      { field: 'kind', header: t('fields.kind'), width: 110, text: (r) => enumText(t, 'activityKind', r.kind) },
      { field: 'city', header: t('fields.city'), width: 100, text: (r) => r.city },
      {
        field: 'tripId',
        header: t('fields.trip'),
        flex: 1.6,
        minWidth: 200,
        links: (r) => (r.tripId ? [{ collection: 'trips', id: r.tripId }] : []),
        text: (r, nameOf) => (r.tripId ? nameOf('trips', r.tripId) : t('registers.noTrip')),
      },
    ],
    [t],
  )

  const back = (
    <Button startIcon={<ArrowBackIcon />} component={RouterLink} to="/contacts">
      {t('registers.contacts.backToList')}
    </Button>
  )

  if (loaded && loaded.id === id && !contact) {
    return (
      <Page title={t('nav.contacts')} actions={back}>
        <Alert severity="warning">{loaded.error ?? t('errors.NOT_FOUND')}</Alert>
      </Page>
    )
  }

  return (
    <Page
      title={contact?.name ?? '…'}
      subtitle={contact ? [contact.position, orgName].filter(Boolean).join(' · ') : undefined}
      actions={
        <Stack direction="row" spacing={1}>
          {back}
          {contact && <ConflictMark collection="contacts" record={contact} />}
          {contact && <HistoryButton collection="contacts" id={contact.id} />}
          <Button startIcon={<MergeIcon />} disabled={!contact || contact.deletedAt !== null} component={RouterLink} to={`/duplicates?tab=contacts&record=${contact?.id ?? ''}`} data-testid="contact-merge-with">
            {t('duplicates.mergeWith')}
          </Button>
          <Button variant="contained" startIcon={<EditIcon />} disabled={!contact || contact.deletedAt !== null} onClick={() => setEditing(Date.now())}>
            {t('common.edit')}
          </Button>
        </Stack>
      }
    >
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 2, pb: 1 }}>
        {contact?.mergedInto ? (
          <Alert severity="info" data-testid="contact-merged-into" action={<Button component={RouterLink} to={`/contacts/${contact.mergedInto}`}>{t('duplicates.openSurvivor')}</Button>}>
            {t('duplicates.mergedInto')}
          </Alert>
        ) : (
          contact?.deletedAt && <Alert severity="warning">{t('registers.deletedRecord')}</Alert>
        )}
        {contact && (
          <InfoGrid
            testId="contact-info"
            items={[
              {
                label: t('fields.organization'),
                value: contact.organizationId ? (
                  <Link component={RouterLink} to={`/organizations/${contact.organizationId}`}>
                    {orgName}
                  </Link>
                ) : (
                  ''
                ),
              },
              { label: t('fields.position'), value: contact.position },
              { label: t('fields.city'), value: contact.city },
              { label: t('fields.phone'), value: contact.phone },
              { label: t('fields.email'), value: contact.email },
              { label: t('registers.fields.wechat'), value: contact.wechat },
              {
                label: t('registers.fields.alumniProfile'),
                value: contact.alumni ? (
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} component="span">
                    <Chip size="small" color="secondary" variant="outlined" label={t('registers.alumniYes')} />
                    <span>{alumniText(t, contact.alumni)}</span>
                  </Stack>
                ) : (
                  t('registers.contacts.notAlumnus')
                ),
              },
              {
                label: t('fields.tags'),
                value: contact.tags.length ? (
                  <Stack direction="row" spacing={0.5} component="span" sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
                    {contact.tags.map((tag) => (
                      <Chip key={tag} size="small" label={tag} />
                    ))}
                  </Stack>
                ) : (
                  ''
                ),
              },
              { label: t('fields.notes'), value: contact.notes, wide: true },
            ]}
          />
        )}
        {contact && contact.deletedAt === null && <AttachmentsPanel recordType="contacts" recordId={contact.id} />}
        <Section title={t('registers.contacts.history')} minHeight={420} testId="contact-history">
          <RegisterList
            collection="activities"
            columns={columns}
            filter={filter}
            emptyText={t('registers.contacts.historyEmpty')}
            defaultSort={{ field: 'date', dir: 'desc' }}
            onRowClick={(r) => r.tripId && navigate(`/trips/${r.tripId}`)}
          />
        </Section>
      </Box>
      {editing !== null && contact && (
        <ContactDialog
          key={editing}
          record={contact}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null)
            notify({ message: t('organizations.saved', { name: saved.name }) })
          }}
        />
      )}
    </Page>
  )
}
