// The read-only registers (part 1): each page is a column config over the generic RegisterList.
// Part 2 adds forms; a page then passes onRowClick / rowActions / toolbar like OrganizationsPage does.
import { useMemo } from 'react'
import Alert from '@mui/material/Alert'
import Chip from '@mui/material/Chip'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { CollectionName } from '../../../shared/collections'
import { Page } from '../components/Page'
import { RegisterList } from '../components/RegisterList'
import type { RegisterColumn } from '../components/RegisterList'
import { formatDate, formatDateRange } from '../format'
import { enumText } from '../i18n'
import type { NameRef } from '../names'

const ref = (collection: CollectionName, id: string | null | undefined): NameRef[] => (id ? [{ collection, id }] : [])
const join = (t: TFunction, items: readonly string[]): string => items.filter(Boolean).join(t('common.listSep'))

type Config<C extends CollectionName> = {
  collection: C
  title: (t: TFunction) => string
  empty: (t: TFunction) => string
  defaultSort: { field: string; dir: 'asc' | 'desc' }
  columns: (t: TFunction) => RegisterColumn<C>[]
}

function ReadOnlyRegister<C extends CollectionName>({ config }: { config: Config<C> }) {
  const { t } = useTranslation()
  const columns = useMemo(() => config.columns(t), [config, t])
  return (
    <Page title={config.title(t)}>
      <Alert severity="info" variant="outlined" sx={{ py: 0 }}>
        {t('registers.readOnlyNote')}
      </Alert>
      <RegisterList collection={config.collection} columns={columns} emptyText={config.empty(t)} defaultSort={config.defaultSort} />
    </Page>
  )
}

const trips: Config<'trips'> = {
  collection: 'trips',
  title: (t) => t('nav.trips'),
  empty: (t) => t('registers.trips.empty'),
  defaultSort: { field: 'startDate', dir: 'desc' },
  columns: (t) => [
    { field: 'title', header: t('fields.title'), flex: 2.5, minWidth: 260, text: (r) => r.title },
    { field: 'startDate', header: t('fields.dates'), width: 210, text: (r) => formatDateRange(r.startDate, r.endDate) },
    { field: 'destinations', header: t('fields.destinations'), flex: 1.2, minWidth: 140, text: (r) => join(t, r.destinations) },
    { field: 'leaderId', header: t('fields.leader'), width: 110, links: (r) => ref('staff', r.leaderId), text: (r, nameOf) => nameOf('staff', r.leaderId) },
    { field: 'members', header: t('fields.membersCount'), width: 90, align: 'right', text: (r) => String(r.members.length) },
    { field: 'status', header: t('fields.status'), width: 110, text: (r) => enumText(t, 'tripStatus', r.status) },
    { field: 'updatedAt', header: t('fields.updatedAt'), width: 120, text: (r) => formatDate(r.updatedAt) },
  ],
}

const contacts: Config<'contacts'> = {
  collection: 'contacts',
  title: (t) => t('nav.contacts'),
  empty: (t) => t('registers.contacts.empty'),
  defaultSort: { field: 'name', dir: 'asc' },
  columns: (t) => [
    { field: 'name', header: t('fields.name'), flex: 1, minWidth: 120, text: (r) => r.name },
    {
      field: 'organizationId',
      header: t('fields.organization'),
      flex: 2,
      minWidth: 220,
      links: (r) => ref('organizations', r.organizationId),
      text: (r, nameOf) => nameOf('organizations', r.organizationId),
    },
    { field: 'position', header: t('fields.position'), flex: 1.2, minWidth: 130, text: (r) => r.position },
    { field: 'city', header: t('fields.city'), width: 100, text: (r) => r.city },
    {
      field: 'alumni',
      header: t('fields.alumni'),
      flex: 1.6,
      minWidth: 180,
      text: (r) =>
        r.alumni
          ? join(t, [t('registers.alumniYes'), r.alumni.classYear ? t('registers.classOf', { year: r.alumni.classYear }) : '', enumText(t, 'degree', r.alumni.degree), r.alumni.major])
          : '',
    },
    { field: 'phone', header: t('fields.phone'), width: 130, text: (r) => r.phone },
    { field: 'updatedAt', header: t('fields.updatedAt'), width: 120, text: (r) => formatDate(r.updatedAt) },
  ],
}

