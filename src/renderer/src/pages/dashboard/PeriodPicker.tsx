import Box from '@mui/material/Box'
import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { rangeOf, SCOPES } from './period'
import type { Period, Scope } from './period'

const SCOPE_KEYS = { year: 'wholeYear', spring: 'spring', autumn: 'autumn' } as const
const SCOPE_HELP = { year: null, spring: 'springHelp', autumn: 'autumnHelp' } as const

/** Year select, whole year / spring term / autumn term, and the dates that makes. */
export function PeriodPicker({ period, years, onChange }: { period: Period; years: number[]; onChange: (p: Period) => void }) {
  const { t } = useTranslation()
  const { from, to } = rangeOf(period)
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', justifyContent: 'flex-end' }} data-testid="dashboard-period">
      <TextField
        select
        size="small"
        label={t('insights.dashboard.year')}
        value={period.year}
        onChange={(e) => onChange({ ...period, year: Number(e.target.value) })}
        sx={{ minWidth: 110 }}
        slotProps={{ htmlInput: { 'data-testid': 'dashboard-year' } }}
      >
        {years.map((y) => (
          <MenuItem key={y} value={y}>
            {t('insights.dashboard.yearOption', { year: y })}
          </MenuItem>
        ))}
      </TextField>
      <ToggleButtonGroup
        size="small"
        exclusive
        color="primary"
        value={period.scope}
        aria-label={t('insights.dashboard.scope')}
        onChange={(_, scope: Scope | null) => scope && onChange({ ...period, scope })}
      >
        {SCOPES.map((s) => {
          const help = SCOPE_HELP[s]
          return (
            <ToggleButton key={s} value={s} title={help ? t(`insights.dashboard.${help}`) : undefined} sx={{ px: 1.5, whiteSpace: 'nowrap' }}>
              {t(`insights.dashboard.${SCOPE_KEYS[s]}`)}
            </ToggleButton>
          )
        })}
      </ToggleButtonGroup>
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap', minWidth: 190 }} data-testid="dashboard-range">
        {t('insights.dashboard.range', { from, to })}
      </Typography>
    </Box>
  )
}
