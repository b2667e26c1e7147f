// The itinerary as a printed schedule: every day of the trip, each split into
// 上午 / 下午 / 晚上 (all-day items on top). A slot is focusable: N or Enter adds an item there.
import { useEffect, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent, MouseEvent } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import IconButton from '@mui/material/IconButton'
import ListItemIcon from '@mui/material/ListItemIcon'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import Alert from '@mui/material/Alert'
import AddIcon from '@mui/icons-material/Add'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import EditIcon from '@mui/icons-material/EditOutlined'
import GroupsIcon from '@mui/icons-material/GroupsOutlined'
import HandshakeIcon from '@mui/icons-material/HandshakeOutlined'
import MoreIcon from '@mui/icons-material/MoreVert'
import PlaceIcon from '@mui/icons-material/PlaceOutlined'
import TaskIcon from '@mui/icons-material/TaskAltOutlined'
import type { ChipProps } from '@mui/material/Chip'
import { useTranslation } from 'react-i18next'
import type { Activity, AlumniGroup, Agreement, FollowUp } from '../../../../shared/domain'
import { useDeleteFlow } from '../../components/useDeleteFlow'
import { alumniBadge } from '../../components/RecordPicker'
import { currentLang, enumText } from '../../i18n'
import { nameKey, useNames } from '../../names'
import type { NameRef } from '../../names'
import { useApp } from '../../state'
import { ActivityDialog, carryFrom } from './ActivityDialog'
import type { Carry } from './ActivityDialog'
import { AgreementFromItemDialog, AlumniGroupFromItemDialog, FollowUpFromTripDialog } from './LinkedCreate'
import { datesBetween } from './parts'
import type { TripData } from './useTripData'

type Period = Activity['period']
const SLOT_PERIODS: readonly Period[] = ['morning', 'afternoon', 'evening']

export const KIND_COLOR: Record<Activity['kind'], ChipProps['color']> = {
  enterpriseVisit: 'primary',
  forum: 'secondary',
  meeting: 'info',
  ceremony: 'success',
  other: 'default',
}

type Editing = { record: Activity | null; slot: { date: string; period: Period }; key: number; carry: Carry | null }
type Linking = { kind: 'followUp' | 'agreement' | 'alumniGroup'; activity: Activity; key: number }

const slotId = (date: string, period: Period) => `slot-${date}-${period}`

