import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import Paper from '@mui/material/Paper'
import Radio from '@mui/material/Radio'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { CollectionName } from '../../../../shared/collections'
import type { ConflictDetail, ConflictField } from '../../../../shared/exchange'
import { call } from '../../api'
import { useApp, useErrorText } from '../../state'
import { fieldLabel } from '../duplicates/MergeDialog'
import { Byline, valueText } from './values'

type Choice = { kind: 'pick'; index: number } | { kind: 'edit'; text: string } | { kind: 'both' }

/** Free text a person can type for a field: only plain strings are edited here. */
const editable = (f: ConflictField) => f.versions.every((v) => typeof v.value === 'string')

/** Both values of each field, who wrote them and when, the value before both where known; keep one, type one, or keep both. */
export function ConflictDialog({ target, onClose }: { target: { collection: CollectionName; id: string }; onClose: () => void }) {
  const { t } = useTranslation()
  const { notify } = useApp()
  const errorText = useErrorText()
  const [detail, setDetail] = useState<ConflictDetail | null>(null)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [restore, setRestore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    call('exchange.conflict', target).then(
      (d) => {
        if (!live) return
        setDetail(d)
        setChoices(Object.fromEntries(d.fields.map((f) => [f.field, { kind: 'pick', index: 0 }])))
      },
      (e: unknown) => live && setError(errorText(e)),
    )
    return () => {
      live = false
    }
  }, [target, errorText])

  async function save() {
    if (!detail) return
    setBusy(true)
    setError(null)
    try {
      const out: Record<string, { pick: number } | { value: unknown }> = {}
      for (const f of detail.fields) {
        const c = choices[f.field] ?? { kind: 'pick', index: 0 }
        if (c.kind === 'pick') out[f.field] = { pick: c.index }
        else if (c.kind === 'edit') out[f.field] = { value: c.text }
        else out[f.field] = { value: f.versions.map((v) => String(v.value)).filter((s) => s !== '').join('\n') }
      }
      await call('exchange.resolve', { collection: detail.collection, id: detail.id, choices: out, expectedUpdatedAt: detail.updatedAt, restore: restore && detail.deleted })
      notify({ severity: 'success', message: t('exchange.resolve.saved') })
      onClose()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const set = (field: string, c: Choice) => setChoices((x) => ({ ...x, [field]: c }))
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="conflict-dialog">
      <DialogTitle>{t('exchange.resolve.title', { name: detail?.name ?? '' })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {detail?.deleted ? t('exchange.resolve.deletedHelp') : t('exchange.resolve.help')}
          </Typography>
          {detail?.deleted && (
            <Stack direction="row" spacing={2}>
              <FormControlLabel control={<Radio size="small" checked={!restore} onChange={() => setRestore(false)} />} label={t('exchange.resolve.keepDeleted')} data-testid="resolve-keep-deleted" />
              <FormControlLabel control={<Radio size="small" checked={restore} onChange={() => setRestore(true)} />} label={t('exchange.resolve.restore')} data-testid="resolve-restore" />
            </Stack>
          )}
          {detail?.fields.map((f) => {
            const c = choices[f.field]
            return (
              <Paper key={f.field} variant="outlined" sx={{ p: 1.5 }} data-testid={`conflict-field-${f.field}`}>
                <Typography sx={{ fontWeight: 600 }}>{fieldLabel(t, f.field, target.collection)}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {f.ancestor.known ? t('exchange.resolve.ancestor', { value: valueText(t, f.ancestor.value, { collection: target.collection, field: f.field }) }) : t('exchange.resolve.ancestorUnknown')}
                </Typography>
                {f.versions.map((v, i) => (
                  <Stack key={i} direction="row" sx={{ alignItems: 'center' }}>
                    <FormControlLabel
                      control={<Radio size="small" checked={c?.kind === 'pick' && c.index === i} onChange={() => set(f.field, { kind: 'pick', index: i })} />}
                      label={<span style={{ whiteSpace: 'pre-wrap' }}>{valueText(t, v.value, { collection: target.collection, field: f.field })}</span>}
                      data-testid={`pick-${f.field}-${i}`}
                    />
                    <Byline t={t} v={v} />
                  </Stack>
                ))}
                {f.longText && editable(f) && (
                  <FormControlLabel control={<Radio size="small" checked={c?.kind === 'both'} onChange={() => set(f.field, { kind: 'both' })} />} label={t('exchange.resolve.keepBoth')} data-testid={`both-${f.field}`} />
                )}
                {editable(f) && (
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Radio size="small" checked={c?.kind === 'edit'} onChange={() => set(f.field, { kind: 'edit', text: String(f.versions[0]?.value ?? '') })} slotProps={{ input: { 'aria-label': t('exchange.resolve.edit') } }} data-testid={`edit-${f.field}`} />
                    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
                      {t('exchange.resolve.edit')}
                    </Typography>
                    <TextField size="small" fullWidth multiline={f.longText} disabled={c?.kind !== 'edit'} value={c?.kind === 'edit' ? c.text : ''} onChange={(e) => set(f.field, { kind: 'edit', text: e.target.value })} slotProps={{ htmlInput: { 'data-testid': `edit-value-${f.field}` } }} />
                  </Stack>
                )}
              </Paper>
            )
          })}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={!detail || busy} data-testid="resolve-save">
          {t('exchange.resolve.save')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
