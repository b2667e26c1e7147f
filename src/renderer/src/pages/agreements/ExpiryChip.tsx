import Chip from '@mui/material/Chip'
import WarningIcon from '@mui/icons-material/WarningAmber'
import ErrorIcon from '@mui/icons-material/ErrorOutlined'
import { useTranslation } from 'react-i18next'
import { daysBetween, expiryOf, todayIso } from '../../../../shared/days'

/** "Expired" / "Expires in 30 days" for an agreement's end date; nothing when it is far off or open-ended. */
export function ExpiryChip({ endDate, status, size = 'small' }: { endDate: string | null; status: string; size?: 'small' | 'medium' }) {
  const { t } = useTranslation()
  const today = todayIso()
  const state = expiryOf(endDate, status, today)
  if (state === 'expired') {
    return <Chip size={size} color="error" icon={<ErrorIcon />} label={t('registers.agreements.expired')} data-testid="expiry-flag" data-state="expired" />
  }
  if (state === 'expiring' && endDate) {
    const days = daysBetween(today, endDate)
    return (
      <Chip
        size={size}
        color="warning"
        icon={<WarningIcon />}
        label={days === 0 ? t('registers.agreements.expiresToday') : t('registers.agreements.expiresIn', { count: days })}
        data-testid="expiry-flag"
        data-state="expiring"
      />
    )
  }
  return null
}
