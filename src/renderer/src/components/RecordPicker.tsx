/**
 * RecordPicker: choose one or several linked records (an id field) with server-side search.
 *
 * Props
 *   collection   'organizations' | 'contacts' | 'staff' | 'trips' | 'agreements' | 'alumniGroups' | 'activities'
 *   name         the form field path; used for the error (errorOf(errors, name)) and as data-field on the input
 *   label        the field label
 *   value        string | null (single) or string[] (with `multiple`)
 *   onChange     (value, picked) => void; `picked` are the chosen options ({ id, name, detail }) in value order
 *   multiple?    pick several (chips)
 *   errors?      the form's FieldErrors; the message for `name` shows under the field like TextInput
 *   required?, disabled?, autoFocus?, placeholder?, helperText?, size?
 *   allowCreate? offer “Create “typed text”” at the end of the list; opens a compact inline-create dialog
 *                (organizations, contacts, staff only) and selects the new record. Default: true for those three.
 *   createDefaults? initial values of the inline-create dialog, e.g. { organizationId } for a new contact
 *   filter?      a `<collection>.list` filter, e.g. { organizationId } or { active: true }
 *   excludeIds?  ids never offered (e.g. the record being edited)
 *   inputRef?    ref to the text input (to focus it)
 *   onCreated?   called with the record created inline (after onChange)
 *
 * Keyboard: type to search (debounced, server side); ↑/↓ move, Enter picks the highlighted option
 * (the first one is highlighted; if Enter is pressed while results are still loading, the first result
 * is picked when they arrive). When nothing matches, the highlighted option is “Create …”.
 * Each option shows the name and a second line (contact: position · organisation, alumni chip;
 * organisation: kind · city; staff: title · department; agreement: kind · organisation …).
 *
 * Example
 *   <RecordPicker collection="organizations" name="organizationId" label={t('fields.organization')}
 *     value={values.organizationId} onChange={(id) => set('organizationId', id)} errors={errors} required />
 *   <RecordPicker collection="contacts" multiple name="memberContactIds" label={t('fields.memberContactIds')}
 *     value={values.memberContactIds} onChange={(ids) => set('memberContactIds', ids)} errors={errors} />
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ReactNode, Ref } from 'react'
import Autocomplete from '@mui/material/Autocomplete'
import type { AutocompleteRenderValueGetItemProps } from '@mui/material/Autocomplete'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import CircularProgress from '@mui/material/CircularProgress'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import AddIcon from '@mui/icons-material/AddCircleOutlineOutlined'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { displayName } from '../../../shared/collections'
import type { RecordTypes } from '../../../shared/collections'
import { getRecord, listRecords } from '../api'
import type { ListInput } from '../api'
import { formatDate, formatDateRange } from '../format'
import { enumText } from '../i18n'
import { nameKey, useNames } from '../names'
import type { NameMap, NameRef } from '../names'
import { useApp } from '../state'
import { errorOf } from './form'
import type { FieldErrors } from './form'
import { canCreateInline, useInlineCreate } from './inlineCreateContext'
import type { InlineCollection, InlineDefaults } from './inlineCreateContext'
import { trackPick } from './pendingPicks'
import type { PickOutcome } from './pendingPicks'

export type PickerCollection = 'organizations' | 'contacts' | 'staff' | 'trips' | 'agreements' | 'alumniGroups' | 'activities'

export interface PickedRecord {
  id: string
  name: string
  detail: string
}

interface Option extends PickedRecord {
  kind: 'record'
  /** contacts: the alumni chip text */
  badge?: string
}
interface CreateOption {
  kind: 'create'
  text: string
}
type Choice = Option | CreateOption

