import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Step from '@mui/material/Step'
import StepButton from '@mui/material/StepButton'
import Stepper from '@mui/material/Stepper'
import Tooltip from '@mui/material/Tooltip'
import NextIcon from '@mui/icons-material/ArrowForward'
import { useTranslation } from 'react-i18next'
import type { AlumniGroup } from '../../../../shared/domain/alumniGroups'
import { alumniGroupStatus } from '../../../../shared/enums'
import { enumText } from '../../i18n'

export type GroupStatus = AlumniGroup['status']
export const STEPS = alumniGroupStatus.values

/** The step after `s`, or null at the last one. */
export function nextStatus(s: GroupStatus): GroupStatus | null {
  const i = STEPS.indexOf(s)
  return i >= 0 && i < STEPS.length - 1 ? STEPS[i + 1] : null
}

/** proposed → preparing → established → registered, as steps; a step can be chosen, or the next one reached with “Advance”. */
export function StatusSteps({ value, onChange }: { value: GroupStatus; onChange: (s: GroupStatus) => void }) {
  const { t } = useTranslation()
  const active = STEPS.indexOf(value)
  const next = nextStatus(value)
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }} data-testid="status-steps">
      <Stepper nonLinear activeStep={active} alternativeLabel sx={{ flex: 1 }} aria-label={t('fields.status')}>
        {STEPS.map((s, i) => (
          <Step key={s} completed={i < active}>
            <StepButton onClick={() => onChange(s)}>
              {enumText(t, 'alumniGroupStatus', s)}
            </StepButton>
          </Step>
        ))}
      </Stepper>
      <Tooltip title={next ? t('registers.alumniGroups.advanceTo', { status: enumText(t, 'alumniGroupStatus', next) }) : t('registers.alumniGroups.lastStep')}>
        <span>
          <Button variant="outlined" endIcon={<NextIcon />} disabled={!next} onClick={() => next && onChange(next)} data-testid="advance-status">
            {t('registers.alumniGroups.advance')}
          </Button>
        </span>
      </Tooltip>
    </Box>
  )
}

/** A compact read-only progress for a list cell: four dots and the label. */
export function StatusDots({ value }: { value: GroupStatus }) {
  const { t } = useTranslation()
  const active = STEPS.indexOf(value)
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, maxWidth: '100%' }}>
      {STEPS.map((s, i) => (
        <Box
          key={s}
          component="span"
          aria-hidden
          sx={{ flexShrink: 0, width: 8, height: 8, borderRadius: '50%', bgcolor: i <= active ? 'primary.main' : 'action.disabled', display: 'inline-block' }}
        />
      ))}
      <Box component="span" sx={{ ml: 0.75, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {enumText(t, 'alumniGroupStatus', value)}
      </Box>
    </Box>
  )
}
