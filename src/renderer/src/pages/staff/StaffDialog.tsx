import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { staff } from '../../../../shared/domain/staff'
import type { Staff } from '../../../../shared/domain/staff'
import { call } from '../../api'
import { check, SwitchInput, TagsInput, TextInput } from '../../components/form'
import { FormDialog, useRecordForm } from '../../components/recordForm'

export interface StaffValues {
  name: string
  title: string
  titleEn: string
  department: string
  phone: string
  active: boolean
  tags: string[]
  notes: string
}

const FIELDS = ['name', 'title', 'titleEn', 'department', 'phone', 'active', 'tags', 'notes'] as const

function valuesOf(r: Staff | null): StaffValues {
  return {
    name: r?.name ?? '',
    title: r?.title ?? '',
    titleEn: r?.titleEn ?? '',
    department: r?.department ?? '',
    phone: r?.phone ?? '',
    active: r?.active ?? true,
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
  }
}

interface Props {
  record: Staff | null
  onClose: () => void
  onSaved: (saved: Staff, created: boolean) => void
}

/** Create / edit one of the school's own people. Mount afresh per record (give it a key). */
export function StaffDialog({ record, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<StaffValues, Staff>({
    initial: valuesOf(record),
    fields: FIELDS,
    validate: (v) => check(staff.input, v),
    submit: (v) =>
      record ? call('staff.update', { id: record.id, changes: v, expectedUpdatedAt: record.updatedAt }) : call('staff.create', v),
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  return (
    <FormDialog title={record ? t('registers.staff.editTitle') : t('registers.staff.newTitle')} id="staff-dialog-title" state={state} onClose={onClose}>
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="name" label={t('registers.fields.personName')} required autoFocus value={values.name} onChange={(v) => set('name', v)} errors={errors} placeholder={t('registers.staff.namePlaceholder')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="department" label={t('fields.department')} value={values.department} onChange={(v) => set('department', v)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <TextInput name="title" label={t('fields.staffTitle')} value={values.title} onChange={(v) => set('title', v)} errors={errors} placeholder={t('registers.staff.titlePlaceholder')} />
        </Grid>
        <Grid size={12}>
          <TextInput name="titleEn" label={t('fields.staffTitleEn')} value={values.titleEn} onChange={(v) => set('titleEn', v)} errors={errors} helperText={t('fields.englishHelp')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="phone" label={t('fields.phone')} value={values.phone} onChange={(v) => set('phone', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <SwitchInput name="active" label={t('fields.active')} checked={values.active} onChange={(v) => set('active', v)} errors={errors} helperText={t('registers.staff.activeHelp')} />
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
