import type { ImportProgress } from '../../shared/import'
import { AppError } from '../errors'
import { stepsInSlices } from '../turns'
import type { Turns } from '../turns'

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

/**
 * Runs a generator of steps (each yielding how many items are done) in the process's shared slices
 * (or `via`), recording progress on the job and stopping with "cancelled" between two steps.
 */
export function runSteps<T>(steps: Generator<number, T>, job: ImportJob, via?: Turns): Promise<T> {
  function* watched(): Generator<void, T> {
    for (;;) {
      job.check()
      const r = steps.next()
      if (r.done) return r.value
      job.done = r.value
      yield
    }
  }
  // Someone watches the job's progress bar: it goes before background index builds and sorts.
  return stepsInSlices(watched(), via, true)
}