function weekday(date: string): string {
  return new Intl.DateTimeFormat(currentLang(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
}

/** One label / value row of a card; the card body is a two-column grid, so values line up. */
function Line({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'contents' }} data-testid={testId}>
      <Typography variant="caption" color="text.secondary" sx={{ maxWidth: 88, lineHeight: 1.5, pt: '2px' }}>
        {label}
      </Typography>
      <Box sx={{ minWidth: 0, typography: 'body2', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{children}</Box>
    </Box>
  )
}

interface CardProps {
  activity: Activity
  data: TripData
  names: ReadonlyMap<string, string | null>
  highlighted: boolean
  onEdit: () => void
  onDelete: () => void
  onLink: (kind: Linking['kind']) => void
}

function ActivityCard({ activity: a, data, names, highlighted, onEdit, onDelete, onLink }: CardProps) {
  const { t } = useTranslation()
  const [menu, setMenu] = useState<HTMLElement | null>(null)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }, [highlighted])
  const nameOf = (c: 'organizations' | 'staff', id: string) => names.get(nameKey(c, id)) ?? '…'
  const agreements = a.agreementIds.map((id) => data.agreements.find((x) => x.id === id)).filter((x): x is Agreement => !!x)
  const groups = a.alumniGroupIds.map((id) => data.alumniGroups.find((x) => x.id === id)).filter((x): x is AlumniGroup => !!x)
  const followUps = data.followUps.filter((f: FollowUp) => f.activityId === a.id)
  const isForum = a.kind === 'forum'
  const close = () => setMenu(null)
  const run = (fn: () => void) => () => {
    close()
    fn()
  }
  return (
    <Paper
      ref={ref}
      variant="outlined"
      tabIndex={0}
      data-testid="activity-card"
      data-activity-id={a.id}
      aria-label={a.title}
      onClick={(e: MouseEvent) => {
        // Clicks on buttons and chips inside the card do their own thing.
        if ((e.target as HTMLElement).closest('button, a, [role="menuitem"]')) return
        onEdit()
      }}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.target !== e.currentTarget) return
        if (e.key === 'Enter') {
          e.preventDefault()
          onEdit()
        }
      }}
      sx={{
        p: 1.5,
        cursor: 'pointer',
        minWidth: 0,
        borderColor: highlighted ? 'primary.main' : undefined,
        boxShadow: highlighted ? (theme) => `0 0 0 2px ${theme.palette.primary.light}` : undefined,
        '&:hover': { borderColor: 'primary.light' },
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mb: 0.75 }}>
        <Chip size="small" color={KIND_COLOR[a.kind]} label={enumText(t, 'activityKind', a.kind)} sx={{ flexShrink: 0 }} />
        <Typography variant="subtitle2" sx={{ flex: 1, minWidth: 0, fontWeight: 600, lineHeight: 1.4, overflowWrap: 'anywhere' }} data-testid="activity-title">
          {a.title}
        </Typography>
        <IconButton
          size="small"
          sx={{ mt: -0.5, mr: -0.5 }}
          title={t('trips.itinerary.itemActions')}
          aria-label={t('trips.itinerary.itemActionsFor', { title: a.title })}
          onClick={(e) => setMenu(e.currentTarget)}
        >
          <MoreIcon fontSize="small" />
        </IconButton>
        <Menu anchorEl={menu} open={menu !== null} onClose={close}>
          <MenuItem onClick={run(onEdit)}>
            <ListItemIcon>
              <EditIcon fontSize="small" />
            </ListItemIcon>
            {t('common.edit')}
          </MenuItem>
          <MenuItem onClick={run(() => onLink('followUp'))}>
            <ListItemIcon>
              <TaskIcon fontSize="small" />
            </ListItemIcon>
            {t('trips.itinerary.newFollowUp')}
          </MenuItem>
          <MenuItem onClick={run(() => onLink('agreement'))}>
            <ListItemIcon>
              <HandshakeIcon fontSize="small" />
            </ListItemIcon>
            {t('trips.itinerary.newAgreement')}
          </MenuItem>
          <MenuItem onClick={run(() => onLink('alumniGroup'))}>
            <ListItemIcon>
              <GroupsIcon fontSize="small" />
            </ListItemIcon>
            {t('trips.itinerary.newAlumniGroup')}
          </MenuItem>
          <MenuItem onClick={run(onDelete)}>
            <ListItemIcon>
              <DeleteIcon fontSize="small" />
            </ListItemIcon>
            {t('common.delete')}
          </MenuItem>
        </Menu>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', columnGap: 1.5, rowGap: 0.5, alignItems: 'start' }}>
        {a.organizationIds.length > 0 && (
          <Line label={isForum ? t('trips.itinerary.organizationsForum') : t('trips.itinerary.organizations')} testId="activity-orgs">
            {a.organizationIds.map((id) => nameOf('organizations', id)).join(t('common.listSep'))}
          </Line>
        )}
        {a.contactIds.length > 0 && (
          <Line label={isForum ? t('trips.activity.participants') : t('fields.contactIds')} testId="activity-people">
            {a.contactIds.map((id, i) => {
              const c = data.contacts.get(id)
              const badge = alumniBadge(t, c?.alumni)
              return (
                <span key={id}>
                  {c?.name ?? '…'}
                  {c?.position ? t('trips.itinerary.positionParen', { position: c.position }) : ''}
                  {badge && <Chip size="small" color="secondary" variant="outlined" label={badge} sx={{ height: 20, ml: 0.5, verticalAlign: 'text-bottom' }} data-testid="alumni-chip" />}
                  {i < a.contactIds.length - 1 ? t('common.listSep') : ''}
                </span>
              )
            })}
          </Line>
        )}
        {a.topics && <Line label={t('trips.fields.topics')}>{a.topics}</Line>}
        {a.outcomes && <Line label={t('trips.fields.outcomes')}>{a.outcomes}</Line>}
        {a.consensus && (
          <Line label={t('trips.fields.consensus')} testId="activity-consensus">
            {a.consensus}
          </Line>
        )}
        {(a.positionsOffered !== null || a.jobTitles.length > 0) && (
          <Line label={t('trips.fields.positionsOffered')}>
            {[a.positionsOffered !== null ? t('trips.itinerary.positions', { count: a.positionsOffered }) : '', a.jobTitles.join(t('common.listSep'))]
              .filter(Boolean)
              .join(' · ')}
          </Line>
        )}
        {a.majorsWanted.length > 0 && <Line label={t('trips.fields.majorsWanted')}>{a.majorsWanted.join(t('common.listSep'))}</Line>}
        {a.intentions.length > 0 && (
          <Line label={t('trips.fields.intentions')}>
            <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 0.5 }}>
              {a.intentions.map((i) => (
                <Chip key={i} size="small" variant="outlined" label={enumText(t, 'cooperationCategory', i)} sx={{ height: 20 }} />
              ))}
            </Box>
          </Line>
        )}
        {(agreements.length > 0 || groups.length > 0 || followUps.length > 0) && (
          <Box sx={{ gridColumn: '1 / -1', display: 'flex', flexWrap: 'wrap', gap: 0.5, pt: 0.5 }} data-testid="activity-links">
            {agreements.map((x) => (
              <Chip key={x.id} size="small" icon={<HandshakeIcon />} color="success" variant="outlined" label={x.title} title={`${x.title} · ${enumText(t, 'agreementKind', x.kind)}`} sx={{ maxWidth: '100%' }} />
            ))}
            {groups.map((x) => (
              <Chip key={x.id} size="small" icon={<GroupsIcon />} color="secondary" variant="outlined" label={x.name} title={`${x.name} · ${enumText(t, 'alumniGroupKind', x.kind)}`} sx={{ maxWidth: '100%' }} />
            ))}
            {followUps.map((x) => (
              <Chip key={x.id} size="small" icon={<TaskIcon />} variant="outlined" label={x.title} title={`${x.title} · ${enumText(t, 'followUpStatus', x.status)}`} sx={{ maxWidth: '100%' }} />
            ))}
          </Box>
        )}
        {(a.city || a.location) && (
          <Typography variant="caption" color="text.secondary" sx={{ gridColumn: '1 / -1', display: 'flex', alignItems: 'center', gap: 0.5 }}>
            <PlaceIcon sx={{ fontSize: 14 }} />
            {[a.city, a.location].filter(Boolean).join(' · ')}
          </Typography>
        )}
      </Box>
    </Paper>
  )
}

