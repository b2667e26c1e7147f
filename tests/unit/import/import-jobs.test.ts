// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import * as F from '../../../scripts/make-import-fixtures'
import { openApp } from '../../../src/main/app'
import type { AppCore } from '../../../src/main/app'
import type { ApiInput, ApiOutput, MethodName } from '../../../src/shared/contract'
import type { ImportProgress } from '../../../src/shared/import'
import { RESOURCES, tempDir } from '../helpers'
import { createTurns } from '../../../src/main/turns'

/**
 * The event loop is handed back between slices through a gate the test opens, and every slice is
 * exactly one step long (the clock moves a whole slice per look), so where a cancel lands does not
 * depend on the machine's speed.
 */
function steppedSlices() {
  let t = 0
  let opened = false
  const waiting: Array<() => void> = []
  let arrived: (() => void) | null = null
  return {
    turns: createTurns({
      budgetMs: 1,
      clock: () => (t += 1),
      schedule: (turn) => {
        if (opened) setImmediate(turn)
        else {
          waiting.push(turn)
          arrived?.()
        }
      },
    }),
    /** resolves once some job is parked between two slices */
    parked: (): Promise<void> => (waiting.length > 0 ? Promise.resolve() : new Promise((resolve) => (arrived = resolve))),
    release: () => waiting.splice(0).forEach((turn) => turn()),
    /** lets every parked and future slice through */
    open() {
      opened = true
      waiting.splice(0).forEach((turn) => turn())
    },
  }
}

let core: AppCore | null = null
afterEach(async () => {
  await core?.close()
  core = null
})

async function start(slices: ReturnType<typeof steppedSlices>, dataDir?: string) {
  core = await openApp({ dataDir: dataDir ?? (await tempDir()), resourcesDir: RESOURCES, appVersion: 'test', now: () => new Date('2026-01-05T08:00:00Z'), importSlices: slices.turns })
  const app = core
  return async function call<M extends MethodName>(m: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    const r = await app.router.call(m, input)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { body: r.error })
    return r.data as ApiOutput<M>
  }
}

const rows = (n: number) => [['姓名', '手机', '工作单位'], ...Array.from({ length: n }, (_, i) => [`校友${i}`, 13800000000 + i, `单位${i % 7}`])]
const workbook = (n: number) => F.xlsx({ sheets: [{ name: '名录', rows: rows(n) }], sharedStrings: true })

