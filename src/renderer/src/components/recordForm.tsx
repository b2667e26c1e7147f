// The dialog shell and save logic every register form shares: a client check with the
// shared schema, the main side's field errors placed beside their fields, the cursor put
// in the first field to fix, Enter saves, Esc cancels, and a confirmation before a form
// with unsaved changes is closed.
import { useCallback, useRef, useState } from 'react'
import type { ReactNode, RefObject } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Checkbox from '@mui/material/Checkbox'
import Chip from '@mui/material/Chip'
import IconButton from '@mui/material/IconButton'
import InputAdornment from '@mui/material/InputAdornment'
import MenuItem from '@mui/material/MenuItem'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import CalendarIcon from '@mui/icons-material/CalendarMonthOutlined'
import HistoryIcon from '@mui/icons-material/HistoryOutlined'
import { useNavigate } from 'react-router-dom'
import type { TextFieldProps } from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../state'
import { normalizeDate } from '../../../shared/days'
import type { CollectionName } from '../../../shared/collections'
import { errorOf, fieldErrorsOf, otherErrors, useFormState } from './form'
import type { FieldErrors, FormState } from './form'
import { settlePicks } from './pendingPicks'

export interface RecordFormOptions<V extends object, R> {
  initial: V
  /** the form's field paths, in screen order (the first one with an error gets the cursor) */
  fields: readonly string[]
  /** client-side check with the shared schema (`check(schema, toInput(values))`) */
  validate: (values: V) => { ok: true } | { ok: false; errors: FieldErrors }
  /** the create or update call */
  submit: (values: V) => Promise<R>
  onSaved: (saved: R) => void
}

export interface RecordForm<V extends object> {
  form: FormState<V>
  dirty: boolean
  busy: boolean
  general: string | null
  unplaced: string[]
  save: () => Promise<void>
  formRef: RefObject<HTMLFormElement | null>
  /** clears the messages of one or more field paths (for fields whose path differs from their value key) */
  clearErrors: (...paths: string[]) => void
}

export function useRecordForm<V extends object, R>(opts: RecordFormOptions<V, R>): RecordForm<V> {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const form = useFormState<V>(opts.initial)
  const [initialJson] = useState(() => JSON.stringify(opts.initial))
  const [busy, setBusy] = useState(false)
  const [general, setGeneral] = useState<string | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const { fields } = opts
  const unplaced = otherErrors(form.errors, fields)

  const showErrors = (e: FieldErrors) => {
    form.setErrors(e)
    const first = fields.find((f) => Object.keys(e).some((p) => p === f || p.startsWith(`${f}.`)))
    if (first) {
      requestAnimationFrame(() => {
        const root = formRef.current
        const el = root?.querySelector<HTMLElement>(`[name="${first}"]:not([type="hidden"])`) ?? root?.querySelector<HTMLElement>(`[data-field="${first}"]`)
        el?.focus()
      })
    }
  }

  const saving = useRef(false)
  const save = async () => {
    if (saving.current) return
    saving.current = true
    setGeneral(null)
    setBusy(true)
    try {
      // Every pick made in this form is part of what the user asked to save.
      const picks = await settlePicks(formRef.current)
      if (picks !== 'picked') {
        if (picks === 'failed') setGeneral(t('registers.form.pickFailed'))
        return
      }
      const values = form.latest()
      const checked = opts.validate(values)
      if (!checked.ok) {
        showErrors(checked.errors)
        if (otherErrors(checked.errors, fields).length > 0) setGeneral(t('errors.VALIDATION'))
        return
      }
      const saved = await opts.submit(values)
      opts.onSaved(saved)
    } catch (e) {
      const fe = fieldErrorsOf(e)
      if (fe) showErrors(fe)
      setGeneral(errorText(e))
    } finally {
      saving.current = false
      setBusy(false)
    }
  }

  const { setErrors, errors } = form
  const clearErrors = useCallback(
    (...paths: string[]) => {
      const keep = Object.entries(errors).filter(([p]) => !paths.some((f) => p === f || p.startsWith(`${f}.`)))
      if (keep.length !== Object.keys(errors).length) setErrors(Object.fromEntries(keep))
    },
    [errors, setErrors],
  )

  return { form, dirty: JSON.stringify(form.values) !== initialJson, busy, general, unplaced, save, formRef, clearErrors }
}

