// One list for every register: server-side search, sort and paging over `<collection>.list`,
// driven by a column config. Pages add their own toolbar buttons and row actions.
import { useEffect, useMemo, useState } from 'react'
import type { ReactElement, ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import IconButton from '@mui/material/IconButton'
import InputAdornment from '@mui/material/InputAdornment'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import ClearIcon from '@mui/icons-material/Clear'
import SearchIcon from '@mui/icons-material/Search'
import { DataGrid, GridOverlay } from '@mui/x-data-grid'
import type { GridColDef, GridPaginationModel, GridSortModel, GridActionsCellItemProps } from '@mui/x-data-grid'
import { useTranslation } from 'react-i18next'
import { collections } from '../../../shared/collections'
import type { CollectionName, RecordTypes } from '../../../shared/collections'
import { listRecords } from '../api'
import type { ListInput } from '../api'
import { nameKey, useNames } from '../names'
import type { NameMap, NameRef } from '../names'
import { useApp, useErrorText } from '../state'
import { ConflictMark } from './ConflictMark'

declare module '@mui/x-data-grid' {
  interface NoRowsOverlayPropsOverrides {
    text?: string
  }
}

/** Resolves a linked id to a name, for column text. */
export type NameOf = (collection: CollectionName, id: string | null | undefined) => string

export interface RegisterColumn<C extends CollectionName> {
  /** column id; sortable on the main side when it is one of the collection's sortable fields */
  field: string
  header: string
  width?: number
  minWidth?: number
  flex?: number
  align?: 'left' | 'right' | 'center'
  /** plain text of the cell (also its tooltip) */
  text?: (row: RecordTypes[C], nameOf: NameOf) => string
  /** linked records whose names `text` uses: fetched once per id */
  links?: (row: RecordTypes[C]) => NameRef[]
  /** custom cell content (icons, chips); `text` still gives the tooltip */
  render?: (row: RecordTypes[C], nameOf: NameOf) => ReactNode
}

export interface RegisterListProps<C extends CollectionName> {
  collection: C
  columns: ReadonlyArray<RegisterColumn<C>>
  /** shown when the register is empty (no search): says what to do */
  emptyText: string
  defaultSort?: { field: string; dir: 'asc' | 'desc' }
  filter?: Record<string, unknown>
  /** buttons at the right of the toolbar (e.g. New) */
  toolbar?: ReactNode
  onRowClick?: (row: RecordTypes[C]) => void
  /** GridActionsCellItem elements for a row; deleted rows get what `deletedRowActions` gives */
  rowActions?: (row: RecordTypes[C]) => ReactElement<GridActionsCellItemProps>[]
  /** offer the "Show deleted" switch */
  allowShowDeleted?: boolean
  pageSize?: number
  /** width of the actions column (default 112: two icons) */
  actionsWidth?: number
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms)
    return () => clearTimeout(id)
  }, [value, ms])
  return v
}

function EmptyOverlay({ text }: { text?: string }) {
  return (
    <GridOverlay>
      <Typography color="text.secondary" sx={{ maxWidth: 560, textAlign: 'center', px: 2 }} data-testid="register-empty">
        {text}
      </Typography>
    </GridOverlay>
  )
}

/**
 * The width a column header needs to show whole (“Person in charge”, not “Person in ch…”) with
 * its sort arrow: a wide (CJK) character is about 14 px, a Latin one 8 px at the header's font.
 */
function headerWidth(header: string): number {
  let px = 0
  for (const ch of header) px += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 14 : 8
  return Math.ceil(px) + 48
}

function Cell({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <Box component="span" title={text} sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' }}>
      {children ?? text}
    </Box>
  )
}

interface Loaded<T> {
  key: string
  items: T[]
  total: number
  error: string | null
}

