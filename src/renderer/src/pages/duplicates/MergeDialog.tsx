import { useEffect, useMemo, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Radio from '@mui/material/Radio'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import SwapIcon from '@mui/icons-material/SwapHoriz'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { collections, displayName, links as linkMap } from '../../../../shared/collections'
import type { AnyRecord, CollectionName } from '../../../../shared/collections'
import type { Contact } from '../../../../shared/domain/contacts'
import { isCombined } from '../../../../shared/duplicates'
import type { DuplicatePair, Mergeable } from '../../../../shared/duplicates'
import { call, getRecord } from '../../api'
import { enumText, i18n } from '../../i18n'
import { useApp, useErrorText } from '../../state'
import { alumniText } from '../contacts/ContactsPage'

type Rec = Record<string, unknown> & { id: string; updatedAt: string }
type Choice = 'survivor' | 'other' | 'both'

const isEmpty = (v: unknown) => v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0)

/** A field's label; `collection` settles names that mean two things (a staff member's title is a position, a trip's a heading). */
export function fieldLabel(t: TFunction, f: string, collection?: string): string {
  if (collection && i18n.exists(`duplicates.fieldsOf.${collection}.${f}`)) return t(`duplicates.fieldsOf.${collection}.${f}` as never)
  if (i18n.exists(`duplicates.fields.${f}`)) return t(`duplicates.fields.${f}` as never)
  if (i18n.exists(`fields.${f}`)) return t(`fields.${f}` as never)
  return i18n.exists(`exchange.fields.${f}`) ? t(`exchange.fields.${f}` as never) : f
}

/** The collection a field's ids point at (organizationId, contactIds, members.*.staffId …), from the shared link map. */
function linkTarget(c: Mergeable, f: string): CollectionName | null {
  return linkMap.find((l) => l.from === c && l.path.split('.')[0] === f)?.to ?? null
}

function valueText(t: TFunction, c: Mergeable, f: string, v: unknown, nameOf: (id: string) => string): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (f === 'members' && Array.isArray(v)) return (v as { staffId: string; role: string }[]).map((m) => `${nameOf(m.staffId)} (${enumText(t, 'memberRole', m.role)})`).join(t('common.listSep'))
  if (f === 'days' && Array.isArray(v)) return (v as { date: string; transport: string; lodging: string }[]).map((d) => [d.date, d.transport, d.lodging].filter((x) => x !== '').join(' ')).join('\n')
  if (f === 'intentions' && Array.isArray(v)) return v.map((x) => enumText(t, 'cooperationCategory', String(x))).join(t('common.listSep'))
  if (linkTarget(c, f) !== null) return (Array.isArray(v) ? v : [v]).map((id) => nameOf(String(id))).join(t('common.listSep'))
  if (Array.isArray(v)) return v.join(t('common.listSep'))
  if (c === 'organizations' && f === 'kind') return enumText(t, 'organizationKind', String(v))
  if (c === 'activities' && f === 'kind') return enumText(t, 'activityKind', String(v))
  if (c === 'activities' && f === 'period') return enumText(t, 'period', String(v))
  if (c === 'trips' && f === 'status') return enumText(t, 'tripStatus', String(v))
  if (f === 'alumni') return alumniText(t, v as Contact['alumni'])
  return String(v)
}

/** Every id the two records link to, with the collection it lives in, so the table can show names. */
function linkedIds(c: Mergeable, recs: readonly Rec[]): [CollectionName, string][] {
  const out = new Map<string, [CollectionName, string]>()
  for (const l of linkMap) {
    if (l.from !== c) continue
    const [field, ...rest] = l.path.split('.')
    const walk = (v: unknown, parts: readonly string[]): void => {
      if (parts.length === 0) {
        if (typeof v === 'string') out.set(v, [l.to, v])
        return
      }
      const [head, ...tail] = parts
      if (head === '*') {
        if (Array.isArray(v)) for (const item of v) walk(item, tail)
      } else if (v !== null && typeof v === 'object') walk((v as Record<string, unknown>)[head], tail)
    }
    for (const r of recs) walk(r[field], rest)
  }
  return [...out.values()]
}

