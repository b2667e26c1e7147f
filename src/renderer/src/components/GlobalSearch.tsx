// Ctrl+K (Cmd+K) global search: one dialog over every register, mounted once in the Layout.
// The main side finds the records (`search.global`); this only groups, highlights and opens them.
import { Fragment, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent as ReactKeyboardEvent, ReactNode } from 'react'
import { useNavigate } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import ButtonBase from '@mui/material/ButtonBase'
import CircularProgress from '@mui/material/CircularProgress'
import Dialog from '@mui/material/Dialog'
import InputAdornment from '@mui/material/InputAdornment'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import SearchIcon from '@mui/icons-material/Search'
import { alpha } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import type { CollectionName } from '../../../shared/collections'
import type { SearchHit } from '../../../shared/contract'
import { call } from '../api'
import { useErrorText } from '../state'
import { NAV_ICONS } from './navigation'

/** The order of the groups in the result list. */
export const SEARCH_GROUPS = ['organizations', 'contacts', 'trips', 'activities', 'agreements', 'alumniGroups', 'followUps', 'staff'] as const satisfies readonly CollectionName[]
type SearchGroup = (typeof SEARCH_GROUPS)[number]

const LIMIT_PER_KIND = 8
/** one Latin letter or digit, half- or full-width */
const LONE_LETTER = /^[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]$/
const LONE_LETTER_PAUSE_MS = 150

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
export const SEARCH_SHORTCUT = isMac ? '⌘K' : 'Ctrl+K'

const enc = encodeURIComponent

/** Where a hit opens. Activities open on their trip's page, so the trip is looked up first. */
export async function routeOf(hit: Pick<SearchHit, 'collection' | 'id'>): Promise<string> {
  const id = enc(hit.id)
  switch (hit.collection) {
    case 'organizations':
      return `/organizations/${id}`
    case 'contacts':
      return `/contacts/${id}`
    case 'trips':
      return `/trips/${id}`
    case 'activities': {
      const activity = await call('activities.get', { id: hit.id })
      return activity.tripId ? `/trips/${enc(activity.tripId)}?activity=${id}` : `/trips?activity=${id}`
    }
    case 'agreements':
      return `/agreements?open=${id}`
    case 'alumniGroups':
      return `/alumni-groups?open=${id}`
    case 'followUps':
      return `/follow-ups?open=${id}`
    case 'staff':
      return `/staff?open=${id}`
    default:
      return '/'
  }
}

/** Where Latin letters meet Chinese characters: "zhang伟" is searched as "zhang 伟". */
const SCRIPT_CHANGE = /(?<=[a-z0-9])(?=\p{Script=Han})|(?<=\p{Script=Han})(?=[a-z0-9])/u
const HAN = /^\p{Script=Han}+$/u

/**
 * The text with the first occurrence of the query marked, or of each of its words when the query
 * has several (the main side finds records holding every word, in any order). Chinese typed without
 * a space ("沈伟长沙", found as 沈伟 in 长沙) marks the longest runs of it the text holds.
 */
function highlight(text: string, query: string): ReactNode {
  const q = query.trim().toLowerCase()
  if (!q) return text
  const lower = text.toLowerCase()
  const marked = new Array<boolean>(text.length).fill(false)
  const mark = (word: string): boolean => {
    const at = lower.indexOf(word)
    for (let i = at; at >= 0 && i < at + word.length; i += 1) marked[i] = true
    return at >= 0
  }
  for (const word of lower.includes(q) ? [q] : q.split(/\s+/).flatMap((w) => w.split(SCRIPT_CHANGE))) {
    if (mark(word) || !HAN.test(word)) continue
    for (let i = 0; i < word.length; ) {
      let j = word.length
      while (j > i && !lower.includes(word.slice(i, j))) j -= 1
      if (j > i) mark(word.slice(i, j))
      i = Math.max(j, i + 1)
    }
  }
  const parts: ReactNode[] = []
  for (let i = 0; i < text.length; ) {
    let j = i
    while (j < text.length && marked[j] === marked[i]) j += 1
    const piece = text.slice(i, j)
    parts.push(
      marked[i] ? (
        <Box key={i} component="mark" sx={{ bgcolor: 'transparent', color: 'primary.main', fontWeight: 700 }}>
          {piece}
        </Box>
      ) : (
        <Fragment key={i}>{piece}</Fragment>
      ),
    )
    i = j
  }
  return <>{parts}</>
}

