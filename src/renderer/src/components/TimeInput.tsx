// A clock time typed as the office types it (930, 9:30, 09：30), shown as HH:mm whatever the
// computer's locale: a native time input would show 9:30 AM on an English system.
import { normalizeClockTime } from '../../../shared/clockTime'
import { TextInput } from './form'
import type { FieldErrors } from './form'

interface Props {
  name: string
  label: string
  value: string
  onChange: (value: string) => void
  errors: FieldErrors
  helperText?: string
}

export function TimeInput({ name, label, value, onChange, errors, helperText }: Props) {
  return (
    <TextInput
      name={name}
      label={label}
      value={value}
      onChange={onChange}
      onBlur={() => {
        const n = normalizeClockTime(value)
        if (n !== value) onChange(n)
      }}
      errors={errors}
      helperText={helperText}
      placeholder="HH:mm"
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', maxLength: 5, autoComplete: 'off', spellCheck: false } }}
    />
  )
}
