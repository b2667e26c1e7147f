// npx tsx scripts/bench-minisearch.ts [db.json]: MiniSearch against the app's own gram index on the same
// contact texts, in one process, to back the README's choice (see "Search index" there).
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import MiniSearch from 'minisearch'
import { GramIndex } from '../src/main/search-index/gram-index'
import { SEP, recordText } from '../src/main/search-index/record-text'
import type { AnyRecord } from '../src/shared/collections'

const path = process.argv[2] ?? '/tmp/search-100k/db.json'
const contacts = (JSON.parse(readFileSync(path, 'utf8')) as { contacts: AnyRecord[] }).contacts
const texts = contacts.map((r) => recordText('contacts', r).text)
/** The same grams the app indexes, as MiniSearch terms: substring search needs them, whatever the engine. */
const grams = (text: string): string[] => {
  const out = new Set<string>()
  for (const field of text.split(SEP)) for (let i = 0; i < field.length; i += 1) out.add(field.slice(i, i + 2))
  return [...out]
}
const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
const queries = ['138', '张伟', '8000', 'example.cn', 'zw']

function run(name: string, build: () => (q: string) => number): void {
  global.gc?.()
  const h0 = heap()
  let t = performance.now()
  const query = build()
  const buildMs = performance.now() - t
  global.gc?.()
  const mem = heap() - h0
  const times: string[] = []
  for (const q of queries) {
    t = performance.now()
    const n = query(q)
    times.push(`${q}: ${(performance.now() - t).toFixed(1)} ms (${n})`)
  }
  process.stdout.write(`${name}: build ${buildMs.toFixed(0)} ms, ~${(mem / 1048576).toFixed(0)} MB; ${times.join(', ')}\n`)
}

run('gram index', () => {
  const g = new GramIndex()
  texts.forEach((t, i) => g.add(i, t))
  return (q) => {
    let n = 0
    g.forEachCandidate(q, (d) => {
      if (texts[d].includes(q)) n += 1
      return true
    })
    return n
  }
})
run('MiniSearch, pair tokens', () => {
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: grams, processTerm: (t) => t })
  ms.addAll(texts.map((text, id) => ({ id, text })))
  return (q) => ms.search(q, { combineWith: 'AND' }).filter((r) => texts[r.id as number].includes(q)).length
})
