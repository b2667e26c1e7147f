import { useEffect, useState } from 'react'
import { Link as RouterLink, useSearchParams } from 'react-router-dom'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { CollectionName } from '../../../../shared/collections'
import { collectionName } from '../../../../shared/collections'
import { EXCHANGE_OUTCOMES } from '../../../../shared/domain/exchanges'
import type { DeviceInfo, ExchangeLogEntry } from '../../../../shared/exchange'
import { call } from '../../api'
import { Page } from '../../components/Page'
import { Section } from '../../components/Section'
import { formatDateTime } from '../../format'
import { useApp } from '../../state'
import { fieldLabel } from '../duplicates/MergeDialog'
import { ConflictDialog } from './ConflictDialog'
import { OUTCOME_COLOR, ReceivePanel } from './ReceivePanel'
import { SendPanel } from './SendPanel'
import { useConflicts } from './useConflicts'

/** `?resolve=contacts:<id>` opens that record's conflict (the lists' conflict marks link here). */
function targetOf(param: string | null): { collection: CollectionName; id: string } | null {
  if (!param) return null
  const [c, id] = param.split(':')
  const parsed = collectionName.safeParse(c)
  return parsed.success && id ? { collection: parsed.data, id } : null
}

export function ExchangePage() {
  const { t } = useTranslation()
  const { dataVersion } = useApp()
  const conflicts = useConflicts()
  const [params, setParams] = useSearchParams()
  const [device, setDevice] = useState<DeviceInfo | null>(null)
  const [log, setLog] = useState<ExchangeLogEntry[]>([])
  const target = targetOf(params.get('resolve'))

  useEffect(() => {
    let live = true
    call('exchange.device', {}).then((d) => live && setDevice(d), () => undefined)
    call('exchange.log', {}).then((l) => live && setLog(l), () => undefined)
    return () => {
      live = false
    }
  }, [dataVersion])

  const open = (collection: CollectionName, id: string) => setParams({ resolve: `${collection}:${id}` })
  return (
    <Page title={t('exchange.title')} subtitle={t('exchange.subtitle')}>
      <Stack spacing={2} sx={{ overflow: 'auto', pb: 2 }}>
        <Section title={t('exchange.conflicts.title')} help={t('exchange.conflicts.help')}>
          {conflicts !== null && conflicts.length === 0 && <Typography color="text.secondary">{t('exchange.conflicts.none')}</Typography>}
          <List dense disablePadding>
            {(conflicts ?? []).map((c) => (
              <ListItem
                key={`${c.collection}:${c.id}`}
                data-testid="conflict-row"
                secondaryAction={
                  <Button size="small" variant="outlined" color="error" onClick={() => open(c.collection, c.id)} data-testid={`resolve-${c.id}`}>
                    {t('exchange.conflicts.resolve')}
                  </Button>
                }
              >
                <ListItemText
                  primary={`${t(`collections.${c.collection}`)} · ${c.name}`}
                  secondary={`${c.fields.map((f) => fieldLabel(t, f, c.collection)).join(t('common.listSep'))}${c.deleted ? ` · ${t('exchange.conflicts.deleted')}` : ''}`}
                />
              </ListItem>
            ))}
          </List>
        </Section>
        <Section title={t('exchange.receive.title')} help={t('exchange.receive.help')}>
          <ReceivePanel />
        </Section>
        <Section title={t('exchange.send.title')} help={t('exchange.send.help')}>
          <Typography variant="body2" sx={{ mb: 2 }} data-testid="device-info">
            {t('exchange.device.label')}: <b>{device?.label || t('exchange.device.unnamed')}</b> · {t('exchange.device.id')}: <code>{device?.id}</code> ·{' '}
            <Link component={RouterLink} to="/settings">
              {t('exchange.device.settings')}
            </Link>
          </Typography>
          <SendPanel />
        </Section>
        <Section title={t('exchange.log.title')}>
          {log.length === 0 && <Typography color="text.secondary">{t('exchange.log.none')}</Typography>}
          <List dense disablePadding>
            {log.map((e) => (
              <ListItem key={e.id} disableGutters>
                <ListItemText
                  primary={t('exchange.log.entry', { at: formatDateTime(e.at), from: e.from.label || e.from.id, file: e.fileName })}
                  secondary={
                    <Stack direction="row" spacing={0.5} component="span" sx={{ flexWrap: 'wrap' }}>
                      {EXCHANGE_OUTCOMES.filter((o) => e.counts[o] > 0).map((o) => (
                        <Chip key={o} component="span" size="small" variant="outlined" color={OUTCOME_COLOR[o]} label={`${t(`exchange.outcomes.${o}`)} ${e.counts[o]}`} />
                      ))}
                    </Stack>
                  }
                  slotProps={{ secondary: { component: 'div' } }}
                />
              </ListItem>
            ))}
          </List>
        </Section>
      </Stack>
      {target && <ConflictDialog target={target} onClose={() => setParams({})} />}
    </Page>
  )
}
