import { useState } from 'react'
import Box from '@mui/material/Box'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { ImportWizard } from './useImportWizard'

/** Which sheets to import (several at once, each with its class year) and where each one's header row is. */
export function SheetStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation()
  const opened = w.opened
  const [active, setActive] = useState<string>(opened?.sheets[0]?.name ?? '')
  if (!opened) return null
  const sheet = opened.sheets.find((s) => s.name === active) ?? opened.sheets[0]
  const choice = w.sheets[sheet.name]
  const update = (name: string, patch: Partial<(typeof w.sheets)[string]>) => w.setSheets((all) => ({ ...all, [name]: { ...all[name], ...patch } }))
  const width = Math.min(12, Math.max(1, ...sheet.preview.map((r) => r.length)))

  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ minHeight: 0 }}>
      <Stack spacing={1} sx={{ minWidth: 240 }}>
        {opened.sheets.map((s) => (
          <Box key={s.name} data-testid={`sheet-box-${s.name}`} sx={{ p: 1, borderRadius: 1, bgcolor: s.name === sheet.name ? 'action.selected' : undefined }} onClick={() => setActive(s.name)}>
            <FormControlLabel
              control={<Checkbox checked={w.sheets[s.name]?.selected ?? false} onChange={(e) => update(s.name, { selected: e.target.checked })} slotProps={{ input: { 'data-testid': `sheet-${s.name}` } as object }} />}
              label={`${s.name} · ${t('imports.rows', { count: s.rows })}`}
            />
            {w.target === 'contacts' && (
              <TextField
                size="small"
                type="number"
                label={t('imports.classYear')}
                helperText={s.classYearFrom === 'name' ? t('imports.classYearHint') : s.classYearFrom === 'title' ? t('imports.classYearFromTitle') : undefined}
                value={w.sheets[s.name]?.classYear ?? ''}
                onChange={(e) => update(s.name, { classYear: e.target.value === '' ? null : Number(e.target.value) })}
                sx={{ width: 160, ml: 4 }}
              />
            )}
          </Box>
        ))}
      </Stack>
      <Box sx={{ flex: 1, minWidth: 0, overflow: 'auto', maxHeight: 480 }}>
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="header-row-text">
          {t('imports.headerRow', { row: (choice?.headerRow ?? 0) + 1 })}
        </Typography>
        <Table size="small" sx={{ '& td': { whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' } }}>
          <TableBody>
            {sheet.preview.map((row, r) => (
              <TableRow
                key={r}
                hover
                selected={r === choice?.headerRow}
                onClick={() => update(sheet.name, { headerRow: r })}
                sx={{ cursor: 'pointer', '&.Mui-selected td': { fontWeight: 700 } }}
                data-testid={`preview-row-${r}`}
              >
                <TableCell sx={{ color: 'text.secondary', width: 40 }}>{r + 1}</TableCell>
                {Array.from({ length: width }, (_, c) => (
                  <TableCell key={c}>{row[c] === null || row[c] === undefined ? '' : String(row[c])}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Stack>
  )
}
