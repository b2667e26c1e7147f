// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { Head } from '../../../src/main/store/head'
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
})
