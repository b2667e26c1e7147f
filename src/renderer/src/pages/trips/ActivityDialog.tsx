// Quick-add (and edit) of one itinerary item. Built for speed during a visit:
// the date and period come from the slot, the cursor starts in the organisation field,
// the title fills itself from the kind and the organisations, our attendees default to
// the delegation, and Ctrl+Enter (or Enter in a one-line field) saves; Esc cancels
// (asking first when something was typed).
import { useMemo, useState } from 'react'
import type { KeyboardEvent } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Grid from '@mui/material/Grid'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { activities } from '../../../../shared/domain/activities'
import type { Activity, ActivityInput } from '../../../../shared/domain/activities'
import type { Trip } from '../../../../shared/domain/trips'
import { activityKind, cooperationCategory, period, visitMethod } from '../../../../shared/enums'
import { call, getRecord } from '../../api'
import { check, SelectInput, TagsInput, TextInput } from '../../components/form'
import { blank, DateInput, FormDialog, MultiSelectInput, numberOrNull, useRecordForm } from '../../components/recordForm'
import { TimeInput } from '../../components/TimeInput'
import { RecordPicker } from '../../components/RecordPicker'
import type { PickedRecord } from '../../components/RecordPicker'
import { trackPick } from '../../components/pendingPicks'
import type { PickOutcome } from '../../components/pendingPicks'
import { enumText } from '../../i18n'
import { nameKey, useNames } from '../../names'
import { AttachmentsPanel } from '../../components/attachments/AttachmentsPanel'

type Kind = Activity['kind']
type Period = Activity['period']

export interface ActivityValues {
  kind: Kind
  date: string
  period: Period
  title: string
  organizationIds: string[]
  contactIds: string[]
  staffIds: string[]
  topics: string
  outcomes: string
  outcomesEn: string
  consensus: string
  startTime: string
  endTime: string
  attendeesCount: string
  alumniAttendeesCount: string
  agreementIds: string[]
  positionsOffered: string
  jobTitles: string[]
  majorsWanted: string[]
  intentions: Activity['intentions']
  visitMethod: Activity['visitMethod']
  city: string
  location: string
  /** names of the organisations picked here (for the automatic title); not saved */
  pickedNames: Readonly<Record<string, string>>
}

const FIELDS = [
  'kind', 'date', 'period', 'startTime', 'endTime', 'organizationIds', 'contactIds', 'topics', 'outcomes', 'outcomesEn', 'consensus', 'attendeesCount',
  'alumniAttendeesCount', 'agreementIds', 'positionsOffered', 'jobTitles', 'majorsWanted', 'intentions', 'visitMethod', 'title', 'city', 'location', 'staffIds',
] as const

/** "走访上海卓然…" / "Visit to …": what a title says when the user leaves it empty. */
export function autoTitle(t: TFunction, kind: Kind, orgNames: readonly string[]): string {
  const orgs = orgNames.filter(Boolean).join(t('common.listSep'))
  if (!orgs) return ''
  return t(`trips.autoTitle.${kind}`, { orgs })
}

/** What a new item takes over from the item entered last on the same day: a day is usually spent in one city, with the same people. */
export type Carry = Pick<Activity, 'kind' | 'city' | 'staffIds'>

export function carryFrom(items: readonly Activity[], date: string): Carry | null {
  const last = items.filter((a) => a.date === date).reduce<Activity | null>((a, b) => (a === null || b.createdAt > a.createdAt ? b : a), null)
  return last ? { kind: last.kind, city: last.city, staffIds: last.staffIds } : null
}

function valuesOf(r: Activity | null, slot: { date: string; period: Period }, delegation: string[], carry: Carry | null): ActivityValues {
  return {
    kind: r?.kind ?? carry?.kind ?? 'enterpriseVisit',
    date: r?.date ?? slot.date,
    period: r?.period ?? slot.period,
    title: r?.title ?? '',
    organizationIds: r?.organizationIds ?? [],
    contactIds: r?.contactIds ?? [],
    staffIds: r?.staffIds ?? carry?.staffIds ?? delegation,
    topics: r?.topics ?? '',
    outcomes: r?.outcomes ?? '',
    outcomesEn: r?.outcomesEn ?? '',
    consensus: r?.consensus ?? '',
    startTime: r?.startTime ?? '',
    endTime: r?.endTime ?? '',
    attendeesCount: blank(r?.attendeesCount),
    alumniAttendeesCount: blank(r?.alumniAttendeesCount),
    agreementIds: r?.agreementIds ?? [],
    positionsOffered: blank(r?.positionsOffered),
    jobTitles: r?.jobTitles ?? [],
    majorsWanted: r?.majorsWanted ?? [],
    intentions: r?.intentions ?? [],
    visitMethod: r?.visitMethod ?? 'onSite',
    city: r?.city ?? carry?.city ?? '',
    location: r?.location ?? '',
    pickedNames: {},
  }
}


