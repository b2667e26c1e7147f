import { useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { ChipProps } from '@mui/material/Chip'
import UploadIcon from '@mui/icons-material/UploadFileOutlined'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { EXCHANGE_OUTCOMES } from '../../../../shared/domain/exchanges'
import type { ExchangeOutcome } from '../../../../shared/domain/exchanges'
import type { CollectionName } from '../../../../shared/collections'
import { EXCHANGE_MAX_FILE_BYTES, PACKAGE_EXTENSION } from '../../../../shared/exchange'
import type { ExchangePreview, FieldDiff } from '../../../../shared/exchange'
import { call, isApiError } from '../../api'
import { formatDateTime } from '../../format'
import { i18n } from '../../i18n'
import { useApp } from '../../state'
import { fieldLabel } from '../duplicates/MergeDialog'
import { byline, valueText } from './values'
import { readBase64 } from '../import/FileStep'

export const OUTCOME_COLOR: Record<ExchangeOutcome, ChipProps['color']> = {
  new: 'success', updated: 'info', unchanged: 'default', merged: 'primary', conflicting: 'error', deleted: 'warning',
}

/** The refusal in words: the main side names its reason as `package.<reason>` on the field it concerns. */
function refusalText(t: TFunction, e: unknown): string {
  const code = isApiError(e) ? (e.fieldErrors.passphrase?.[0] ?? e.fieldErrors.data?.[0]) : undefined
  const key = code?.startsWith('package.') ? `exchange.refused.${code.slice('package.'.length)}` : ''
  if (key && i18n.exists(key)) return t(key as never)
  return e instanceof Error ? e.message : String(e)
}

function Change({ t, f, collection }: { t: TFunction; f: FieldDiff; collection: CollectionName }) {
  const where = { collection, field: f.field }
  if (!f.conflict) {
    return (
      <div>
        <b>{fieldLabel(t, f.field, collection)}</b>: {valueText(t, f.mine, where)} → {valueText(t, f.result, where)} <Typography component="span" variant="caption" color="text.secondary">{byline(t, f.versions[0])}</Typography>
      </div>
    )
  }
  return (
    <div>
      <b>{fieldLabel(t, f.field, collection)}</b> <Typography component="span" variant="caption" color="error">({t('exchange.diff.both')})</Typography>
      {f.versions.map((v, i) => (
        <div key={i} style={{ paddingLeft: 12 }}>
          • {valueText(t, v.value, where)} <Typography component="span" variant="caption" color="text.secondary">{byline(t, v)}</Typography>
        </div>
      ))}
    </div>
  )
}

export function ReceivePanel() {
  const { t } = useTranslation()
  const { notify } = useApp()
  const navigate = useNavigate()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<{ name: string; data: string } | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const [preview, setPreview] = useState<ExchangePreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'opening' | 'applying' | null>(null)

  async function open(f: { name: string; data: string } | null = file) {
    if (!f) return
    setBusy('opening')
    setError(null)
    setPreview(null)
    try {
      setPreview(await call('exchange.open', { fileName: f.name, data: f.data, ...(passphrase ? { passphrase } : {}) }))
    } catch (e) {
      setError(refusalText(t, e))
    } finally {
      setBusy(null)
    }
  }

  async function take(picked: File | undefined) {
    if (!picked) return
    if (picked.size > EXCHANGE_MAX_FILE_BYTES) {
      setError(t('exchange.refused.tooLarge'))
      return
    }
    const f = { name: picked.name, data: await readBase64(picked) }
    setFile(f)
    await open(f)
  }

  async function apply() {
    if (!preview) return
    setBusy('applying')
    try {
      const r = await call('exchange.apply', { sessionId: preview.sessionId })
      const applied = t('exchange.receive.applied', r.counts)
      // A trip both laptops entered arrives as a second trip (two ids), not as a conflict: say so at once.
      const dupes = await call('duplicates.counts', {}).catch(() => null)
      const first = dupes ? (Object.keys(dupes) as (keyof typeof dupes)[]).find((k) => dupes[k] > 0) : undefined
      if (dupes && first) {
        const count = Object.values(dupes).reduce((a, b) => a + b, 0)
        notify({
          severity: 'info',
          message: `${applied}. ${t('exchange.receive.duplicatesAfter', { count })}`,
          action: { label: t('exchange.receive.reviewDuplicates'), run: () => navigate(`/duplicates?tab=${first}`) },
        })
      } else notify({ severity: 'success', message: applied })
      setPreview(null)
      setFile(null)
      setPassphrase('')
    } catch (e) {
      setError(refusalText(t, e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
        <input ref={input} type="file" accept={`.${PACKAGE_EXTENSION}`} hidden data-testid="receive-file" onChange={(e) => void take(e.target.files?.[0]).finally(() => { e.target.value = '' })} />
        <Button variant="outlined" startIcon={<UploadIcon />} onClick={() => input.current?.click()} disabled={busy !== null}>
          {busy === 'opening' ? t('exchange.receive.opening') : t('exchange.receive.choose')}
        </Button>
        <TextField
          size="small"
          type="password"
          autoComplete="off"
          label={t('exchange.receive.passphrase')}
          helperText={t('exchange.receive.passphraseHelp')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'receive-passphrase', maxLength: 200 } }}
        />
        {file && !preview && (
          <Button onClick={() => void open()} disabled={busy !== null} data-testid="receive-open">
            {t('exchange.receive.open')}
          </Button>
        )}
      </Stack>
      {error && (
        <Alert severity="error" data-testid="receive-error">
          {error}
        </Alert>
      )}
      {preview && (
        <Stack spacing={1.5} data-testid="receive-preview">
          <Typography>
            {t('exchange.receive.from', { label: preview.from.label || preview.from.id, at: formatDateTime(preview.createdAt) })} ·{' '}
            {preview.scope.kind === 'all' ? t('exchange.receive.scopeAll') : t('exchange.receive.scopeTrip', { title: preview.scope.title })} · {preview.fileName}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            {EXCHANGE_OUTCOMES.map((o) => (
              <Chip key={o} size="small" color={OUTCOME_COLOR[o]} variant={preview.counts[o] > 0 ? 'filled' : 'outlined'} label={`${t(`exchange.outcomes.${o}`)} ${preview.counts[o]}`} data-testid={`count-${o}`} />
            ))}
          </Stack>
          {preview.totalItems === 0 ? (
            <Alert severity="info">{t('exchange.receive.nothing')}</Alert>
          ) : (
            <Box sx={{ maxHeight: 420, overflow: 'auto', bgcolor: 'background.paper', border: 1, borderColor: 'divider', borderRadius: 1 }}>
              <Table size="small" stickyHeader>
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ width: 110 }} />
                    <TableCell sx={{ width: 120 }}>{t('exchange.receive.kind')}</TableCell>
                    <TableCell sx={{ width: 220 }}>{t('exchange.receive.record')}</TableCell>
                    <TableCell>{t('exchange.receive.changes')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.items.map((item) => (
                    <TableRow key={`${item.collection}:${item.id}`} data-testid={`preview-${item.outcome}`}>
                      <TableCell>
                        <Chip size="small" color={OUTCOME_COLOR[item.outcome]} label={t(`exchange.outcomes.${item.outcome}`)} />
                      </TableCell>
                      <TableCell>{t(`collections.${item.collection}`)}</TableCell>
                      <TableCell>{item.name}</TableCell>
                      <TableCell>
                        {item.fields.map((f) => (
                          <Change key={f.field} t={t} f={f} collection={item.collection} />
                        ))}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
          {preview.totalItems > preview.items.length && <Typography variant="body2">{t('exchange.receive.more', { count: preview.totalItems - preview.items.length })}</Typography>}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => void apply()} disabled={busy !== null} data-testid="receive-apply">
              {busy === 'applying' ? t('exchange.receive.applying') : t('exchange.receive.apply')}
            </Button>
            <Button onClick={() => setPreview(null)} disabled={busy !== null}>
              {t('exchange.receive.cancel')}
            </Button>
          </Stack>
        </Stack>
      )}
    </Stack>
  )
}
