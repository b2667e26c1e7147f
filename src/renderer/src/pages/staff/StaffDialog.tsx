import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { staff } from '../../../../shared/domain/staff'
import type { Staff } from '../../../../shared/domain/staff'
import { call } from '../../api'
import { check, SwitchInput, TextInput } from '../../components/form'
import { TagsAndNotes, useMoreFields } from '../../components/moreFields'
import type { FormMode } from '../../components/moreFields'
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

const FIELDS = ['name', 'title', 'department', 'titleEn', 'phone', 'active', 'tags', 'notes'] as const
/** what a delegation list needs: the short form asks for these */
const SHORT = ['name', 'title', 'department'] as const

function valuesOf(r: Staff | null, defaults?: Partial<StaffValues>): StaffValues {
  return {
    name: r?.name ?? '',
    title: r?.title ?? '',
    titleEn: r?.titleEn ?? '',
    department: r?.department ?? '',
    phone: r?.phone ?? '',
    active: r?.active ?? true,
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
    ...defaults,
  }
}

interface Props {
  record: Staff | null
  /** starting values of a new staff member (the name typed in a picker) */
  defaults?: Partial<StaffValues>
  /** short: opened from a picker (name, title, department; “More…” for the rest) */
  mode?: FormMode
  testId?: string
  onClose: () => void
  onSaved: (saved: Staff, created: boolean) => void
}

/** Create / edit one of the school's own people. Mount afresh per record (give it a key). */
export function StaffDialog({ record, defaults, mode = 'full', testId, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<StaffValues, Staff>({
    initial: valuesOf(record, defaults),
    fields: FIELDS,
    validate: (v) => check(staff.input, v),
    submit: (v) =>
      record ? call('staff.update', { id: record.id, changes: v, expectedUpdatedAt: record.updatedAt }) : call('staff.create', v),
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  const { shows, toggle } = useMoreFields(mode, SHORT, errors)
  // A name typed in a picker is already there: the cursor starts where the typing goes on.
  const named = mode === 'short' && (defaults?.name ?? '').trim() !== ''
  return (
    <FormDialog historyOf={record ? { collection: 'staff', id: record.id } : undefined} title={record ? t('registers.staff.editTitle') : t('registers.staff.newTitle')} id="staff-dialog-title" state={state} onClose={onClose} maxWidth={mode === 'short' ? 'sm' : 'md'} testId={testId}>
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="name" label={t('registers.fields.personName')} required autoFocus={!named} value={values.name} onChange={(v) => set('name', v)} errors={errors} placeholder={t('registers.staff.namePlaceholder')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="department" label={t('fields.department')} value={values.department} onChange={(v) => set('department', v)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <TextInput name="title" label={t('fields.staffTitle')} autoFocus={named} value={values.title} onChange={(v) => set('title', v)} errors={errors} placeholder={t('registers.staff.titlePlaceholder')} />
        </Grid>
        {shows('titleEn') && (
          <Grid size={12}>
            <TextInput name="titleEn" label={t('fields.staffTitleEn')} value={values.titleEn} onChange={(v) => set('titleEn', v)} errors={errors} helperText={t('fields.englishHelp')} />
          </Grid>
        )}
        {shows('phone') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextInput name="phone" label={t('fields.phone')} value={values.phone} onChange={(v) => set('phone', v)} errors={errors} />
          </Grid>
        )}
        {shows('active') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <SwitchInput name="active" label={t('fields.active')} checked={values.active} onChange={(v) => set('active', v)} errors={errors} helperText={t('registers.staff.activeHelp')} />
          </Grid>
        )}
        <TagsAndNotes show={shows('tags')} tags={values.tags} notes={values.notes} onTags={(v) => set('tags', v)} onNotes={(v) => set('notes', v)} errors={errors} notesRows={3} />
        {toggle}
      </Grid>
    </FormDialog>
  )
}
