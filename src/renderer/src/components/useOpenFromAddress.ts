// `?open=<id>` in a register's address (from Ctrl+K, the dashboard's lists, a link) opens that
// record's form, so every mention of a record leads to the record itself.
import { useEffect, useRef } from 'react'
import { useSearchParams } from 'react-router-dom'
import type { CollectionName, RecordTypes } from '../../../shared/collections'
import { getRecord } from '../api'
import { useApp, useErrorText } from '../state'

export function useOpenFromAddress<C extends CollectionName>(collection: C, open: (record: RecordTypes[C]) => void): void {
  const [params, setParams] = useSearchParams()
  const id = params.get('open')
  const { notify } = useApp()
  const errorText = useErrorText()
  // The address loses the id as soon as it is taken, so the answer must not be tied to it: only
  // leaving the page drops it.
  const mounted = useRef(true)
  useEffect(
    () => () => {
      mounted.current = false
    },
    [],
  )
  useEffect(() => {
    if (!id) return
    mounted.current = true
    getRecord(collection, id).then(
      (record) => mounted.current && open(record),
      (e: unknown) => mounted.current && notify({ severity: 'error', message: errorText(e) }),
    )
    // Taken: a reload or Back does not open it again.
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        next.delete('open')
        return next
      },
      { replace: true },
    )
    // `open` is a fresh function each render; the id alone says when to act
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, collection])
}
