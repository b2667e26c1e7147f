// npm run bench:first-load -- [--data <folder>] [--runs 3]
// Browser mode from launch to the dashboard's figures, on an empty data folder and on a copy of
// <folder> (generated with 100,000 contacts when none is given): from spawning the server to the
// first figure on screen, in a browser that is already running (as the user's is). Also reported:
// when the server printed its address, and the script the first screen fetched. The server
// listens before the data folder is open, so the page's load and the open overlap; the total is
// the figure that counts. Needs `npm run build:web` first (the page and the bundled server).
import { spawn } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
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
    const t0 = performance.now()
    server = await startServer(dataDir)
    await page.goto(server.url)
    // The first figure: a KPI when there is data, the empty state's button otherwise.
    await page.locator('[data-testid="kpi-enterprisesVisited"], [data-testid="dashboard-empty"]').first().waitFor({ state: 'visible', timeout: 120_000 })
    const totalMs = performance.now() - t0
    await page.waitForLoadState('networkidle')
    return { serverMs: server.readyMs, totalMs, scriptKb: scriptBytes / 1024 }
  } finally {
    await browser.close()
    await server?.stop()
  }
}

async function bench(label: string, source: string | null, runs: number): Promise<void> {
  const results: Run[] = []
  for (let i = 0; i < runs; i += 1) {
    const dir = await mkdtemp(join(tmpdir(), 'liaison-first-load-'))
    try {
      if (source) await cp(source, dir, { recursive: true })
      results.push(await measure(dir))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  const median = (f: (r: Run) => number) => results.map(f).sort((a, b) => a - b)[Math.floor(results.length / 2)]
  console.log(
    `${label}: launch to first figure ${median((r) => r.totalMs).toFixed(0)} ms (address printed at ${median((r) => r.serverMs).toFixed(0)} ms; ` +
      `median of ${runs}); script fetched by the first screen ${median((r) => r.scriptKb).toFixed(0)} KB`,
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
  try {
    await bench('empty data folder', null, runs)
    await bench(`data folder ${data}`, data, runs)
  } finally {
    if (generated) await rm(generated, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
