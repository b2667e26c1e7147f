// What the trip brought: agreements and alumni organisations linked from its items, and its follow-ups.
import { useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import AddIcon from '@mui/icons-material/Add'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Activity, FollowUp } from '../../../../shared/domain'
import { followUpStatus } from '../../../../shared/enums'
import { call } from '../../api'
import { formatDate } from '../../format'
import { enumText } from '../../i18n'
import { nameKey, useNames } from '../../names'
import { useApp, useErrorText } from '../../state'
import { FollowUpFromTripDialog } from './LinkedCreate'
import { OverdueChip } from '../followUps/OverdueChip'
import type { TripData } from './useTripData'

function Section({ title, count, action, empty, children, testId }: { title: string; count: number; action?: ReactNode; empty: string; children: ReactNode; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid={testId}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        <Chip size="small" label={count} />
        <Box sx={{ flex: 1 }} />
        {action}
      </Stack>
      {count === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {empty}
        </Typography>
      ) : (
        <Stack spacing={1}>{children}</Stack>
      )}
    </Paper>
  )
}

function Row({ primary, secondary, chips, testId }: { primary: string; secondary: string; chips: ReactNode; testId?: string }) {
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', py: 0.75, borderTop: 1, borderColor: 'divider', '&:first-of-type': { borderTop: 0 } }} data-testid={testId}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
          {primary}
        </Typography>
        {secondary && (
          <Typography variant="caption" color="text.secondary" component="div" sx={{ overflowWrap: 'anywhere' }}>
            {secondary}
          </Typography>
        )}
      </Box>
      {chips}
    </Stack>
  )
}

function FollowUpStatusSelect({ f }: { f: FollowUp }) {
  const { t } = useTranslation()
  const { notify } = useApp()
  const errorText = useErrorText()
  return (
    <TextField
      select
      size="small"
      value={f.status}
      sx={{ width: 120, flexShrink: 0 }}
      slotProps={{ htmlInput: { 'aria-label': t('trips.outcomes.statusOf', { title: f.title }) } }}
      onChange={(e) => {
        call('followUps.update', { id: f.id, changes: { status: e.target.value as FollowUp['status'] }, expectedUpdatedAt: f.updatedAt }).catch((err: unknown) =>
          notify({ severity: 'error', message: errorText(err) }),
        )
      }}
    >
      {followUpStatus.values.map((s) => (
        <MenuItem key={s} value={s}>
          {enumText(t, 'followUpStatus', s)}
        </MenuItem>
      ))}
    </TextField>
  )
}

export function Outcomes({ data }: { data: TripData }) {
  const { t } = useTranslation()
  const { notify } = useApp()
  const { trip, activities, agreements, alumniGroups, followUps } = data
  const [creating, setCreating] = useState<number | null>(null)
  const names = useNames([
    ...agreements.map((a) => ({ collection: 'organizations' as const, id: a.organizationId })),
    ...alumniGroups.flatMap((g) => [
      ...(g.hostOrganizationId ? [{ collection: 'organizations' as const, id: g.hostOrganizationId }] : []),
      ...(g.leaderContactId ? [{ collection: 'contacts' as const, id: g.leaderContactId }] : []),
    ]),
    ...followUps.flatMap((f) => [
      ...(f.ownerId ? [{ collection: 'staff' as const, id: f.ownerId }] : []),
      ...(f.organizationId ? [{ collection: 'organizations' as const, id: f.organizationId }] : []),
    ]),
  ])
  const nm = (c: 'organizations' | 'contacts' | 'staff', id: string | null) => (id ? (names.get(nameKey(c, id)) ?? '') : '')
  const fromActivity = (pred: (a: Activity) => boolean) => {
    const a = activities.find(pred)
    return a ? t('trips.outcomes.from', { item: `${a.date} ${enumText(t, 'period', a.period)} ${a.title}` }) : ''
  }
  const join = (parts: string[]) => parts.filter(Boolean).join(' · ')

  return (
    <Stack spacing={2} data-testid="outcomes">
      <Section title={t('trips.outcomes.agreements')} count={agreements.length} empty={t('trips.outcomes.agreementsEmpty')} testId="outcomes-agreements">
        {agreements.map((a) => (
          <Row
            key={a.id}
            primary={a.title}
            secondary={join([nm('organizations', a.organizationId), a.unveiledDate ? t('trips.outcomes.unveiledOn', { date: a.unveiledDate }) : '', a.signedDate ? t('trips.outcomes.signedOn', { date: a.signedDate }) : '', fromActivity((x) => x.agreementIds.includes(a.id))])}
            chips={
              <>
                <Chip size="small" variant="outlined" label={enumText(t, 'agreementKind', a.kind)} />
                <Chip size="small" variant="outlined" color="success" label={enumText(t, 'agreementStatus', a.status)} />
              </>
            }
          />
        ))}
      </Section>
      <Section title={t('trips.outcomes.alumniGroups')} count={alumniGroups.length} empty={t('trips.outcomes.alumniGroupsEmpty')} testId="outcomes-alumniGroups">
        {alumniGroups.map((g) => (
          <Row
            key={g.id}
            primary={g.name}
            secondary={join([
              nm('organizations', g.hostOrganizationId),
              g.leaderContactId ? t('trips.outcomes.leader', { name: nm('contacts', g.leaderContactId) }) : '',
              formatDate(g.establishedDate),
              fromActivity((x) => x.alumniGroupIds.includes(g.id)),
            ])}
            chips={
              <>
                <Chip size="small" variant="outlined" label={enumText(t, 'alumniGroupKind', g.kind)} />
                <Chip size="small" variant="outlined" color="secondary" label={enumText(t, 'alumniGroupStatus', g.status)} />
              </>
            }
          />
        ))}
      </Section>
      <Section
        title={t('trips.outcomes.followUps')}
        count={followUps.length}
        empty={t('trips.outcomes.followUpsEmpty')}
        testId="outcomes-followUps"
        action={
          <Button size="small" startIcon={<AddIcon />} onClick={() => setCreating(Date.now())}>
            {t('trips.outcomes.newFollowUp')}
          </Button>
        }
      >
        {followUps.map((f) => (
          <Row
            key={f.id}
            testId="followup-row"
            primary={f.title}
            secondary={join([
              enumText(t, 'cooperationCategory', f.category),
              nm('organizations', f.organizationId),
              f.ownerId ? t('trips.outcomes.owner', { name: nm('staff', f.ownerId) }) : t('trips.outcomes.noOwner'),
              f.dueDate ? t('trips.outcomes.due', { date: f.dueDate }) : '',
              fromActivity((x) => x.id === f.activityId),
            ])}
            chips={
              <>
                <OverdueChip dueDate={f.dueDate} status={f.status} />
                <FollowUpStatusSelect f={f} />
              </>
            }
          />
        ))}
      </Section>
      {creating !== null && (
        <FollowUpFromTripDialog
          key={creating}
          trip={trip}
          activity={null}
          onClose={() => setCreating(null)}
          onSaved={(f) => {
            setCreating(null)
            notify({ message: t('trips.linked.created', { name: f.title }) })
          }}
        />
      )}
    </Stack>
  )
}
