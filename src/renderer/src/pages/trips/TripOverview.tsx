// The trip's own fields: an edit form saved through trips.update, with field errors beside the fields.
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Grid from '@mui/material/Grid'
import IconButton from '@mui/material/IconButton'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import Alert from '@mui/material/Alert'
import AddIcon from '@mui/icons-material/Add'
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined'
import { useTranslation } from 'react-i18next'
import { trips } from '../../../../shared/domain/trips'
import type { Trip, TripInput } from '../../../../shared/domain/trips'
import { memberRole, tripStatus } from '../../../../shared/enums'
import { call } from '../../api'
import { check, errorOf, SelectInput, SuggestInput, TagsInput, TextInput } from '../../components/form'
import { DateInput, useRecordForm } from '../../components/recordForm'
import { RecordPicker } from '../../components/RecordPicker'
import { enumText } from '../../i18n'
import { useApp } from '../../state'
import { useLeaveGuard } from '../../components/leaveGuard'
import { datesBetween } from './parts'

type Role = Trip['members'][number]['role']

interface Values {
  title: string
  titleEn: string
  theme: string
  startDate: string
  endDate: string
  destinations: string[]
  leaderId: string | null
  members: Array<{ staffId: string | null; role: Role; key: number }>
  objectives: string[]
  status: Trip['status']
  summary: string
  experience: string
  outlook: string
  /** transport and lodging by date; dates outside the trip's range are kept, never dropped */
  days: Record<string, { transport: string; lodging: string }>
}

const FIELDS = ['title', 'titleEn', 'theme', 'startDate', 'endDate', 'status', 'destinations', 'leaderId', 'members', 'objectives', 'summary', 'experience', 'outlook', 'days'] as const

function valuesOf(r: Trip): Values {
  return {
    title: r.title,
    titleEn: r.titleEn,
    theme: r.theme,
    startDate: r.startDate,
    endDate: r.endDate,
    destinations: r.destinations,
    leaderId: r.leaderId,
    members: r.members.map((m, i) => ({ ...m, key: i })),
    objectives: r.objectives,
    status: r.status,
    summary: r.summary,
    experience: r.experience,
    outlook: r.outlook,
    days: Object.fromEntries(r.days.map((d) => [d.date, { transport: d.transport, lodging: d.lodging }])),
  }
}

/** The trip's days plus any day that still has transport or lodging on it, in date order. */
function dayRows(v: Values): string[] {
  const kept = Object.entries(v.days).filter(([, d]) => d.transport.trim() || d.lodging.trim()).map(([date]) => date)
  return [...new Set([...datesBetween(v.startDate, v.endDate), ...kept])].sort()
}

function toInput(v: Values): TripInput {
  return {
    ...v,
    members: v.members.map((m) => ({ staffId: m.staffId ?? '', role: m.role })),
    objectives: v.objectives.map((o) => o.trim()).filter((o) => o !== ''),
    days: Object.entries(v.days)
      .filter(([, d]) => d.transport.trim() || d.lodging.trim())
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, d]) => ({ date, transport: d.transport, lodging: d.lodging })),
  }
}

