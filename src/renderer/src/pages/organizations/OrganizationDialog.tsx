import { useRef, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Grid from '@mui/material/Grid'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { organizations } from '../../../../shared/domain/organizations'
import type { Organization } from '../../../../shared/domain/organizations'
import { organizationKind } from '../../../../shared/enums'
import { call } from '../../api'
import { check, fieldErrorsOf, otherErrors, SelectInput, SwitchInput, TagsInput, TextInput, useFormState } from '../../components/form'
import type { FieldErrors } from '../../components/form'
import { DiscardDialog } from '../../components/recordForm'
import { enumText } from '../../i18n'
import { useErrorText } from '../../state'

type Kind = Organization['kind']

export interface OrganizationValues {
  name: string
  kind: Kind
  industry: string
  city: string
  province: string
  address: string
  website: string
  alumniFounded: boolean
  tags: string[]
  notes: string
}

const FIELDS = ['name', 'kind', 'industry', 'city', 'province', 'address', 'website', 'alumniFounded', 'tags', 'notes'] as const

function valuesOf(r: Organization | null): OrganizationValues {
  return {
    name: r?.name ?? '',
    kind: r?.kind ?? 'enterprise',
    industry: r?.industry ?? '',
    city: r?.city ?? '',
    province: r?.province ?? '',
    address: r?.address ?? '',
    website: r?.website ?? '',
    alumniFounded: r?.alumniFounded ?? false,
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
  }
}

interface Props {
  /** null: a new organization */
  record: Organization | null
  onClose: () => void
  onSaved: (saved: Organization, created: boolean) => void
}

/** Create / edit an organization. Mount it afresh for each record (give it a key). */
export function OrganizationDialog({ record, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const form = useFormState<OrganizationValues>(valuesOf(record))
  const { values, errors, set } = form
  const [busy, setBusy] = useState(false)
  const [general, setGeneral] = useState<string | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const [initial] = useState(() => JSON.stringify(valuesOf(record)))
  const [confirming, setConfirming] = useState(false)
  const requestClose = () => {
    if (busy) return
    // Closing a changed form would lose what was typed: ask first.
    if (JSON.stringify(values) !== initial) setConfirming(true)
    else onClose()
  }

  const showErrors = (e: FieldErrors) => {
    form.setErrors(e)
    // Put the cursor in the first field that needs fixing.
    const first = FIELDS.find((f) => Object.keys(e).some((p) => p === f || p.startsWith(`${f}.`)))
    if (first) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus())
  }

  const save = async () => {
    if (busy) return
    setGeneral(null)
    const checked = check(organizations.input, values)
    if (!checked.ok) {
      showErrors(checked.errors)
      return
    }
    setBusy(true)
    try {
      const saved = record
        ? await call('organizations.update', { id: record.id, changes: values, expectedUpdatedAt: record.updatedAt })
        : await call('organizations.create', values)
      onSaved(saved, record === null)
    } catch (e) {
      const fe = fieldErrorsOf(e)
      if (fe) showErrors(fe)
      setGeneral(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const kindOptions = organizationKind.values.map((v) => ({ value: v, label: enumText(t, 'organizationKind', v) }))
  const unplaced = otherErrors(errors, FIELDS)

  return (
    <Dialog open onClose={requestClose} maxWidth="md" fullWidth aria-labelledby="org-dialog-title">
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <DialogTitle id="org-dialog-title">{record ? t('organizations.editTitle') : t('organizations.newTitle')}</DialogTitle>
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
          <Grid container spacing={2} sx={{ pt: 1 }}>
            <Grid size={12}>
              <TextInput
                name="name"
                label={t('fields.name')}
                required
                autoFocus
                value={values.name}
                onChange={(v) => set('name', v)}
                errors={errors}
                placeholder={t('organizations.namePlaceholder')}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <SelectInput name="kind" label={t('fields.kind')} required value={values.kind} options={kindOptions} onChange={(v) => set('kind', v)} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextInput name="industry" label={t('fields.industry')} value={values.industry} onChange={(v) => set('industry', v)} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextInput name="province" label={t('fields.province')} value={values.province} onChange={(v) => set('province', v)} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextInput name="city" label={t('fields.city')} value={values.city} onChange={(v) => set('city', v)} errors={errors} />
            </Grid>
            <Grid size={12}>
              <TextInput name="address" label={t('fields.address')} value={values.address} onChange={(v) => set('address', v)} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextInput name="website" label={t('fields.website')} value={values.website} onChange={(v) => set('website', v)} errors={errors} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <SwitchInput
                name="alumniFounded"
                label={t('fields.alumniFounded')}
                checked={values.alumniFounded}
                onChange={(v) => set('alumniFounded', v)}
                errors={errors}
                helperText={t('organizations.alumniFoundedHelp')}
              />
            </Grid>
            <Grid size={12}>
              <TagsInput name="tags" label={t('fields.tags')} value={values.tags} onChange={(v) => set('tags', v)} errors={errors} placeholder={t('organizations.tagsPlaceholder')} />
            </Grid>
            <Grid size={12}>
              <TextInput name="notes" label={t('fields.notes')} multiline minRows={3} maxRows={10} value={values.notes} onChange={(v) => set('notes', v)} errors={errors} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions sx={{ px: 3 }}>
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
            {t('organizations.enterHint')}
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
          onClose()
        }}
      />
    </Dialog>
  )
}
