// Runs Electronegativity (Doyensec's Electron security scanner) over the given folders and
// fails on any finding that security/electronegativity-allowlist.json does not explain.
//   node scripts/electronegativity.mjs src out   (exit 1 on a new finding; --json prints all findings)
// Offline and deterministic: the scanner's two network look-ups (translations, Electron's release
// list for AVAILABLE_SECURITY_FIXES) are cut off here; the Electron version comes from node_modules.
import { readFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const scannerEntry = require.resolve('@doyensec/electronegativity')

// The scanner fetches translations with `got` and a retry that throws after the fetch already failed.
// Offline, answer that fetch with a refusal at once, so the scanner uses its bundled English text.
const gotPath = createRequire(scannerEntry).resolve('got')
const offline = new Module(gotPath)
offline.filename = gotPath
offline.loaded = true
offline.exports = () => Promise.reject(new Error('offline: no network look-ups during the scan'))
require.cache[gotPath] = offline

const runModule = require(scannerEntry)
const run = runModule.default ?? runModule

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version

/**
 * Findings of one folder: check id, file (named `<label>/<path inside the folder>`, so a build in a
 * temporary folder reads as out/…), line and the flagged text.
 */
export async function scan(folder, label = folder) {
  const log = console.log
  console.log = () => undefined // the scanner prints progress and the translation warning
  try {
    const result = await run({
      input: resolve(root, folder),
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    })
    const errors = result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`)
    const findings = result.issues.map((i) => ({
      id: i.id,
      file: `${label}/${relative(resolve(root, folder), resolve(root, folder, i.file)).split('\\').join('/')}`,
      line: i.location?.line ?? 0,
      sample: String(i.sample ?? '').trim().slice(0, 200),
      severity: i.severity?.name ?? String(i.severity),
      confidence: i.confidence?.name ?? String(i.confidence),
    }))
    return { findings, errors }
  } finally {
    console.log = log
  }
}

/** An allowlist entry covers a finding with the same check and file whose flagged text contains `match`. */
export function unexplained(findings, allowlist) {
  return findings.filter((f) => !allowlist.some((a) => a.id === f.id && a.file === f.file && f.sample.includes(a.match ?? '')))
}

export function loadAllowlist() {
  return JSON.parse(readFileSync(join(root, 'security/electronegativity-allowlist.json'), 'utf8')).entries
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Each argument is a folder, or label=folder to name a build made elsewhere (out=/tmp/build).
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'))
  const all = []
  let failed = false
  for (const arg of args.length > 0 ? args : ['src']) {
    const [label, folder] = arg.includes('=') ? arg.split('=', 2) : [arg, arg]
    const { findings, errors } = await scan(folder, label)
    all.push(...findings)
    for (const e of errors) {
      failed = true
      console.error(`could not parse ${e}`)
    }
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(all, null, 1))
  const fresh = unexplained(all, loadAllowlist())
  for (const f of fresh) console.error(`NEW ${f.id} ${f.file}:${f.line} (${f.severity}, ${f.confidence}) ${f.sample}`)
  console.log(`electronegativity: ${all.length} findings, ${all.length - fresh.length} explained in the allowlist, ${fresh.length} new`)
  process.exit(failed || fresh.length > 0 ? 1 : 0)
}
