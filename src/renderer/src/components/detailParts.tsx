// Pieces of the detail pages (a contact, an organisation): a card of labelled values
// and a titled section around a related-records list.
import type { ReactNode } from 'react'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'

/** Labelled values in a responsive grid; empty values show a dash. */
export function InfoGrid({ items, testId }: { items: ReadonlyArray<{ label: string; value: ReactNode; wide?: boolean }>; testId?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid={testId}>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 3, rowGap: 1.5 }}>
        {items.map(({ label, value, wide }) => (
          <Box key={label} sx={{ minWidth: 0, gridColumn: wide ? '1 / -1' : undefined }}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {value === '' || value === null || value === undefined ? '—' : value}
            </Typography>
          </Box>
        ))}
      </Box>
    </Paper>
  )
}

/** A titled block whose body (usually a RegisterList) fills the height it is given. */
export function Section({ title, actions, children, minHeight = 360, testId }: { title: string; actions?: ReactNode; children: ReactNode; minHeight?: number; testId?: string }) {
  return (
    <Stack spacing={1} sx={{ minHeight, flex: 1, display: 'flex', flexDirection: 'column' }} data-testid={testId}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1, fontWeight: 600 }}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Stack>
  )
}
