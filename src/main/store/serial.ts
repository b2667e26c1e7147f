/** Runs jobs one at a time in call order; a failed job does not stop the ones after it. */
export class Serial {
  private tail: Promise<void> = Promise.resolve()

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job)
    this.tail = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  /** Settles once everything queued so far has. */
  idle(): Promise<void> {
    return this.tail
  }
}
