import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write'
import { readIfExists, syncDir, unlinkIfExists } from './fs-port'
import type { StoreFs } from './fs-port'
import type { RecoveryReport, SkippedEntry } from './types'

/**
 * The recovery report outlives the start that produced it: the banner stays until the user dismisses
 * it, even if the app was closed before anyone read it.
 */
export const RECOVERY_FILE = 'recovery.json'

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string')

function asSkipped(v: unknown): SkippedEntry[] {
  if (!Array.isArray(v)) return []
  return v.filter(
    (s): s is SkippedEntry =>
      isObject(s) && typeof s.file === 'string' && typeof s.line === 'number' && (s.seq === null || typeof s.seq === 'number') && typeof s.reason === 'string',
  )
}

function asMissing(v: unknown): RecoveryReport['missingEntries'] {
  if (!Array.isArray(v)) return []
  return v.filter((m): m is { from: number; to: number } => isObject(m) && typeof m.from === 'number' && typeof m.to === 'number')
}

/** A report that cannot be read is not worth refusing to start over: the damaged files it named are still on disk. */
export async function readRecovery(fs: StoreFs, dir: string): Promise<RecoveryReport | null> {
  const buf = await readIfExists(fs, join(dir, RECOVERY_FILE)).catch(() => null)
  if (!buf) return null
  try {
    const v: unknown = JSON.parse(buf.toString('utf8'))
    if (!isObject(v) || !isStringArray(v.damagedFiles) || typeof v.at !== 'string') return null
    return {
      damagedFiles: v.damagedFiles,
      loadedBackup: typeof v.loadedBackup === 'string' ? v.loadedBackup : null,
      at: v.at,
      skippedEntries: asSkipped(v.skippedEntries),
      missingEntries: asMissing(v.missingEntries),
    }
  } catch {
    return null
  }
}

/** Two recoveries before anyone looked: the user must hear about both. */
export function mergeReports(older: RecoveryReport | null, newer: RecoveryReport | null): RecoveryReport | null {
  if (!older) return newer
  if (!newer) return older
  return {
    damagedFiles: [...older.damagedFiles, ...newer.damagedFiles],
    loadedBackup: newer.loadedBackup ?? older.loadedBackup,
    at: newer.at,
    skippedEntries: [...older.skippedEntries, ...newer.skippedEntries],
    missingEntries: [...older.missingEntries, ...newer.missingEntries],
  }
}

export async function writeRecovery(fs: StoreFs, dir: string, report: RecoveryReport): Promise<void> {
  await writeFileAtomic(fs, join(dir, RECOVERY_FILE), (sink) => sink(Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8')))
}

export async function clearRecovery(fs: StoreFs, dir: string): Promise<void> {
  await unlinkIfExists(fs, join(dir, RECOVERY_FILE))
  await syncDir(fs, dir)
}
