// npm run bench:first-load -- [--data <folder>] [--runs 3] [--only search]
// Browser mode from launch to the dashboard's figures, on an empty data folder and on a copy of
// <folder> (generated with 100,000 contacts when none is given): from spawning the server to the
// first figure on screen, in a browser that is already running (as the user's is). Also reported:
// when the server printed its address, and the script the first screen fetched. The server
// listens before the data folder is open, so the page's load and the open overlap; the total is
// the figure that counts. Needs `npm run build:web` first (the page and the bundled server).
import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { drawQueries } from './bench-search'
import { writeIndexCache } from '../src/main/search-index/index-cache'
import { INDEX_CACHE_FILE } from '../src/main/search-index/seed-file'
import { CACHE_CHAIN_FILE } from '../src/main/search-index/cache-chain'
import { generate, writeDataFolder } from './gen'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

/** Starts the browser-mode server on a free port; resolves with its URL once it listens. */
function startServer(dataDir: string): Promise<{ url: string; readyMs: number; stop: () => Promise<void> }> {
  const t0 = performance.now()
  // As `npm run web` starts it: the bundle that build:web makes.
  const child = spawn(process.execPath, [join(root, 'out/web-server/main.mjs'), '--port', '0', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const stop = () =>
    new Promise<void>((done) => {
      child.once('exit', () => done())
      child.kill('SIGTERM')
    })
  return new Promise((ok, fail) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /Liaison Desk: (http\S+)/.exec(out)
      if (m) ok({ url: m[1], readyMs: performance.now() - t0, stop })
    })
    child.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)))
  })
}

const FIRST_FIGURE = '[data-testid="kpi-enterprisesVisited"], [data-testid="dashboard-empty"]'

interface Run {
  serverMs: number
  totalMs: number
  scriptKb: number
}

async function measure(dataDir: string): Promise<Run> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  let server: Awaited<ReturnType<typeof startServer>> | null = null
  try {
    const page = await browser.newPage()
    let scriptBytes = 0
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') void r.body().then((b) => (scriptBytes += b.length), () => undefined)
    })
    // The first figure: a KPI when there is data, the empty state's button otherwise. Timed inside the
    // page, at the first frame that holds it: Playwright's waitFor polls at growing intervals (up to
    // a second), which added up to half a second to what it measured.
    await page.addInitScript(`
      new MutationObserver((changes, observer) => {
        if (!document.querySelector(${JSON.stringify(FIRST_FIGURE)})) return
        observer.disconnect()
        requestAnimationFrame(() => (window.firstFigureAt = performance.timeOrigin + performance.now()))
      }).observe(document, { subtree: true, childList: true })
    `)
    const t0 = performance.timeOrigin + performance.now()
    server = await startServer(dataDir)
    await page.goto(server.url)
    await page.locator(FIRST_FIGURE).first().waitFor({ state: 'visible', timeout: 120_000 })
    await page.waitForFunction('window.firstFigureAt !== undefined')
    const totalMs = Number(await page.evaluate('window.firstFigureAt')) - t0
    await page.waitForLoadState('networkidle')
    return { serverMs: server.readyMs, totalMs, scriptKb: scriptBytes / 1024 }
  } finally {
    await browser.close()
    await server?.stop()
  }
}

/**
 * Ctrl+K as a user types: each query typed one character at a time, timed from the last keystroke
 * to its hits on screen (the listbox's data-query names the query its hits answer). The first
 * search waits for the background index build, so one untimed search comes first.
 */
async function measureSearch(dataDir: string, queries: Array<{ kind: string; q: string }>): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  const server = await startServer(dataDir)
  try {
    const page = await browser.newPage()
    await page.goto(server.url)
    await page.locator('[data-testid="kpi-enterprisesVisited"]').waitFor({ state: 'visible', timeout: 120_000 })
    await page.keyboard.press('Control+k')
    const input = page.getByTestId('global-search-input')
    // Drawn from the records, so every query has hits and none holds a quote.
    const shown = (q: string) => page.locator(`[role="listbox"][data-query="${q}"]`)
    // The first query as a user types it the moment the figures show: it may wait for the index.
    const firstAt = performance.now()
    await input.fill(queries[0].q)
    await shown(queries[0].q).waitFor({ timeout: 300_000 })
    console.log(`Ctrl+K in the browser, the first query typed as soon as the first figure shows: hits after ${(performance.now() - firstAt).toFixed(0)} ms`)
    // Timed inside the page: from the last input event to the attribute change that shows its hits.
    // A string: this file is type-checked for Node, without the DOM's types.
    await page.evaluate(`
      window.shownAt = {}
      document.addEventListener('input', () => (window.lastInput = performance.now()), true)
      new MutationObserver((changes) => {
        for (const c of changes) {
          const q = c.target.getAttribute('data-query')
          if (q) window.shownAt[q] = performance.now() - window.lastInput
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-query'] })
    `)
    const times: number[] = []
    for (const { q } of queries) {
      await input.fill('')
      await input.pressSequentially(q.slice(0, -1))
      await input.pressSequentially(q.slice(-1))
      await shown(q).waitFor({ timeout: 30_000 })
      times.push(Number(await page.evaluate(`window.shownAt[${JSON.stringify(q)}]`)))
    }
    return times
  } finally {
    await browser.close()
    await server.stop()
  }
}

