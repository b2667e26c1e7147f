import Grid from '@mui/material/Grid'
import Stack from '@mui/material/Stack'
import { useTranslation } from 'react-i18next'
import { agreements } from '../../../../shared/domain/agreements'
import type { Agreement } from '../../../../shared/domain/agreements'
import { agreementKind, agreementScope, agreementStatus } from '../../../../shared/enums'
import { call } from '../../api'
import { check, SelectInput, TagsInput, TextInput } from '../../components/form'
import { TagsAndNotes, useMoreFields } from '../../components/moreFields'
import type { FormMode } from '../../components/moreFields'
import { blank, DateInput, FormDialog, MultiSelectInput, numberOrNull, useRecordForm } from '../../components/recordForm'
import { RecordPicker } from '../../components/RecordPicker'
import { enumText } from '../../i18n'
import { ExpiryChip } from './ExpiryChip'
import { AttachmentsPanel } from '../../components/attachments/AttachmentsPanel'

type Kind = Agreement['kind']
type Scope = Agreement['scope'][number]
type Status = Agreement['status']

export interface AgreementValues {
  kind: Kind
  title: string
  organizationId: string | null
  signedDate: string
  unveiledDate: string
  startDate: string
  endDate: string
  scope: Scope[]
  capacityPerYear: string
  majors: string[]
  ownerId: string | null
  partnerContactId: string | null
  status: Status
  documentNumber: string
  tags: string[]
  notes: string
}

const FIELDS = [
  'kind', 'title', 'organizationId', 'status', 'signedDate', 'unveiledDate', 'startDate', 'endDate', 'scope', 'capacityPerYear', 'majors',
  'ownerId', 'partnerContactId', 'documentNumber', 'tags', 'notes',
] as const
/** the term, the places and the state of the agreement (what reports print): the short form asks for these */
const SHORT = ['kind', 'title', 'organizationId', 'status', 'signedDate', 'unveiledDate', 'startDate', 'endDate', 'scope', 'capacityPerYear'] as const

function valuesOf(r: Agreement | null, defaults?: Partial<AgreementValues>): AgreementValues {
  return {
    kind: r?.kind ?? 'internshipBase',
    title: r?.title ?? '',
    organizationId: r?.organizationId ?? null,
    signedDate: blank(r?.signedDate),
    unveiledDate: blank(r?.unveiledDate),
    startDate: blank(r?.startDate),
    endDate: blank(r?.endDate),
    scope: r?.scope ?? [],
    capacityPerYear: blank(r?.capacityPerYear),
    majors: r?.majors ?? [],
    ownerId: r?.ownerId ?? null,
    partnerContactId: r?.partnerContactId ?? null,
    status: r?.status ?? 'signed',
    documentNumber: r?.documentNumber ?? '',
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
    ...defaults,
  }
}

const dateOrNull = (v: string) => (v.trim() === '' ? null : v.trim())

function toInput(v: AgreementValues) {
  return {
    ...v,
    organizationId: v.organizationId ?? '',
    signedDate: dateOrNull(v.signedDate),
    unveiledDate: dateOrNull(v.unveiledDate),
    startDate: dateOrNull(v.startDate),
    endDate: dateOrNull(v.endDate),
    capacityPerYear: numberOrNull(v.capacityPerYear),
  }
}

const ACTIVE_STAFF = { active: true }

interface Props {
  record: Agreement | null
  defaults?: Partial<AgreementValues>
  /** short: opened from a trip item (the report fields, “More…” for the rest) */
  mode?: FormMode
  title?: string
  /** run after a create, before the dialog closes (e.g. link the new agreement to the item) */
  afterCreate?: (created: Agreement) => Promise<void>
  onClose: () => void
  onSaved: (saved: Agreement, created: boolean) => void
}

