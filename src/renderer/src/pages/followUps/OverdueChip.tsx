import Chip from '@mui/material/Chip'
import AlarmIcon from '@mui/icons-material/AlarmOutlined'
import { useTranslation } from 'react-i18next'
import { isOverdue } from '../../../../shared/days'

/** "Overdue" when the due date has passed and the task is still open or in progress. */
export function OverdueChip({ dueDate, status }: { dueDate: string | null; status: string }) {
  const { t } = useTranslation()
  if (!isOverdue(dueDate, status)) return null
  return <Chip size="small" color="error" icon={<AlarmIcon />} label={t('registers.followUps.overdue')} data-testid="overdue-flag" />
}
