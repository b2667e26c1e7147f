// A collection's form is one definition shown in two sizes. Full: the register's dialog. Short:
// opened from a picker (“Create …”) or from a trip item, it shows the fields a report needs, and a
// “More…” button for the rest, so nobody has to leave what they are typing to complete a record.
import { useState } from 'react'
import Button from '@mui/material/Button'
import Grid from '@mui/material/Grid'
import { useTranslation } from 'react-i18next'
import { TagsInput, TextInput } from './form'
import type { FieldErrors } from './form'

export type FormMode = 'full' | 'short'

export function useMoreFields(mode: FormMode, shortFields: readonly string[], errors: FieldErrors) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const isShort = (path: string) => shortFields.some((f) => path === f || path.startsWith(`${f}.`))
  // A message about a hidden field would have nowhere to show: the rest opens by itself.
  const all = mode === 'full' || open || Object.keys(errors).some((p) => !isShort(p))
  const toggle = all ? null : (
    <Grid size={12}>
      <Button size="small" onClick={() => setOpen(true)} title={t('common.moreHelp')} data-testid="form-more">
        {t('common.more')}
      </Button>
    </Grid>
  )
  return { shows: (field: string) => all || isShort(field), toggle }
}

interface TagsAndNotesProps {
  show: boolean
  tags: string[]
  notes: string
  onTags: (v: string[]) => void
  onNotes: (v: string) => void
  errors: FieldErrors
  /** height of the notes box when empty */
  notesRows?: number
}

/** The tags and notes every record has, last in its form and behind “More…” in the short size. */
export function TagsAndNotes({ show, tags, notes, onTags, onNotes, errors, notesRows = 2 }: TagsAndNotesProps) {
  const { t } = useTranslation()
  if (!show) return null
  return (
    <>
      <Grid size={12}>
        <TagsInput name="tags" label={t('fields.tags')} value={tags} onChange={onTags} errors={errors} placeholder={t('organizations.tagsPlaceholder')} />
      </Grid>
      <Grid size={12}>
        <TextInput name="notes" label={t('fields.notes')} multiline minRows={notesRows} maxRows={10} value={notes} onChange={onNotes} errors={errors} />
      </Grid>
    </>
  )
}
