import { useCallback, useEffect, useState } from 'react'
import { Link as RouterLink, useSearchParams } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { DuplicatePair, Mergeable } from '../../../../shared/duplicates'
import { call } from '../../api'
import { Page } from '../../components/Page'
import { useApp, useErrorText } from '../../state'
import { MergeDialog } from './MergeDialog'
import { MergeHistory } from './MergeHistory'
import { useDuplicateCounts } from './useDuplicateCounts'

const TABS: readonly Mergeable[] = ['organizations', 'contacts', 'staff', 'trips', 'activities']
const LEVEL_COLOR = { match: 'error', warning: 'warning', candidate: 'info', partOf: 'default' } as const
const DETAIL_PATH: Partial<Record<Mergeable, string>> = { organizations: '/organizations', contacts: '/contacts', trips: '/trips' }

function isMergeable(v: string | null): v is Mergeable {
  return v !== null && (TABS as readonly string[]).includes(v)
}

/** Every register's possible duplicates, each pair with why, "Merge…" and "Not duplicates". */
export function DuplicatesPage() {
  const { t } = useTranslation()
  const { notify, dataVersion } = useApp()
  const errorText = useErrorText()
  const [params, setParams] = useSearchParams()
  const tabParam = params.get('tab')
  const tab: Mergeable = isMergeable(tabParam) ? tabParam : 'organizations'
  const recordId = params.get('record') ?? undefined
  const counts = useDuplicateCounts()
  const [pairs, setPairs] = useState<{ key: string; list: DuplicatePair[] } | null>(null)
  const [merging, setMerging] = useState<DuplicatePair | null>(null)
  const key = `${tab}|${recordId ?? ''}|${dataVersion}`

  useEffect(() => {
    let live = true
    call('duplicates.list', { collection: tab, ...(recordId ? { recordId } : {}) }).then(
      (list) => live && setPairs({ key, list }),
      (e: unknown) => live && notify({ severity: 'error', message: errorText(e) }),
    )
    return () => {
      live = false
    }
  }, [tab, recordId, key, notify, errorText])

  const distinct = useCallback(
    async (p: DuplicatePair) => {
      try {
        await call('duplicates.markDistinct', { collection: p.collection, ids: [p.a.id, p.b.id] })
        notify({ message: t('duplicates.markedDistinct') })
      } catch (e) {
        notify({ severity: 'error', message: errorText(e) })
      }
    },
    [notify, errorText, t],
  )

  const list = pairs?.key === key ? pairs.list : null
  const name = (p: DuplicatePair, side: 'a' | 'b') => {
    const s = p[side]
    const base = DETAIL_PATH[p.collection]
    return base ? (
      <Link component={RouterLink} to={`${base}/${s.id}`} underline="hover" sx={{ fontWeight: 600 }}>
        {s.name}
      </Link>
    ) : (
      <Typography component="span" sx={{ fontWeight: 600 }}>
        {s.name}
      </Typography>
    )
  }

  return (
    <Page title={t('duplicates.title')} subtitle={t('duplicates.subtitle')}>
      <Tabs value={tab} onChange={(_, v: Mergeable) => setParams({ tab: v })}>
        {TABS.map((c) => (
          <Tab
            key={c}
            value={c}
            data-testid={`dupes-tab-${c}`}
            sx={{ textTransform: 'none' }}
            label={
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <span>{t(`duplicates.tabs.${c}`)}</span>
                {counts && counts[c] > 0 && <Chip size="small" label={counts[c]} sx={{ height: 20 }} />}
              </Stack>
            }
          />
        ))}
      </Tabs>
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="duplicate-pairs">
        {recordId && (
          <Alert severity="info" action={<Button onClick={() => setParams({ tab })}>{t('duplicates.showAll')}</Button>}>
            {t('duplicates.filtered')}
          </Alert>
        )}
        {list?.length === 0 && <Alert severity="success">{t('duplicates.none')}</Alert>}
        <Stack spacing={1}>
          {list?.map((p) => (
            <Paper key={`${p.a.id}|${p.b.id}`} variant="outlined" sx={{ p: 1.5 }} data-testid="duplicate-pair">
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                    <Chip size="small" color={LEVEL_COLOR[p.level]} variant="outlined" label={t(`duplicates.levels.${p.level}`)} />
                    <Typography variant="body2" color="text.secondary">
                      {t(`duplicates.reasons.${p.reason}`, { score: Math.round((p.score ?? 0) * 100) })}
                    </Typography>
                  </Stack>
                  <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 0.5, md: 3 }} sx={{ mt: 0.5 }}>
                    {(['a', 'b'] as const).map((side) => (
                      <Box key={side} sx={{ flex: 1, minWidth: 0 }}>
                        {name(p, side)}
                        <Typography variant="body2" color="text.secondary" noWrap>
                          {p[side].detail}
                        </Typography>
                      </Box>
                    ))}
                  </Stack>
                </Box>
                {p.level !== 'partOf' && (
                  <Button variant="contained" size="small" onClick={() => setMerging(p)} data-testid="pair-merge">
                    {t('duplicates.merge')}
                  </Button>
                )}
                <Button size="small" onClick={() => void distinct(p)} data-testid="pair-distinct">
                  {t('duplicates.notDuplicates')}
                </Button>
              </Stack>
            </Paper>
          ))}
        </Stack>
        <MergeHistory />
      </Box>
      {merging && <MergeDialog pair={merging} onClose={() => setMerging(null)} />}
    </Page>
  )
}
