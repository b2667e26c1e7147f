import Collapse from '@mui/material/Collapse'
import Divider from '@mui/material/Divider'
import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { contacts } from '../../../../shared/domain/contacts'
import type { Contact } from '../../../../shared/domain/contacts'
import { degree } from '../../../../shared/enums'
import { call } from '../../api'
import { check, SelectInput, SwitchInput, TextInput } from '../../components/form'
import { TagsAndNotes, useMoreFields } from '../../components/moreFields'
import type { FormMode } from '../../components/moreFields'
import { blank, FormDialog, numberOrNull, useRecordForm } from '../../components/recordForm'
import { RecordPicker } from '../../components/RecordPicker'
import { enumText } from '../../i18n'

type Degree = NonNullable<Contact['alumni']>['degree']

export interface ContactValues {
  name: string
  organizationId: string | null
  position: string
  honorific: string
  positionEn: string
  phone: string
  email: string
  wechat: string
  city: string
  isAlumnus: boolean
  classYear: string
  degree: Degree
  major: string
  tags: string[]
  notes: string
}

const FIELDS = ['name', 'position', 'honorific', 'organizationId', 'positionEn', 'city', 'phone', 'email', 'wechat', 'alumni.classYear', 'alumni.degree', 'alumni.major', 'alumni', 'tags', 'notes'] as const
/** who the person is, where they work and the alumni profile (what reports print): the short form asks for these */
const SHORT = ['name', 'position', 'honorific', 'organizationId', 'phone', 'isAlumnus', 'alumni'] as const

function valuesOf(r: Contact | null, defaults?: Partial<ContactValues>): ContactValues {
  return {
    name: r?.name ?? '',
    organizationId: r?.organizationId ?? null,
    position: r?.position ?? '',
    honorific: r?.honorific ?? '',
    positionEn: r?.positionEn ?? '',
    phone: r?.phone ?? '',
    email: r?.email ?? '',
    wechat: r?.wechat ?? '',
    city: r?.city ?? '',
    isAlumnus: r ? r.alumni !== null : false,
    classYear: blank(r?.alumni?.classYear),
    degree: r?.alumni?.degree ?? 'unknown',
    major: r?.alumni?.major ?? '',
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
    ...defaults,
  }
}

function toInput(v: ContactValues) {
  return {
    name: v.name,
    organizationId: v.organizationId,
    position: v.position,
    honorific: v.honorific,
    positionEn: v.positionEn,
    phone: v.phone,
    email: v.email.trim(),
    wechat: v.wechat,
    city: v.city,
    alumni: v.isAlumnus ? { classYear: numberOrNull(v.classYear), degree: v.degree, major: v.major } : null,
    tags: v.tags,
    notes: v.notes,
  }
}

interface Props {
  record: Contact | null
  /** starting values of a new contact (e.g. its organisation) */
  defaults?: Partial<ContactValues>
  /** short: opened from a picker (the report fields, “More…” for the rest) */
  mode?: FormMode
  testId?: string
  onClose: () => void
  onSaved: (saved: Contact, created: boolean) => void
}

