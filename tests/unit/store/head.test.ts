// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { Head, PreparedSlots } from '../../../src/main/store/head'
import { MemoryState } from '../../../src/main/store/memory'

type Db = { schemaVersion: number; settings: Record<string, unknown>; notes: Array<{ id: string; text: string }> }

describe('the head: memory plus what is queued', () => {
  it('keeps showing what is still queued when an earlier batch becomes durable, and memory once nothing is', () => {
    const memory = new MemoryState<Db>({ schemaVersion: 1, settings: {}, notes: [{ id: 'a', text: 'stored' }] }, ['notes'])
    const head = new Head(() => memory)
    const big = { puts: Array.from({ length: 1000 }, (_, i) => ['notes', { id: `n${i}`, text: 'big' }] as [string, { id: string; text: string }]), checked: true }
    const edit = { puts: [['notes', { id: 'a', text: 'queued edit' }] as [string, { id: string; text: string }]], checked: true }
    head.queued(big)
    head.queued(edit)
    memory.apply({ seq: 1, puts: big.puts })
    head.durable(1)
    expect(head.get('notes', 'a')?.text).toBe('queued edit')
    expect(head.get('notes', 'n999')?.text).toBe('big')
    memory.apply({ seq: 2, puts: edit.puts })
    head.durable(1)
    expect(head.get('notes', 'a')?.text).toBe('queued edit')
    expect([...head.all('notes')]).toHaveLength(1001)
  })

  // A prepared batch's slots, built while it was prepared, are taken over as they are when it is queued.
  const note = (id: string, text: string) => ['notes', { id, text }] as [string, { id: string; text: string }]
  const layered = (puts: Array<[string, { id: string; text: string }]>, checked: boolean) => {
    const layer = new PreparedSlots()
    for (const [c, r] of puts) layer.add(c, r)
    return { puts, checked, layer }
  }

  it('puts a prepared batch after what was queued before it, in the same order as one put at a time', () => {
    const memory = new MemoryState<Db>({ schemaVersion: 1, settings: {}, notes: [{ id: 'a', text: 'stored' }] }, ['notes'])
    const head = new Head(() => memory)
    const first = { puts: [note('a', 'first'), note('x', 'first')], checked: false }
    const batch = layered([note('a', 'batch'), note('y', 'batch'), note('y', 'batch again')], true)
    head.queued(first)
    head.queued(batch)
    expect([...head.all('notes')].map((r) => `${r.id}:${String(r.text)}`)).toEqual(['a:batch', 'x:first', 'y:batch again'])
    memory.apply({ seq: 1, puts: first.puts })
    head.durable(1)
    // The batch is still queued: its records stay in front of memory's.
    expect(head.get('notes', 'a')?.text).toBe('batch')
    memory.apply({ seq: 2, puts: batch.puts })
    head.durable(1)
    expect([...head.all('notes')].map((r) => `${r.id}:${String(r.text)}`)).toEqual(['a:batch', 'x:first', 'y:batch again'])
  })

  it('counts a prepared batch afresh when the head is rebuilt, so a dropped write on top of it is gone', () => {
    const memory = new MemoryState<Db>({ schemaVersion: 1, settings: {}, notes: [] }, ['notes'])
    const head = new Head(() => memory)
    head.queued(layered([note('y', 'batch'), note('z', 'batch')], false))
    head.queued({ puts: [note('y', 'checked edit')], checked: true })
    expect(head.get('notes', 'y')?.text).toBe('checked edit')
    // The checked edit will never be written (a write before it failed): the batch's own value is back.
    head.dropChecked()
    expect(head.get('notes', 'y')?.text).toBe('batch')
    memory.apply({ seq: 1, puts: [note('y', 'batch'), note('z', 'batch')] })
    head.durable(1)
    expect([...head.all('notes')].map((r) => r.text)).toEqual(['batch', 'batch'])
  })
})
