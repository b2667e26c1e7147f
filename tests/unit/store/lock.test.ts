// @vitest-environment node
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, readFile, readdir, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { FolderInUseError, LockLostError, openStore } from '../../../src/main/store'
import { processStartTime } from '../../../src/main/store/lock'
import { killHard, projectRoot, spawnTs, waitForLine } from './child-process'
import type { Child } from './child-process'
import { fakeSchema, note, tempFolders } from './fake-schema'

const { folder, cleanups } = tempFolders('lock')
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

describe('folder lock: a verified owner', () => {
  it('a lock removed while the app runs: the next save is refused instead of a second writer, and stays refused', async () => {
    const dir = await folder()
    const first = await open(dir)
    await first.commit({ puts: [note('a')] })
    await unlink(join(dir, 'liaison.lock'))
    const second = await open(dir) // the folder looks free now, so a second opener gets it
    await expect(first.commit({ puts: [note('lost?')] })).rejects.toThrow(LockLostError)
    await expect(first.commit({ puts: [note('lost?')] })).rejects.toThrow(/removed or taken over/)
    await second.commit({ puts: [note('b')] })
    await first.close() // must not remove the second opener's lock
    expect(await readdir(dir)).toContain('liaison.lock')
    await second.close()
    const third = await open(dir)
    expect(third.data.notes.map((n) => n.id).sort()).toEqual(['a', 'b'])
    await third.close()
  })

  it('a lock replaced by another owner: saves are refused', async () => {
    const dir = await folder()
    const store = await open(dir)
    await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid: 1, hostname: 'other-pc', startedAt: '2024-01-01T00:00:00.000Z', token: 'x' }))
    await expect(store.commit({ puts: [note('a')] })).rejects.toThrow(LockLostError)
    await store.close()
    expect(JSON.parse(await readFile(join(dir, 'liaison.lock'), 'utf8'))).toMatchObject({ hostname: 'other-pc' })
  })

  it.runIf(process.platform === 'linux')('a live pid started at another time than the lock says is another program: the lock is stale', async () => {
    const dir = await folder()
    const pid = process.ppid
    await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid, hostname: hostname(), startedAt: '2024-01-01T00:00:00.000Z', procStart: '1', token: 't' }))
    const store = await open(dir)
    expect(JSON.parse(await readFile(join(dir, 'liaison.lock'), 'utf8'))).toMatchObject({ pid: process.pid })
    await store.close()
  })

  it.runIf(process.platform === 'linux')('a live pid with the start time the lock records is the owner: refused', async () => {
    const dir = await folder()
    const pid = process.ppid
    const procStart = await processStartTime(pid)
    expect(procStart).toMatch(/^\d+$/)
    await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid, hostname: hostname(), startedAt: '2024-01-01T00:00:00.000Z', procStart, token: 't' }))
    await expect(open(dir)).rejects.toThrow(`in use by process ${pid}`)
  })

  it('a lock file with a pid of 0 or below is damage, not an owner', async () => {
    const dir = await folder()
    await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid: 0, hostname: hostname(), startedAt: '2024-01-01T00:00:00.000Z' }))
    const store = await open(dir)
    await store.close()
  })

  it('simultaneous starts over a stale lock: exactly one wins, every round', async () => {
    const racers = 3
    const rounds = 25
    const children = Array.from({ length: racers }, () =>
      spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'tests/unit/store/lock-racer.ts')], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] }),
    )
    cleanups.push(async () => {
      for (const c of children) c.kill('SIGKILL')
    })
    const answers = new Map<string, string[]>()
    const waiters = new Map<string, () => void>()
    let ready = 0
    const allReady = new Promise<void>((resolve) => {
      for (const child of children) {
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line === 'ready') {
            ready += 1
            if (ready === racers) resolve()
            return
          }
          const [verdict, dir] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]
          const list = answers.get(dir) ?? []
          list.push(verdict)
          answers.set(dir, list)
          if (list.length === racers) waiters.get(dir)?.()
        })
      }
    })
    await allReady
    const base = await folder()
    const dead = deadPid()
    for (let r = 0; r < rounds; r += 1) {
      const dir = join(base, `r${r}`)
      await mkdir(dir)
      await writeFile(join(dir, 'liaison.lock'), JSON.stringify({ pid: dead, hostname: hostname(), startedAt: '2024-01-01T00:00:00.000Z' }))
      const done = new Promise<void>((resolve) => waiters.set(dir, resolve))
      for (const child of children) child.stdin.write(`try ${dir}\n`)
      await done
      const verdicts = answers.get(dir) ?? []
      expect(verdicts.filter((v) => v === 'got')).toHaveLength(1)
      expect(verdicts.filter((v) => v === 'busy')).toHaveLength(racers - 1)
    }
  }, 120000)
})
