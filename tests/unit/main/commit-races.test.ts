// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { fakeSchema, note, tempDir } from '../store/fake-schema'
import type { FakeDb } from '../store/fake-schema'
import { recordingFs } from '../store/recording-fs'
import { journalGate } from './commit-gate'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

async function heldStore() {
  const t = await tempDir('head')
  const fs = recordingFs()
  const store: Store<FakeDb> = await openStore({ dir: t.dir, schema: fakeSchema(), backupOnOpen: false, fs })
  cleanups.push(async () => {
    await store.close().catch(() => undefined)
    await t.cleanup()
  })
  return { store, gate: journalGate(fs), dir: t.dir }
}

/** Settles without throwing, so a test can look at how each queued call ended. */
function outcome<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: Error) => ({ ok: false as const, error }),
  )
}

describe('store head: preconditions see queued writes', () => {
  it('a precondition sees a write that is queued but not durable; readers see durable state only', async () => {
    const { store, gate } = await heldStore()
    const reached = gate.hold()
    const a = store.commit({ puts: [note('a', 'queued')] })
    await reached
    let seen: unknown
    const b = store.transact((head) => {
      seen = head.get('notes', 'a')
      return { tx: { puts: [note('b')] }, result: [...head.all('notes')].map((n) => n.id) }
    })
    expect(seen).toEqual({ id: 'a', text: 'queued' })
    expect(store.get('notes', 'a')).toBeUndefined()
    gate.release()
    await a
    expect(await b).toEqual(['a'])
    expect(store.data.notes.map((n) => n.id)).toEqual(['a', 'b'])
  })

  it('a precondition that throws queues nothing', async () => {
    const { store } = await heldStore()
    await expect(store.transact(() => { throw new Error('no') })).rejects.toThrow('no')
    await store.commit({ puts: [note('x')] })
    expect(store.data.notes.map((n) => n.id)).toEqual(['x'])
  })

  it('a failed write rejects the checked writes queued behind it, with its error; unchecked ones are written', async () => {
    const { store, gate, dir } = await heldStore()
    await store.commit({ puts: [note('base')] })
    const reached = gate.hold()
    const failing = outcome(store.commit({ puts: [note('a')] }))
    await reached
    const dependent = outcome(store.transact((head) => {
      if (!head.get('notes', 'a')) throw new Error('a should be in the head')
      return { tx: { puts: [note('b', 'relies on a')] }, result: 'b' }
    }))
    const plain = outcome(store.commit({ puts: [note('c')] }))
    const disk = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })
    gate.release(disk)
    const [f, d, p] = await Promise.all([failing, dependent, plain])
    expect(f).toMatchObject({ ok: false, error: disk })
    expect(d).toMatchObject({ ok: false, error: disk })
    expect(p).toMatchObject({ ok: true })
    expect(store.data.notes.map((n) => n.id)).toEqual(['base', 'c'])
    // The head forgot the failed writes: a new check does not see them.
    expect(await store.transact((head) => ({ tx: { puts: [] }, result: head.get('notes', 'a') ?? null }))).toBeNull()
    await store.close()
    const again = await openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    expect(again.data.notes.map((n) => n.id)).toEqual(['base', 'c'])
    await again.close()
  })

  it('writes queued while a state is replaced are rejected if they were checked against the old state', async () => {
    const { store, gate } = await heldStore()
    const reached = gate.hold()
    const first = store.commit({ puts: [note('a')] })
    await reached
    const replaced = store.replaceAll({ schemaVersion: 1, settings: {}, notes: [{ id: 'r', text: 'restored' }], tags: [] })
    const checked = outcome(store.transact((head) => ({ tx: { puts: [note('b')] }, result: head.get('notes', 'a') })))
    const plain = outcome(store.commit({ puts: [note('c')] }))
    gate.release()
    await first
    await replaced
    expect((await checked).ok).toBe(false)
    expect((await plain).ok).toBe(true)
    expect(store.data.notes.map((n) => n.id)).toEqual(['r', 'c'])
  })

  it('settings queued in the head merge in queue order', async () => {
    const { store, gate } = await heldStore()
    const reached = gate.hold()
    const a = store.commit({ puts: [], settings: { lang: 'zh', theme: 'dark' } })
    await reached
    const b = store.commit({ puts: [], settings: { lang: 'en' } })
    const seen = store.transact((head) => ({ tx: { puts: [] }, result: head.settings }))
    expect(await seen).toEqual({ lang: 'en', theme: 'dark' })
    gate.release()
    await Promise.all([a, b])
    expect(store.data.settings).toEqual({ lang: 'en', theme: 'dark' })
  })
})