export function TripOverview({ trip }: { trip: Trip }) {
  const { t } = useTranslation()
  const { notify } = useApp()
  const state = useRecordForm<Values, Trip>({
    initial: valuesOf(trip),
    fields: FIELDS,
    validate: (v) => check(trips.input, toInput(v)),
    submit: (v) => call('trips.update', { id: trip.id, changes: toInput(v), expectedUpdatedAt: trip.updatedAt }),
    onSaved: (saved) => notify({ message: t('trips.overview.saved', { name: saved.title }) }),
  })
  const { form, dirty, busy, general, unplaced, save, formRef } = state
  useLeaveGuard(dirty, `${t('registers.form.discardTitle')}\n${t('registers.form.discardBody')}`)
  const { values, errors, set } = form
  const roleOptions = memberRole.values.map((v) => ({ value: v, label: enumText(t, 'memberRole', v) }))
  const savedDays = toInput(values).days ?? []
  const nextKey = () => Math.max(0, ...values.members.map((m) => m.key)) + 1

  // The leader is a member of the delegation with the role "leader" (the reports list the whole
  // delegation), but is picked once, in the Leader field: the member rows below show the others.
  const setLeader = (id: string | null) => {
    const rest = values.members.filter((m) => !(m.staffId === values.leaderId && m.role === 'leader') && m.staffId !== id)
    set('leaderId', id)
    set('members', id ? [{ staffId: id, role: 'leader', key: nextKey() }, ...rest] : rest)
  }
  const memberRows = values.members.map((m, i) => ({ m, i })).filter(({ m }) => values.leaderId === null || m.staffId !== values.leaderId)
  const setMember = (i: number, patch: Partial<Values['members'][number]>) => set('members', values.members.map((m, j) => (j === i ? { ...m, ...patch } : m)))
  const addMember = () => {
    set('members', [...values.members, { staffId: null, role: 'member', key: nextKey() }])
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`[data-field="members.${values.members.length}.staffId"]`)?.focus())
  }
  const addObjective = () => {
    set('objectives', [...values.objectives, ''])
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`[name="objectives.${values.objectives.length}"]`)?.focus())
  }

  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          if (e.target !== e.currentTarget) return
          e.preventDefault()
          void save()
        }}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'Enter') && e.currentTarget.contains(e.target as Node)) {
            e.preventDefault()
            void save()
          }
        }}
        aria-label={t('trips.tabs.overview')}
      >
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
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 8 }}>
            <TextInput name="title" label={t('fields.title')} required value={values.title} onChange={(v) => set('title', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <SelectInput name="status" label={t('fields.status')} value={values.status} options={tripStatus.values.map((v) => ({ value: v, label: enumText(t, 'tripStatus', v) }))} onChange={(v) => set('status', v)} errors={errors} />
          </Grid>
          <Grid size={12}>
            <TextInput name="titleEn" label={t('fields.titleEn')} value={values.titleEn} onChange={(v) => set('titleEn', v)} errors={errors} helperText={t('fields.englishHelp')} />
          </Grid>
          <Grid size={12}>
            <TextInput name="theme" label={t('trips.fields.theme')} value={values.theme} onChange={(v) => set('theme', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <DateInput name="startDate" label={t('fields.startDate')} required value={values.startDate} onChange={(v) => set('startDate', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <DateInput name="endDate" label={t('fields.endDate')} required value={values.endDate} onChange={(v) => set('endDate', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TagsInput name="destinations" label={t('fields.destinations')} value={values.destinations} onChange={(v) => set('destinations', v)} errors={errors} placeholder={t('trips.overview.destinationsPlaceholder')} />
          </Grid>

          <Grid size={12}>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {t('trips.overview.delegation')}
            </Typography>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <RecordPicker collection="staff" name="leaderId" label={t('fields.leaderId')} value={values.leaderId} onChange={setLeader} errors={errors} />
          </Grid>
          <Grid size={12}>
            <Stack spacing={1.5} data-testid="trip-members">
              {memberRows.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  {t('trips.overview.noMembers')}
                </Typography>
              )}
              {memberRows.map(({ m, i }, n) => (
                <Stack key={m.key} direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }} data-testid="member-row">
                  <Box sx={{ flex: 1, minWidth: 0 }}>
                    <RecordPicker
                      collection="staff"
                      name={`members.${i}.staffId`}
                      label={t('trips.overview.member', { n: n + 1 })}
                      value={m.staffId}
                      onChange={(id) => setMember(i, { staffId: id })}
                      errors={errors}
                      excludeIds={[...(values.leaderId ? [values.leaderId] : []), ...values.members.filter((_, j) => j !== i).flatMap((x) => (x.staffId ? [x.staffId] : []))]}
                    />
                  </Box>
                  <Box sx={{ width: 160 }}>
                    <SuggestInput name={`members.${i}.role`} label={t('trips.overview.role')} value={m.role} options={roleOptions} onChange={(v) => setMember(i, { role: v })} errors={errors} />
                  </Box>
                  <IconButton
                    onClick={() => set('members', values.members.filter((_, j) => j !== i))}
                    title={t('trips.overview.removeMember')}
                    aria-label={t('trips.overview.removeMember')}
                    sx={{ mt: 1 }}
                  >
                    <RemoveIcon />
                  </IconButton>
                </Stack>
              ))}
              {errorOf(errors, 'members') && !values.members.length && (
                <Typography variant="caption" color="error">
                  {errorOf(errors, 'members')}
                </Typography>
              )}
              <Box>
                <Button startIcon={<AddIcon />} onClick={addMember}>
                  {t('trips.overview.addMember')}
                </Button>
              </Box>
            </Stack>
          </Grid>

          <Grid size={12}>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {t('trips.fields.objectives')}
            </Typography>
          </Grid>
          <Grid size={12}>
            <Stack spacing={1.5} data-testid="trip-objectives">
              {values.objectives.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  {t('trips.overview.noObjectives')}
                </Typography>
              )}
              {values.objectives.map((o, i) => (
                <Stack key={i} direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
                  <TextInput
                    name={`objectives.${i}`}
                    label={t('trips.overview.objective', { n: i + 1 })}
                    value={o}
                    onChange={(v) => set('objectives', values.objectives.map((x, j) => (j === i ? v.replace(/\n/g, ' ') : x)))}
                    errors={errors}
                    size="small"
                    multiline
                    maxRows={4}
                    onKeyDown={(e) => {
                      // One objective per row: Enter starts the next one.
                      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing) {
                        e.preventDefault()
                        addObjective()
                      }
                    }}
                  />
                  <IconButton
                    onClick={() => set('objectives', values.objectives.filter((_, j) => j !== i))}
                    title={t('trips.overview.removeObjective')}
                    aria-label={t('trips.overview.removeObjective')}
                  >
                    <RemoveIcon />
                  </IconButton>
                </Stack>
              ))}
              <Box>
                <Button startIcon={<AddIcon />} onClick={addObjective}>
                  {t('trips.overview.addObjective')}
                </Button>
              </Box>
            </Stack>
          </Grid>

          <Grid size={12}>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {t('trips.fields.days')}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {t('trips.fields.daysHelp')}
            </Typography>
          </Grid>
          <Grid size={12}>
            <Stack spacing={1} data-testid="trip-days">
              {dayRows(values).map((date) => {
                const day = values.days[date] ?? { transport: '', lodging: '' }
                // the index the schema's messages use: among the days saved, which are the filled-in ones
                const i = savedDays.findIndex((d) => d.date === date)
                const setDay = (patch: Partial<typeof day>) => set('days', { ...values.days, [date]: { ...day, ...patch } })
                return (
                  <Stack key={date} direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }} data-testid="trip-day">
                    <Typography variant="body2" sx={{ width: 96, flexShrink: 0, pt: 1 }}>
                      {date}
                    </Typography>
                    <TextInput name={`days.${i}.transport`} size="small" label={t('trips.fields.transport')} value={day.transport} onChange={(v) => setDay({ transport: v })} errors={errors} />
                    <TextInput name={`days.${i}.lodging`} size="small" label={t('trips.fields.lodging')} value={day.lodging} onChange={(v) => setDay({ lodging: v })} errors={errors} />
                  </Stack>
                )
              })}
            </Stack>
          </Grid>
          <Grid size={12}>
            <TextInput name="summary" label={t('trips.fields.summary')} multiline minRows={3} maxRows={14} value={values.summary} onChange={(v) => set('summary', v)} errors={errors} helperText={t('trips.overview.summaryHelp')} />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextInput name="experience" label={t('trips.fields.experience')} multiline minRows={3} maxRows={10} value={values.experience} onChange={(v) => set('experience', v)} errors={errors} />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextInput name="outlook" label={t('trips.fields.outlook')} multiline minRows={3} maxRows={10} value={values.outlook} onChange={(v) => set('outlook', v)} errors={errors} />
          </Grid>
        </Grid>
        <Stack direction="row" spacing={2} sx={{ mt: 3, alignItems: 'center', position: 'sticky', bottom: 0, zIndex: 2, bgcolor: 'background.paper', py: 1 }}>
          <Button type="submit" variant="contained" disabled={busy || !dirty}>
            {busy ? t('common.saving') : t('common.save')}
          </Button>
          <Button onClick={() => form.reset(valuesOf(trip))} disabled={busy || !dirty}>
            {t('trips.overview.revert')}
          </Button>
          {dirty && <Chip size="small" color="warning" variant="outlined" label={t('trips.overview.unsaved')} data-testid="overview-unsaved" />}
          <Typography variant="caption" color="text.secondary">
            {t('trips.overview.saveHint')}
          </Typography>
        </Stack>
      </form>
    </Paper>
  )
}
