// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { backupsToDelete } from '../../../src/main/store'
import type { BackupStamp } from '../../../src/main/store'

/** Local time, as the user's calendar sees it. */
const at = (month: number, day: number, hour: number, minute = 0): Date => new Date(2024, month - 1, day, hour, minute)
const stamp = (d: Date, i = 0): BackupStamp => ({ name: `b-${d.getTime()}-${i}.json`, createdAt: d })

describe('backup retention (pure, fake clock)', () => {
  const now = at(5, 10, 15)

  it('keeps nothing to delete when there is little', () => {
    expect(backupsToDelete([], now)).toEqual([])
    const list = [stamp(at(5, 10, 9)), stamp(at(5, 9, 9))]
    expect(backupsToDelete(list, now)).toEqual([])
  })

  it('keeps the 3 newest from today', () => {
    const today = [9, 10, 11, 12, 13].map((h) => stamp(at(5, 10, h)))
    const doomed = backupsToDelete(today, now)
    expect(doomed).toEqual([today[1].name, today[0].name])
  })

  it('keeps only the newest of each earlier day', () => {
    const may9 = [8, 12, 18].map((h) => stamp(at(5, 9, h)))
    const may8 = [stamp(at(5, 8, 10))]
    const doomed = backupsToDelete([...may9, ...may8], now)
    expect(doomed.sort()).toEqual([may9[0].name, may9[1].name].sort())
  })

  it('keeps at most 10 in all, newest first, whatever the input order', () => {
    const today = [9, 10, 11, 12].map((h) => stamp(at(5, 10, h)))
    const earlier = Array.from({ length: 15 }, (_, i) => stamp(new Date(2024, 4, 9 - i, 12)))
    const list = [...earlier.slice().reverse(), ...today]
    const doomed = new Set(backupsToDelete(list, now))
    const kept = list.filter((b) => !doomed.has(b.name))
    expect(kept).toHaveLength(10)
    // 3 from today + the 7 most recent earlier days
    expect(kept.filter((b) => b.createdAt.getDate() === 10)).toHaveLength(3)
    expect(doomed.has(today[0].name)).toBe(true)
    const keptDays = kept.filter((b) => b.createdAt.getDate() !== 10).map((b) => b.createdAt.getTime())
    expect(Math.min(...keptDays)).toBe(new Date(2024, 4, 3, 12).getTime())
  })

  it('"today" is the local calendar day: 23:59 yesterday is an earlier day', () => {
    const clock = at(5, 10, 0, 30)
    const list = [stamp(at(5, 9, 23, 59), 1), stamp(at(5, 9, 23, 58), 2), stamp(at(5, 10, 0, 1), 3)]
    expect(backupsToDelete(list, clock)).toEqual([list[1].name])
  })

  it('a day later, yesterday\'s three collapse into one', () => {
    const list = [9, 10, 11].map((h) => stamp(at(5, 10, h)))
    expect(backupsToDelete(list, now)).toEqual([])
    expect(backupsToDelete(list, at(5, 11, 8))).toEqual([list[1].name, list[0].name])
  })
})