/** "Discard your changes?" before a dirty form closes. */
export function DiscardDialog({ open, onKeep, onDiscard }: { open: boolean; onKeep: () => void; onDiscard: () => void }) {
  const { t } = useTranslation()
  return (
    <Dialog open={open} onClose={onKeep} maxWidth="xs" fullWidth aria-labelledby="discard-title" data-testid="discard-dialog">
      <DialogTitle id="discard-title">{t('registers.form.discardTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('registers.form.discardBody')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeep} autoFocus>
          {t('registers.form.keepEditing')}
        </Button>
        <Button onClick={onDiscard} color="error" variant="contained">
          {t('registers.form.discard')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

interface FormDialogProps<V extends object> {
  title: string
  /** used for aria-labelledby */
  id: string
  state: RecordForm<V>
  onClose: () => void
  children: ReactNode
  maxWidth?: 'sm' | 'md' | 'lg'
  /** extra buttons at the left of the footer */
  footerStart?: ReactNode
  /** the footer's keyboard hint, when saving is not plain Enter */
  hint?: string
  testId?: string
  /** an existing record: its history is one click away, as from a record's page */
  historyOf?: { collection: CollectionName; id: string }
}

/** A record form in a dialog: Enter saves, Esc / Cancel close (asking first if something changed). */
export function FormDialog<V extends object>({ title, id, state, onClose, children, maxWidth = 'md', footerStart, hint, testId = 'record-form', historyOf }: FormDialogProps<V>) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [confirming, setConfirming] = useState(false)
  // What closing leads to once unsaved changes are given up: back to the list, or to the history.
  const [then, setThen] = useState<(() => void) | null>(null)
  const { busy, dirty, general, unplaced, formRef, save } = state
  const leave = (next: () => void) => {
    if (busy) return
    if (dirty) {
      setThen(() => next)
      setConfirming(true)
    } else next()
  }
  const requestClose = () => leave(onClose)
  return (
    <Dialog open onClose={requestClose} maxWidth={maxWidth} fullWidth aria-labelledby={id} data-testid={testId}>
      <form
        ref={formRef}
        noValidate
        // a column, so a long form scrolls inside DialogContent and the buttons stay in view
        style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: '1 1 auto' }}
        onSubmit={(e) => {
          // A dialog opened on top (a record created from a picker) is a React child of this one
          // through the portal: its submit bubbles here, and must not save this form too.
          if (e.target !== e.currentTarget) return
          e.preventDefault()
          e.stopPropagation()
          void save()
        }}
        onKeyDown={(e) => {
          // Ctrl+Enter saves from any field, a multi-line one or a picker included, as in the quick-add;
          // not from a dialog opened on top (its events bubble here through the portal).
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !e.defaultPrevented && e.currentTarget.contains(e.target as Node)) {
            e.preventDefault()
            void save()
          }
        }}
      >
        <DialogTitle id={id}>{title}</DialogTitle>
        <DialogContent dividers>
          {general && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="form-error">
              {general}
              {unplaced.length > 0 && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                  {unplaced.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          {children}
        </DialogContent>
        <DialogActions sx={{ px: 3 }}>
          {historyOf && (
            <Button size="small" startIcon={<HistoryIcon />} onClick={() => leave(() => navigate(`/history/${historyOf.collection}/${historyOf.id}`))} data-testid="history-button">
              {t('exchange.history.button')}
            </Button>
          )}
          {footerStart}
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1, ml: 1 }}>
            {hint ?? t('registers.form.enterHint')}
          </Typography>
          <Button onClick={requestClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </Button>
        </DialogActions>
      </form>
      <DiscardDialog
        open={confirming}
        onKeep={() => setConfirming(false)}
        onDiscard={() => {
          setConfirming(false)
          const next = then ?? onClose
          next()
        }}
      />
    </Dialog>
  )
}

type DateProps = Omit<TextFieldProps, 'onChange' | 'value' | 'error' | 'name' | 'type'> & {
  name: string
  value: string
  onChange: (value: string) => void
  errors: FieldErrors
}

/**
 * A date field that always shows yyyy-MM-dd, whatever the computer's locale (a native
 * date input would show e.g. 12/05/2025). Type the date, or pick it from the calendar
 * button, which opens the browser's own date picker. '' means no date.
 */
export function DateInput({ name, value, onChange, errors, helperText, label, size, ...rest }: DateProps) {
  const { t } = useTranslation()
  const err = errorOf(errors, name)
  const picker = useRef<HTMLInputElement>(null)
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ''
  return (
    <TextField
      {...rest}
      label={label}
      size={size}
      name={name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        const n = normalizeDate(value)
        if (n !== value) onChange(n)
      }}
      error={err !== undefined}
      helperText={err ?? helperText}
      placeholder="yyyy-MM-dd"
      fullWidth
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { 'data-field': name, inputMode: 'numeric', autoComplete: 'off', maxLength: 10, spellCheck: false },
        input: {
          endAdornment: (
            <InputAdornment position="end" sx={{ position: 'relative' }}>
              <IconButton
                size="small"
                edge="end"
                tabIndex={-1}
                aria-label={t('registers.form.pickDate')}
                title={t('registers.form.pickDate')}
                onClick={() => {
                  const el = picker.current
                  if (!el) return
                  try {
                    el.showPicker()
                  } catch {
                    el.focus()
                  }
                }}
              >
                <CalendarIcon fontSize="small" />
              </IconButton>
              <input
                ref={picker}
                type="date"
                tabIndex={-1}
                aria-hidden
                value={valid}
                max="2100-12-31"
                onChange={(e) => onChange(e.target.value)}
                style={{ position: 'absolute', right: 0, bottom: 0, width: 1, height: 1, opacity: 0, border: 0, padding: 0, pointerEvents: 'none' }}
              />
            </InputAdornment>
          ),
        },
      }}
    />
  )
}