describe('a long import reports progress and can be cancelled', () => {
  it('planning reports rows done of rows total, and cancel stops it with nothing written', async () => {
    const slices = steppedSlices()
    const call = await start(slices)
    const o = await call('import.open', { fileName: 'a.xlsx', target: 'contacts', data: workbook(400).toString('base64') })
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '名录' }], jobId: 'job-1' }
    const committing = call('import.commit', plan).then(
      () => null,
      (e: { body?: { fieldErrors: Record<string, string[]> } }) => e.body ?? e,
    )
    await slices.parked()
    const p = (await call('import.progress', { jobId: 'job-1' })) as ImportProgress
    expect(p).toMatchObject({ phase: 'planning', total: 401, cancelled: false })
    expect(p.done).toBeLessThan(401)
    expect(await call('import.cancel', { jobId: 'job-1' })).toEqual({ cancelled: true })
    slices.open()
    expect(await committing).toMatchObject({ code: 'STATE', fieldErrors: { job: ['cancelled'] } })
    expect(core?.store.data.contacts).toHaveLength(0)
    expect(core?.store.data.importBatches).toHaveLength(0)
    expect(await call('import.cancel', { jobId: 'no-such-job' })).toEqual({ cancelled: false })
  })

  it('the grid asking twice for one preview waits for the plan being made instead of making it again', async () => {
    const slices = steppedSlices()
    const call = await start(slices)
    const o = await call('import.open', { fileName: 'a.xlsx', target: 'contacts', data: workbook(400).toString('base64') })
    const base = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '名录' }] }
    const first = call('import.preview', { ...base, jobId: 'p-1' })
    await slices.parked()
    const second = call('import.preview', { ...base, jobId: 'p-2' })
    // Slice by slice until the first plan has rows done (the sheet's header is a step of its own).
    while (((await call('import.progress', { jobId: 'p-1' })) as ImportProgress).done === 0) {
      slices.release()
      await slices.parked()
    }
    expect(((await call('import.progress', { jobId: 'p-2' })) as ImportProgress).done).toBe(0)
    slices.open()
    const [a, b] = await Promise.all([first, second])
    expect(b.counts).toEqual(a.counts)
  })

  it('cancel while the records are prepared writes nothing either', async () => {
    const slices = steppedSlices()
    const call = await start(slices)
    const o = await call('import.open', { fileName: 'a.xlsx', target: 'contacts', data: workbook(300).toString('base64') })
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '名录' }], jobId: 'job-2' }
    const committing = call('import.commit', plan).catch((e: { body?: unknown }) => e.body)
    let progress: ImportProgress | null = null
    // Step slice by slice until the plan is made and the records are being prepared.
    while (progress?.phase !== 'writing') {
      await slices.parked()
      progress = await call('import.progress', { jobId: 'job-2' })
      if (progress?.phase !== 'writing') slices.release()
    }
    expect(progress.total).toBe(307) // 300 people and 7 new organisations
    await call('import.cancel', { jobId: 'job-2' })
    slices.open()
    expect(await committing).toMatchObject({ fieldErrors: { job: ['cancelled'] } })
    expect(core?.store.data.contacts).toHaveLength(0)
    expect(core?.store.data.organizations).toHaveLength(0)
  })

  it('records prepared in slices are written as planned, and an edit that lands meanwhile is respected', async () => {
    const slices = steppedSlices()
    const call = await start(slices)
    const o = await call('import.open', { fileName: 'a.xlsx', target: 'contacts', data: workbook(50).toString('base64') })
    const plan = { sessionId: o.sessionId, target: 'contacts' as const, sheets: [{ name: '名录' }], jobId: 'job-3' }
    const committing = call('import.commit', plan)
    let progress: ImportProgress | null = null
    while (progress?.phase !== 'writing') {
      await slices.parked()
      progress = await call('import.progress', { jobId: 'job-3' })
      if (progress?.phase !== 'writing') slices.release()
    }
    // An organisation the import links nobody to is created meanwhile: the prepared batch still holds.
    const other = await call('organizations.create', { name: '别的单位' }).catch((e: unknown) => e)
    slices.open()
    expect(other).toMatchObject({ name: '别的单位' })
    const batch = await committing
    expect(batch.createdCount).toBe(57)
    const contacts = core?.store.data.contacts ?? []
    expect(contacts).toHaveLength(50)
    const orgIds = new Set(core?.store.data.organizations.map((x) => x.id))
    expect(contacts.every((c) => c.organizationId !== null && orgIds.has(c.organizationId))).toBe(true)
    expect(await call('import.progress', { jobId: 'job-3' })).toMatchObject({ phase: 'done' })
  })

  it('a batch of thousands lists every record it made, on disk too, and its undo takes every one back', async () => {
    const dir = await tempDir()
    const slices = steppedSlices()
    slices.open()
    let call = await start(slices, dir)
    const o = await call('import.open', { fileName: 'a.xlsx', target: 'contacts', data: workbook(2_500).toString('base64') })
    const batch = await call('import.commit', { sessionId: o.sessionId, target: 'contacts', sheets: [{ name: '名录' }] })
    expect(batch.createdCount).toBe(2_507)
    await core?.close()
    // Read back from the journal: the batch record was serialised and checked a slice at a time.
    call = await start(slices, dir)
    const made = [...(core?.store.data.contacts ?? []), ...(core?.store.data.organizations ?? [])].map((r) => r.id).sort()
    expect(made).toHaveLength(2_507)
    expect(core?.store.data.importBatches[0].created.map((r) => r.id).sort()).toEqual(made)
    const undone = await call('import.undo', { batchId: batch.id })
    expect(undone).toMatchObject({ reverted: 2_507, keptEdited: [] })
    expect(core?.store.data.contacts.filter((c) => c.deletedAt === null)).toHaveLength(0)
  })
})