/** The two records side by side, a choice per differing field, how many links will follow, then one merge. */
export function MergeDialog({ pair, onClose }: { pair: DuplicatePair; onClose: () => void }) {
  const { t } = useTranslation()
  const { notify } = useApp()
  const errorText = useErrorText()
  const c = pair.collection
  const [records, setRecords] = useState<{ a: Rec; b: Rec } | null>(null)
  const [keep, setKeep] = useState<'a' | 'b'>('a')
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [links, setLinks] = useState<{ id: string; count: number | null } | null>(null)
  const [names, setNames] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    Promise.all([getRecord(c, pair.a.id), getRecord(c, pair.b.id)]).then(
      ([a, b]) => live && setRecords({ a: a as unknown as Rec, b: b as unknown as Rec }),
      (e: unknown) => live && setError(errorText(e)),
    )
    return () => {
      live = false
    }
  }, [c, pair.a.id, pair.b.id, errorText])

  const survivor = records ? records[keep] : null
  const other = records ? records[keep === 'a' ? 'b' : 'a'] : null

  useEffect(() => {
    if (!other) return
    let live = true
    const id = other.id
    call('links.find', { collection: c, id }).then(
      (l) => live && setLinks({ id, count: l.length }),
      () => live && setLinks({ id, count: null }),
    )
    return () => {
      live = false
    }
  }, [c, other])

  useEffect(() => {
    if (!records) return
    let live = true
    const ids = linkedIds(c, [records.a, records.b])
    void Promise.all(ids.map(([col, id]) => getRecord(col, id).then((r) => [id, displayName(r as AnyRecord)] as const, () => [id, id] as const))).then(
      (pairs) => live && setNames(Object.fromEntries(pairs)),
    )
    return () => {
      live = false
    }
  }, [c, records])

  const differing = useMemo(() => {
    if (!survivor || !other) return []
    return Object.keys(collections[c].shape.shape).filter((f) => JSON.stringify(survivor[f]) !== JSON.stringify(other[f]))
  }, [c, survivor, other])

  // Default: keep the survivor's value; fill its empty fields from the other; combine lists and notes.
  const choiceOf = (f: string): Choice => {
    const chosen = choices[f]
    if (chosen) return chosen
    if (!survivor || !other) return 'survivor'
    if (isEmpty(survivor[f])) return 'other'
    if (isCombined(c, f) && !isEmpty(other[f])) return 'both'
    return 'survivor'
  }

  async function merge() {
    if (!survivor || !other) return
    setBusy(true)
    setError(null)
    const fields: Record<string, 'survivor' | 'other'> = {}
    for (const f of differing) {
      const ch = choiceOf(f)
      if (ch !== 'both') fields[f] = ch
    }
    try {
      const r = await call('duplicates.merge', {
        collection: c, survivorId: survivor.id, otherId: other.id, fields,
        expectedUpdatedAt: { survivor: survivor.updatedAt, other: other.updatedAt },
      })
      const recordNames = { survivor: displayName(survivor as unknown as AnyRecord), other: displayName(other as unknown as AnyRecord) }
      onClose()
      notify({
        message: t('duplicates.merged', { ...recordNames, count: r.relinked }),
        action: {
          label: t('common.undo'),
          run: () => {
            call('duplicates.undoMerge', { mergeId: r.mergeId }).then(
              () => notify({ message: t('duplicates.undone') }),
              (e: unknown) => notify({ severity: 'error', message: errorText(e) }),
            )
          },
        },
      })
    } catch (e) {
      setError(errorText(e))
      setBusy(false)
    }
  }

  const linkCount = links && other && links.id === other.id ? links.count : null
  const nameOf = (id: string) => names[id] ?? '…'
  const cell = (f: string, side: 'survivor' | 'other', rec: Rec) => (
    <TableCell sx={{ verticalAlign: 'top' }}>
      <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
        <Radio size="small" checked={choiceOf(f) === side} onChange={() => setChoices((x) => ({ ...x, [f]: side }))} slotProps={{ input: { 'aria-label': `${fieldLabel(t, f, c)}: ${side}` } }} sx={{ p: 0.5 }} data-testid={`choose-${f}-${side}`} />
        <Typography variant="body2" sx={{ pt: 0.5, whiteSpace: 'pre-wrap', wordBreak: 'break-word', color: isEmpty(rec[f]) ? 'text.disabled' : undefined }}>
          {isEmpty(rec[f]) ? '—' : valueText(t, c, f, rec[f], nameOf)}
        </Typography>
      </Stack>
    </TableCell>
  )

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="merge-dialog">
      <DialogTitle>{t('duplicates.dialogTitle')}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error" sx={{ mb: 1 }}>{error}</Alert>}
        {survivor && other && (
          <>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 150 }}>{t('duplicates.field')}</TableCell>
                  <TableCell>
                    <Typography variant="caption" color="text.secondary">{t('duplicates.survivor')}</Typography>
                    <Typography sx={{ fontWeight: 600 }} data-testid="merge-survivor">{displayName(survivor as unknown as AnyRecord)}</Typography>
                  </TableCell>
                  <TableCell>
                    <Typography variant="caption" color="text.secondary">{t('duplicates.other')}</Typography>
                    <Typography sx={{ fontWeight: 600 }} data-testid="merge-other">{displayName(other as unknown as AnyRecord)}</Typography>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {differing.map((f) => (
                  <TableRow key={f}>
                    <TableCell sx={{ verticalAlign: 'top', pt: 1.25 }}>
                      {fieldLabel(t, f, c)}
                      {isCombined(c, f) && !isEmpty(survivor[f]) && !isEmpty(other[f]) && (
                        <Stack direction="row" sx={{ alignItems: 'center' }}>
                          <Radio size="small" checked={choiceOf(f) === 'both'} onChange={() => setChoices((x) => ({ ...x, [f]: 'both' }))} sx={{ p: 0.5 }} />
                          <Typography variant="caption">{t('duplicates.both')}</Typography>
                        </Stack>
                      )}
                    </TableCell>
                    {cell(f, 'survivor', survivor)}
                    {cell(f, 'other', other)}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {differing.length === 0 && <Typography variant="body2">{t('duplicates.sameValue')}</Typography>}
            <Stack spacing={0.5} sx={{ mt: 2 }}>
              <Typography variant="body2" data-testid="merge-links">
                {linkCount === null ? '…' : linkCount === 0 ? t('duplicates.noLinks') : t('duplicates.links', { count: linkCount })}
              </Typography>
              {c === 'organizations' && <Typography variant="body2" color="text.secondary">{t('duplicates.aliasNote')}</Typography>}
              <Typography variant="body2" color="text.secondary">{t('duplicates.tombstone')}</Typography>
            </Stack>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button startIcon={<SwapIcon />} onClick={() => { setKeep((k) => (k === 'a' ? 'b' : 'a')); setChoices({}) }} disabled={!records} data-testid="merge-swap" sx={{ mr: 'auto' }}>
          {t('duplicates.swap')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color="secondary" onClick={() => void merge()} disabled={!records || busy} data-testid="merge-confirm">
          {t('duplicates.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
