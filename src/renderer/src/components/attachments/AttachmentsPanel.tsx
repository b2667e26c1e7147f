import { useCallback, useEffect, useRef, useState } from 'react'
import type { DragEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Typography from '@mui/material/Typography'
import AttachFileIcon from '@mui/icons-material/AttachFile'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { ATTACHMENT_MAX_FILE_BYTES, ATTACHMENT_MAX_MEGAPIXELS, ATTACHMENT_REFUSALS } from '../../../../shared/attachments'
import type { AttachmentRefusal } from '../../../../shared/attachments'
import type { Attachment, attachmentOwnerKinds } from '../../../../shared/domain/attachments'
import { call, isApiError } from '../../api'
import { readBase64 } from '../../pages/import/FileStep'
import { useErrorText } from '../../state'
import { AttachmentCard } from './AttachmentCard'

const MB = 1024 * 1024
const ACCEPT = '.jpg,.jpeg,.png,.heic,.heif,.pdf,image/jpeg,image/png,image/heic,application/pdf'

function refusalText(t: TFunction, code: AttachmentRefusal, size: number): string {
  return t(`attachments.errors.${code}`, { mb: ATTACHMENT_MAX_FILE_BYTES / MB, mp: ATTACHMENT_MAX_MEGAPIXELS, size: (size / MB).toFixed(1) })
}

/** Opens the bytes in a new tab (the browser's own viewer), or downloads them if the tab was blocked. */
async function openInBrowser(a: Attachment): Promise<void> {
  const content = await call('attachments.content', { id: a.id })
  const bytes = Uint8Array.from(atob(content.data), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: content.mime }))
  // Not 'noopener': with it window.open always returns null, and a blocked tab could not be told apart.
  const tab = window.open(url, '_blank')
  if (tab) tab.opener = null
  else {
    const link = document.createElement('a')
    link.href = url
    link.download = content.fileName
    link.click()
  }
  // The tab has loaded it by then; a blob URL kept forever holds the bytes in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * A record's photos and scans: a grid of thumbnails with captions, files added by the button or by
 * dropping them on the panel. Each file is checked and stored by the main side before it is listed.
 */
export function AttachmentsPanel({ recordType, recordId }: { recordType: (typeof attachmentOwnerKinds)[number]; recordId: string }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const input = useRef<HTMLInputElement>(null)
  const [items, setItems] = useState<Attachment[] | null>(null)
  const [adding, setAdding] = useState<string | null>(null)
  const [errors, setErrors] = useState<string[]>([])
  const [dragging, setDragging] = useState(false)

  // Bumped after every change: the list is read again from the main side, never patched here.
  const [version, setVersion] = useState(0)
  const load = useCallback(() => setVersion((v) => v + 1), [])
  useEffect(() => {
    let live = true
    call('attachments.list', { filter: { recordType, recordId }, limit: 500 }).then(
      (page) => live && setItems(page.items),
      (e: unknown) => live && setErrors([errorText(e)]),
    )
    return () => {
      live = false
    }
  }, [recordType, recordId, errorText, version])

  const addFiles = async (files: readonly File[]) => {
    const problems: string[] = []
    for (const file of files) {
      // Refused here before 25 MB and more cross to the main side; it checks again.
      if (file.size > ATTACHMENT_MAX_FILE_BYTES) {
        problems.push(t('attachments.failed', { name: file.name, message: refusalText(t, 'tooLarge', file.size) }))
        continue
      }
      setAdding(file.name)
      try {
        await call('attachments.add', { recordType, recordId, fileName: file.name, data: await readBase64(file) })
      } catch (e) {
        const code = isApiError(e) ? e.fieldErrors.data?.[0] ?? e.fieldErrors.recordId?.[0] : undefined
        const refusal = code?.startsWith('attachment.') ? (code.slice('attachment.'.length) as AttachmentRefusal) : null
        const message = refusal && (ATTACHMENT_REFUSALS as readonly string[]).includes(refusal) ? refusalText(t, refusal, file.size) : errorText(e)
        problems.push(t('attachments.failed', { name: file.name, message }))
      }
    }
    setAdding(null)
    setErrors(problems)
    load()
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const files = Array.from(e.dataTransfer.files)
    if (files.length > 0) void addFiles(files)
  }
  const onOpen = (a: Attachment) => {
    void (async () => {
      try {
        const r = await call('attachments.open', { id: a.id })
        if (!r.opened) await openInBrowser(a)
      } catch (e) {
        setErrors([t('attachments.openFailed', { message: errorText(e) })])
      }
    })()
  }

  return (
    <Box
      component="section"
      aria-label={t('attachments.title')}
      data-testid="attachments-panel"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
        setDragging(true)
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
      }}
      onDrop={onDrop}
      sx={{ border: 2, borderStyle: 'dashed', borderColor: dragging ? 'primary.main' : 'divider', bgcolor: dragging ? 'action.hover' : 'transparent', borderRadius: 1, p: 1.5 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
          {t('attachments.title')}
          {items && items.length > 0 ? ` (${items.length})` : ''}
        </Typography>
        <Button size="small" variant="outlined" startIcon={<AttachFileIcon />} onClick={() => input.current?.click()} disabled={adding !== null} data-testid="attachment-add">
          {t('attachments.add')}
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          multiple
          accept={ACCEPT}
          data-testid="attachment-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? [])
            e.target.value = ''
            if (files.length > 0) void addFiles(files)
          }}
        />
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {dragging ? t('attachments.dropHere') : t('attachments.help', { mb: ATTACHMENT_MAX_FILE_BYTES / MB })}
      </Typography>
      {adding !== null && (
        <Box sx={{ mb: 1 }}>
          <Typography variant="caption">{t('attachments.adding', { name: adding })}</Typography>
          <LinearProgress />
        </Box>
      )}
      {errors.length > 0 && (
        <Alert severity="error" sx={{ mb: 1 }} onClose={() => setErrors([])} data-testid="attachment-error">
          {errors.map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Alert>
      )}
      {items && items.length === 0 && adding === null && (
        <Typography variant="body2" color="text.secondary">
          {t('attachments.empty')}
        </Typography>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        {(items ?? []).map((a) => (
          <AttachmentCard key={a.id} a={a} onChanged={load} onError={(m) => setErrors([m])} onOpen={onOpen} />
        ))}
      </Box>
    </Box>
  )
}
