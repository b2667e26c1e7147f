// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FolderInUseError, openStore } from '../../../src/main/store'
import { killHard, spawnTs, waitForLine } from './child-process'
import type { Child } from './child-process'
import { fakeSchema, note, tempDir } from './fake-schema'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})
async function folder(): Promise<string> {
  const t = await tempDir('lock')
  cleanups.push(t.cleanup)
  return t.dir
}
const open = (dir: string) => openStore({ dir, schema: fakeSchema(), backupOnOpen: false })

/** A pid that certainly belongs to no running process: one that just exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(r.stdout)
}

describe('folder lock', () => {
  it('a second open in the same process gets a clear error; after close it can open', async () => {
    const dir = await folder()
    const first = await open(dir)
    const lock = JSON.parse(await readFile(join(dir, 'liaison.lock'), 'utf8')) as Record<string, unknown>
    expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() })
    expect(typeof lock.startedAt).toBe('string')
    await expect(open(dir)).rejects.toThrow(FolderInUseError)
    await expect(open(dir)).rejects.toThrow(`The data folder ${dir} is in use by process ${process.pid}`)
    await first.commit({ puts: [note('a')] }) // the refused open did not disturb the holder
    await first.close()
    expect(await readdir(dir)).not.toContain('liaison.lock')
    const second = await open(dir)
    expect(second.get('notes', 'a')).toBeDefined()
    await second.close()
  })

  it('another process holding the folder is refused with its pid; once it dies, its stale lock is taken over', async () => {
    const dir = await folder()
    const child: Child = spawnTs('lock-holder.ts', [dir])
    cleanups.push(() => killHard(child))
    await waitForLine(child, /^locked$/)
    await expect(open(dir)).rejects.toThrow(`is in use by process ${child.pid}`)
    await killHard(child)
    const store = await open(dir)
    const lock = JSON.parse(await readFile(join(dir, 'liaison.lock'), 'utf8')) as { pid: number }
    expect(lock.pid).toBe(process.pid)
    await store.close()
  }, 30000)

  it('takes over a lock whose process is gone', async () => {
    const dir = await folder()
    const pid = deadPid()
    await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid, hostname: hostname(), startedAt: '2024-01-01T00:00:00.000Z' }))
    const store = await open(dir)
    const lock = JSON.parse(await readFile(join(dir, 'liaison.lock'), 'utf8')) as { pid: number }
    expect(lock.pid).toBe(process.pid)
    await store.close()
  })

  it('takes over a lock naming this pid that this process does not hold (pid reused after a reboot)', async () => {
    const dir = await folder()
    await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }))
    const store = await open(dir)
    await store.close()
  })

  it('takes over an empty lock file (a crash between creating and writing it)', async () => {
    const dir = await folder()
    await writeFile(join(dir, 'liaison.lock'), '')
    const store = await open(dir)
    await store.close()
  })

  it('never steals a lock held from another machine', async () => {
    const dir = await folder()
    await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid: 1, hostname: 'other-pc', startedAt: '2024-01-01T00:00:00.000Z' }))
    await expect(open(dir)).rejects.toThrow('in use by process 1 on other-pc')
  })
})
