// A new trip: the few fields that identify it; the trip page completes the rest.
import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { trips } from '../../../../shared/domain/trips'
import type { Trip, TripInput } from '../../../../shared/domain/trips'
import { call } from '../../api'
import { check, TagsInput, TextInput } from '../../components/form'
import { DateInput, FormDialog, useRecordForm } from '../../components/recordForm'
import { RecordPicker } from '../../components/RecordPicker'

interface Values {
  title: string
  theme: string
  startDate: string
  endDate: string
  destinations: string[]
  leaderId: string | null
  /** the rest of the delegation; the leader is not picked twice */
  memberIds: string[]
}

const FIELDS = ['title', 'theme', 'startDate', 'endDate', 'destinations', 'leaderId', 'members'] as const

function toInput({ memberIds, ...v }: Values): TripInput {
  const others = memberIds.filter((id) => id !== v.leaderId).map((staffId) => ({ staffId, role: 'member' as const }))
  return { ...v, members: [...(v.leaderId ? [{ staffId: v.leaderId, role: 'leader' as const }] : []), ...others] }
}

export function NewTripDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (trip: Trip) => void }) {
  const { t } = useTranslation()
  const state = useRecordForm<Values, Trip>({
    initial: { title: '', theme: '', startDate: '', endDate: '', destinations: [], leaderId: null, memberIds: [] },
    fields: FIELDS,
    validate: (v) => check(trips.input, toInput(v)),
    submit: (v) => call('trips.create', toInput(v)),
    onSaved,
  })
  const { values, errors, set } = state.form
  return (
    <FormDialog title={t('trips.list.newTitle')} id="new-trip-title" state={state} onClose={onClose} maxWidth="sm">
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={12}>
          <TextInput name="title" label={t('fields.title')} required autoFocus value={values.title} onChange={(v) => set('title', v)} errors={errors} placeholder={t('trips.overview.titlePlaceholder')} />
        </Grid>
        <Grid size={12}>
          <TextInput name="theme" label={t('trips.fields.theme')} value={values.theme} onChange={(v) => set('theme', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="startDate" label={t('fields.startDate')} required value={values.startDate} onChange={(v) => set('startDate', v)} errors={errors} />
        </Grid>
        <Grid size={6}>
          <DateInput name="endDate" label={t('fields.endDate')} required value={values.endDate} onChange={(v) => set('endDate', v)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <TagsInput name="destinations" label={t('fields.destinations')} value={values.destinations} onChange={(v) => set('destinations', v)} errors={errors} placeholder={t('trips.overview.destinationsPlaceholder')} />
        </Grid>
        <Grid size={12}>
          <RecordPicker collection="staff" name="leaderId" label={t('fields.leaderId')} value={values.leaderId} onChange={(id) => set('leaderId', id)} errors={errors} />
        </Grid>
        <Grid size={12}>
          <RecordPicker
            collection="staff"
            multiple
            name="members"
            label={t('trips.list.otherMembers')}
            value={values.memberIds}
            onChange={(ids) => set('memberIds', ids)}
            errors={errors}
            excludeIds={values.leaderId ? [values.leaderId] : []}
            helperText={t('trips.list.otherMembersHelp')}
          />
        </Grid>
      </Grid>
    </FormDialog>
  )
}