interface Result {
  query: string
  hits: SearchHit[]
  error: string | null
}

/** The AppBar button and the dialog; the shortcut works on every page. */
/** The highlighted row within n results (the state may still point past a shorter list). */
function clampIndex(active: number, n: number): number {
  return Math.max(0, Math.min(active, n - 1))
}

export function GlobalSearch() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const baseId = useId()
  const listboxId = `${baseId}-listbox`
  const optionId = (i: number) => `${baseId}-option-${i}`

  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [result, setResult] = useState<Result | null>(null)
  const [active, setActive] = useState(0)
  const [opening, setOpening] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const seq = useRef(0)
  // No debounce: the index answers in milliseconds, so a search goes out at each keystroke. One is
  // in flight at a time; what is typed meanwhile waits for it, and only the latest text is asked.
  const inFlight = useRef(false)
  const waiting = useRef<string | null>(null)

  const run = useCallback(
    function search(text: string): void {
      const q = text.trim()
      const mine = ++seq.current
      if (q === '') {
        waiting.current = null
        setResult(null)
        return
      }
      if (inFlight.current) {
        waiting.current = text
        return
      }
      inFlight.current = true
      call('search.global', { query: q, limitPerKind: LIMIT_PER_KIND })
        .then(
          (hits) => {
            if (mine !== seq.current) return
            setResult({ query: q, hits, error: null })
            setActive(0)
          },
          (e: unknown) => {
            if (mine !== seq.current) return
            setResult({ query: q, hits: [], error: errorText(e) })
          },
        )
        .finally(() => {
          inFlight.current = false
          const next = waiting.current
          waiting.current = null
          if (next !== null) search(next)
        })
    },
    [errorText],
  )

  // A lone letter or digit is in most records' pinyin or phone: its search costs the most and helps
  // the least, and typing on used to wait behind it. It is asked only once the user pauses on it.
  const pause = useRef<number | null>(null)
  const stopPause = useCallback(() => {
    if (pause.current !== null) window.clearTimeout(pause.current)
    pause.current = null
  }, [])
  useEffect(() => stopPause, [stopPause])
  const onQuery = (text: string) => {
    setQuery(text)
    stopPause()
    if (!LONE_LETTER.test(text.trim())) return run(text)
    pause.current = window.setTimeout(() => {
      pause.current = null
      run(text)
    }, LONE_LETTER_PAUSE_MS)
  }

  const show = useCallback(() => {
    setOpen(true)
    // Already open: Ctrl+K again selects what was typed.
    requestAnimationFrame(() => inputRef.current?.select())
  }, [])

  const close = useCallback(() => {
    stopPause()
    setOpen(false)
    waiting.current = null
    seq.current++
  }, [stopPause])

  // Ctrl+K / Cmd+K from anywhere, even from inside another dialog's field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return
      if (e.key.toLowerCase() !== 'k' && e.code !== 'KeyK') return
      e.preventDefault()
      e.stopPropagation()
      show()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [show])

  const trimmed = query.trim()
  const current = result && result.query === trimmed ? result : null
  const searching = trimmed !== '' && current === null

  /** Hits in display order, grouped; `index` is the position in the flat order the arrows move through. */
  const groups = useMemo(() => {
    const hits = current?.hits ?? []
    let index = 0
    const out: Array<{ collection: SearchGroup; items: Array<{ hit: SearchHit; index: number }> }> = []
    for (const collection of SEARCH_GROUPS) {
      const items = hits.filter((h) => h.collection === collection).map((hit) => ({ hit, index: index++ }))
      if (items.length > 0) out.push({ collection, items })
    }
    return out
  }, [current])
  const flat = useMemo(() => groups.flatMap((g) => g.items.map((i) => i.hit)), [groups])
  const activeIndex = flat.length === 0 ? -1 : Math.min(active, flat.length - 1)

  useEffect(() => {
    if (activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' })
    // optionId only depends on baseId, which never changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex])

  const openHit = async (hit: SearchHit | undefined) => {
    if (!hit || opening) return
    setOpening(true)
    try {
      const to = await routeOf(hit)
      close()
      navigate(to)
    } catch (e) {
      setResult((r) => (r ? { ...r, error: errorText(e) } : r))
    } finally {
      setOpening(false)
    }
  }

  // Moves are functional updates: two keys pressed before React renders again must move twice.
  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return // an IME is still composing Chinese: its Enter is not ours
    const n = flat.length
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault()
        if (n > 0) setActive((a) => (clampIndex(a, n) + 1) % n)
        break
      case 'ArrowUp':
        e.preventDefault()
        if (n > 0) setActive((a) => (clampIndex(a, n) - 1 + n) % n)
        break
      case 'PageDown':
        e.preventDefault()
        if (n > 0) setActive((a) => Math.min(n - 1, clampIndex(a, n) + 5))
        break
      case 'PageUp':
        e.preventDefault()
        if (n > 0) setActive((a) => Math.max(0, clampIndex(a, n) - 5))
        break
      case 'Enter':
        e.preventDefault()
        if (searching) {
          // Pressed Enter before the answer for what was typed: search now, then open the first hit.
          waiting.current = null
          const mine = ++seq.current
          call('search.global', { query: trimmed, limitPerKind: LIMIT_PER_KIND }).then(
            (hits) => {
              if (mine !== seq.current) return
              setResult({ query: trimmed, hits, error: null })
              const first = SEARCH_GROUPS.map((c) => hits.find((h) => h.collection === c)).find(Boolean)
              void openHit(first)
            },
            (err: unknown) => mine === seq.current && setResult({ query: trimmed, hits: [], error: errorText(err) }),
          )
        } else if (activeIndex >= 0) {
          void openHit(flat[activeIndex])
        }
        break
      default:
        break
    }
  }

  return (
    <>
      <ButtonBase
        onClick={show}
        title={t('insights.search.buttonTitle', { shortcut: SEARCH_SHORTCUT })}
        data-testid="appbar-search"
        sx={(theme) => ({
          gap: 1,
          px: 1.25,
          py: 0.5,
          width: 240,
          justifyContent: 'flex-start',
          borderRadius: 1,
          color: 'inherit',
          bgcolor: alpha(theme.palette.common.white, 0.12),
          '&:hover': { bgcolor: alpha(theme.palette.common.white, 0.2) },
          '&.Mui-focusVisible': { outline: `2px solid ${theme.palette.common.white}` },
        })}
      >
        <SearchIcon fontSize="small" />
        <Typography variant="body2" noWrap sx={{ flex: 1, textAlign: 'left', opacity: 0.9 }}>
          {t('insights.search.button')}
        </Typography>
        <Box
          component="kbd"
          sx={(theme) => ({
            fontFamily: 'inherit',
            fontSize: 12,
            lineHeight: '18px',
            px: 0.75,
            borderRadius: 0.5,
            border: `1px solid ${alpha(theme.palette.common.white, 0.4)}`,
            opacity: 0.9,
          })}
        >
          {SEARCH_SHORTCUT}
        </Box>
      </ButtonBase>
      <Dialog
        open={open}
        onClose={close}
        fullWidth
        maxWidth="md"
        aria-label={t('insights.search.dialogTitle')}
        data-testid="global-search"
        sx={{ '& .MuiDialog-container': { alignItems: 'flex-start' } }}
        slotProps={{
          paper: { sx: { mt: '10vh', maxWidth: 720, maxHeight: '75vh', display: 'flex', flexDirection: 'column' } },
          transition: {
            onExited: () => {
              setQuery('')
              setResult(null)
              setActive(0)
            },
          },
        }}
      >
        <Box sx={{ p: 2, pb: 1 }}>
          <TextField
            inputRef={inputRef}
            autoFocus
            fullWidth
            size="small"
            value={query}
            placeholder={t('insights.search.placeholder')}
            onChange={(e) => onQuery(e.target.value)}
            onKeyDown={onKeyDown}
            slotProps={{
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon fontSize="small" />
                  </InputAdornment>
                ),
                endAdornment:
                  searching || opening ? (
                    <InputAdornment position="end">
                      <CircularProgress size={16} aria-label={opening ? t('insights.search.opening') : t('insights.search.searching')} />
                    </InputAdornment>
                  ) : undefined,
              },
              htmlInput: {
                'aria-label': t('insights.search.label'),
                role: 'combobox',
                'aria-autocomplete': 'list',
                'aria-expanded': flat.length > 0,
                'aria-controls': listboxId,
                'aria-activedescendant': activeIndex >= 0 ? optionId(activeIndex) : undefined,
                autoComplete: 'off',
                spellCheck: false,
                'data-testid': 'global-search-input',
              },
            }}
          />
        </Box>
        <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', px: 1 }}>
          {current?.error && (
            <Alert severity="error" sx={{ mx: 1, mb: 1 }}>
              {current.error}
            </Alert>
          )}
          {trimmed === '' && (
            <Typography variant="body2" color="text.secondary" sx={{ px: 1, py: 2 }}>
              {t('insights.search.hint')}
            </Typography>
          )}
          {current && !current.error && flat.length === 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ px: 1, py: 2 }} data-testid="global-search-empty">
              {t('insights.search.noResults', { query: current.query })}
            </Typography>
          )}
          <Box
            id={listboxId}
            role="listbox"
            aria-label={t('insights.search.results')}
            aria-busy={searching}
            // Which query the hits on screen answer (npm run bench:first-load times it from the keystroke).
            data-query={current?.query ?? ''}
            sx={{ pb: 1, opacity: searching ? 0.6 : 1 }}
          >
            {groups.map(({ collection, items }) => {
              const Icon = NAV_ICONS[collection]
              const headerId = `${baseId}-group-${collection}`
              return (
                <Box key={collection} role="group" aria-labelledby={headerId}>
                  <Typography
                    id={headerId}
                    variant="caption"
                    component="div"
                    color="text.secondary"
                    sx={{ px: 1, pt: 1.5, pb: 0.5, fontWeight: 600, position: 'sticky', top: 0, bgcolor: 'background.paper', zIndex: 1 }}
                  >
                    {t(`insights.search.groups.${collection}`)}
                  </Typography>
                  {items.map(({ hit, index }) => {
                    const detailId = `${optionId(index)}-detail`
                    return (
                      <ListItemButton
                        key={`${hit.collection}:${hit.id}`}
                        id={optionId(index)}
                        role="option"
                        aria-selected={index === activeIndex}
                        aria-label={hit.name}
                        aria-describedby={hit.detail ? detailId : undefined}
                        selected={index === activeIndex}
                        tabIndex={-1}
                        dense
                        onMouseMove={() => index !== activeIndex && setActive(index)}
                        onClick={() => void openHit(hit)}
                        sx={{ borderRadius: 1, py: 0.5 }}
                      >
                        {Icon && (
                          <ListItemIcon sx={{ minWidth: 34 }}>
                            <Icon fontSize="small" />
                          </ListItemIcon>
                        )}
                        <ListItemText
                          primary={highlight(hit.name, current?.query ?? '')}
                          secondary={hit.detail ? highlight(hit.detail, current?.query ?? '') : undefined}
                          slotProps={{
                            primary: { noWrap: true, title: hit.name },
                            secondary: { noWrap: true, title: hit.detail, id: detailId },
                          }}
                          sx={{ my: 0.25 }}
                        />
                      </ListItemButton>
                    )
                  })}
                </Box>
              )
            })}
          </Box>
        </Box>
        <Box sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
          <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'pre' }}>
            {t('insights.search.keys')}
          </Typography>
        </Box>
      </Dialog>
    </>
  )
}
