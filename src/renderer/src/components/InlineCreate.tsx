// Compact "create a record without leaving the form" dialogs, opened from RecordPicker's
// “Create “…”” option. Each dialog asks only for what identifies the record; the full form
// of the register can complete it later. Enter saves, Esc cancels.
import { useId, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { RecordTypes } from '../../../shared/collections'
import type { Organization } from '../../../shared/domain/organizations'
import { InlineCreateContact } from './InlineCreateContact'
import { InlineCreateOrganization } from './InlineCreateOrganization'
import { InlineCreateStaff } from './InlineCreateStaff'
import type { FieldErrors } from './form'

export type InlineCollection = 'organizations' | 'contacts' | 'staff'

/** Initial values a caller can give (e.g. the organisation a new contact works for). */
export interface InlineDefaults {
  organizationId?: string | null
  organizationKind?: Organization['kind']
  city?: string
  position?: string
  title?: string
  department?: string
}

export function canCreateInline(collection: string): collection is InlineCollection {
  return collection === 'organizations' || collection === 'contacts' || collection === 'staff'
}

export interface InlineCreateProps<C extends InlineCollection> {
  /** the text typed in the picker: becomes the name */
  text: string
  defaults?: InlineDefaults
  onClose: () => void
  onCreated: (record: RecordTypes[C]) => void
}

export function InlineCreateDialog({ collection, ...props }: InlineCreateProps<InlineCollection> & { collection: InlineCollection }) {
  switch (collection) {
    case 'organizations':
      return <InlineCreateOrganization {...(props as InlineCreateProps<'organizations'>)} />
    case 'contacts':
      return <InlineCreateContact {...(props as InlineCreateProps<'contacts'>)} />
    case 'staff':
      return <InlineCreateStaff {...(props as InlineCreateProps<'staff'>)} />
  }
}

/** Puts the cursor in the first field named in the errors. */
export function focusFirstError(root: HTMLElement | null, fields: readonly string[], errors: FieldErrors): void {
  const first = fields.find((f) => Object.keys(errors).some((p) => p === f || p.startsWith(`${f}.`)))
  if (first) requestAnimationFrame(() => root?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus())
}

interface ShellProps {
  title: string
  busy: boolean
  general: string | null
  onSubmit: () => void
  onClose: () => void
  children: ReactNode
  formRef?: React.Ref<HTMLFormElement>
  testId: string
}

/** The dialog frame shared by the inline-create dialogs. */
export function InlineShell({ title, busy, general, onSubmit, onClose, children, formRef, testId }: ShellProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const submit = (e: FormEvent<HTMLFormElement>) => {
    // A nested dialog's form is a React child of this one (through the portal): only handle our own.
    if (e.target !== e.currentTarget) return
    e.preventDefault()
    e.stopPropagation()
    onSubmit()
  }
  return (
    <Dialog open onClose={() => !busy && onClose()} maxWidth="sm" fullWidth aria-labelledby={titleId} data-testid={testId}>
      <form ref={formRef} noValidate onSubmit={submit}>
        <DialogTitle id={titleId} sx={{ pb: 1 }}>
          {title}
        </DialogTitle>
        <DialogContent sx={{ pt: '8px !important' }}>
          {general && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="form-error">
              {general}
            </Alert>
          )}
          <Stack spacing={2}>{children}</Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3 }}>
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
            {t('trips.inline.hint')}
          </Typography>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}

/** Runs a create call with the usual error handling; returns the record or null. */
export function useInlineSave() {
  const [busy, setBusy] = useState(false)
  const [general, setGeneral] = useState<string | null>(null)
  return { busy, setBusy, general, setGeneral }
}
