import { useEffect, useState } from 'react'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import type { Trip } from '../../../../shared/domain/trips'
import { call } from '../../api'
import { ExportButton } from '../../components/ExportButton'
import { formatDateRange } from '../../format'

/** The whole database or one trip, optionally sealed, saved as a package file through the export path. */
export function SendPanel() {
  const { t } = useTranslation()
  const [scope, setScope] = useState<'all' | 'trip'>('all')
  const [trips, setTrips] = useState<Trip[]>([])
  const [tripId, setTripId] = useState('')
  const [passphrase, setPassphrase] = useState('')

  useEffect(() => {
    let live = true
    call('trips.list', { sort: { field: 'startDate', dir: 'desc' }, limit: 500 }).then((p) => live && setTrips(p.items), () => undefined)
    return () => {
      live = false
    }
  }, [])

  const ready = scope === 'all' || tripId !== ''
  return (
    <Stack spacing={2}>
      <RadioGroup row value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'trip')} aria-label={t('exchange.send.scope')}>
        <FormControlLabel value="all" control={<Radio size="small" />} label={t('exchange.send.all')} data-testid="send-scope-all" />
        <FormControlLabel value="trip" control={<Radio size="small" />} label={t('exchange.send.trip')} data-testid="send-scope-trip" />
      </RadioGroup>
      {scope === 'trip' && (
        <TextField select size="small" label={t('exchange.send.pickTrip')} value={tripId} onChange={(e) => setTripId(e.target.value)} sx={{ maxWidth: 480 }} slotProps={{ htmlInput: { 'data-testid': 'send-trip' } }}>
          {trips.map((trip) => (
            <MenuItem key={trip.id} value={trip.id}>
              {trip.title} · {formatDateRange(trip.startDate, trip.endDate)}
            </MenuItem>
          ))}
        </TextField>
      )}
      <TextField
        size="small"
        type="password"
        autoComplete="new-password"
        label={t('exchange.send.passphrase')}
        helperText={t('exchange.send.passphraseHelp')}
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        sx={{ maxWidth: 480 }}
        slotProps={{ htmlInput: { 'data-testid': 'send-passphrase', maxLength: 200 } }}
      />
      <div>
        {ready && (
          <ExportButton
            name="exchange.package"
            variant="contained"
            label={t('exchange.send.button')}
            testId="send-package"
            input={() => ({ scope: scope === 'all' ? { kind: 'all' as const } : { kind: 'trip' as const, tripId }, ...(passphrase ? { passphrase } : {}) })}
          />
        )}
      </div>
    </Stack>
  )
}
