import { useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import FormHelperText from '@mui/material/FormHelperText'
import IconButton from '@mui/material/IconButton'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import AddIcon from '@mui/icons-material/Add'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import { useTranslation } from 'react-i18next'
import { isoDate } from '../../../../shared/domain/common'
import { normalizeDate, todayIso } from '../../../../shared/days'
import { errorOf } from '../../components/form'
import { DateInput } from '../../components/recordForm'
import type { FieldErrors } from '../../components/form'

export interface LogEntry {
  date: string
  text: string
}

/** The dated notes of a follow-up: newest first; a new note gets today's date (which can be changed). */
export function FollowUpLog({ value, onChange, errors }: { value: LogEntry[]; onChange: (v: LogEntry[]) => void; errors: FieldErrors }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [date, setDate] = useState(todayIso())
  const [dateError, setDateError] = useState<string | null>(null)
  const err = errorOf(errors, 'log')
  const add = () => {
    const s = text.trim()
    if (s === '') return
    const d = normalizeDate(date) || todayIso()
    if (!isoDate.safeParse(d).success) {
      setDateError(t('validation.invalidDate'))
      return
    }
    onChange([...value, { date: d, text: s }])
    setText('')
    setDate(todayIso())
  }
  // newest first on screen; indexes still point into `value`
  const shown = value.map((e, i) => ({ ...e, i })).sort((a, b) => (a.date === b.date ? b.i - a.i : b.date.localeCompare(a.date)))
  return (
    <Box data-testid="follow-up-log">
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {t('registers.followUps.log')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ width: 180, flexShrink: 0 }}>
          <DateInput name="noteDate" size="small" label={t('registers.followUps.noteDate')} value={date} onChange={(v) => {
              setDate(v)
              setDateError(null)
            }}
            errors={dateError ? { noteDate: [dateError] } : {}}
          />
        </Box>
        <TextField
          size="small"
          fullWidth
          label={t('registers.followUps.newNote')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('registers.followUps.notePlaceholder')}
          onKeyDown={(e) => {
            // Enter here adds the note; it does not save the whole form.
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault()
              add()
            }
          }}
          slotProps={{ htmlInput: { 'data-testid': 'log-input' } }}
        />
        <Button variant="outlined" startIcon={<AddIcon />} onClick={add} disabled={text.trim() === ''} sx={{ flexShrink: 0, height: 40 }}>
          {t('registers.followUps.addNote')}
        </Button>
      </Stack>
      {err && <FormHelperText error>{err}</FormHelperText>}
      {shown.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('registers.followUps.noNotes')}
        </Typography>
      ) : (
        <List dense disablePadding sx={{ mt: 1, maxHeight: 220, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
          {shown.map((e) => (
            <ListItem
              key={e.i}
              divider
              secondaryAction={
                <IconButton
                  edge="end"
                  size="small"
                  aria-label={t('registers.followUps.removeNote')}
                  title={t('registers.followUps.removeNote')}
                  onClick={() => onChange(value.filter((_, j) => j !== e.i))}
                >
                  <DeleteIcon fontSize="small" />
                </IconButton>
              }
            >
              <ListItemText
                primary={e.text}
                secondary={e.date}
                slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } }, secondary: { sx: { fontVariantNumeric: 'tabular-nums' } } }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  )
}
