import { useEffect, useRef, useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import Paper from '@mui/material/Paper'
import TextField from '@mui/material/TextField'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf'
import ImageIcon from '@mui/icons-material/Image'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '../../../../shared/domain/attachments'
import type { AttachmentThumbnail } from '../../../../shared/attachments'
import { call } from '../../api'
import { formatSize } from '../../format'
import { useErrorText } from '../../state'

// Thumbnails never change for a file (named by its sha256): fetched once per session.
const thumbnails = new Map<string, Promise<AttachmentThumbnail>>()
function thumbnailOf(a: Attachment): Promise<AttachmentThumbnail> {
  let p = thumbnails.get(a.sha256)
  if (!p) {
    p = call('attachments.thumbnail', { id: a.id })
    p.catch(() => thumbnails.delete(a.sha256))
    thumbnails.set(a.sha256, p)
  }
  return p
}

export const TILE = 168

function Preview({ a }: { a: Attachment }) {
  const { t } = useTranslation()
  const [thumb, setThumb] = useState<AttachmentThumbnail | null>(null)
  useEffect(() => {
    let live = true
    thumbnailOf(a).then(
      (r) => live && setThumb(r),
      () => live && setThumb({ kind: 'none', reason: 'undecodable' }),
    )
    return () => {
      live = false
    }
  }, [a])
  const box = { width: '100%', height: 120, display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'action.hover', borderRadius: 1, overflow: 'hidden' }
  if (thumb?.kind === 'image') {
    return (
      <Box sx={box}>
        <img src={`data:image/jpeg;base64,${thumb.data}`} alt={a.caption || a.fileName} style={{ maxWidth: '100%', maxHeight: '100%' }} data-testid="attachment-thumbnail" />
      </Box>
    )
  }
  const doc = a.mime === 'application/pdf'
  return (
    <Box sx={{ ...box, flexDirection: 'column', color: 'text.secondary' }} data-testid="attachment-tile">
      {doc ? <PictureAsPdfIcon fontSize="large" /> : <ImageIcon fontSize="large" />}
      {thumb && <Typography variant="caption">{doc ? t('attachments.tileDocument') : t('attachments.tilePhoto')}</Typography>}
    </Box>
  )
}

/** One attachment: its preview, name and size, a caption edited in place, and what can be done with it. */
export function AttachmentCard({ a, onChanged, onError, onOpen }: { a: Attachment; onChanged: () => void; onError: (message: string) => void; onOpen: (a: Attachment) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [caption, setCaption] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const photo = a.mime === 'image/jpeg' || a.mime === 'image/png' || a.mime === 'image/heic'

  const update = async (changes: { caption?: string; inReport?: boolean }) => {
    try {
      await call('attachments.update', { id: a.id, changes, expectedUpdatedAt: a.updatedAt })
      onChanged()
    } catch (e) {
      onError(errorText(e))
    }
  }
  // What is being typed, read once by whichever ends the editing (blur or Escape): one save at most.
  const typed = useRef<string | null>(null)
  const edit = (text: string | null) => {
    typed.current = text
    setCaption(text)
  }
  const saveCaption = async () => {
    const text = typed.current
    edit(null)
    if (text === null) return
    const next = text.trim()
    if (next !== a.caption) await update({ caption: next })
  }

  return (
    <Paper variant="outlined" sx={{ p: 1, width: TILE, display: 'flex', flexDirection: 'column', gap: 0.5 }} data-testid="attachment-card" data-file={a.fileName}>
      <Preview a={a} />
      <Tooltip title={a.fileName}>
        <Typography variant="body2" noWrap sx={{ fontWeight: 500 }}>
          {a.fileName}
        </Typography>
      </Tooltip>
      <Typography variant="caption" color="text.secondary">
        {formatSize(a.size)}
      </Typography>
      {caption === null ? (
        <Typography
          variant="body2"
          role="button"
          tabIndex={0}
          aria-label={t('attachments.editCaption')}
          color={a.caption ? 'text.primary' : 'text.secondary'}
          sx={{ cursor: 'text', minHeight: 20, wordBreak: 'break-word', '&:hover': { bgcolor: 'action.hover' } }}
          onClick={() => edit(a.caption)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') edit(a.caption)
          }}
          data-testid="attachment-caption"
        >
          {a.caption || t('attachments.captionPlaceholder')}
        </Typography>
      ) : (
        <TextField
          size="small"
          autoFocus
          multiline
          maxRows={4}
          label={t('attachments.caption')}
          value={caption}
          slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'attachment-caption-input' } }}
          onChange={(e) => edit(e.target.value)}
          onBlur={() => void saveCaption()}
          onKeyDown={(e) => {
            // Inside a record's dialog: Enter saves the caption, not the record around it.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              e.stopPropagation()
              // Saved once, by the blur this causes.
              ;(e.target as HTMLElement).blur()
            }
            if (e.key === 'Escape') {
              e.stopPropagation()
              edit(null)
            }
          }}
        />
      )}
      {photo && (
        <Tooltip title={t('attachments.inReportHelp')}>
          <FormControlLabel
            sx={{ m: 0 }}
            control={<Checkbox size="small" checked={a.inReport} onChange={(e) => void update({ inReport: e.target.checked })} slotProps={{ input: { 'aria-label': t('attachments.inReport') } }} data-testid="attachment-in-report" />}
            label={<Typography variant="caption">{t('attachments.inReport')}</Typography>}
          />
        </Tooltip>
      )}
      <Box sx={{ display: 'flex', gap: 0.5, mt: 'auto' }}>
        <Button size="small" onClick={() => onOpen(a)} data-testid="attachment-open">
          {t('attachments.open')}
        </Button>
        <Button size="small" color="error" onClick={() => setConfirming(true)} data-testid="attachment-delete">
          {t('attachments.delete')}
        </Button>
      </Box>
      <Dialog open={confirming} onClose={() => setConfirming(false)} maxWidth="xs" fullWidth>
        <DialogTitle>{t('attachments.deleteTitle')}</DialogTitle>
        <DialogContent>{t('attachments.deleteBody', { name: a.fileName })}</DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            data-testid="attachment-delete-confirm"
            onClick={() => {
              setConfirming(false)
              void call('attachments.delete', { id: a.id }).then(onChanged, (e: unknown) => onError(errorText(e)))
            }}
          >
            {t('attachments.delete')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  )
}