export function Itinerary({ data, highlight }: { data: TripData; highlight: string | null }) {
  const { t } = useTranslation()
  const { notify } = useApp()
  const { trip, activities } = data
  const [editing, setEditing] = useState<Editing | null>(null)
  const [linking, setLinking] = useState<Linking | null>(null)
  const { requestDelete, dialog } = useDeleteFlow('activities')
  const lastSlot = useRef<string | null>(null)

  const days = useMemo(() => {
    const inTrip = datesBetween(trip.startDate, trip.endDate)
    const set = new Set(inTrip)
    const extra = [...new Set(activities.map((a) => a.date))].filter((d) => !set.has(d))
    return [...inTrip.map((d, i) => ({ date: d, n: i + 1, outside: false })), ...extra.sort().map((d) => ({ date: d, n: 0, outside: true }))].sort((a, b) =>
      a.date.localeCompare(b.date),
    )
  }, [trip.startDate, trip.endDate, activities])

  const refs = useMemo<NameRef[]>(() => activities.flatMap((a) => a.organizationIds.map((id) => ({ collection: 'organizations' as const, id }))), [activities])
  const names = useNames(refs)

  const bySlot = useMemo(() => {
    const m = new Map<string, Activity[]>()
    const sorted = [...activities].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    for (const a of sorted) {
      const k = `${a.date}|${a.period}`
      m.set(k, [...(m.get(k) ?? []), a])
    }
    return m
  }, [activities])

  const startLink = (kind: Linking['kind'], activity: Activity) => setLinking((prev) => ({ kind, activity, key: (prev?.key ?? 0) + 1 }))
  const add = (date: string, period: Period) => {
    lastSlot.current = slotId(date, period)
    setEditing((prev) => ({ record: null, slot: { date, period }, key: (prev?.key ?? 0) + 1, carry: carryFrom(activities, date) }))
  }
  const edit = (a: Activity) => {
    lastSlot.current = slotId(a.date, a.period === 'allDay' ? 'morning' : a.period)
    setEditing((prev) => ({ record: a, slot: { date: a.date, period: a.period }, key: (prev?.key ?? 0) + 1, carry: null }))
  }
  const backToSlot = () => {
    const id = lastSlot.current
    if (id) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.focus())
  }

  const slotKeys = (date: string, period: Period) => (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return
    if (e.key === 'n' || e.key === 'N' || e.key === 'Enter') {
      e.preventDefault()
      add(date, period)
    }
  }

  return (
    <Stack spacing={2} data-testid="itinerary">
      {activities.length === 0 && (
        <Alert severity="info" variant="outlined" data-testid="itinerary-empty">
          {t('trips.itinerary.empty')}
        </Alert>
      )}
      {days.map(({ date, n, outside }) => {
        const allDay = bySlot.get(`${date}|allDay`) ?? []
        return (
          <Paper key={date} variant="outlined" sx={{ overflow: 'hidden' }} data-testid={`day-${date}`}>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', px: 2, py: 1, bgcolor: 'grey.100', borderBottom: 1, borderColor: 'divider' }}>
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                {date}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {weekday(date)}
              </Typography>
              {outside ? (
                <Chip size="small" color="warning" variant="outlined" label={t('trips.itinerary.outsideTrip')} />
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {t('trips.itinerary.dayN', { n })}
                </Typography>
              )}
            </Stack>
            {allDay.length > 0 && (
              <SlotRow
                label={t('enums.period.allDay')}
                testId={slotId(date, 'allDay')}
                items={allDay}
                onKeyDown={slotKeys(date, 'allDay')}
                onAdd={() => add(date, 'allDay')}
                render={(a) => (
                  <ActivityCard key={a.id} activity={a} data={data} names={names} highlighted={highlight === a.id} onEdit={() => edit(a)} onDelete={() => void requestDelete(a)} onLink={(kind) => startLink(kind, a)} />
                )}
              />
            )}
            {SLOT_PERIODS.map((p) => (
              <SlotRow
                key={p}
                label={enumText(t, 'period', p)}
                testId={slotId(date, p)}
                items={bySlot.get(`${date}|${p}`) ?? []}
                onKeyDown={slotKeys(date, p)}
                onAdd={() => add(date, p)}
                render={(a) => (
                  <ActivityCard key={a.id} activity={a} data={data} names={names} highlighted={highlight === a.id} onEdit={() => edit(a)} onDelete={() => void requestDelete(a)} onLink={(kind) => startLink(kind, a)} />
                )}
              />
            ))}
          </Paper>
        )
      })}
      {editing && (
        <ActivityDialog
          key={editing.key}
          trip={trip}
          record={editing.record}
          slot={editing.slot}
          carry={editing.carry}
          onClose={() => {
            setEditing(null)
            backToSlot()
          }}
          onSaved={(saved, created) => {
            setEditing(null)
            notify({ message: t(created ? 'trips.activity.created' : 'trips.activity.saved', { name: saved.title }) })
            backToSlot()
          }}
        />
      )}
      {linking?.kind === 'followUp' && (
        <FollowUpFromTripDialog
          key={linking.key}
          trip={trip}
          activity={linking.activity}
          onClose={() => setLinking(null)}
          onSaved={(f) => {
            setLinking(null)
            notify({ message: t('trips.linked.created', { name: f.title }) })
          }}
        />
      )}
      {linking?.kind === 'agreement' && (
        <AgreementFromItemDialog
          key={linking.key}
          activity={linking.activity}
          onClose={() => setLinking(null)}
          onSaved={(a) => {
            setLinking(null)
            notify({ message: t('trips.linked.created', { name: a.title }) })
          }}
        />
      )}
      {linking?.kind === 'alumniGroup' && (
        <AlumniGroupFromItemDialog
          key={linking.key}
          activity={linking.activity}
          onClose={() => setLinking(null)}
          onSaved={(g) => {
            setLinking(null)
            notify({ message: t('trips.linked.created', { name: g.name }) })
          }}
        />
      )}
      {dialog}
    </Stack>
  )
}

