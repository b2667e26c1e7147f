// Records created in place from an itinerary item (or from the trip): a follow-up task,
// an agreement (an internship base unveiled at this visit), an alumni organisation
// (a liaison office set up at this forum). Links to the trip, the item and its
// organisation are filled in; after an agreement or an alumni organisation is created,
// the item's agreementIds / alumniGroupIds record the link.
import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { agreements } from '../../../../shared/domain/agreements'
import type { Agreement, AgreementInput } from '../../../../shared/domain/agreements'
import { alumniGroups } from '../../../../shared/domain/alumniGroups'
import type { AlumniGroup, AlumniGroupInput } from '../../../../shared/domain/alumniGroups'
import { followUps } from '../../../../shared/domain/followUps'
import type { FollowUp, FollowUpInput } from '../../../../shared/domain/followUps'
import type { Activity } from '../../../../shared/domain/activities'
import type { Trip } from '../../../../shared/domain/trips'
import { agreementKind, agreementScope, agreementStatus, alumniGroupKind, alumniGroupStatus, cooperationCategory } from '../../../../shared/enums'
import { call } from '../../api'
import { check, SelectInput, TextInput } from '../../components/form'
import { DateInput, FormDialog, MultiSelectInput, numberOrNull, useRecordForm } from '../../components/recordForm'
import { RecordPicker } from '../../components/RecordPicker'
import { enumText } from '../../i18n'
import { dateOrNull } from './parts'

/** Adds a link to the item, reading it fresh so nothing typed elsewhere is lost. */
async function linkToActivity(activityId: string, field: 'agreementIds' | 'alumniGroupIds', id: string): Promise<void> {
  const fresh = await call('activities.get', { id: activityId })
  if (fresh[field].includes(id)) return
  await call('activities.update', { id: activityId, changes: { [field]: [...fresh[field], id] } })
}

// ---- follow-up --------------------------------------------------------------------------

interface FollowUpValues {
  title: string
  category: FollowUp['category']
  organizationId: string | null
  ownerId: string | null
  dueDate: string
  status: FollowUp['status']
  notes: string
}

