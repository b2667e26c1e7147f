import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPiecewise } from '../../../src/main/store/piecewise-read'
import { tempFolders } from './fake-schema'

const { folder } = tempFolders('piecewise')

describe('readPiecewise', () => {
  it('ends with the bytes readFile gives, for files smaller than a piece, of whole pieces and over several', async () => {
    const dir = await folder()
    for (const size of [0, 1, 1000, 4 << 20, (9 << 20) + 7]) {
      const path = join(dir, `f${size}`)
      await writeFile(path, randomBytes(size))
      const read = await readPiecewise(path)
      if (!read) throw new Error('no read')
      await read.done
      expect(read.filled()).toBe(size)
      expect(read.buf.equals(await readFile(path))).toBe(true)
    }
  })

  it('says null for a file that does not exist', async () => {
    expect(await readPiecewise(join(await folder(), 'missing'))).toBeNull()
  })

  it('resolves reach(n) once n bytes are in, which are then the file\'s own', async () => {
    const path = join(await folder(), 'f')
    const bytes = randomBytes((9 << 20) + 3)
    await writeFile(path, bytes)
    const read = await readPiecewise(path)
    if (!read) throw new Error('no read')
    for (const n of [1, 5 << 20, bytes.length, bytes.length + 100]) {
      await read.reach(n)
      const have = read.filled()
      expect(have).toBeGreaterThanOrEqual(Math.min(n, bytes.length))
      expect(read.buf.subarray(0, have).equals(bytes.subarray(0, have))).toBe(true)
    }
    await read.done
  })
})