interface Props {
  trip: Trip
  /** null: a new item in the slot */
  record: Activity | null
  slot: { date: string; period: Period }
  /** for a new item: what the day's last item was (kind, city, our attendees) */
  carry?: Carry | null
  onClose: () => void
  onSaved: (saved: Activity, created: boolean) => void
}

export function ActivityDialog({ trip, record, slot, carry = null, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const delegation = useMemo(() => [...new Set([trip.leaderId, ...trip.members.map((m) => m.staffId)].filter((x): x is string => !!x))], [trip])
  const initial = useMemo(() => valuesOf(record, slot, delegation, carry), [record, slot, delegation, carry])
  // The title follows the organisations until the user types one.
  const [titleTouched, setTitleTouched] = useState(record !== null)
  const [cityTouched, setCityTouched] = useState(record !== null)
  const [englishOpen, setEnglishOpen] = useState(false)
  const initialOrgNames = useNames(useMemo(() => initial.organizationIds.map((id) => ({ collection: 'organizations' as const, id })), [initial]))

  const titleFor = (v: ActivityValues): string => {
    if (titleTouched) return v.title
    const names = v.organizationIds.map((id) => v.pickedNames[id] ?? initialOrgNames.get(nameKey('organizations', id)) ?? '')
    return autoTitle(t, v.kind, names)
  }
  const toInput = (v: ActivityValues): ActivityInput => {
    const { positionsOffered, attendeesCount, alumniAttendeesCount, pickedNames: _names, ...rest } = v
    // Empty counts mean nobody recorded a number: they stay null, never 0.
    return {
      ...rest,
      tripId: trip.id,
      title: titleFor(v).trim(),
      positionsOffered: numberOrNull(positionsOffered) as number | null,
      attendeesCount: numberOrNull(attendeesCount) as number | null,
      alumniAttendeesCount: numberOrNull(alumniAttendeesCount) as number | null,
    }
  }

  const state = useRecordForm<ActivityValues, Activity>({
    initial,
    fields: FIELDS,
    validate: (v) => check(activities.input, toInput(v)),
    submit: (v) =>
      record
        ? call('activities.update', { id: record.id, changes: toInput(v), expectedUpdatedAt: record.updatedAt })
        : call('activities.create', toInput(v)),
    onSaved: (saved) => onSaved(saved, record === null),
  })
  const { values, errors, set } = state.form
  const title = titleFor(values)

  const onOrganizations = (ids: string[], list: PickedRecord[]) => {
    // The names go in with the ids, so a save that waited for this pick titles the item with them.
    set('pickedNames', { ...state.form.latest().pickedNames, ...Object.fromEntries(list.map((p) => [p.id, p.name])) })
    set('organizationIds', ids)
    // The city of the first organisation, unless the user typed one; a save waits for it.
    if (!cityTouched && ids[0]) {
      const city = getRecord('organizations', ids[0]).then((o): PickOutcome => {
        if (o.city) set('city', o.city)
        return 'picked'
      })
      trackPick(state.formRef.current, city.catch((): PickOutcome => 'picked'))
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Ctrl+Enter saves from any field, textareas included (but not from a dialog opened on top).
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && e.currentTarget.contains(e.target as Node)) {
      e.preventDefault()
      void state.save()
      return
    }
    // Alt+1…5 picks the kind without leaving the field.
    const n = Number(e.key)
    if (e.altKey && !e.ctrlKey && Number.isInteger(n) && n >= 1 && n <= activityKind.values.length && e.currentTarget.contains(e.target as Node)) {
      e.preventDefault()
      set('kind', activityKind.values[n - 1])
    }
  }

  const kindOptions = activityKind.values
  const isForum = values.kind === 'forum'
  // The English outcomes are for an English report of a trip recorded in Chinese: asked for on demand.
  const showEnglish = englishOpen || values.outcomesEn !== '' || errors.outcomesEn !== undefined
  const dialogTitle = record
    ? t('trips.activity.editTitle')
    : t('trips.activity.newTitle', { date: values.date, period: enumText(t, 'period', values.period) })

  return (
    <FormDialog historyOf={record ? { collection: 'activities', id: record.id } : undefined} title={dialogTitle} id="activity-dialog-title" state={state} onClose={onClose} maxWidth="md" hint={t('trips.activity.saveHint')}>
      <Box onKeyDown={onKeyDown} data-testid="activity-form">
        <Grid container spacing={2} sx={{ pt: 0.5 }}>
          <Grid size={{ xs: 12, md: 7 }}>
            <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
              {t('fields.kind')} <span style={{ opacity: 0.7 }}>{t('trips.activity.kindKeys')}</span>
            </Typography>
            <ToggleButtonGroup
              exclusive
              size="small"
              color="primary"
              value={values.kind}
              onChange={(_, v: Kind | null) => v && set('kind', v)}
              aria-label={t('fields.kind')}
            >
              {kindOptions.map((k) => (
                <ToggleButton key={k} value={k} sx={{ px: 1.5 }}>
                  {enumText(t, 'activityKind', k)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Grid>
          <Grid size={{ xs: 7, md: 3 }}>
            <DateInput name="date" label={t('trips.fields.date')} required value={values.date} onChange={(v) => set('date', v)} errors={errors} size="small" />
          </Grid>
          <Grid size={{ xs: 5, md: 2 }}>
            <SelectInput name="period" label={t('trips.fields.period')} value={values.period} options={period.values.map((p) => ({ value: p, label: enumText(t, 'period', p) }))} onChange={(v) => set('period', v)} errors={errors} />
          </Grid>

          <Grid size={12}>
            <RecordPicker
              collection="organizations"
              multiple
              autoFocus
              name="organizationIds"
              label={isForum ? t('trips.activity.organizationsForum') : t('fields.organizationIds')}
              value={values.organizationIds}
              onChange={onOrganizations}
              errors={errors}
              placeholder={t('trips.activity.organizationsPlaceholder')}
              createDefaults={{ city: values.city, organizationKind: values.kind === 'meeting' ? 'devZoneCommittee' : 'enterprise' }}
            />
          </Grid>
          <Grid size={12}>
            <RecordPicker
              collection="contacts"
              multiple
              name="contactIds"
              label={isForum ? t('trips.activity.participants') : t('fields.contactIds')}
              value={values.contactIds}
              onChange={(ids) => set('contactIds', ids)}
              errors={errors}
              placeholder={t('trips.activity.contactsPlaceholder')}
              // A visit's people work for the organisation visited; a forum's participants come from elsewhere.
              createDefaults={{ organizationId: isForum ? null : (values.organizationIds.at(-1) ?? null) }}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextInput name="topics" label={t('trips.fields.topics')} multiline minRows={2} maxRows={8} value={values.topics} onChange={(v) => set('topics', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextInput name="outcomes" label={t('trips.fields.outcomes')} multiline minRows={2} maxRows={8} value={values.outcomes} onChange={(v) => set('outcomes', v)} errors={errors} />
          </Grid>
          {(isForum || values.consensus !== '') && (
            <Grid size={12}>
              <TextInput name="consensus" label={t('trips.fields.consensus')} multiline minRows={2} maxRows={8} value={values.consensus} onChange={(v) => set('consensus', v)} errors={errors} />
            </Grid>
          )}
          {(isForum || values.attendeesCount !== '' || values.alumniAttendeesCount !== '') && (
            <>
              <Grid size={{ xs: 6, md: 3 }}>
                <TextInput name="attendeesCount" label={t('trips.fields.attendeesCount')} value={values.attendeesCount} onChange={(v) => set('attendeesCount', v)} errors={errors} helperText={t('trips.fields.countHelp')} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
              </Grid>
              <Grid size={{ xs: 6, md: 3 }}>
                <TextInput name="alumniAttendeesCount" label={t('trips.fields.alumniAttendeesCount')} value={values.alumniAttendeesCount} onChange={(v) => set('alumniAttendeesCount', v)} errors={errors} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
              </Grid>
            </>
          )}
          {(values.kind === 'ceremony' || values.agreementIds.length > 0) && (
            <Grid size={12}>
              <RecordPicker
                collection="agreements"
                multiple
                name="agreementIds"
                label={t('trips.activity.agreements')}
                value={values.agreementIds}
                onChange={(ids) => set('agreementIds', ids)}
                errors={errors}
                helperText={t('trips.activity.agreementsHelp')}
              />
            </Grid>
          )}
          <Grid size={{ xs: 12, md: 3 }}>
            <TextInput
              name="positionsOffered"
              label={t('trips.fields.positionsOffered')}
              value={values.positionsOffered}
              onChange={(v) => set('positionsOffered', v)}
              errors={errors}
              helperText={t('trips.fields.positionsHelp')}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 4.5 }}>
            <TagsInput name="jobTitles" label={t('trips.fields.jobTitles')} value={values.jobTitles} onChange={(v) => set('jobTitles', v)} errors={errors} placeholder={t('trips.activity.tagsPlaceholder')} />
          </Grid>
          <Grid size={{ xs: 12, md: 4.5 }}>
            <TagsInput name="majorsWanted" label={t('trips.fields.majorsWanted')} value={values.majorsWanted} onChange={(v) => set('majorsWanted', v)} errors={errors} placeholder={t('trips.activity.tagsPlaceholder')} />
          </Grid>
          <Grid size={{ xs: 12, md: 8 }}>
            <MultiSelectInput
              name="intentions"
              label={t('trips.fields.intentions')}
              value={values.intentions}
              options={cooperationCategory.values.map((c) => ({ value: c, label: enumText(t, 'cooperationCategory', c) }))}
              onChange={(v) => set('intentions', v)}
              errors={errors}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <SelectInput name="visitMethod" label={t('trips.fields.visitMethod')} value={values.visitMethod} options={visitMethod.values.map((m) => ({ value: m, label: enumText(t, 'visitMethod', m) }))} onChange={(v) => set('visitMethod', v)} errors={errors} />
          </Grid>
          <Grid size={12}>
            <TextInput
              name="title"
              label={t('fields.title')}
              required
              value={title}
              onChange={(v) => {
                setTitleTouched(true)
                set('title', v)
              }}
              errors={errors}
              helperText={titleTouched ? undefined : t('trips.activity.titleAuto')}
            />
          </Grid>
          <Grid size={{ xs: 6, md: 2 }}>
            <TimeInput name="startTime" label={t('trips.fields.startTime')} value={values.startTime} onChange={(v) => set('startTime', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 6, md: 2 }}>
            <TimeInput name="endTime" label={t('trips.fields.endTime')} value={values.endTime} onChange={(v) => set('endTime', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 12, md: 3 }}>
            <TextInput
              name="city"
              label={t('fields.city')}
              value={values.city}
              onChange={(v) => {
                setCityTouched(true)
                set('city', v)
              }}
              errors={errors}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <TextInput name="location" label={t('trips.fields.location')} value={values.location} onChange={(v) => set('location', v)} errors={errors} />
          </Grid>
          <Grid size={12}>
            <RecordPicker collection="staff" multiple name="staffIds" label={t('fields.staffIds')} value={values.staffIds} onChange={(ids) => set('staffIds', ids)} errors={errors} helperText={t('trips.activity.staffHelp')} />
          </Grid>
          {showEnglish ? (
            <Grid size={12}>
              <TextInput name="outcomesEn" label={t('trips.fields.outcomesEn')} multiline minRows={2} maxRows={8} value={values.outcomesEn} onChange={(v) => set('outcomesEn', v)} errors={errors} helperText={t('fields.englishHelp')} />
            </Grid>
          ) : (
            <Grid size={12}>
              <Button size="small" onClick={() => setEnglishOpen(true)} data-testid="activity-add-english">
                {t('trips.itinerary.addEnglish')}
              </Button>
            </Grid>
          )}
        </Grid>
        {record && (
          <Box sx={{ mt: 2 }}>
            <AttachmentsPanel recordType="activities" recordId={record.id} />
          </Box>
        )}
      </Box>
    </FormDialog>
  )
}
