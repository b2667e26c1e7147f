// Small form plumbing shared by every record form: values, per-field errors
// (from the client-side zod check and from the main side), and field widgets
// that show their message beside them.
import { useCallback, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import Autocomplete from '@mui/material/Autocomplete'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormHelperText from '@mui/material/FormHelperText'
import MenuItem from '@mui/material/MenuItem'
import Switch from '@mui/material/Switch'
import TextField from '@mui/material/TextField'
import Box from '@mui/material/Box'
import type { TextFieldProps } from '@mui/material/TextField'
import type { z } from 'zod'
import { isApiError, issuesToFieldErrors } from '../api'
import { translateMessage } from '../i18n'

export type FieldErrors = Record<string, string[]>

export interface FormState<T extends object> {
  values: T
  errors: FieldErrors
  set: <K extends keyof T>(key: K, value: T[K]) => void
  setErrors: (e: FieldErrors) => void
  reset: (values: T) => void
  /** the values including every set made since the last render */
  latest: () => T
}

export function useFormState<T extends object>(initial: T): FormState<T> {
  const [values, setValues] = useState<T>(initial)
  // The values as of the last set, ahead of the render: a save that waited for a pending pick
  // reads them here, since its own render's `values` predate the pick.
  const latestRef = useRef<T>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    latestRef.current = { ...latestRef.current, [key]: value }
    setValues(latestRef.current)
    // The user is fixing this field: its old message no longer applies.
    setErrors((e) => {
      const k = String(key)
      if (!Object.keys(e).some((p) => p === k || p.startsWith(`${k}.`))) return e
      return Object.fromEntries(Object.entries(e).filter(([p]) => p !== k && !p.startsWith(`${k}.`)))
    })
  }, [])
  const reset = useCallback((v: T) => {
    latestRef.current = v
    setValues(v)
    setErrors({})
  }, [])
  const latest = useCallback(() => latestRef.current, [])
  return { values, errors, set, setErrors, reset, latest }
}

/** Checks values with a shared schema; on failure returns the field errors. */
export function check<S extends z.ZodType>(schema: S, values: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(values)
  if (r.success) return { ok: true, data: r.data }
  return { ok: false, errors: issuesToFieldErrors(r.error.issues) }
}

/**
 * Field errors of a failed call, keyed by the form's own field paths
 * (an update's "changes.name" becomes "name"). Null if the error has none.
 */
export function fieldErrorsOf(e: unknown, prefixes: readonly string[] = ['changes.']): FieldErrors | null {
  if (!isApiError(e) || Object.keys(e.fieldErrors).length === 0) return null
  const out: FieldErrors = {}
  for (const [path, messages] of Object.entries(e.fieldErrors)) {
    let p = path
    for (const prefix of prefixes) if (p.startsWith(prefix)) p = p.slice(prefix.length)
    ;(out[p] ??= []).push(...messages)
  }
  return out
}

/** The message(s) for one field (and its sub-paths, e.g. tags.2), in the UI language. */
export function errorOf(errors: FieldErrors, field: string): string | undefined {
  const msgs = Object.entries(errors)
    .filter(([p]) => p === field || p.startsWith(`${field}.`))
    .flatMap(([, m]) => m)
  if (msgs.length === 0) return undefined
  return [...new Set(msgs.map(translateMessage))].join('；')
}

/** Messages whose path is not one of the form's fields (shown above the form). */
export function otherErrors(errors: FieldErrors, fields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([p]) => !fields.some((f) => p === f || p.startsWith(`${f}.`)))
    .flatMap(([p, m]) => m.map((msg) => (p && p !== '_' ? `${p}: ${translateMessage(msg)}` : translateMessage(msg))))
}

type TextProps = Omit<TextFieldProps, 'onChange' | 'value' | 'error' | 'name'> & {
  name: string
  value: string
  onChange: (value: string) => void
  errors: FieldErrors
  helperText?: ReactNode
}