export function FollowUpFromTripDialog({ trip, activity, onClose, onSaved }: { trip: Trip; activity: Activity | null; onClose: () => void; onSaved: (f: FollowUp) => void }) {
  const { t } = useTranslation()
  const toInput = (v: FollowUpValues): FollowUpInput => ({ ...v, tripId: trip.id, activityId: activity?.id ?? null, dueDate: dateOrNull(v.dueDate) })
  const state = useRecordForm<FollowUpValues, FollowUp>({
    initial: {
      title: '',
      category: activity?.intentions[0] ?? (activity?.kind === 'forum' ? 'alumni' : activity ? 'recruitment' : 'other'),
      organizationId: activity?.organizationIds[0] ?? null,
      ownerId: null,
      dueDate: '',
      status: 'open',
      notes: '',
    },
    fields: ['title', 'category', 'organizationId', 'ownerId', 'dueDate', 'status', 'notes'],
    validate: (v) => check(followUps.input, toInput(v)),
    submit: (v) => call('followUps.create', toInput(v)),
    onSaved,
  })
  const { values, errors, set } = state.form
  return (
    <FormDialog
      title={activity ? t('trips.linked.followUpFromItem', { item: activity.title }) : t('trips.linked.followUpTitle')}
      id="followup-dialog-title"
      state={state}
      onClose={onClose}
      maxWidth="sm"
    >
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={12}>
          <TextInput name="title" label={t('fields.title')} required autoFocus value={values.title} onChange={(v) => set('title', v)} errors={errors} placeholder={t('trips.linked.followUpPlaceholder')} />
        </Grid>
        <Grid size={6}>
          <SelectInput name="category" label={t('fields.category')} value={values.category} options={cooperationCategory.values.map((c) => ({ value: c, label: enumText(t, 'cooperationCategory', c) }))} onChange={(v) => set('category', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="dueDate" label={t('fields.dueDate')} value={values.dueDate} onChange={(v) => set('dueDate', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <RecordPicker collection="staff" name="ownerId" label={t('fields.ownerId')} value={values.ownerId} onChange={(id) => set('ownerId', id)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <RecordPicker collection="organizations" name="organizationId" label={t('fields.organization')} value={values.organizationId} onChange={(id) => set('organizationId', id)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <TextInput name="notes" label={t('fields.notes')} multiline minRows={2} maxRows={6} value={values.notes} onChange={(v) => set('notes', v)} errors={errors} />
        </Grid>
      </Grid>
    </FormDialog>
  )
}

// ---- agreement ----------------------------------------------------------------------------

interface AgreementValues {
  kind: Agreement['kind']
  title: string
  organizationId: string | null
  unveiledDate: string
  signedDate: string
  startDate: string
  endDate: string
  capacityPerYear: string
  status: Agreement['status']
  scope: Agreement['scope']
  notes: string
}

export function AgreementFromItemDialog({ activity, onClose, onSaved }: { activity: Activity; onClose: () => void; onSaved: (a: Agreement) => void }) {
  const { t } = useTranslation()
  const toInput = (v: AgreementValues): AgreementInput => ({
    ...v,
    organizationId: v.organizationId ?? '',
    unveiledDate: dateOrNull(v.unveiledDate),
    signedDate: dateOrNull(v.signedDate),
    startDate: dateOrNull(v.startDate),
    endDate: dateOrNull(v.endDate),
    capacityPerYear: numberOrNull(v.capacityPerYear) as number | null,
  })
  const state = useRecordForm<AgreementValues, Agreement>({
    initial: {
      kind: 'internshipBase',
      title: '',
      organizationId: activity.organizationIds[0] ?? null,
      // Only a ceremony's date is taken as the unveiling: a renewal signed at a visit was not unveiled that day.
      unveiledDate: activity.kind === 'ceremony' ? activity.date : '',
      signedDate: '',
      startDate: '',
      endDate: '',
      capacityPerYear: '',
      status: 'signed',
      scope: [],
      notes: '',
    },
    fields: ['kind', 'title', 'organizationId', 'unveiledDate', 'signedDate', 'startDate', 'endDate', 'capacityPerYear', 'status', 'scope', 'notes'],
    validate: (v) => check(agreements.input, toInput(v)),
    submit: async (v) => {
      const created = await call('agreements.create', toInput(v))
      await linkToActivity(activity.id, 'agreementIds', created.id)
      return created
    },
    onSaved,
  })
  const { values, errors, set } = state.form
  return (
    <FormDialog title={t('trips.linked.agreementFromItem', { item: activity.title })} id="agreement-item-title" state={state} onClose={onClose} maxWidth="sm">
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={6}>
          <SelectInput name="kind" label={t('fields.kind')} value={values.kind} options={agreementKind.values.map((k) => ({ value: k, label: enumText(t, 'agreementKind', k) }))} onChange={(v) => set('kind', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <SelectInput name="status" label={t('fields.status')} value={values.status} options={agreementStatus.values.map((k) => ({ value: k, label: enumText(t, 'agreementStatus', k) }))} onChange={(v) => set('status', v)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <TextInput name="title" label={t('fields.title')} required autoFocus value={values.title} onChange={(v) => set('title', v)} errors={errors} placeholder={t('trips.linked.agreementPlaceholder')} />
        </Grid>
        <Grid size={12}>
          <RecordPicker collection="organizations" name="organizationId" label={t('fields.organization')} required value={values.organizationId} onChange={(id) => set('organizationId', id)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="unveiledDate" label={t('fields.unveiledDate')} value={values.unveiledDate} onChange={(v) => set('unveiledDate', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="signedDate" label={t('fields.signedDate')} value={values.signedDate} onChange={(v) => set('signedDate', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="startDate" label={t('fields.startDate')} value={values.startDate} onChange={(v) => set('startDate', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="endDate" label={t('fields.endDate')} value={values.endDate} onChange={(v) => set('endDate', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <TextInput
            name="capacityPerYear"
            label={t('fields.capacityPerYear')}
            value={values.capacityPerYear}
            onChange={(v) => set('capacityPerYear', v)}
            errors={errors}
            helperText={t('trips.fields.countHelp')}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        </Grid>
        <Grid size={12}>
          <MultiSelectInput name="scope" label={t('trips.linked.scope')} value={values.scope} options={agreementScope.values.map((s) => ({ value: s, label: enumText(t, 'agreementScope', s) }))} onChange={(v) => set('scope', v)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <TextInput name="notes" label={t('fields.notes')} multiline minRows={2} maxRows={6} value={values.notes} onChange={(v) => set('notes', v)} errors={errors} />
        </Grid>
      </Grid>
    </FormDialog>
  )
}

// ---- alumni organisation ----------------------------------------------------------------------

interface GroupValues {
  name: string
  kind: AlumniGroup['kind']
  hostOrganizationId: string | null
  leaderContactId: string | null
  focus: string
  region: string
  establishedDate: string
  status: AlumniGroup['status']
}

export function AlumniGroupFromItemDialog({ activity, onClose, onSaved }: { activity: Activity; onClose: () => void; onSaved: (g: AlumniGroup) => void }) {
  const { t } = useTranslation()
  const toInput = (v: GroupValues): AlumniGroupInput => ({ ...v, establishedDate: dateOrNull(v.establishedDate) })
  const state = useRecordForm<GroupValues, AlumniGroup>({
    initial: {
      name: '',
      kind: 'liaisonOffice',
      // an office set up at a forum is hosted by the company that hosted the forum
      hostOrganizationId: activity.organizationIds[0] ?? null,
      leaderContactId: null,
      focus: '',
      region: activity.city,
      establishedDate: activity.date,
      status: 'established',
    },
    fields: ['name', 'kind', 'status', 'hostOrganizationId', 'leaderContactId', 'focus', 'region', 'establishedDate'],
    validate: (v) => check(alumniGroups.input, toInput(v)),
    submit: async (v) => {
      const created = await call('alumniGroups.create', toInput(v))
      await linkToActivity(activity.id, 'alumniGroupIds', created.id)
      return created
    },
    onSaved,
  })
  const { values, errors, set } = state.form
  return (
    <FormDialog title={t('trips.linked.alumniGroupFromItem', { item: activity.title })} id="group-item-title" state={state} onClose={onClose} maxWidth="sm">
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={12}>
          <TextInput name="name" label={t('fields.name')} required autoFocus value={values.name} onChange={(v) => set('name', v)} errors={errors} placeholder={t('trips.linked.alumniGroupPlaceholder')} />
        </Grid>
        <Grid size={6}>
          <SelectInput name="kind" label={t('fields.kind')} value={values.kind} options={alumniGroupKind.values.map((k) => ({ value: k, label: enumText(t, 'alumniGroupKind', k) }))} onChange={(v) => set('kind', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <SelectInput name="status" label={t('fields.status')} value={values.status} options={alumniGroupStatus.values.map((k) => ({ value: k, label: enumText(t, 'alumniGroupStatus', k) }))} onChange={(v) => set('status', v)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <RecordPicker
            collection="organizations"
            name="hostOrganizationId"
            label={t('fields.hostOrganizationId')}
            value={values.hostOrganizationId}
            onChange={(id) => set('hostOrganizationId', id)}
            errors={errors}
            createDefaults={{ city: activity.city }}
          />
        </Grid>
        <Grid size={12}>
          <RecordPicker
            collection="contacts"
            name="leaderContactId"
            label={t('fields.leaderContactId')}
            value={values.leaderContactId}
            onChange={(id) => set('leaderContactId', id)}
            errors={errors}
            createDefaults={{ organizationId: values.hostOrganizationId }}
          />
        </Grid>
        <Grid size={6}>
          <TextInput name="focus" label={t('fields.focus')} value={values.focus} onChange={(v) => set('focus', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <TextInput name="region" label={t('fields.region')} value={values.region} onChange={(v) => set('region', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="establishedDate" label={t('fields.establishedDate')} value={values.establishedDate} onChange={(v) => set('establishedDate', v)} errors={errors} />
        </Grid>
      </Grid>
    </FormDialog>
  )
}
