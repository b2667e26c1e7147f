// The trip page's Reports tab: the trip's three documents in the chosen language.
import { useState } from 'react'
import type { ReactNode } from 'react'
import Box from '@mui/material/Box'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import Stack from '@mui/material/Stack'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { Lang } from '../../../shared/enums'
import { useApp } from '../state'
import { ExportButton } from './ExportButton'
import { todayIso } from '../../../shared/days'
import { DateInput } from './recordForm'
import { ReportCheckList } from './ReportCheckList'

export function TripReportsPanel({ tripId }: { tripId: string }) {
  const { t } = useTranslation()
  const { settings } = useApp()
  const [lang, setLang] = useState<Lang>(settings?.reportLanguage ?? 'zh-CN')
  const [date, setDate] = useState(() => todayIso()) // the office's day, not UTC's
  const [kind, setKind] = useState<'news' | 'work'>('news')

  const doc = (title: string, hint: string, buttons: ReactNode, extra?: ReactNode, below?: ReactNode) => (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h3">{title}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{hint}</Typography>
        {below}
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: below ? 2 : 0 }}>
          {extra}
          {buttons}
        </Stack>
      </CardContent>
    </Card>
  )

  return (
    <Box data-testid="trip-reports">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>{t('exports.reports.intro')}</Typography>
        <Typography variant="body2">{t('exports.language')}</Typography>
        <ToggleButtonGroup size="small" exclusive value={lang} onChange={(_, v: Lang | null) => v && setLang(v)}>
          <ToggleButton value="zh-CN">简体中文</ToggleButton>
          <ToggleButton value="en">English</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      <Stack spacing={2}>
        {doc(
          t('exports.reports.workbook'),
          t('exports.reports.workbookHint'),
          <ExportButton name="trip.workbook" input={{ tripId, lang }} label={t('exports.reports.xlsx')} variant="contained" testId="export-trip-workbook" />,
        )}
        {doc(
          t('exports.reports.report'),
          t('exports.reports.reportHint'),
          <ExportButton name="trip.report" input={{ tripId, lang, date, kind }} label={t('exports.reports.docx')} variant="contained" testId="export-trip-report" />,
          <>
            <ToggleButtonGroup size="small" exclusive value={kind} onChange={(_, v: 'news' | 'work' | null) => v && setKind(v)} aria-label={t('exports.reports.kind')}>
              <ToggleButton value="news" data-testid="report-kind-news">{t('exports.reports.kinds.news')}</ToggleButton>
              <ToggleButton value="work" data-testid="report-kind-work">{t('exports.reports.kinds.work')}</ToggleButton>
            </ToggleButtonGroup>
            <DateInput name="reportDate" size="small" label={t('exports.reports.date')} value={date} onChange={setDate} errors={{}} sx={{ width: 200 }} />
          </>,
          <>
            <Typography variant="h6" component="p" data-testid="report-date-shown" sx={{ mb: 1 }}>{t('exports.reports.dateShown', { date })}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t(`exports.reports.kindHint.${kind}`)}</Typography>
            <ReportCheckList tripId={tripId} kind={kind} lang={lang} date={date} />
          </>,
        )}
        {doc(
          t('exports.reports.itinerary'),
          t('exports.reports.itineraryHint'),
          <>
            <ExportButton name="trip.itineraryDocx" input={{ tripId, lang }} label={t('exports.reports.docx')} testId="export-itinerary-docx" />
            <ExportButton name="trip.itineraryXlsx" input={{ tripId, lang }} label={t('exports.reports.xlsx')} testId="export-itinerary-xlsx" />
          </>,
        )}
      </Stack>
    </Box>
  )
}