/** Create / edit an internship base or cooperation agreement. Mount afresh per record (give it a key). */
export function AgreementDialog({ record, defaults, mode = 'full', title, afterCreate, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<AgreementValues, Agreement>({
    initial: valuesOf(record, defaults),
    fields: FIELDS,
    validate: (v) => check(agreements.input, toInput(v)),
    submit: async (v) => {
      const input = toInput(v) as Parameters<typeof call<'agreements.create'>>[1]
      if (record) return call('agreements.update', { id: record.id, changes: input, expectedUpdatedAt: record.updatedAt })
      const created = await call('agreements.create', input)
      await afterCreate?.(created)
      return created
    },
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  const options = <N extends 'agreementKind' | 'agreementScope' | 'agreementStatus'>(name: N, list: readonly string[]) =>
    list.map((v) => ({ value: v, label: enumText(t, name, v) }))
  const { shows, toggle } = useMoreFields(mode, SHORT, errors)

  return (
    <FormDialog historyOf={record ? { collection: 'agreements', id: record.id } : undefined}
      title={title ?? (record ? t('registers.agreements.editTitle') : t('registers.agreements.newTitle'))}
      id="agreement-dialog-title"
      state={state}
      onClose={onClose}
    >
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={12}>
          <TextInput name="title" label={t('fields.title')} required autoFocus value={values.title} onChange={(v) => set('title', v)} errors={errors} placeholder={t('registers.agreements.titlePlaceholder')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <SelectInput name="kind" label={t('fields.kind')} required value={values.kind} options={options('agreementKind', agreementKind.values) as { value: Kind; label: string }[]} onChange={(v) => set('kind', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 8 }}>
          <RecordPicker
            collection="organizations"
            name="organizationId"
            label={t('registers.fields.partner')}
            required
            value={values.organizationId}
            onChange={(id) => set('organizationId', id)}
            errors={errors}
            placeholder={t('registers.pickerPlaceholder')}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          <DateInput name="signedDate" label={t('fields.signedDate')} value={values.signedDate} onChange={(v) => set('signedDate', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          <DateInput name="unveiledDate" label={t('fields.unveiledDate')} value={values.unveiledDate} onChange={(v) => set('unveiledDate', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          <DateInput name="startDate" label={t('fields.startDate')} value={values.startDate} onChange={(v) => set('startDate', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
            <DateInput name="endDate" label={t('fields.endDate')} value={values.endDate} onChange={(v) => set('endDate', v)} errors={errors} />
            <ExpiryChip endDate={values.endDate || null} status={values.status} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <SelectInput name="status" label={t('fields.status')} required value={values.status} options={options('agreementStatus', agreementStatus.values) as { value: Status; label: string }[]} onChange={(v) => set('status', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 8 }}>
          <MultiSelectInput name="scope" label={t('registers.fields.scope')} value={values.scope} options={options('agreementScope', agreementScope.values) as { value: Scope; label: string }[]} onChange={(v) => set('scope', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <TextInput
            name="capacityPerYear"
            label={t('fields.capacityPerYear')}
            value={values.capacityPerYear}
            onChange={(v) => set('capacityPerYear', v)}
            errors={errors}
            helperText={t('trips.fields.countHelp')}
            // text, not a number input: a typo shows as an error instead of vanishing, and the wheel never changes it
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        </Grid>
        {shows('majors') && (
          <Grid size={{ xs: 12, sm: 8 }}>
            <TagsInput name="majors" label={t('registers.fields.majors')} value={values.majors} onChange={(v) => set('majors', v)} errors={errors} placeholder={t('organizations.tagsPlaceholder')} />
          </Grid>
        )}
        {shows('ownerId') && (
          <Grid size={{ xs: 12, sm: 4 }}>
            <RecordPicker collection="staff" name="ownerId" label={t('fields.owner')} filter={ACTIVE_STAFF} value={values.ownerId} onChange={(id) => set('ownerId', id)} errors={errors} helperText={t('registers.agreements.ownerHelp')} />
          </Grid>
        )}
        {shows('partnerContactId') && (
          <Grid size={{ xs: 12, sm: 4 }}>
            <RecordPicker
              collection="contacts"
              name="partnerContactId"
              label={t('fields.partnerContactId')}
              value={values.partnerContactId}
              onChange={(id) => set('partnerContactId', id)}
              errors={errors}
              createDefaults={values.organizationId ? { organizationId: values.organizationId } : undefined}
            />
          </Grid>
        )}
        {shows('documentNumber') && (
          <Grid size={{ xs: 12, sm: 4 }}>
            <TextInput name="documentNumber" label={t('registers.fields.documentNumber')} value={values.documentNumber} onChange={(v) => set('documentNumber', v)} errors={errors} />
          </Grid>
        )}
        <TagsAndNotes show={shows('tags')} tags={values.tags} notes={values.notes} onTags={(v) => set('tags', v)} onNotes={(v) => set('notes', v)} errors={errors} />
        {toggle}
        {record && (
          <Grid size={12}>
            <AttachmentsPanel recordType="agreements" recordId={record.id} />
          </Grid>
        )}
      </Grid>
    </FormDialog>
  )
}