/** Create / edit a contact, with the alumni profile. Mount afresh per record (give it a key). */
export function ContactDialog({ record, defaults, mode = 'full', testId, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<ContactValues, Contact>({
    initial: valuesOf(record, defaults),
    fields: FIELDS,
    validate: (v) => check(contacts.input, toInput(v)),
    submit: (v) => {
      const input = toInput(v) as Parameters<typeof call<'contacts.create'>>[1]
      return record ? call('contacts.update', { id: record.id, changes: input, expectedUpdatedAt: record.updatedAt }) : call('contacts.create', input)
    },
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  const setAlumni = <K extends 'classYear' | 'degree' | 'major'>(key: K, v: ContactValues[K]) => {
    set(key, v)
    state.clearErrors(`alumni.${key}`)
  }
  const degreeOptions = degree.values.map((v) => ({ value: v, label: enumText(t, 'degree', v) }))
  const { shows, toggle } = useMoreFields(mode, SHORT, errors)
  // A name typed in a picker is already there: the cursor starts where the typing goes on.
  const named = mode === 'short' && (defaults?.name ?? '').trim() !== ''

  return (
    <FormDialog historyOf={record ? { collection: 'contacts', id: record.id } : undefined} title={record ? t('registers.contacts.editTitle') : t('registers.contacts.newTitle')} id="contact-dialog-title" state={state} onClose={onClose} testId={testId}>
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="name" label={t('registers.fields.personName')} required autoFocus={!named} value={values.name} onChange={(v) => set('name', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <TextInput name="position" label={t('fields.position')} autoFocus={named} value={values.position} onChange={(v) => set('position', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <TextInput name="honorific" label={t('fields.honorific')} value={values.honorific} onChange={(v) => set('honorific', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <RecordPicker
            collection="organizations"
            name="organizationId"
            label={t('fields.organization')}
            value={values.organizationId}
            onChange={(id) => set('organizationId', id)}
            errors={errors}
            placeholder={t('registers.pickerPlaceholder')}
          />
        </Grid>
        {shows('positionEn') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextInput name="positionEn" label={t('fields.positionEn')} value={values.positionEn} onChange={(v) => set('positionEn', v)} errors={errors} />
          </Grid>
        )}
        {shows('city') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextInput name="city" label={t('fields.city')} value={values.city} onChange={(v) => set('city', v)} errors={errors} />
          </Grid>
        )}
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput name="phone" label={t('fields.phone')} value={values.phone} onChange={(v) => set('phone', v)} errors={errors} slotProps={{ htmlInput: { inputMode: 'tel' } }} />
        </Grid>
        {shows('email') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextInput name="email" label={t('fields.email')} value={values.email} onChange={(v) => set('email', v)} errors={errors} slotProps={{ htmlInput: { inputMode: 'email' } }} />
          </Grid>
        )}
        {shows('wechat') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextInput name="wechat" label={t('registers.fields.wechat')} value={values.wechat} onChange={(v) => set('wechat', v)} errors={errors} />
          </Grid>
        )}
        <Grid size={12}>
          <Divider />
        </Grid>
        <Grid size={12}>
          <SwitchInput
            name="isAlumnus"
            label={t('registers.contacts.isAlumnus')}
            checked={values.isAlumnus}
            onChange={(v) => {
              set('isAlumnus', v)
              state.clearErrors('alumni')
            }}
            errors={errors}
            helperText={t('registers.contacts.isAlumnusHelp')}
          />
        </Grid>
        <Grid size={12} sx={{ pt: values.isAlumnus ? undefined : 0 }}>
          <Collapse in={values.isAlumnus} unmountOnExit>
            <Grid container spacing={2} sx={{ pt: 1 }}>
              <Grid size={{ xs: 12, sm: 3 }}>
                <TextInput
                  name="alumni.classYear"
                  label={t('registers.contacts.classYear')}
                  value={values.classYear}
                  onChange={(v) => setAlumni('classYear', v)}
                  errors={errors}
                  helperText={t('registers.contacts.classYearHelp')}
                  slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                />
              </Grid>
              <Grid size={{ xs: 12, sm: 3 }}>
                <SelectInput name="alumni.degree" label={t('registers.fields.degree')} value={values.degree} options={degreeOptions} onChange={(v) => setAlumni('degree', v)} errors={errors} />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput name="alumni.major" label={t('fields.major')} value={values.major} onChange={(v) => setAlumni('major', v)} errors={errors} placeholder={t('registers.contacts.majorPlaceholder')} />
              </Grid>
            </Grid>
          </Collapse>
        </Grid>
        <TagsAndNotes show={shows('tags')} tags={values.tags} notes={values.notes} onTags={(v) => set('tags', v)} onNotes={(v) => set('notes', v)} errors={errors} notesRows={3} />
        {toggle}
      </Grid>
    </FormDialog>
  )
}
