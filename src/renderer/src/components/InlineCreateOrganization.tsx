import { useRef } from 'react'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import { useTranslation } from 'react-i18next'
import { organizations } from '../../../shared/domain/organizations'
import type { Organization } from '../../../shared/domain/organizations'
import { organizationKind } from '../../../shared/enums'
import { call } from '../api'
import { enumText } from '../i18n'
import { useErrorText } from '../state'
import { check, fieldErrorsOf, SelectInput, TextInput, useFormState } from './form'
import type { FieldErrors } from './form'
import { focusFirstError, InlineShell, useInlineSave } from './InlineCreate'
import type { InlineCreateProps } from './InlineCreate'

const FIELDS = ['name', 'kind', 'city', 'industry', 'alumniFounded'] as const

/** New organisation: what the reports need (name, kind, city, industry, alumni-founded); the register's form has the rest. */
export function InlineCreateOrganization({ text, defaults, onClose, onCreated }: InlineCreateProps<'organizations'>) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const form = useFormState({
    name: text,
    kind: defaults?.organizationKind ?? ('enterprise' as Organization['kind']),
    city: defaults?.city ?? '',
    industry: '',
    alumniFounded: false,
  })
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
    const checked = check(organizations.input, values)
    if (!checked.ok) return show(checked.errors)
    setBusy(true)
    try {
      onCreated(await call('organizations.create', values))
    } catch (e) {
      const fe = fieldErrorsOf(e, [])
      if (fe) show(fe)
      setGeneral(errorText(e))
      setBusy(false)
    }
  }
  return (
    <InlineShell title={t('trips.inline.organizationTitle')} busy={busy} general={general} onSubmit={() => void save()} onClose={onClose} formRef={formRef} testId="inline-organization">
      <TextInput name="name" label={t('fields.name')} required autoFocus={text.trim() === ''} value={values.name} onChange={(v) => set('name', v)} errors={errors} />
      <SelectInput
        name="kind"
        label={t('fields.kind')}
        value={values.kind}
        options={organizationKind.values.map((v) => ({ value: v, label: enumText(t, 'organizationKind', v) }))}
        onChange={(v) => set('kind', v)}
        errors={errors}
      />
      <TextInput name="city" label={t('fields.city')} autoFocus={text.trim() !== ''} value={values.city} onChange={(v) => set('city', v)} errors={errors} />
      <TextInput name="industry" label={t('fields.industry')} value={values.industry} onChange={(v) => set('industry', v)} errors={errors} />
      <FormControlLabel
        control={<Checkbox name="alumniFounded" checked={values.alumniFounded} onChange={(e) => set('alumniFounded', e.target.checked)} />}
        label={t('fields.alumniFounded')}
        sx={{ mt: '4px !important' }}
      />
    </InlineShell>
  )
}