/** '' -> null, a whole number -> the number, anything else is passed on for the schema to reject. */
export function numberOrNull(v: string): number | null | string {
  const s = v.trim()
  if (s === '') return null
  const n = Number(s)
  return Number.isFinite(n) ? n : s
}

/** null -> '' for a date or number field. */
export function blank(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v)
}

interface MultiSelectProps<V extends string> {
  name: string
  label: string
  value: V[]
  options: ReadonlyArray<{ value: V; label: string }>
  onChange: (value: V[]) => void
  errors: FieldErrors
  helperText?: ReactNode
}

/** Several values of a closed list (a select with checkboxes; chips show the choice). */
export function MultiSelectInput<V extends string>({ name, label, value, options, onChange, errors, helperText }: MultiSelectProps<V>) {
  const err = errorOf(errors, name)
  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v
  return (
    <TextField
      select
      name={name}
      label={label}
      value={value}
      onChange={(e) => {
        const v = e.target.value as unknown
        // keep the order of the options, whatever the order of the clicks
        const picked = new Set(typeof v === 'string' ? v.split(',') : (v as string[]))
        onChange(options.filter((o) => picked.has(o.value)).map((o) => o.value))
      }}
      error={err !== undefined}
      helperText={err ?? helperText}
      fullWidth
      slotProps={{
        htmlInput: { 'data-field': name },
        select: {
          multiple: true,
          renderValue: (selected) => (
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
              {(selected as string[]).map((v) => (
                <Chip key={v} size="small" label={labelOf(v)} />
              ))}
            </Box>
          ),
        },
      }}
    >
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          <Checkbox size="small" checked={value.includes(o.value)} sx={{ p: 0.5, mr: 1 }} />
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  )
}