/** A text field whose error message sits right under it. */
export function TextInput({ name, value, onChange, errors, helperText, ...rest }: TextProps) {
  const err = errorOf(errors, name)
  return (
    <TextField
      {...rest}
      name={name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={err !== undefined}
      helperText={err ?? helperText}
      fullWidth
      slotProps={{ ...rest.slotProps, htmlInput: { 'data-field': name, ...(rest.slotProps?.htmlInput as object) } }}
    />
  )
}

interface SelectProps<V extends string> {
  name: string
  label: string
  value: V
  options: ReadonlyArray<{ value: V; label: string }>
  onChange: (value: V) => void
  errors: FieldErrors
  required?: boolean
  helperText?: ReactNode
}

export function SelectInput<V extends string>({ name, label, value, options, onChange, errors, required, helperText }: SelectProps<V>) {
  const err = errorOf(errors, name)
  return (
    <TextField
      select
      name={name}
      label={label}
      value={value}
      required={required}
      onChange={(e) => onChange(e.target.value as V)}
      error={err !== undefined}
      helperText={err ?? helperText}
      fullWidth
      slotProps={{ htmlInput: { 'data-field': name } }}
    >
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  )
}

/**
 * A value from a list, or any text typed: the options are suggestions. Each option has the value
 * stored and the label shown; typing an option's label stores its value, anything else is stored
 * as typed (trimmed).
 */
export function SuggestInput({ name, label, value, options, onChange, errors }: Omit<SelectProps<string>, 'required' | 'helperText'>) {
  const err = errorOf(errors, name)
  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v
  const valueOf = (text: string) => {
    const t = text.trim()
    return options.find((o) => o.label === t || o.value === t)?.value ?? t
  }
  return (
    <Autocomplete<string, false, true, true>
      freeSolo
      disableClearable
      options={options.map((o) => o.label)}
      inputValue={labelOf(value)}
      onInputChange={(_, text, reason) => {
        if (reason !== 'reset') onChange(valueOf(text))
      }}
      onChange={(_, chosen) => onChange(valueOf(chosen))}
      renderInput={(params) => (
        <TextField {...params} name={name} label={label} error={err !== undefined} helperText={err} />
      )}
    />
  )
}

interface SwitchProps {
  name: string
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  errors: FieldErrors
  helperText?: ReactNode
}

export function SwitchInput({ name, label, checked, onChange, errors, helperText }: SwitchProps) {
  const err = errorOf(errors, name)
  return (
    <Box>
      <FormControlLabel
        control={<Switch name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />}
        label={label}
      />
      {(err ?? helperText) && <FormHelperText error={err !== undefined} sx={{ mt: -0.5, ml: 0 }}>{err ?? helperText}</FormHelperText>}
    </Box>
  )
}

interface TagsProps {
  name: string
  label: string
  value: string[]
  onChange: (value: string[]) => void
  errors: FieldErrors
  placeholder?: string
  options?: string[]
}

/** Free-text list (tags, majors): type, Enter adds a chip. Enter on an empty input submits the form. */
export function TagsInput({ name, label, value, onChange, errors, placeholder, options = [] }: TagsProps) {
  const err = errorOf(errors, name)
  return (
    <Autocomplete<string, true, false, true>
      multiple
      freeSolo
      options={options}
      value={value}
      autoSelect={false}
      onChange={(_, v) => onChange([...new Set(v.map((s) => s.trim()).filter((s) => s !== ''))])}
      renderValue={(tags, getItemProps) =>
        tags.map((tag, index) => {
          const { key, ...itemProps } = getItemProps({ index })
          return <Chip key={key} label={tag} size="small" {...itemProps} />
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          name={name}
          label={label}
          placeholder={value.length === 0 ? placeholder : undefined}
          error={err !== undefined}
          helperText={err}
        />
      )}
    />
  )
}
