// Browser mode's reminders: what the desktop app would show as system notifications, as a banner
// above the page (it covers nothing the user works with). Dismissed, it stays away until the next local day.
import { useEffect, useState } from 'react'
import { Link as RouterLink } from 'react-router-dom'
import Box from '@mui/material/Box'
import IconButton from '@mui/material/IconButton'
import Link from '@mui/material/Link'
import Alert from '@mui/material/Alert'
import Typography from '@mui/material/Typography'
import Button from '@mui/material/Button'
import CloseIcon from '@mui/icons-material/Close'
import NotificationsActiveOutlined from '@mui/icons-material/NotificationsActiveOutlined'
import { useTranslation } from 'react-i18next'
import { todayIso } from '../../../shared/days'
import { reminderPath, reminderWording } from '../../../shared/reminders'
import type { Reminder, ReminderList } from '../../../shared/reminders'
import { call } from '../api'
import { useApp } from '../state'

const DISMISSED_KEY = 'liaison-desk-reminders-dismissed'
const PER_KIND = 5

/** Milliseconds from `now` to just after the next local midnight. */
function untilTomorrow(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1)
  return next.getTime() - now.getTime()
}

/** The local day, moving on at midnight while the page stays open (a sleeping laptop's timer fires on waking). */
function useToday(): string {
  const [today, setToday] = useState(() => todayIso())
  useEffect(() => {
    const timer = setTimeout(() => setToday(todayIso()), untilTomorrow(new Date()))
    return () => clearTimeout(timer)
  }, [today])
  return today
}

function dismissedOn(): string | null {
  try {
    return localStorage.getItem(DISMISSED_KEY)
  } catch {
    return null
  }
}

function Group({ title, items, collection }: { title: string; items: Reminder[]; collection: Reminder['collection'] }) {
  const { t } = useTranslation()
  if (items.length === 0) return null
  return (
    <Box component="section" sx={{ mt: 1 }}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {items.slice(0, PER_KIND).map((r) => {
          const { key, days } = reminderWording(r)
          return (
            <Box component="li" key={r.id} sx={{ py: 0.25 }}>
              <Link component={RouterLink} to={reminderPath(r.collection, r.id)} underline="hover" sx={{ fontWeight: 500 }}>
                {r.title}
              </Link>
              <Typography variant="body2" color={r.daysLeft < 0 ? 'error' : 'text.secondary'}>
                {[r.organizationName, t(`reminders.${key}`, { days })].filter(Boolean).join(' · ')}
              </Typography>
            </Box>
          )
        })}
      </Box>
      {items.length > PER_KIND && (
        <Link component={RouterLink} to={reminderPath(collection)} variant="body2">
          {t('reminders.showAll', { count: items.length })}
        </Link>
      )}
    </Box>
  )
}

export function RemindersPanel() {
  const { t } = useTranslation()
  const { dataVersion } = useApp()
  const today = useToday()
  const [list, setList] = useState<ReminderList | null>(null)
  const [dismissed, setDismissed] = useState<string | null>(dismissedOn)

  useEffect(() => {
    let live = true
    // A reminder that cannot be fetched is simply not shown: the registers still flag what is due.
    call('reminders.list', { today }).then(
      (r) => live && setList(r),
      () => live && setList(null),
    )
    return () => {
      live = false
    }
  }, [today, dataVersion])

  if (!list || !list.enabled || list.today !== today || dismissed === today) return null
  if (list.followUps.length === 0 && list.agreements.length === 0) return null

  const dismiss = () => {
    try {
      localStorage.setItem(DISMISSED_KEY, today)
    } catch {
      // private mode: dismissed for this page only
    }
    setDismissed(today)
  }

  return (
    <Alert
      severity="warning"
      variant="outlined"
      icon={<NotificationsActiveOutlined />}
      role="region"
      aria-label={t('reminders.panelTitle')}
      data-testid="reminders-panel"
      sx={{ mx: 3, mt: 2, bgcolor: 'background.paper', maxHeight: '40vh', overflow: 'auto', '& .MuiAlert-message': { flex: 1 } }}
      action={
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
          <Button size="small" color="inherit" onClick={dismiss} data-testid="reminders-dismiss">
            {t('reminders.dismiss')}
          </Button>
          <IconButton size="small" color="inherit" aria-label={t('reminders.dismiss')} title={t('reminders.dismiss')} onClick={dismiss}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Box>
      }
    >
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, lineHeight: 1.3 }}>
        {t('reminders.panelTitle')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 6 }}>
        <Group title={t('reminders.followUps', { count: list.followUps.length })} items={list.followUps} collection="followUps" />
        <Group title={t('reminders.agreements', { count: list.agreements.length })} items={list.agreements} collection="agreements" />
      </Box>
    </Alert>
  )
}
