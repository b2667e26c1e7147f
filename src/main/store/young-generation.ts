import { getHeapSpaceStatistics } from 'node:v8'
import { yieldToEventLoop } from './snapshot-stream'

/** Bytes in use in V8's young generation. */
function youngBytes(): number {
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'new_space') return space.space_used_size
  return 0
}

/** Short-lived text allocated between two turns (about 1 MB, well under a millisecond). */
const PIECES = 1024
/** Never more than this is allocated waiting for collections that do not come (a different V8). */
const MAX_BYTES = 512 << 20

/**
 * Makes V8 collect the young generation `times` times now, by allocating short-lived text a MB per
 * turn until its use has dropped that often.
 *
 * At the end of an open the young generation is full of the last records parsed, which all live on.
 * V8's next two collections of it copy them, first within the young generation and then out of it:
 * 25–50 ms each, which landed in the first seconds of use, on top of a search or a package being
 * received (the pauses over 50 ms left there). Made to happen here, they are part of the open,
 * each in a turn of its own, and what the user does next starts with a young generation of its own.
 * No GC is forced: a forced young collection during old-generation marking turns into a full one.
 */
export async function cycleYoungGeneration(times = 2): Promise<void> {
  let seen = 0
  let last = youngBytes()
  let allocated = 0
  let sink = ''
  while (seen < times && allocated < MAX_BYTES) {
    for (let i = 0; i < PIECES; i += 1) sink = String(i).padEnd(1000, '.')
    allocated += PIECES * 1000
    const used = youngBytes()
    if (used < last) seen += 1
    last = used
    await yieldToEventLoop()
  }
  // Read, so that no compiler may leave the allocations out.
  if (sink.length !== 1000) throw new Error('unreachable')
}