const agreements: Config<'agreements'> = {
  collection: 'agreements',
  title: (t) => t('nav.agreements'),
  empty: (t) => t('registers.agreements.empty'),
  defaultSort: { field: 'title', dir: 'asc' },
  columns: (t) => [
    { field: 'title', header: t('fields.title'), flex: 2, minWidth: 220, text: (r) => r.title },
    { field: 'kind', header: t('fields.kind'), width: 130, text: (r) => enumText(t, 'agreementKind', r.kind) },
    {
      field: 'organizationId',
      header: t('fields.organization'),
      flex: 2,
      minWidth: 200,
      links: (r) => ref('organizations', r.organizationId),
      text: (r, nameOf) => nameOf('organizations', r.organizationId),
    },
    { field: 'signedDate', header: t('fields.signedOrUnveiled'), width: 130, text: (r) => formatDate(r.signedDate ?? r.unveiledDate) },
    { field: 'endDate', header: t('fields.endDate'), width: 115, text: (r) => formatDate(r.endDate) },
    { field: 'ownerId', header: t('fields.owner'), width: 100, links: (r) => ref('staff', r.ownerId), text: (r, nameOf) => nameOf('staff', r.ownerId) },
    { field: 'status', header: t('fields.status'), width: 100, text: (r) => enumText(t, 'agreementStatus', r.status) },
  ],
}

const alumniGroups: Config<'alumniGroups'> = {
  collection: 'alumniGroups',
  title: (t) => t('nav.alumniGroups'),
  empty: (t) => t('registers.alumniGroups.empty'),
  defaultSort: { field: 'name', dir: 'asc' },
  columns: (t) => [
    { field: 'name', header: t('fields.name'), flex: 2.4, minWidth: 240, text: (r) => r.name },
    { field: 'kind', header: t('fields.kind'), flex: 1.2, minWidth: 140, text: (r) => enumText(t, 'alumniGroupKind', r.kind) },
    { field: 'region', header: t('fields.region'), width: 90, text: (r) => r.region },
    {
      field: 'hostOrganizationId',
      header: t('fields.host'),
      flex: 1.6,
      minWidth: 180,
      links: (r) => ref('organizations', r.hostOrganizationId),
      text: (r, nameOf) => nameOf('organizations', r.hostOrganizationId),
    },
    {
      field: 'leaderContactId',
      header: t('fields.leaderContactId'),
      width: 140,
      links: (r) => ref('contacts', r.leaderContactId),
      text: (r, nameOf) => nameOf('contacts', r.leaderContactId),
    },
    { field: 'status', header: t('fields.status'), width: 100, text: (r) => enumText(t, 'alumniGroupStatus', r.status) },
    { field: 'establishedDate', header: t('fields.establishedDate'), width: 115, text: (r) => formatDate(r.establishedDate) },
  ],
}

const followUps: Config<'followUps'> = {
  collection: 'followUps',
  title: (t) => t('nav.followUps'),
  empty: (t) => t('registers.followUps.empty'),
  defaultSort: { field: 'dueDate', dir: 'asc' },
  columns: (t) => [
    { field: 'title', header: t('fields.title'), flex: 2.6, minWidth: 260, text: (r) => r.title },
    { field: 'category', header: t('fields.category'), width: 110, text: (r) => enumText(t, 'cooperationCategory', r.category) },
    {
      field: 'organizationId',
      header: t('fields.organization'),
      flex: 1.6,
      minWidth: 180,
      links: (r) => ref('organizations', r.organizationId),
      text: (r, nameOf) => nameOf('organizations', r.organizationId),
    },
    { field: 'ownerId', header: t('fields.owner'), width: 100, links: (r) => ref('staff', r.ownerId), text: (r, nameOf) => nameOf('staff', r.ownerId) },
    { field: 'dueDate', header: t('fields.dueDate'), width: 115, text: (r) => formatDate(r.dueDate) },
    {
      field: 'status',
      header: t('fields.status'),
      width: 110,
      text: (r) => enumText(t, 'followUpStatus', r.status),
      render: (r) => (
        <Chip
          size="small"
          variant="outlined"
          label={enumText(t, 'followUpStatus', r.status)}
          color={r.status === 'done' ? 'success' : r.status === 'inProgress' ? 'primary' : r.status === 'dropped' ? 'default' : 'warning'}
        />
      ),
    },
  ],
}

const staff: Config<'staff'> = {
  collection: 'staff',
  title: (t) => t('nav.staff'),
  empty: (t) => t('registers.staff.empty'),
  defaultSort: { field: 'name', dir: 'asc' },
  columns: (t) => [
    { field: 'name', header: t('fields.name'), width: 140, text: (r) => r.name },
    { field: 'title', header: t('fields.staffTitle'), flex: 3, minWidth: 300, text: (r) => r.title },
    { field: 'department', header: t('fields.department'), flex: 1.5, minWidth: 160, text: (r) => r.department },
    { field: 'phone', header: t('fields.phone'), width: 140, text: (r) => r.phone },
    { field: 'active', header: t('fields.active'), width: 100, text: (r) => (r.active ? t('common.yes') : t('registers.inactive')) },
  ],
}

export const TripsPage = () => <ReadOnlyRegister config={trips} />
export const ContactsPage = () => <ReadOnlyRegister config={contacts} />
export const AgreementsPage = () => <ReadOnlyRegister config={agreements} />
export const AlumniGroupsPage = () => <ReadOnlyRegister config={alumniGroups} />
export const FollowUpsPage = () => <ReadOnlyRegister config={followUps} />
export const StaffPage = () => <ReadOnlyRegister config={staff} />
