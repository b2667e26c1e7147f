import Grid from '@mui/material/Grid'
import Paper from '@mui/material/Paper'
import { useTranslation } from 'react-i18next'
import { alumniGroups } from '../../../../shared/domain/alumniGroups'
import type { AlumniGroup } from '../../../../shared/domain/alumniGroups'
import { alumniGroupKind } from '../../../../shared/enums'
import { call } from '../../api'
import { todayIso } from '../../../../shared/days'
import { check, errorOf, SelectInput, TextInput } from '../../components/form'
import { TagsAndNotes, useMoreFields } from '../../components/moreFields'
import type { FormMode } from '../../components/moreFields'
import { blank, DateInput, FormDialog, useRecordForm } from '../../components/recordForm'
import { RecordPicker } from '../../components/RecordPicker'
import { enumText } from '../../i18n'
import { StatusSteps } from './StatusSteps'
import type { GroupStatus } from './StatusSteps'

type Kind = AlumniGroup['kind']

export interface AlumniGroupValues {
  name: string
  kind: Kind
  region: string
  hostOrganizationId: string | null
  leaderContactId: string | null
  memberContactIds: string[]
  focus: string
  establishedDate: string
  status: GroupStatus
  tags: string[]
  notes: string
}

const FIELDS = ['status', 'name', 'kind', 'region', 'hostOrganizationId', 'leaderContactId', 'memberContactIds', 'focus', 'establishedDate', 'tags', 'notes'] as const
/** what reports print of a new office: the short form asks for these */
const SHORT = ['status', 'name', 'kind', 'region', 'hostOrganizationId', 'leaderContactId', 'focus', 'establishedDate'] as const

function valuesOf(r: AlumniGroup | null, defaults?: Partial<AlumniGroupValues>): AlumniGroupValues {
  return {
    name: r?.name ?? '',
    kind: r?.kind ?? 'liaisonOffice',
    region: r?.region ?? '',
    hostOrganizationId: r?.hostOrganizationId ?? null,
    leaderContactId: r?.leaderContactId ?? null,
    memberContactIds: r?.memberContactIds ?? [],
    focus: r?.focus ?? '',
    establishedDate: blank(r?.establishedDate),
    status: r?.status ?? 'proposed',
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
    ...defaults,
  }
}

function toInput(v: AlumniGroupValues) {
  return { ...v, establishedDate: v.establishedDate.trim() === '' ? null : v.establishedDate }
}

interface Props {
  record: AlumniGroup | null
  defaults?: Partial<AlumniGroupValues>
  /** short: opened from a trip item (the report fields, “More…” for the rest) */
  mode?: FormMode
  title?: string
  /** run after a create, before the dialog closes (e.g. link the new office to the forum) */
  afterCreate?: (created: AlumniGroup) => Promise<void>
  /** defaults of an organisation created from the host picker (the city of the forum) */
  hostDefaults?: { city?: string }
  onClose: () => void
  onSaved: (saved: AlumniGroup, created: boolean) => void
}

/** Create / edit a regional alumni association or a professional liaison office. */
export function AlumniGroupDialog({ record, defaults, mode = 'full', title, afterCreate, hostDefaults, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<AlumniGroupValues, AlumniGroup>({
    initial: valuesOf(record, defaults),
    fields: FIELDS,
    validate: (v) => check(alumniGroups.input, toInput(v)),
    submit: async (v) => {
      const input = toInput(v)
      if (record) return call('alumniGroups.update', { id: record.id, changes: input, expectedUpdatedAt: record.updatedAt })
      const created = await call('alumniGroups.create', input)
      await afterCreate?.(created)
      return created
    },
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  const kindOptions = alumniGroupKind.values.map((v) => ({ value: v, label: enumText(t, 'alumniGroupKind', v) }))
  const setStatus = (s: GroupStatus) => {
    set('status', s)
    // Reaching "established" is the day it was founded, unless the user already said otherwise.
    if ((s === 'established' || s === 'registered') && values.establishedDate === '') set('establishedDate', todayIso())
  }
  const statusError = errorOf(errors, 'status')
  const { shows, toggle } = useMoreFields(mode, SHORT, errors)

  return (
    <FormDialog historyOf={record ? { collection: 'alumniGroups', id: record.id } : undefined}
      title={title ?? (record ? t('registers.alumniGroups.editTitle') : t('registers.alumniGroups.newTitle'))}
      id="alumni-group-dialog-title"
      state={state}
      onClose={onClose}
    >
      <Paper variant="outlined" sx={{ p: 1.5, mb: 2, borderColor: statusError ? 'error.main' : undefined }}>
        <StatusSteps value={values.status} onChange={setStatus} />
      </Paper>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 8 }}>
          <TextInput name="name" label={t('fields.name')} required autoFocus value={values.name} onChange={(v) => set('name', v)} errors={errors} placeholder={t('registers.alumniGroups.namePlaceholder')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <SelectInput name="kind" label={t('fields.kind')} required value={values.kind} options={kindOptions} onChange={(v) => set('kind', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <TextInput name="region" label={t('fields.region')} value={values.region} onChange={(v) => set('region', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <TextInput name="focus" label={t('registers.fields.focusMajor')} value={values.focus} onChange={(v) => set('focus', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <DateInput name="establishedDate" label={t('fields.establishedDate')} value={values.establishedDate} onChange={(v) => set('establishedDate', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <RecordPicker
            collection="organizations"
            name="hostOrganizationId"
            label={t('fields.hostOrganizationId')}
            value={values.hostOrganizationId}
            onChange={(id) => set('hostOrganizationId', id)}
            errors={errors}
            placeholder={t('registers.pickerPlaceholder')}
            createDefaults={hostDefaults}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <RecordPicker
            collection="contacts"
            name="leaderContactId"
            label={t('registers.fields.personInCharge')}
            value={values.leaderContactId}
            onChange={(id) => set('leaderContactId', id)}
            errors={errors}
            createDefaults={values.hostOrganizationId ? { organizationId: values.hostOrganizationId } : undefined}
          />
        </Grid>
        {shows('memberContactIds') && (
          <Grid size={12}>
            <RecordPicker
              collection="contacts"
              multiple
              name="memberContactIds"
              label={t('fields.memberContactIds')}
              value={values.memberContactIds}
              onChange={(ids) => set('memberContactIds', ids)}
              errors={errors}
              placeholder={t('registers.alumniGroups.membersPlaceholder')}
            />
          </Grid>
        )}
        <TagsAndNotes show={shows('tags')} tags={values.tags} notes={values.notes} onTags={(v) => set('tags', v)} onNotes={(v) => set('notes', v)} errors={errors} />
        {toggle}
      </Grid>
    </FormDialog>
  )
}
