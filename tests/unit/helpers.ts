import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openApp } from '../../src/main/app'
import type { AppCore, AppOptions } from '../../src/main/app'
import type { ApiInput, ApiOutput, MethodName } from '../../src/shared/contract'

export const RESOURCES = resolve(__dirname, '../../resources')

export async function tempDir(prefix = 'liaison-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** A real app core on a real temp folder, with a clock the test moves. */
export async function openTestApp(dir?: string, more: Partial<AppOptions> = {}) {
  const dataDir = dir ?? (await tempDir())
  let clock = new Date('2026-01-05T08:00:00.000Z')
  const core: AppCore = await openApp({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', now: () => clock, ...more })
  async function call<M extends MethodName>(m: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    const r = await core.router.call(m, input)
    if (!r.ok) throw new Error(`${m} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fieldErrors)}`)
    return r.data as ApiOutput<M>
  }
  return {
    dataDir,
    core,
    call,
    raw: (m: string, input: unknown) => core.router.call(m, input),
    tick(ms = 1000) {
      clock = new Date(clock.getTime() + ms)
    },
    async close() {
      await core.close()
    },
    async destroy() {
      await core.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
export type TestApp = Awaited<ReturnType<typeof openTestApp>>