export function RegisterList<C extends CollectionName>(props: RegisterListProps<C>) {
  const { collection, columns, emptyText, defaultSort, filter, toolbar, onRowClick, rowActions, allowShowDeleted = false, pageSize = 25, actionsWidth = 112 } = props
  const { t } = useTranslation()
  const { dataVersion } = useApp()
  const errorText = useErrorText()
  const [search, setSearch] = useState('')
  const debounced = useDebounced(search.trim(), 300)
  const [includeDeleted, setIncludeDeleted] = useState(false)
  const [paging, setPaging] = useState<GridPaginationModel>({ page: 0, pageSize })
  const [sortModel, setSortModel] = useState<GridSortModel>(defaultSort ? [{ field: defaultSort.field, sort: defaultSort.dir }] : [])
  const sortable = collections[collection].sortable as readonly string[]

  const query = useMemo<ListInput>(() => {
    const s = sortModel[0]
    return {
      search: debounced,
      offset: paging.page * paging.pageSize,
      limit: paging.pageSize,
      includeDeleted,
      ...(s?.sort ? { sort: { field: s.field, dir: s.sort } } : {}),
      ...(filter ? { filter } : {}),
    }
  }, [debounced, paging, includeDeleted, sortModel, filter])
  const queryKey = `${collection}|${dataVersion}|${JSON.stringify(query)}`

  const [loaded, setLoaded] = useState<Loaded<RecordTypes[C]> | null>(null)
  useEffect(() => {
    let live = true
    listRecords(collection, query).then(
      (page) => live && setLoaded({ key: queryKey, items: page.items, total: page.total, error: null }),
      (e: unknown) => live && setLoaded((prev) => ({ key: queryKey, items: prev?.items ?? [], total: prev?.total ?? 0, error: errorText(e) })),
    )
    return () => {
      live = false
    }
  }, [collection, query, queryKey, errorText])
  const loading = loaded?.key !== queryKey
  const rows = useMemo(() => loaded?.items ?? [], [loaded])

  const refs = useMemo(() => rows.flatMap((r) => columns.flatMap((c) => c.links?.(r) ?? [])), [rows, columns])
  const names: NameMap = useNames(refs)

  const gridColumns = useMemo<GridColDef[]>(() => {
    const nameOf: NameOf = (c, id) => {
      if (!id) return ''
      const n = names.get(nameKey(c, id))
      if (n === undefined) return '…'
      return n ?? t('common.unknownRecord', { id })
    }
    const cols: GridColDef[] = columns.map((col, i) => ({
      field: col.field,
      headerName: col.header,
      description: col.header,
      width: col.width === undefined ? undefined : Math.max(col.width, headerWidth(col.header)),
      minWidth: Math.max(col.minWidth ?? 80, headerWidth(col.header)),
      flex: col.flex,
      align: col.align,
      headerAlign: col.align,
      sortable: sortable.includes(col.field),
      filterable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) => {
        const r = row as RecordTypes[C]
        const text = col.text?.(r, nameOf) ?? ''
        const body = col.render ? col.render(r, nameOf) : undefined
        const deleted = i === 0 && r.deletedAt !== null
        return (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0, height: '100%' }}>
            <Box sx={{ minWidth: 0, flex: 1, textDecoration: deleted ? 'line-through' : undefined }}>
              <Cell text={text}>{body}</Cell>
            </Box>
            {deleted && <Chip size="small" label={t('common.deleted')} color="warning" variant="outlined" />}
            {i === 0 && <ConflictMark collection={collection} record={r} />}
          </Stack>
        )
      },
    }))
    if (rowActions) {
      cols.push({
        field: '__actions',
        type: 'actions',
        headerName: t('common.actions'),
        width: actionsWidth,
        getActions: ({ row }) => rowActions(row as RecordTypes[C]),
      })
    }
    return cols
  }, [columns, names, rowActions, sortable, t, actionsWidth, collection])

  const searching = debounced !== ''
  const overlayText = searching ? t('common.noMatch', { search: debounced }) : emptyText

  return (
    <Stack spacing={1.5} sx={{ flex: 1, minHeight: 0 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <TextField
          size="small"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value)
            setPaging((p) => ({ ...p, page: 0 }))
          }}
          placeholder={t('common.searchPlaceholder')}
          sx={{ width: 320 }}
          slotProps={{
            htmlInput: { 'aria-label': t('common.search'), 'data-testid': 'register-search' },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
              endAdornment: search ? (
                <InputAdornment position="end">
                  <IconButton size="small" title={t('common.clearSearch')} aria-label={t('common.clearSearch')} onClick={() => setSearch('')} edge="end">
                    <ClearIcon fontSize="small" />
                  </IconButton>
                </InputAdornment>
              ) : undefined,
            },
          }}
        />
        {allowShowDeleted && (
          <FormControlLabel
            control={
              <Switch
                checked={includeDeleted}
                onChange={(e) => {
                  setIncludeDeleted(e.target.checked)
                  setPaging((p) => ({ ...p, page: 0 }))
                }}
              />
            }
            label={t('common.showDeleted')}
          />
        )}
        <Box sx={{ flex: 1 }} />
        {toolbar}
      </Stack>
      {loaded?.error && !loading && <Alert severity="error">{t('common.loadFailed', { message: loaded.error })}</Alert>}
      <Box sx={{ flex: 1, minHeight: 280 }}>
        <DataGrid
          rows={rows}
          columns={gridColumns}
          rowCount={loaded?.total ?? 0}
          loading={loading && loaded === null}
          paginationMode="server"
          sortingMode="server"
          filterMode="server"
          paginationModel={paging}
          onPaginationModelChange={setPaging}
          pageSizeOptions={[25, 50, 100]}
          sortModel={sortModel}
          onSortModelChange={(m) => {
            setSortModel(m)
            setPaging((p) => ({ ...p, page: 0 }))
          }}
          disableColumnFilter
          disableColumnSelector
          disableRowSelectionOnClick
          disableColumnMenu
          density="compact"
          onRowClick={onRowClick ? ({ row }) => onRowClick(row as RecordTypes[C]) : undefined}
          onCellKeyDown={(params, event) => {
            // Keyboard users open a record with Enter, as a click would.
            if (onRowClick && event.key === 'Enter' && params.field !== '__actions') {
              event.preventDefault()
              onRowClick(params.row as RecordTypes[C])
            }
          }}
          getRowClassName={({ row }) => ((row as RecordTypes[C]).deletedAt ? 'row-deleted' : '')}
          slots={{ noRowsOverlay: EmptyOverlay }}
          slotProps={{ noRowsOverlay: { text: overlayText } }}
          sx={{
            bgcolor: 'background.paper',
            '& .MuiDataGrid-row': { cursor: onRowClick ? 'pointer' : 'default' },
            '& .row-deleted': { color: 'text.disabled' },
            '& .MuiDataGrid-cell:focus, & .MuiDataGrid-cell:focus-within': { outline: 'none' },
          }}
        />
      </Box>
    </Stack>
  )
}
