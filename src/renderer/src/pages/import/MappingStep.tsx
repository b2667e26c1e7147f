import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Chip from '@mui/material/Chip'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import type { ColumnUseName, PlanColumn } from '../../../../shared/import'
import { useErrorText } from '../../state'
import type { ImportWizard, Mode } from './useImportWizard'

const USES: Record<'contacts' | 'organizations' | 'staff', ColumnUseName[]> = {
  contacts: ['id', 'name', 'organization', 'position', 'orgAndPosition', 'orgKind', 'orgIndustry', 'orgCity', 'orgAddress', 'orgWebsite', 'orgCreditCode', 'phone', 'email', 'wechat', 'city', 'classYear', 'degree', 'major', 'notes', 'tags'],
  organizations: ['id', 'name', 'kind', 'industry', 'city', 'province', 'address', 'website', 'creditCode', 'aliases', 'notes', 'tags'],
  staff: ['id', 'name', 'title', 'department', 'phone', 'notes', 'tags'],
}

/** Each header's use, as the dictionary or the last import with the same headers suggests; the user changes any of them. */
export function MappingStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation()
  const { preview } = w
  const errorText = useErrorText()
  const [columns, setColumns] = useState<PlanColumn[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    preview({ offset: 0, limit: 1, onlyProblems: false }).then(
      (p) => live && setColumns(p.columns.filter((c, i, all) => all.findIndex((x) => x.label === c.label) === i)),
      (e: unknown) => live && setError(errorText(e)),
    )
    return () => {
      live = false
    }
  }, [preview, errorText])
  const uses = [...USES[w.target], 'keepInNotes', 'ignore'] as ColumnUseName[]
  // Without a name column every row is "no name": say so here, where it is put right, not on each row.
  const noName = columns.length > 0 && !columns.some((c) => (w.mapping[c.label] ?? c.use) === 'name')
  return (
    <Stack spacing={2}>
      {error && <Alert severity="error">{error}</Alert>}
      {noName && (
        <Alert severity="warning" data-testid="mapping-no-name">
          {t('imports.noNameColumn')}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField select size="small" label={t('imports.mode')} value={w.mode} onChange={(e) => w.setMode(e.target.value as Mode)} sx={{ width: 240 }}>
          {(['create', 'createUpdate', 'update'] as const).map((m) => (
            <MenuItem key={m} value={m}>
              {t(`imports.modes.${m}`)}
            </MenuItem>
          ))}
        </TextField>
        <Alert severity="info" sx={{ flex: 1 }}>
          {t('imports.modeHint')}
        </Alert>
      </Stack>
      <Table size="small" sx={{ maxWidth: 760 }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('imports.column')}</TableCell>
            <TableCell>{t('imports.header')}</TableCell>
            <TableCell>{t('imports.use')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {columns.map((c) => {
            const use = w.mapping[c.label] ?? c.use
            return (
              <TableRow key={c.label}>
                <TableCell>{c.letter}</TableCell>
                <TableCell>{c.label || '—'}</TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    value={use}
                    onChange={(e) => w.setMapping((m) => ({ ...m, [c.label]: e.target.value as ColumnUseName }))}
                    sx={{ width: 240 }}
                    slotProps={{ htmlInput: { 'data-testid': `map-${c.label}` } }}
                  >
                    {uses.map((u) => (
                      <MenuItem key={u} value={u}>
                        {t(`imports.uses.${u}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" label={t(`imports.source.${w.mapping[c.label] !== undefined ? 'user' : c.source}`)} />
                </TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </Stack>
  )
}
