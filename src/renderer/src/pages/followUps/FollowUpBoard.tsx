// The follow-ups board: one column per status, each a server-side page of its own
// (so a long backlog never loads whole); a card moves with its buttons or its menu.
import { useEffect, useMemo, useRef, useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import ButtonBase from '@mui/material/ButtonBase'
import Chip from '@mui/material/Chip'
import Divider from '@mui/material/Divider'
import IconButton from '@mui/material/IconButton'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import ArrowBackIcon from '@mui/icons-material/ArrowBack'
import ArrowForwardIcon from '@mui/icons-material/ArrowForward'
import CheckIcon from '@mui/icons-material/Check'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import EditIcon from '@mui/icons-material/EditOutlined'
import EventIcon from '@mui/icons-material/EventOutlined'
import MoreIcon from '@mui/icons-material/MoreVert'
import NotesIcon from '@mui/icons-material/NotesOutlined'
import { useTranslation } from 'react-i18next'
import type { FollowUp } from '../../../../shared/domain/followUps'
import { followUpStatus } from '../../../../shared/enums'
import { listRecords } from '../../api'
import { isOverdue } from '../../../../shared/days'
import { enumText } from '../../i18n'
import { nameKey, useNames } from '../../names'
import type { NameMap, NameRef } from '../../names'
import { useApp, useErrorText } from '../../state'
import { OverdueChip } from './OverdueChip'

export type Status = FollowUp['status']
export const STATUSES = followUpStatus.values
const PAGE = 50

const STATUS_COLOR: Record<Status, string> = {
  open: 'warning.main',
  inProgress: 'primary.main',
  done: 'success.main',
  dropped: 'text.disabled',
}

/** The card to put the keyboard focus on once it shows in its new column. */
export interface BoardFocus {
  id: string
  status: Status
}

export interface BoardActions {
  onOpen: (r: FollowUp) => void
  onMove: (r: FollowUp, to: Status) => void
  onDelete: (r: FollowUp) => void
}

interface CardProps extends BoardActions {
  record: FollowUp
  names: NameMap
  focus: boolean
  onFocused: () => void
}

function FollowUpCard({ record: r, names, focus, onFocused, onOpen, onMove, onDelete }: CardProps) {
  const { t } = useTranslation()
  const [menu, setMenu] = useState<HTMLElement | null>(null)
  const titleRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (focus) {
      titleRef.current?.focus()
      onFocused()
    }
  }, [focus, onFocused])
  const i = STATUSES.indexOf(r.status)
  const prev = i > 0 ? STATUSES[i - 1] : null
  const next = i < STATUSES.length - 1 ? STATUSES[i + 1] : null
  const owner = r.ownerId ? (names.get(nameKey('staff', r.ownerId)) ?? '') : ''
  const org = r.organizationId ? (names.get(nameKey('organizations', r.organizationId)) ?? '') : ''
  const who = [owner, org].filter(Boolean).join(' · ')
  const overdue = isOverdue(r.dueDate, r.status)
  const moveLabel = (s: Status) => t('registers.followUps.moveTo', { status: enumText(t, 'followUpStatus', s) })
  const last = r.log.length > 0 ? r.log.reduce((a, b) => (b.date >= a.date ? b : a)) : null

  return (
    <Paper
      variant="outlined"
      component="article"
      aria-label={r.title}
      data-testid="board-card"
      data-id={r.id}
      sx={{ p: 1.25, borderLeft: 4, borderLeftColor: overdue ? 'error.main' : STATUS_COLOR[r.status] }}
    >
      <ButtonBase
        ref={titleRef}
        onClick={() => onOpen(r)}
        title={r.title}
        sx={{ display: 'block', textAlign: 'left', width: '100%', borderRadius: 0.5, '&.Mui-focusVisible': { outline: 2, outlineColor: 'primary.main' } }}
      >
        <Typography variant="body2" sx={{ fontWeight: 600, display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
          {r.title}
        </Typography>
      </ButtonBase>
      <Stack direction="row" spacing={0.5} sx={{ mt: 0.75, flexWrap: 'wrap', rowGap: 0.5, alignItems: 'center' }}>
        <Chip size="small" variant="outlined" label={enumText(t, 'cooperationCategory', r.category)} />
        {r.dueDate && (
          <Chip size="small" variant="outlined" icon={<EventIcon />} label={r.dueDate} color={overdue ? 'error' : 'default'} title={t('fields.dueDate')} />
        )}
        <OverdueChip dueDate={r.dueDate} status={r.status} />
      </Stack>
      {who && (
        <Typography variant="caption" color="text.secondary" component="div" noWrap title={who} sx={{ mt: 0.5 }}>
          {who}
        </Typography>
      )}
      {last && (
        <Typography variant="caption" color="text.secondary" component="div" noWrap title={`${last.date} ${last.text}`} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <NotesIcon sx={{ fontSize: 14 }} />
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {last.date} {last.text}
          </span>
        </Typography>
      )}
      <Stack direction="row" sx={{ mt: 0.5, alignItems: 'center' }}>
        <IconButton size="small" disabled={!prev} onClick={() => prev && onMove(r, prev)} aria-label={prev ? moveLabel(prev) : undefined} title={prev ? moveLabel(prev) : undefined} data-testid="move-prev">
          <ArrowBackIcon fontSize="small" />
        </IconButton>
        <IconButton size="small" disabled={!next} onClick={() => next && onMove(r, next)} aria-label={next ? moveLabel(next) : undefined} title={next ? moveLabel(next) : undefined} data-testid="move-next">
          <ArrowForwardIcon fontSize="small" />
        </IconButton>
        <Box sx={{ flex: 1 }} />
        <IconButton
          size="small"
          onClick={(e) => setMenu(e.currentTarget)}
          aria-label={t('registers.followUps.cardMenu')}
          title={t('registers.followUps.cardMenu')}
          aria-haspopup="menu"
          aria-expanded={menu ? 'true' : undefined}
          data-testid="card-menu"
        >
          <MoreIcon fontSize="small" />
        </IconButton>
      </Stack>
      <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
        {STATUSES.map((s) => (
          <MenuItem
            key={s}
            disabled={s === r.status}
            onClick={() => {
              setMenu(null)
              onMove(r, s)
            }}
          >
            <ListItemIcon>{s === r.status ? <CheckIcon fontSize="small" /> : null}</ListItemIcon>
            <ListItemText>{moveLabel(s)}</ListItemText>
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          onClick={() => {
            setMenu(null)
            onOpen(r)
          }}
        >
          <ListItemIcon>
            <EditIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('registers.followUps.editAddNote')}</ListItemText>
        </MenuItem>
        <MenuItem
          onClick={() => {
            setMenu(null)
            onDelete(r)
          }}
        >
          <ListItemIcon>
            <DeleteIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('common.delete')}</ListItemText>
        </MenuItem>
      </Menu>
    </Paper>
  )
}

interface ColumnProps extends BoardActions {
  status: Status
  filter: Record<string, unknown>
  search: string
  focus: BoardFocus | null
  onFocused: () => void
  onTotal: (status: Status, total: number) => void
}

interface Loaded {
  key: string
  items: FollowUp[]
  total: number
  error: string | null
}

function BoardColumn({ status, filter, search, focus, onFocused, onTotal, ...actions }: ColumnProps) {
  const { t } = useTranslation()
  const { dataVersion } = useApp()
  const errorText = useErrorText()
  const [limit, setLimit] = useState(PAGE)
  const query = useMemo(
    () => ({ search, limit, sort: { field: 'dueDate', dir: 'asc' as const }, filter: { ...filter, status } }),
    [search, limit, filter, status],
  )
  const key = `${dataVersion}|${JSON.stringify(query)}`
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  useEffect(() => {
    let live = true
    listRecords('followUps', query).then(
      (page) => {
        if (!live) return
        setLoaded({ key, items: page.items, total: page.total, error: null })
        onTotal(status, page.total)
      },
      (e: unknown) => live && setLoaded((p) => ({ key, items: p?.items ?? [], total: p?.total ?? 0, error: errorText(e) })),
    )
    return () => {
      live = false
    }
  }, [key, query, status, onTotal, errorText])
  const items = useMemo(() => loaded?.items ?? [], [loaded])
  const refs = useMemo<NameRef[]>(
    () =>
      items.flatMap((r) => [
        ...(r.ownerId ? [{ collection: 'staff' as const, id: r.ownerId }] : []),
        ...(r.organizationId ? [{ collection: 'organizations' as const, id: r.organizationId }] : []),
      ]),
    [items],
  )
  const names = useNames(refs)
  const label = enumText(t, 'followUpStatus', status)
  const headingId = `board-col-${status}`

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      data-testid={`board-column-${status}`}
      sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, bgcolor: 'grey.50', borderTop: 3, borderTopColor: STATUS_COLOR[status] }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 1.5, py: 1 }}>
        <Typography id={headingId} variant="subtitle2" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
          {label}
        </Typography>
        <Chip size="small" label={loaded ? loaded.total : '…'} aria-label={t('registers.followUps.count', { count: loaded?.total ?? 0 })} data-testid="column-count" />
      </Stack>
      <Stack spacing={1} sx={{ px: 1, pb: 1, overflowY: 'auto', flex: 1, minHeight: 0 }}>
        {loaded?.error && (
          <Typography variant="body2" color="error">
            {t('common.loadFailed', { message: loaded.error })}
          </Typography>
        )}
        {loaded && items.length === 0 && !loaded.error && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 0.5, py: 2, textAlign: 'center' }}>
            {t('registers.followUps.columnEmpty')}
          </Typography>
        )}
        {items.map((r) => (
          <FollowUpCard key={r.id} record={r} names={names} focus={focus?.id === r.id && focus.status === r.status} onFocused={onFocused} {...actions} />
        ))}
        {loaded && loaded.total > items.length && (
          <Button size="small" onClick={() => setLimit((l) => Math.min(500, l + PAGE))} disabled={limit >= 500}>
            {t('registers.followUps.showMore', { count: loaded.total - items.length })}
          </Button>
        )}
      </Stack>
    </Paper>
  )
}

export function FollowUpBoard(props: BoardActions & { filter: Record<string, unknown>; search: string; focus: BoardFocus | null; onFocused: () => void; onTotals: (totals: Partial<Record<Status, number>>) => void }) {
  const { filter, search, focus, onFocused, onTotals, ...actions } = props
  const totals = useRef<Partial<Record<Status, number>>>({})
  const onTotal = useMemo(
    () => (s: Status, n: number) => {
      totals.current = { ...totals.current, [s]: n }
      onTotals(totals.current)
    },
    [onTotals],
  )
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 1.5, flex: 1, minHeight: 0 }} data-testid="follow-up-board">
      {STATUSES.map((s) => (
        <BoardColumn key={s} status={s} filter={filter} search={search} focus={focus} onFocused={onFocused} onTotal={onTotal} {...actions} />
      ))}
    </Box>
  )
}
