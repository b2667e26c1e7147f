import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { organizations } from '../../../../shared/domain/organizations'
import type { Organization } from '../../../../shared/domain/organizations'
import { organizationKind } from '../../../../shared/enums'
import { call } from '../../api'
import { check, SelectInput, SwitchInput, TagsInput, TextInput } from '../../components/form'
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

const FIELDS = ['name', 'nameEn', 'kind', 'industry', 'city', 'province', 'address', 'website', 'alumniFounded', 'tags', 'notes'] as const

function valuesOf(r: Organization | null): OrganizationValues {
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
  }
}

interface Props {
  /** null: a new organization */
  record: Organization | null
  onClose: () => void
  onSaved: (saved: Organization, created: boolean) => void
}

/** Create / edit an organization. Mount it afresh for each record (give it a key). */
export function OrganizationDialog({ record, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<OrganizationValues, Organization>({
    initial: valuesOf(record),
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

  return (
    <FormDialog title={record ? t('organizations.editTitle') : t('organizations.newTitle')} id="org-dialog-title" state={state} onClose={onClose}>
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={12}>
          <TextInput
            name="name"
            label={t('fields.name')}
            required
            autoFocus
            value={values.name}
            onChange={(v) => set('name', v)}
            errors={errors}
            placeholder={t('organizations.namePlaceholder')}
          />
        </Grid>
        <Grid size={12}>
          <TextInput name="nameEn" label={t('fields.nameEn')} value={values.nameEn} onChange={(v) => set('nameEn', v)} errors={errors} helperText={t('fields.englishHelp')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <SelectInput name="kind" label={t('fields.kind')} required value={values.kind} options={kindOptions} onChange={(v) => set('kind', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="industry" label={t('fields.industry')} value={values.industry} onChange={(v) => set('industry', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="province" label={t('fields.province')} value={values.province} onChange={(v) => set('province', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="city" label={t('fields.city')} value={values.city} onChange={(v) => set('city', v)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <TextInput name="address" label={t('fields.address')} value={values.address} onChange={(v) => set('address', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="website" label={t('fields.website')} value={values.website} onChange={(v) => set('website', v)} errors={errors} />
        </Grid>
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
        <Grid size={12}>
          <TagsInput name="tags" label={t('fields.tags')} value={values.tags} onChange={(v) => set('tags', v)} errors={errors} placeholder={t('organizations.tagsPlaceholder')} />
        </Grid>
        <Grid size={12}>
          <TextInput name="notes" label={t('fields.notes')} multiline minRows={3} maxRows={10} value={values.notes} onChange={(v) => set('notes', v)} errors={errors} />
        </Grid>
      </Grid>
    </FormDialog>
  )
}
