import { useRef } from 'react'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import Stack from '@mui/material/Stack'
import { useTranslation } from 'react-i18next'
import { contacts } from '../../../shared/domain/contacts'
import type { ContactInput } from '../../../shared/domain/contacts'
import { degree } from '../../../shared/enums'
import { call } from '../api'
import { enumText } from '../i18n'
import { useErrorText } from '../state'
import { check, fieldErrorsOf, SelectInput, TextInput, useFormState } from './form'
import type { FieldErrors } from './form'
import { focusFirstError, InlineShell, useInlineSave } from './InlineCreate'
import type { InlineCreateProps } from './InlineCreate'
import { RecordPicker } from './RecordPicker'
import { settlePicks } from './pendingPicks'

type Degree = (typeof degree.values)[number]
const FIELDS = ['name', 'position', 'honorific', 'organizationId', 'phone', 'alumni'] as const

/** New contact: name, position, organisation (its own picker), phone, and an optional alumni profile. */
export function InlineCreateContact({ text, defaults, onClose, onCreated }: InlineCreateProps<'contacts'>) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const form = useFormState({
    name: text,
    position: defaults?.position ?? '',
    honorific: '',
    organizationId: defaults?.organizationId ?? (null as string | null),
    phone: '',
    isAlumnus: false,
    classYear: '',
    major: '',
    degree: 'unknown' as Degree,
  })
  const { values, errors, set } = form
  const { busy, setBusy, general, setGeneral } = useInlineSave()
  const formRef = useRef<HTMLFormElement>(null)
  const show = (e: FieldErrors) => {
    form.setErrors(e)
    focusFirstError(formRef.current, [...FIELDS, 'alumni.classYear', 'alumni.major'], e)
  }
  const input = (values: typeof form.values): { ok: true; data: ContactInput } | { ok: false; errors: FieldErrors } => {
    const year = values.classYear.trim()
    if (values.isAlumnus && year !== '' && !/^\d{4}$/.test(year)) return { ok: false, errors: { 'alumni.classYear': [t('validation.notInteger')] } }
    const data: ContactInput = {
      name: values.name,
      position: values.position,
      honorific: values.honorific,
      organizationId: values.organizationId,
      phone: values.phone,
      alumni: values.isAlumnus ? { classYear: year === '' ? null : Number(year), major: values.major, degree: values.degree } : null,
    }
    return { ok: true, data }
  }
  const save = async () => {
    if (busy) return
    setGeneral(null)
    setBusy(true)
    // The organisation may have been picked with Enter just before: save with it.
    const picks = await settlePicks(formRef.current)
    setBusy(false)
    if (picks !== 'picked') {
      if (picks === 'failed') setGeneral(t('registers.form.pickFailed'))
      return
    }
    const built = input(form.latest())
    if (!built.ok) return show(built.errors)
    const data = built.data
    const checked = check(contacts.input, data)
    if (!checked.ok) return show(checked.errors)
    setBusy(true)
    try {
      onCreated(await call('contacts.create', data))
    } catch (e) {
      const fe = fieldErrorsOf(e, [])
      if (fe) show(fe)
      setGeneral(errorText(e))
      setBusy(false)
    }
  }
  return (
    <InlineShell title={t('trips.inline.contactTitle')} busy={busy} general={general} onSubmit={() => void save()} onClose={onClose} formRef={formRef} testId="inline-contact">
      <TextInput name="name" label={t('fields.name')} required autoFocus={text.trim() === ''} value={values.name} onChange={(v) => set('name', v)} errors={errors} />
      <Stack direction="row" spacing={1.5}>
        <TextInput name="position" label={t('fields.position')} autoFocus={text.trim() !== ''} value={values.position} onChange={(v) => set('position', v)} errors={errors} />
        <TextInput name="honorific" label={t('fields.honorific')} value={values.honorific} onChange={(v) => set('honorific', v)} errors={errors} sx={{ maxWidth: 200 }} />
      </Stack>
      <RecordPicker
        collection="organizations"
        name="organizationId"
        label={t('fields.organization')}
        value={values.organizationId}
        onChange={(id) => set('organizationId', id)}
        errors={errors}
      />
      <TextInput name="phone" label={t('fields.phone')} value={values.phone} onChange={(v) => set('phone', v)} errors={errors} />
      <FormControlLabel
        control={<Checkbox name="isAlumnus" checked={values.isAlumnus} onChange={(e) => set('isAlumnus', e.target.checked)} />}
        label={t('trips.inline.isAlumnus')}
        sx={{ mt: '4px !important' }}
      />
      {values.isAlumnus && (
        <Stack direction="row" spacing={1.5}>
          <TextInput
            name="alumni.classYear"
            label={t('trips.inline.classYear')}
            value={values.classYear}
            onChange={(v) => set('classYear', v)}
            errors={errors}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
          <SelectInput
            name="alumni.degree"
            label={t('trips.inline.degree')}
            value={values.degree}
            options={degree.values.map((v) => ({ value: v, label: enumText(t, 'degree', v) }))}
            onChange={(v) => set('degree', v)}
            errors={errors}
          />
        </Stack>
      )}
      {values.isAlumnus && <TextInput name="alumni.major" label={t('trips.inline.major')} value={values.major} onChange={(v) => set('major', v)} errors={errors} />}
    </InlineShell>
  )
}