/**
 * Launches on one copy of the folder, as an office launches the app on its own folder: the first,
 * right after the copy, is told apart (db.json is another file than the one the store wrote, and is
 * hashed); the next `runs` find it as the app left it. `cache` false: the search index's cache and
 * chain are removed before each launch (a launch leaves none behind, but one that ran long could).
 */
async function bench(label: string, source: string | null, runs: number, cache = true): Promise<void> {
  const results: Run[] = []
  const dir = await mkdtemp(join(tmpdir(), 'liaison-first-load-'))
  const withoutCache = async (): Promise<void> => {
    if (cache) return
    await rm(join(dir, INDEX_CACHE_FILE), { force: true })
    await rm(join(dir, CACHE_CHAIN_FILE), { force: true })
  }
  try {
    if (source) {
      await cp(source, dir, { recursive: true })
      await withoutCache()
      const first = await measure(dir)
      console.log(`${label}: the first launch after the folder was copied: first figure ${first.totalMs.toFixed(0)} ms`)
    }
    for (let i = 0; i < runs; i += 1) {
      await withoutCache()
      results.push(await measure(dir))
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const median = (f: (r: Run) => number) => results.map(f).sort((a, b) => a - b)[Math.floor(results.length / 2)]
  console.log(
    `${label}: launch to first figure ${median((r) => r.totalMs).toFixed(0)} ms (address printed at ${median((r) => r.serverMs).toFixed(0)} ms; ` +
      `median of ${runs}: ${results.map((r) => r.totalMs.toFixed(0)).join(', ')}); script fetched by the first screen ${median((r) => r.scriptKb).toFixed(0)} KB`,
  )
}

async function main(): Promise<void> {
  const runs = Number(argValue('runs') ?? 3)
  let data = argValue('data')
  let generated: string | null = null
  if (!data) {
    generated = await mkdtemp(join(tmpdir(), 'liaison-first-load-data-'))
    await writeDataFolder(generated, generate({ contacts: 100_000 }))
    data = generated
  }
  // The folder as a first open after an import or a compaction finds it (no search index cache), and
  // as every later open does: with the cache a worker wrote for its db.json once the app was idle.
  const cold = await mkdtemp(join(tmpdir(), 'liaison-first-load-cold-'))
  const warm = await mkdtemp(join(tmpdir(), 'liaison-first-load-warm-'))
  try {
    await cp(data, cold, { recursive: true })
    await rm(join(cold, INDEX_CACHE_FILE), { force: true })
    await cp(cold, warm, { recursive: true })
    const written = await writeIndexCache({ dir: warm })
    if (written.type !== 'done') throw new Error(`index cache: ${written.message}`)
    if (argValue('only') !== 'search') {
      await bench('empty data folder', null, runs)
      await bench(`data folder ${data}, no search index cache`, cold, runs, false)
      await bench(`data folder ${data}, with its search index cache`, warm, runs)
    }
    // What no start can beat, measured in the same run: reading and parsing that db.json.
    const t0 = performance.now()
    const db = JSON.parse((await readFile(join(data, 'db.json'))).toString('utf8')) as Parameters<typeof drawQueries>[0]
    console.log(`baseline, same run: readFile + JSON.parse of its db.json ${(performance.now() - t0).toFixed(0)} ms`)
    const queries = drawQueries(db, 2)
    for (const [label, dir] of [['no search index cache', cold], ['with its search index cache', warm]] as const) {
      console.log(`${label}:`)
      const times = (await measureSearch(dir, queries)).sort((a, b) => a - b)
      const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(0)
      console.log(`Ctrl+K in the browser, ${times.length} drawn queries typed a key at a time: last keystroke to hits on screen p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`)
    }
  } finally {
    await rm(cold, { recursive: true, force: true })
    await rm(warm, { recursive: true, force: true })
    if (generated) await rm(generated, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
