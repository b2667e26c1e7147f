import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { organizations } from '../../../../shared/domain/organizations'
import type { Organization } from '../../../../shared/domain/organizations'
import { organizationKind } from '../../../../shared/enums'
import { call } from '../../api'
import { check, SelectInput, SwitchInput, TextInput } from '../../components/form'
import { TagsAndNotes, useMoreFields } from '../../components/moreFields'
import type { FormMode } from '../../components/moreFields'
import { FormDialog, useRecordForm } from '../../components/recordForm'
import { enumText } from '../../i18n'

type Kind = Organization['kind']

export interface OrganizationValues {
  name: string
  nameEn: string
  kind: Kind
  industry: string
  city: string
  province: string
  address: string
  website: string
  alumniFounded: boolean
  tags: string[]
  notes: string
}

const FIELDS = ['name', 'nameEn', 'kind', 'city', 'industry', 'province', 'address', 'website', 'alumniFounded', 'tags', 'notes'] as const
/** what the reports need: the short form asks for these */
const SHORT = ['name', 'kind', 'city', 'industry', 'alumniFounded'] as const

function valuesOf(r: Organization | null, defaults?: Partial<OrganizationValues>): OrganizationValues {
  return {
    name: r?.name ?? '',
    nameEn: r?.nameEn ?? '',
    kind: r?.kind ?? 'enterprise',
    industry: r?.industry ?? '',
    city: r?.city ?? '',
    province: r?.province ?? '',
    address: r?.address ?? '',
    website: r?.website ?? '',
    alumniFounded: r?.alumniFounded ?? false,
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
    ...defaults,
  }
}

interface Props {
  /** null: a new organisation */
  record: Organization | null
  /** starting values of a new organisation (the name typed in a picker, the city of the item) */
  defaults?: Partial<OrganizationValues>
  /** short: opened from a picker (the report fields, “More…” for the rest) */
  mode?: FormMode
  testId?: string
  onClose: () => void
  onSaved: (saved: Organization, created: boolean) => void
}

/** Create / edit an organisation. Mount it afresh for each record (give it a key). */
export function OrganizationDialog({ record, defaults, mode = 'full', testId, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<OrganizationValues, Organization>({
    initial: valuesOf(record, defaults),
    fields: FIELDS,
    validate: (v) => check(organizations.input, v),
    submit: (v) =>
      record
        ? call('organizations.update', { id: record.id, changes: v, expectedUpdatedAt: record.updatedAt })
        : call('organizations.create', v),
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  const kindOptions = organizationKind.values.map((v) => ({ value: v, label: enumText(t, 'organizationKind', v) }))
  const { shows, toggle } = useMoreFields(mode, SHORT, errors)
  // A name typed in a picker is already there: the cursor starts where the typing goes on.
  const named = mode === 'short' && (defaults?.name ?? '').trim() !== ''

  return (
    <FormDialog historyOf={record ? { collection: 'organizations', id: record.id } : undefined} title={record ? t('organizations.editTitle') : t('organizations.newTitle')} id="org-dialog-title" state={state} onClose={onClose} maxWidth={mode === 'short' ? 'sm' : 'md'} testId={testId}>
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={12}>
          <TextInput
            name="name"
            label={t('fields.name')}
            required
            autoFocus={!named}
            value={values.name}
            onChange={(v) => set('name', v)}
            errors={errors}
            placeholder={t('organizations.namePlaceholder')}
          />
        </Grid>
        {shows('nameEn') && (
          <Grid size={12}>
            <TextInput name="nameEn" label={t('fields.nameEn')} value={values.nameEn} onChange={(v) => set('nameEn', v)} errors={errors} helperText={t('fields.englishHelp')} />
          </Grid>
        )}
        <Grid size={{ xs: 12, sm: 6 }}>
          <SelectInput name="kind" label={t('fields.kind')} required value={values.kind} options={kindOptions} onChange={(v) => set('kind', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="city" label={t('fields.city')} autoFocus={named} value={values.city} onChange={(v) => set('city', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="industry" label={t('fields.industry')} value={values.industry} onChange={(v) => set('industry', v)} errors={errors} />
        </Grid>
        {shows('province') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextInput name="province" label={t('fields.province')} value={values.province} onChange={(v) => set('province', v)} errors={errors} />
          </Grid>
        )}
        {shows('address') && (
          <Grid size={12}>
            <TextInput name="address" label={t('fields.address')} value={values.address} onChange={(v) => set('address', v)} errors={errors} />
          </Grid>
        )}
        {shows('website') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextInput name="website" label={t('fields.website')} value={values.website} onChange={(v) => set('website', v)} errors={errors} />
          </Grid>
        )}
        <Grid size={{ xs: 12, sm: 6 }}>
          <SwitchInput
            name="alumniFounded"
            label={t('fields.alumniFounded')}
            checked={values.alumniFounded}
            onChange={(v) => set('alumniFounded', v)}
            errors={errors}
            helperText={t('organizations.alumniFoundedHelp')}
          />
        </Grid>
        <TagsAndNotes show={shows('tags')} tags={values.tags} notes={values.notes} onTags={(v) => set('tags', v)} onNotes={(v) => set('notes', v)} errors={errors} notesRows={3} />
        {toggle}
      </Grid>
    </FormDialog>
  )
}
