// A trip whose last day has passed while its status still says "planned" or "ongoing":
// the banner on the trip page and the chip in the list offer to mark it done. The stored
// status only changes when the user clicks (see shared/tripStatus.ts for why).
import { useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useTranslation } from 'react-i18next'
import type { Trip } from '../../../../shared/domain/trips'
import { todayIso } from '../../../../shared/days'
import { endedUnconfirmed } from '../../../../shared/tripStatus'
import { call } from '../../api'
import { confirmLeave } from '../../components/leaveGuard'
import { enumText } from '../../i18n'
import { useErrorText } from '../../state'

/** Sets the status the user chose; returns an error message, or null when saved. */
function useMarkStatus(trip: Trip): { mark: (status: 'completed' | 'cancelled') => Promise<void>; busy: boolean; error: string | null } {
  const errorText = useErrorText()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const mark = async (status: 'completed' | 'cancelled') => {
    // Saving the status reloads the trip: unsaved overview edits would be lost without asking.
    if (busy || !confirmLeave()) return
    setBusy(true)
    setError(null)
    try {
      await call('trips.update', { id: trip.id, changes: { status }, expectedUpdatedAt: trip.updatedAt })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return { mark, busy, error }
}

export function TripEndedBanner({ trip }: { trip: Trip }) {
  const { t } = useTranslation()
  const ended = endedUnconfirmed(trip, todayIso())
  const { mark, busy, error } = useMarkStatus(trip)
  if (!ended) return null
  return (
    <Alert
      severity="warning"
      data-testid="trip-ended-banner"
      action={
        <Stack direction="row" spacing={1}>
          <Button color="inherit" size="small" variant="outlined" disabled={busy} onClick={() => void mark('completed')} data-testid="mark-completed">
            {t('trips.page.markCompleted')}
          </Button>
          <Button color="inherit" size="small" disabled={busy} onClick={() => void mark('cancelled')}>
            {t('trips.page.markCancelled')}
          </Button>
        </Stack>
      }
    >
      {t('trips.page.endedBanner', { date: trip.endDate, status: enumText(t, 'tripStatus', trip.status) })}
      {error && <div>{t('trips.page.markFailed', { message: error })}</div>}
    </Alert>
  )
}

/** The list's one-click "Mark completed" beside the status of a trip that has ended. */
export function MarkCompletedButton({ trip }: { trip: Trip }) {
  const { t } = useTranslation()
  const { mark, busy, error } = useMarkStatus(trip)
  return (
    <Button
      size="small"
      disabled={busy}
      title={error ? t('trips.page.markFailed', { message: error }) : undefined}
      color={error ? 'error' : 'primary'}
      sx={{ minWidth: 0, px: 0.5, whiteSpace: 'nowrap' }}
      data-testid="list-mark-completed"
      onClick={(e) => {
        // the row itself opens the trip
        e.stopPropagation()
        void mark('completed')
      }}
    >
      {t('trips.page.markCompleted')}
    </Button>
  )
}