interface CommonProps<C extends PickerCollection> {
  collection: C
  name: string
  label: string
  errors?: FieldErrors
  required?: boolean
  disabled?: boolean
  autoFocus?: boolean
  placeholder?: string
  helperText?: ReactNode
  size?: 'small' | 'medium'
  allowCreate?: boolean
  createDefaults?: InlineDefaults
  filter?: Record<string, unknown>
  excludeIds?: readonly string[]
  inputRef?: Ref<HTMLInputElement>
  onCreated?: (record: RecordTypes[C]) => void
}
type SingleProps = { multiple?: false; value: string | null; onChange: (value: string | null, picked: PickedRecord[]) => void }
type MultipleProps = { multiple: true; value: string[]; onChange: (value: string[], picked: PickedRecord[]) => void }
export type RecordPickerProps<C extends PickerCollection> = CommonProps<C> & (SingleProps | MultipleProps)

const SORT: Record<PickerCollection, { field: string; dir: 'asc' | 'desc' }> = {
  organizations: { field: 'name', dir: 'asc' },
  contacts: { field: 'name', dir: 'asc' },
  staff: { field: 'name', dir: 'asc' },
  trips: { field: 'startDate', dir: 'desc' },
  agreements: { field: 'title', dir: 'asc' },
  alumniGroups: { field: 'name', dir: 'asc' },
  activities: { field: 'date', dir: 'desc' },
}

/** Linked records a second line names (the organisation of a contact, …). */
function refsOf(collection: PickerCollection, r: RecordTypes[PickerCollection]): NameRef[] {
  const o = r as unknown as Record<string, unknown>
  const id = collection === 'alumniGroups' ? o.hostOrganizationId : collection === 'contacts' || collection === 'agreements' ? o.organizationId : null
  return typeof id === 'string' && id !== '' ? [{ collection: 'organizations', id }] : []
}

export function alumniBadge(t: TFunction, alumni: { classYear: number | null } | null | undefined): string | undefined {
  if (!alumni) return undefined
  return alumni.classYear ? t('trips.picker.alumniBadge', { year: alumni.classYear }) : t('trips.picker.alumniBadgeNoYear')
}

function optionOf(t: TFunction, collection: PickerCollection, r: RecordTypes[PickerCollection], names: NameMap): Option {
  const org = (id: string | null | undefined) => (id ? (names.get(nameKey('organizations', id)) ?? '') : '')
  const join = (parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' · ')
  let detail = ''
  let badge: string | undefined
  switch (collection) {
    case 'organizations': {
      const o = r as RecordTypes['organizations']
      detail = join([enumText(t, 'organizationKind', o.kind), o.city])
      break
    }
    case 'contacts': {
      const c = r as RecordTypes['contacts']
      detail = join([c.position, org(c.organizationId)])
      badge = alumniBadge(t, c.alumni)
      break
    }
    case 'staff': {
      const s = r as RecordTypes['staff']
      detail = join([s.title, s.department])
      break
    }
    case 'trips': {
      const x = r as RecordTypes['trips']
      detail = formatDateRange(x.startDate, x.endDate)
      break
    }
    case 'agreements': {
      const a = r as RecordTypes['agreements']
      detail = join([enumText(t, 'agreementKind', a.kind), org(a.organizationId), enumText(t, 'agreementStatus', a.status)])
      break
    }
    case 'alumniGroups': {
      const g = r as RecordTypes['alumniGroups']
      detail = join([enumText(t, 'alumniGroupKind', g.kind), org(g.hostOrganizationId), enumText(t, 'alumniGroupStatus', g.status)])
      break
    }
    case 'activities': {
      const a = r as RecordTypes['activities']
      detail = join([formatDate(a.date), enumText(t, 'period', a.period), enumText(t, 'activityKind', a.kind)])
      break
    }
  }
  return { kind: 'record', id: r.id, name: displayName(r), detail, badge }
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms)
    return () => clearTimeout(id)
  }, [value, ms])
  return v
}

interface Loaded {
  key: string
  records: Array<RecordTypes[PickerCollection]>
}

