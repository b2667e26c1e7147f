import { Link as RouterLink } from 'react-router-dom'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { CollectionName } from '../../../../shared/collections'
import type { SystemStatus } from '../../../../shared/contract'
import { NAV_ICONS } from '../../components/navigation'

/** Count of live records per collection, and the page that lists them. */
const CARDS: ReadonlyArray<{ collection: CollectionName; to: string }> = [
  { collection: 'trips', to: '/trips' },
  { collection: 'activities', to: '/trips' },
  { collection: 'organizations', to: '/organizations' },
  { collection: 'contacts', to: '/contacts' },
  { collection: 'agreements', to: '/agreements' },
  { collection: 'alumniGroups', to: '/alumni-groups' },
  { collection: 'followUps', to: '/follow-ups' },
  { collection: 'staff', to: '/staff' },
]

/** A line of chips: every register with its number of records, each a link to it. */
export function RecordCounts({ counts }: { counts: SystemStatus['counts'] }) {
  const { t } = useTranslation()
  return (
    <Box component="section" aria-labelledby="dashboard-records-title">
      <Typography id="dashboard-records-title" variant="subtitle2" component="h2" color="text.secondary" sx={{ mb: 1 }}>
        {t('insights.dashboard.records')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }} data-testid="dashboard-counts">
        {CARDS.map(({ collection, to }) => {
          const Icon = NAV_ICONS[collection]
          return (
            <Chip
              key={collection}
              component={RouterLink}
              to={to}
              clickable
              variant="outlined"
              icon={Icon ? <Icon fontSize="small" /> : undefined}
              sx={{ bgcolor: 'background.paper', height: 34, px: 0.5 }}
              label={
                <>
                  {t(`countLabels.${collection}`)}
                  <Box component="span" sx={{ ml: 1, fontWeight: 700, fontSize: 15 }} data-testid={`count-${collection}`}>
                    {counts[collection] ?? 0}
                  </Box>
                </>
              }
            />
          )
        })}
      </Box>
    </Box>
  )
}
