import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { staff } from '../../../shared/domain/staff'
import { call } from '../api'
import { useErrorText } from '../state'
import { check, fieldErrorsOf, TextInput, useFormState } from './form'
import type { FieldErrors } from './form'
import { focusFirstError, InlineShell, useInlineSave } from './InlineCreate'
import type { InlineCreateProps } from './InlineCreate'

const FIELDS = ['name', 'title', 'department'] as const

/** New staff member of the school: name, title (and department). */
export function InlineCreateStaff({ text, defaults, onClose, onCreated }: InlineCreateProps<'staff'>) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const form = useFormState({ name: text, title: defaults?.title ?? '', department: defaults?.department ?? '' })
  const { values, errors, set } = form
  const { busy, setBusy, general, setGeneral } = useInlineSave()
  const formRef = useRef<HTMLFormElement>(null)
  const show = (e: FieldErrors) => {
    form.setErrors(e)
    focusFirstError(formRef.current, FIELDS, e)
  }
  const save = async () => {
    if (busy) return
    setGeneral(null)
    const checked = check(staff.input, values)
    if (!checked.ok) return show(checked.errors)
    setBusy(true)
    try {
      onCreated(await call('staff.create', values))
    } catch (e) {
      const fe = fieldErrorsOf(e, [])
      if (fe) show(fe)
      setGeneral(errorText(e))
      setBusy(false)
    }
  }
  return (
    <InlineShell title={t('trips.inline.staffTitle')} busy={busy} general={general} onSubmit={() => void save()} onClose={onClose} formRef={formRef} testId="inline-staff">
      <TextInput name="name" label={t('fields.name')} required autoFocus={text.trim() === ''} value={values.name} onChange={(v) => set('name', v)} errors={errors} />
      <TextInput name="title" label={t('trips.inline.staffTitleField')} autoFocus={text.trim() !== ''} value={values.title} onChange={(v) => set('title', v)} errors={errors} />
      <TextInput name="department" label={t('trips.inline.department')} value={values.department} onChange={(v) => set('department', v)} errors={errors} />
    </InlineShell>
  )
}
