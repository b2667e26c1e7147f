import Divider from '@mui/material/Divider'
import Grid from '@mui/material/Grid'
import Stack from '@mui/material/Stack'
import { useTranslation } from 'react-i18next'
import { followUps } from '../../../../shared/domain/followUps'
import type { FollowUp } from '../../../../shared/domain/followUps'
import { cooperationCategory, followUpStatus } from '../../../../shared/enums'
import { call } from '../../api'
import { check, SelectInput, TagsInput, TextInput } from '../../components/form'
import { useMoreFields } from '../../components/moreFields'
import type { FormMode } from '../../components/moreFields'
import { blank, DateInput, FormDialog, useRecordForm } from '../../components/recordForm'
import { RecordPicker } from '../../components/RecordPicker'
import { enumText } from '../../i18n'
import { FollowUpLog } from './FollowUpLog'
import type { LogEntry } from './FollowUpLog'
import { OverdueChip } from './OverdueChip'

type Category = FollowUp['category']
type Status = FollowUp['status']

export interface FollowUpValues {
  title: string
  category: Category
  organizationId: string | null
  tripId: string | null
  activityId: string | null
  ownerId: string | null
  dueDate: string
  status: Status
  log: LogEntry[]
  result: string
  tags: string[]
  notes: string
}

const FIELDS = ['title', 'category', 'status', 'organizationId', 'ownerId', 'dueDate', 'tripId', 'activityId', 'log', 'result', 'tags', 'notes'] as const
/** what a new task needs: the short form asks for these */
const SHORT = ['title', 'category', 'status', 'dueDate', 'ownerId', 'organizationId', 'notes'] as const

function valuesOf(r: FollowUp | null, defaults?: Partial<FollowUpValues>): FollowUpValues {
  return {
    title: r?.title ?? '',
    category: r?.category ?? 'other',
    organizationId: r?.organizationId ?? null,
    tripId: r?.tripId ?? null,
    activityId: r?.activityId ?? null,
    ownerId: r?.ownerId ?? null,
    dueDate: blank(r?.dueDate),
    status: r?.status ?? 'open',
    log: r?.log ?? [],
    result: r?.result ?? '',
    tags: r?.tags ?? [],
    notes: r?.notes ?? '',
    ...defaults,
  }
}

function toInput(v: FollowUpValues) {
  return { ...v, dueDate: v.dueDate.trim() === '' ? null : v.dueDate }
}

const ACTIVE_STAFF = { active: true }

interface Props {
  record: FollowUp | null
  defaults?: Partial<FollowUpValues>
  /** short: opened from a trip or its item, which it is linked to (“More…” for the rest) */
  mode?: FormMode
  title?: string
  onClose: () => void
  onSaved: (saved: FollowUp, created: boolean) => void
}

/** Create / edit a follow-up task: owner, due date, status, a log of dated notes and the result. */
export function FollowUpDialog({ record, defaults, mode = 'full', title, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const state = useRecordForm<FollowUpValues, FollowUp>({
    initial: valuesOf(record, defaults),
    fields: FIELDS,
    validate: (v) => check(followUps.input, toInput(v)),
    submit: (v) => {
      const input = toInput(v)
      return record ? call('followUps.update', { id: record.id, changes: input, expectedUpdatedAt: record.updatedAt }) : call('followUps.create', input)
    },
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  const categoryOptions = cooperationCategory.values.map((v) => ({ value: v, label: enumText(t, 'cooperationCategory', v) }))
  const statusOptions = followUpStatus.values.map((v) => ({ value: v, label: enumText(t, 'followUpStatus', v) }))
  const { shows, toggle } = useMoreFields(mode, SHORT, errors)

  return (
    <FormDialog historyOf={record ? { collection: 'followUps', id: record.id } : undefined}
      title={title ?? (record ? t('registers.followUps.editTitle') : t('registers.followUps.newTitle'))}
      id="follow-up-dialog-title"
      state={state}
      onClose={onClose}
    >
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={12}>
          <TextInput name="title" label={t('fields.title')} required autoFocus value={values.title} onChange={(v) => set('title', v)} errors={errors} placeholder={t('registers.followUps.titlePlaceholder')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <SelectInput name="category" label={t('fields.category')} required value={values.category} options={categoryOptions} onChange={(v) => set('category', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <SelectInput name="status" label={t('fields.status')} required value={values.status} options={statusOptions} onChange={(v) => set('status', v)} errors={errors} />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
            <DateInput name="dueDate" label={t('fields.dueDate')} value={values.dueDate} onChange={(v) => set('dueDate', v)} errors={errors} />
            <OverdueChip dueDate={values.dueDate || null} status={values.status} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <RecordPicker collection="staff" name="ownerId" label={t('fields.owner')} filter={ACTIVE_STAFF} value={values.ownerId} onChange={(id) => set('ownerId', id)} errors={errors} />
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
        {shows('tripId') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <RecordPicker
              collection="trips"
              name="tripId"
              label={t('fields.trip')}
              value={values.tripId}
              onChange={(id) => {
                set('tripId', id)
                if (id !== values.tripId) set('activityId', null)
              }}
              errors={errors}
            />
          </Grid>
        )}
        {shows('activityId') && (
          <Grid size={{ xs: 12, sm: 6 }}>
            <RecordPicker
              collection="activities"
              name="activityId"
              label={t('fields.activityId')}
              value={values.activityId}
              onChange={(id) => set('activityId', id)}
              errors={errors}
              filter={values.tripId ? { tripId: values.tripId } : undefined}
              helperText={values.tripId ? t('registers.followUps.activityOfTrip') : undefined}
            />
          </Grid>
        )}
        {shows('log') && (
          <>
            <Grid size={12}>
              <Divider />
            </Grid>
            <Grid size={12}>
              <FollowUpLog value={values.log} onChange={(v) => set('log', v)} errors={errors} />
            </Grid>
          </>
        )}
        {shows('result') && (
          <Grid size={12}>
            <TextInput name="result" label={t('registers.fields.result')} multiline minRows={2} maxRows={8} value={values.result} onChange={(v) => set('result', v)} errors={errors} placeholder={t('registers.followUps.resultPlaceholder')} />
          </Grid>
        )}
        {shows('tags') && (
          <Grid size={12}>
            <TagsInput name="tags" label={t('fields.tags')} value={values.tags} onChange={(v) => set('tags', v)} errors={errors} placeholder={t('organizations.tagsPlaceholder')} />
          </Grid>
        )}
        <Grid size={12}>
          <TextInput name="notes" label={t('fields.notes')} multiline minRows={2} maxRows={10} value={values.notes} onChange={(v) => set('notes', v)} errors={errors} />
        </Grid>
        {toggle}
      </Grid>
    </FormDialog>
  )
}
