import { useEffect, useMemo, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Select from '@mui/material/Select'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import Typography from '@mui/material/Typography'
import DownloadIcon from '@mui/icons-material/DownloadOutlined'
import { DataGrid } from '@mui/x-data-grid'
import type { GridColDef, GridPaginationModel } from '@mui/x-data-grid'
import { useTranslation } from 'react-i18next'
import { problemAt } from '../../../../shared/import'
import type { ImportPreview, PlanRow, RowAction } from '../../../../shared/import'
import { call } from '../../api'
import { useErrorText } from '../../state'
import { cancelledByUser } from './useImportWizard'
import type { ImportWizard } from './useImportWizard'
import { problemText } from './problemText'

const ACTION_COLOR: Record<RowAction, 'default' | 'success' | 'info' | 'warning' | 'error'> = {
  create: 'success', update: 'info', unchanged: 'default', duplicate: 'warning', conflict: 'warning', error: 'error', skip: 'default',
}

function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The dry run: counts, every row with its action, problems on their cells, corrections in place. */
export function PreviewStep({ w }: { w: ImportWizard }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { preview, plan } = w
  const [paging, setPaging] = useState<GridPaginationModel>({ page: 0, pageSize: 50 })
  const [onlyProblems, setOnlyProblems] = useState(false)
  const [data, setData] = useState<ImportPreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  // The request the grid shows; it is loading until the answer to this very request arrived.
  const request = useMemo(() => ({ preview, offset: paging.page * paging.pageSize, limit: paging.pageSize, onlyProblems }), [preview, paging, onlyProblems])
  const [answered, setAnswered] = useState<unknown>(null)
  const loading = answered !== request

  useEffect(() => {
    let live = true
    request
      .preview({ offset: request.offset, limit: request.limit, onlyProblems: request.onlyProblems })
      .then((p) => live && (setData(p), setError(null)), (e: unknown) => live && setError(cancelledByUser(e) ? t('imports.progress.cancelled') : errorText(e)))
      .finally(() => live && setAnswered(request))
    return () => {
      live = false
    }
  }, [request, errorText, t])

  const labels = useMemo(() => [...new Set((data?.columns ?? []).filter((c) => c.use !== 'ignore').map((c) => c.label))], [data])
  const columns = useMemo<GridColDef<PlanRow>[]>(() => {
    const problemOf = (r: PlanRow, label: string) => r.problems.filter((p) => p.column === label)
    return [
      { field: 'row', headerName: t('imports.rowNo'), width: 70, valueGetter: (_v, r) => (data && data.sheets.length > 1 ? `${r.sheet}!${r.row}` : r.row) },
      {
        field: 'action',
        headerName: t('imports.action'),
        width: 150,
        renderCell: ({ row }) =>
          row.action === 'duplicate' || w.decisions[row.key] !== undefined ? (
            <Select
              size="small"
              variant="standard"
              value={w.decisions[row.key] ?? 'skip'}
              onChange={(e) => w.setDecisions((d) => ({ ...d, [row.key]: e.target.value as 'create' | 'update' | 'skip' }))}
              data-testid={`decide-${row.key}`}
            >
              {(['skip', 'create', 'update'] as const).map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`imports.decide.${k}`)}
                </MenuItem>
              ))}
            </Select>
          ) : (
            <Chip size="small" color={ACTION_COLOR[row.action]} label={t(`imports.actions.${row.action}`)} />
          ),
      },
      { field: 'targetName', headerName: t('imports.match'), width: 150, valueGetter: (_v, r) => (r.targetName ? `${r.targetName} (${r.matchedBy})` : '') },
      {
        field: 'problems',
        headerName: t('imports.problems'),
        width: 320,
        valueGetter: (_v, r) =>
          [
            ...r.problems.map((p) => problemAt(p, problemText(p))),
            ...r.conflicts.map((c) => t('imports.conflictText', { field: t(`imports.uses.${c.field}` as never), sheet: c.sheet, current: c.current })),
          ].join('；'),
        // Long problems are cut at the column's edge: the whole text on hover.
        renderCell: ({ value }) => <span title={String(value ?? '')}>{String(value ?? '')}</span>,
      },
      ...labels.map<GridColDef<PlanRow>>((label) => ({
        field: `c:${label}`,
        headerName: label,
        minWidth: 110,
        flex: 1,
        editable: true,
        valueGetter: (_v, r) => r.cells[label] ?? '',
        valueSetter: (value, r) => ({ ...r, cells: { ...r.cells, [label]: String(value ?? '') } }),
        cellClassName: ({ row }) => {
          const p = problemOf(row, label)
          return p.some((x) => x.level === 'error') ? 'cell-error' : p.length > 0 ? 'cell-warning' : ''
        },
        renderCell: ({ row, value }) => {
          const p = problemOf(row, label)
          return <span title={p.map(problemText).join('\n')}>{String(value ?? '')}</span>
        },
      })),
    ]
  }, [t, labels, data, w])

  return (
    <Stack spacing={1.5} sx={{ flex: 1, minHeight: 0 }}>
      {error && <Alert severity="error">{error}</Alert>}
      {data && (
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }} data-testid="import-counts">
          {(Object.keys(data.counts) as Array<keyof ImportPreview['counts']>).map((k) => (
            <Chip key={k} size="small" color={ACTION_COLOR[k]} variant={data.counts[k] > 0 ? 'filled' : 'outlined'} label={t(`imports.counts.${k}`, { n: data.counts[k] })} />
          ))}
          <Box sx={{ flex: 1 }} />
          <FormControlLabel
            control={<Switch checked={onlyProblems} onChange={(e) => (setOnlyProblems(e.target.checked), setPaging((p) => ({ ...p, page: 0 })))} slotProps={{ input: { 'data-testid': 'only-problems' } as object }} />}
            label={t('imports.onlyProblems')}
          />
          <Button
            size="small"
            startIcon={<DownloadIcon />}
            disabled={!plan || data.counts.error === 0}
            onClick={() => plan && void call('import.errorRows', plan).then((f) => download(f.fileName, f.data), (e: unknown) => setError(errorText(e)))}
          >
            {t('imports.downloadErrors')}
          </Button>
        </Stack>
      )}
      {data && data.newOrganizations.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('imports.newOrganizations', { count: data.newOrganizations.length, names: data.newOrganizations.slice(0, 8).join(t('common.listSep')) + (data.newOrganizations.length > 8 ? '…' : '') })}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">
        {t('imports.editHint')}
      </Typography>
      <Box sx={{ flex: 1, minHeight: 360 }}>
        <DataGrid
          rows={data?.rows ?? []}
          getRowId={(r) => r.key}
          columns={columns}
          loading={loading}
          rowCount={data?.total ?? 0}
          paginationMode="server"
          pageSizeOptions={[25, 50, 100]}
          paginationModel={paging}
          onPaginationModelChange={setPaging}
          disableColumnMenu
          disableRowSelectionOnClick
          density="compact"
          processRowUpdate={(next, prev) => {
            for (const label of labels) if (next.cells[label] !== prev.cells[label]) w.correct(prev.sheet, prev.row, label, next.cells[label] ?? '')
            return next
          }}
          sx={{
            bgcolor: 'background.paper',
            '& .cell-error': { bgcolor: 'rgba(211, 47, 47, 0.12)', boxShadow: 'inset 0 0 0 1px rgba(211,47,47,0.6)' },
            '& .cell-warning': { bgcolor: 'rgba(237, 108, 2, 0.10)' },
          }}
        />
      </Box>
    </Stack>
  )
}