export function RecordPicker<C extends PickerCollection>(props: RecordPickerProps<C>) {
  const { collection, name, label, errors = {}, required, disabled, autoFocus, placeholder, helperText, size, createDefaults, filter, excludeIds, inputRef, onCreated } = props
  const inline = useInlineCreate()
  const allowCreate = (props.allowCreate ?? true) && canCreateInline(collection) && inline !== null
  const { t } = useTranslation()
  const { dataVersion } = useApp()
  const ids = useMemo(() => (props.multiple ? props.value : props.value ? [props.value] : []), [props.multiple, props.value])
  const [open, setOpen] = useState(false)
  const [input, setInput] = useState('')
  const [creating, setCreating] = useState<{ text: string; key: number } | null>(null)
  const rootRef = useRef<HTMLDivElement | null>(null)
  /** records chosen or created here, so a chosen record shows its name at once */
  const [known, setKnown] = useState<ReadonlyMap<string, Option>>(new Map())
  const remember = (list: readonly Option[]) =>
    setKnown((m) => {
      const next = new Map(m)
      for (const o of list) next.set(o.id, o)
      return next
    })
  const focusInput = () => requestAnimationFrame(() => rootRef.current?.querySelector('input')?.focus())

  // Chosen records not seen in a list yet (a form opened on a saved record): fetch them once,
  // so their chips can show the same second line and alumni chip as the options.
  const unknownIds = ids.filter((id) => !known.has(id)).join('\u0001')
  useEffect(() => {
    if (unknownIds === '') return
    let live = true
    const get = (id: string) => (getRecord(collection, id) as Promise<RecordTypes[PickerCollection]>).catch(() => null)
    void Promise.all(unknownIds.split('\u0001').map(get)).then((recs) => {
      if (!live) return
      const found = recs.filter((r): r is RecordTypes[PickerCollection] => r !== null)
      if (found.length > 0) remember(found.map((r) => optionOf(t, collection, r, new Map())))
    })
    return () => {
      live = false
    }
  }, [unknownIds, collection, t])

  const selectedNames = useNames(useMemo(() => ids.map((id) => ({ collection, id })), [collection, ids]))
  const optionFor = useCallback(
    (id: string): Option => {
      const n = selectedNames.get(nameKey(collection, id))
      const k = known.get(id)
      if (k) return n ? { ...k, name: n } : k
      return { kind: 'record', id, name: n ?? (n === null ? t('common.unknownRecord', { id }) : '…'), detail: '' }
    },
    [selectedNames, known, collection, t],
  )
  // The value must keep its identity between renders: Autocomplete clears the typed text whenever
  // it changes, so it changes only when the chosen records or their names do (not when a name
  // lookup merely confirms what is already shown).
  const valueSig = ids.map((id) => `${id}\u0001${optionFor(id).name}\u0001${optionFor(id).badge ?? ''}`).join('\u0002')
  const value = useMemo<Option | Option[] | null>(
    () => (props.multiple ? props.value.map(optionFor) : props.value ? optionFor(props.value) : null),
    // valueSig stands for props.value and optionFor
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.multiple, valueSig],
  )
  const selectedLabel = value !== null && !Array.isArray(value) ? value.name : ''

  // In single mode the input shows the chosen name: searching for it would hide the other records.
  const typed = input.trim()
  const term = !props.multiple && props.value && input === selectedLabel ? '' : typed
  const debounced = useDebounced(term, 200)
  const filterKey = JSON.stringify(filter ?? {})
  const queryKey = `${collection}|${filterKey}|${debounced}|${dataVersion}`

  const picked = (list: readonly Option[]): PickedRecord[] => list.map(({ id, name: n, detail }) => ({ id, name: n, detail }))

  const choose = (choice: Choice | null, current: Option[]) => {
    if (choice?.kind === 'create') {
      setOpen(false)
      setCreating({ text: choice.text, key: Date.now() })
      return
    }
    if (choice) remember([choice])
    if (props.multiple) {
      const next = choice ? [...current.filter((o) => o.id !== choice.id), choice] : current
      props.onChange(
        next.map((o) => o.id),
        picked(next),
      )
      setInput('')
    } else {
      props.onChange(choice?.id ?? null, choice ? picked([choice]) : [])
    }
  }

  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const exclude = useMemo(() => new Set(excludeIds ?? []), [excludeIds])
  useEffect(() => {
    if (!open) return
    let live = true
    const query: ListInput = { search: debounced, limit: 20, sort: SORT[collection], ...(filter ? { filter } : {}) }
    listRecords(collection, query).then(
      (page) => {
        if (!live) return
        const recs = page.items as Array<RecordTypes[PickerCollection]>
        setLoaded({ key: queryKey, records: recs })
      },
      () => live && setLoaded({ key: queryKey, records: [] }),
    )
    return () => {
      live = false
    }
    // filter is represented by filterKey
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, collection, debounced, filterKey, queryKey])

  /**
   * Enter pressed before the results for the typed text are in: ask for them now and take the
   * first one (or “Create …” when there is none), as if the user had waited. Typing on does not
   * cancel it: the Enter was meant for the text typed before it.
   */
  const latestValue = useRef<Option[]>([])
  useEffect(() => {
    latestValue.current = Array.isArray(value) ? value : []
  }, [value])
  const earlyEnter = (text: string) => {
    const query: ListInput = { search: text, limit: 5, sort: SORT[collection], ...(filter ? { filter } : {}) }
    const done = listRecords(collection, query).then((page): PickOutcome => {
      const first = (page.items as Array<RecordTypes[PickerCollection]>).find((r) => !exclude.has(r.id))
      setOpen(false)
      if (first) {
        choose(optionOf(t, collection, first, orgNames), latestValue.current)
        return 'picked'
      }
      if (allowCreate && text !== '') {
        choose({ kind: 'create', text }, [])
        return 'needsUser'
      }
      return 'picked'
    })
    // The form's save waits for this pick (see pendingPicks.ts).
    trackPick(rootRef.current, done)
  }

  const records = useMemo(() => loaded?.records ?? [], [loaded])
  const orgNames = useNames(useMemo(() => records.flatMap((r) => refsOf(collection, r)), [records, collection]))
  const fresh = loaded?.key === queryKey && debounced === term
  const loading = open && !fresh

  const options = useMemo<Option[]>(
    () => records.filter((r) => !exclude.has(r.id)).map((r) => optionOf(t, collection, r, orgNames)),
    [records, exclude, t, collection, orgNames],
  )

  const choices = useMemo<Choice[]>(() => {
    const shown: Choice[] = fresh ? options : options.filter((o) => o.name.toLowerCase().includes(term.toLowerCase()))
    const exact = options.some((o) => o.name.trim().toLowerCase() === term.toLowerCase())
    if (allowCreate && fresh && term !== '' && !exact) return [...shown, { kind: 'create', text: term }]
    return shown
  }, [options, fresh, term, allowCreate])

  const err = errorOf(errors, name)

  return (
    <>
      <Autocomplete<Choice, boolean, false, false>
        ref={rootRef}
        multiple={props.multiple === true}
        value={value as never}
        options={choices}
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        inputValue={input}
        onInputChange={(_, v) => setInput(v)}
        filterOptions={(x) => x}
        autoHighlight
        openOnFocus={false}
        disabled={disabled}
        size={size}
        loading={loading}
        loadingText={t('trips.picker.loading')}
        noOptionsText={typed === '' ? t('trips.picker.typeToSearch') : t('trips.picker.noOptions')}
        getOptionLabel={(o) => (o.kind === 'create' ? o.text : o.name)}
        getOptionKey={(o) => (o.kind === 'create' ? '__create' : o.id)}
        isOptionEqualToValue={(o, v) => o.kind === 'record' && v.kind === 'record' && o.id === v.id}
        onChange={(_, v, reason, details) => {
          if (props.multiple) {
            const list = (v as Choice[]).filter((c): c is Option => c.kind === 'record')
            if (reason === 'selectOption' && details?.option.kind === 'create') choose(details.option, list)
            else
              props.onChange(
                list.map((o) => o.id),
                picked(list),
              )
          } else {
            choose(v as Choice | null, [])
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && open && loading && !e.nativeEvent.isComposing) {
            // Results are on their way: do not submit the form; pick the first result when it is in.
            e.preventDefault()
            ;(e as unknown as { defaultMuiPrevented: boolean }).defaultMuiPrevented = true
            earlyEnter(term)
          }
        }}
        renderOption={(liProps, o) => {
          const { key, ...rest } = liProps as typeof liProps & { key: string }
          if (o.kind === 'create') {
            return (
              <li key={key} {...rest} data-testid="picker-create">
                <AddIcon fontSize="small" color="primary" sx={{ mr: 1 }} />
                <Typography variant="body2" color="primary">
                  {t('trips.picker.create', { text: o.text })}
                </Typography>
              </li>
            )
          }
          return (
            <li key={key} {...rest}>
              <Box sx={{ minWidth: 0, flex: 1 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Typography variant="body2" noWrap title={o.name} sx={{ minWidth: 0 }}>
                    {o.name}
                  </Typography>
                  {o.badge && <Chip size="small" color="secondary" variant="outlined" label={o.badge} sx={{ height: 20 }} />}
                </Box>
                {o.detail && (
                  <Typography variant="caption" color="text.secondary" noWrap component="div" title={o.detail}>
                    {o.detail}
                  </Typography>
                )}
              </Box>
            </li>
          )
        }}
        renderValue={
          props.multiple
            ? (selected, getItemProps) =>
                (selected as Option[]).map((o, index) => {
                  const { key, ...itemProps } = (getItemProps as AutocompleteRenderValueGetItemProps<true>)({ index })
                  return (
                    <Chip
                      key={key}
                      size="small"
                      label={
                        o.badge ? (
                          <>
                            {o.name}
                            <Box component="span" sx={{ color: 'secondary.main', ml: 0.75 }}>
                              {o.badge}
                            </Box>
                          </>
                        ) : (
                          o.name
                        )
                      }
                      title={[o.name, o.detail].filter(Boolean).join(' · ')}
                      {...itemProps}
                    />
                  )
                })
            : undefined
        }
        renderInput={(params) => (
          <TextField
            {...params}
            name={name}
            label={label}
            required={required}
            autoFocus={autoFocus}
            placeholder={ids.length === 0 ? placeholder : undefined}
            error={err !== undefined}
            helperText={err ?? helperText}
            inputRef={inputRef}
            slotProps={{
              ...params.slotProps,
              htmlInput: { ...params.slotProps.htmlInput, 'data-field': name, title: selectedLabel || undefined },
              input: {
                ...params.slotProps.input,
                endAdornment: (
                  <>
                    {loading && debounced !== '' ? <CircularProgress color="inherit" size={16} /> : null}
                    {params.slotProps.input.endAdornment}
                  </>
                ),
              },
            }}
          />
        )}
      />
      {creating && inline !== null && (
        <inline.Dialog
          key={creating.key}
          collection={collection as InlineCollection}
          text={creating.text}
          defaults={createDefaults}
          onClose={() => {
            setCreating(null)
            focusInput()
          }}
          onCreated={(record) => {
            const o = optionOf(t, collection, record as RecordTypes[PickerCollection], orgNames)
            remember([o])
            setCreating(null)
            if (props.multiple) {
              const next = [...props.value.filter((id) => id !== o.id).map(optionFor), o]
              props.onChange(
                next.map((x) => x.id),
                picked(next),
              )
              setInput('')
            } else {
              props.onChange(o.id, picked([o]))
              setInput(o.name)
            }
            onCreated?.(record as RecordTypes[C])
            focusInput()
          }}
        />
      )}
    </>
  )
}