interface SlotProps {
  label: string
  testId: string
  items: Activity[]
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void
  onAdd: () => void
  render: (a: Activity) => React.ReactNode
}

function SlotRow({ label, testId, items, onKeyDown, onAdd, render }: SlotProps) {
  const { t } = useTranslation()
  return (
    <Box
      tabIndex={0}
      role="group"
      aria-label={t('trips.itinerary.slotLabel', { slot: label })}
      data-testid={testId}
      onKeyDown={onKeyDown}
      sx={{
        display: 'grid',
        gridTemplateColumns: '92px minmax(0, 1fr)',
        borderBottom: 1,
        borderColor: 'divider',
        '&:last-of-type': { borderBottom: 0 },
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
        '&:focus-within .slot-add, &:hover .slot-add': { opacity: 1 },
      }}
    >
      <Box sx={{ px: 1.25, py: 1.25, borderRight: 1, borderColor: 'divider', bgcolor: 'grey.50' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {label}
        </Typography>
      </Box>
      <Box sx={{ p: 1, minWidth: 0 }}>
        {items.length > 0 && <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 1, mb: 0.5, alignItems: 'start' }}>{items.map(render)}</Box>}
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button size="small" startIcon={<AddIcon />} onClick={onAdd} className="slot-add" sx={{ opacity: items.length > 0 ? 0.6 : 1 }} tabIndex={-1}>
            {t('trips.itinerary.add')}
          </Button>
          {items.length === 0 && (
            <Typography variant="caption" color="text.disabled">
              {t('trips.itinerary.slotHint')}
            </Typography>
          )}
        </Stack>
      </Box>
    </Box>
  )
}
