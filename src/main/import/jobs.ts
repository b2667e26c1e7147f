import { performance } from 'node:perf_hooks'
import type { ImportProgress } from '../../shared/import'
import { AppError } from '../errors'

/**
 * The long steps of an import (reading the file, planning, writing) as jobs the wizard can watch and
 * stop. The wizard names each job with an id of its own making, so it can ask for progress or cancel
 * while the call that started the job is still running.
 */
export class ImportJob {
  phase: ImportProgress['phase'] = 'reading'
  done = 0
  total = 0
  cancelled = false
  private onCancel: Array<() => void> = []

  /** Stops what the job is waiting on (the parsing process) at once, not at its next step. */
  whenCancelled(fn: () => void): void {
    if (this.cancelled) fn()
    else this.onCancel.push(fn)
  }

  cancel(): void {
    if (this.cancelled) return
    this.cancelled = true
    for (const fn of this.onCancel.splice(0)) fn()
  }

  check(): void {
    if (this.cancelled) throw cancelledError()
  }

  progress(): ImportProgress {
    return { phase: this.phase, done: this.done, total: this.total, cancelled: this.cancelled }
  }
}

export function cancelledError(): AppError {
  return new AppError('STATE', 'The import was cancelled; nothing was written.', { job: ['cancelled'] })
}

/** Jobs by the wizard's id: a handful at a time, the oldest forgotten. */
export class ImportJobs {
  private jobs = new Map<string, ImportJob>()

  start(id: string | undefined): ImportJob {
    const job = new ImportJob()
    if (id === undefined) return job
    this.jobs.set(id, job)
    while (this.jobs.size > 16) this.jobs.delete(this.jobs.keys().next().value as string)
    return job
  }

  progress(id: string): ImportProgress | null {
    return this.jobs.get(id)?.progress() ?? null
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id)
    job?.cancel()
    return job !== undefined
  }
}

export interface SliceClock {
  /** ms of work before the event loop gets a turn (default 8) */
  sliceMs?: number
  now?: () => number
  /** how the loop is given back (default setImmediate, after pending I/O) */
  yieldLoop?: () => Promise<void>
}

/**
 * Runs a generator of steps (each yielding how many items are done) in slices of the event loop,
 * recording progress on the job and stopping with "cancelled" between slices.
 */
export async function runSteps<T>(steps: Generator<number, T>, job: ImportJob, clock: SliceClock = {}): Promise<T> {
  const sliceMs = clock.sliceMs ?? 8
  const now = clock.now ?? (() => performance.now())
  const yieldLoop = clock.yieldLoop ?? (() => new Promise<void>((resolve) => setImmediate(resolve)))
  for (;;) {
    job.check()
    const start = now()
    do {
      const r = steps.next()
      if (r.done) return r.value
      job.done = r.value
    } while (now() - start < sliceMs)
    await yieldLoop()
  }
}
