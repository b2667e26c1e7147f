// npx tsx scripts/make-icons.ts
// Draws the app icon and the .ldpkg document icon from their SVGs (resources/icons/*.svg) at every
// size the installers use, with the Chromium the tests already use, and writes:
//   resources/icon.png (1024), resources/icon.ico, resources/icon.icns, resources/icons/png/NxN.png (Linux),
//   resources/ldpkg.ico, resources/ldpkg.icns (the merge package's file-association icon).
// The outputs are checked in; run this again after changing an SVG.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import type { Browser } from '@playwright/test'
import { ICNS_TYPES, ICO_SIZES, packIcns, packIco } from './icon-pack'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const res = join(root, 'resources')
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512] as const

async function render(browser: Browser, svg: string, size: number): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
  try {
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`)
    await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode())
    return await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
  } finally {
    await page.close()
  }
}

async function renderAll(browser: Browser, name: string): Promise<Map<number, Buffer>> {
  const svg = await readFile(join(res, 'icons', `${name}.svg`), 'utf8')
  const sizes = new Set<number>([...ICO_SIZES, ...ICNS_TYPES.map((t) => t.size), ...LINUX_SIZES, 1024])
  const out = new Map<number, Buffer>()
  for (const size of [...sizes].sort((a, b) => a - b)) out.set(size, await render(browser, svg, size))
  return out
}

const at = (m: Map<number, Buffer>, size: number): Buffer => {
  const png = m.get(size)
  if (!png) throw new Error(`no ${size} px rendering`)
  return png
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    for (const name of ['icon', 'ldpkg'] as const) {
      const pngs = await renderAll(browser, name)
      await writeFile(join(res, `${name}.ico`), packIco(ICO_SIZES.map((size) => ({ size, png: at(pngs, size) }))))
      await writeFile(join(res, `${name}.icns`), packIcns(ICNS_TYPES.map(({ type, size }) => ({ type, png: at(pngs, size) }))))
      if (name === 'icon') {
        await writeFile(join(res, 'icon.png'), at(pngs, 1024))
        const dir = join(res, 'icons', 'png')
        await mkdir(dir, { recursive: true })
        for (const size of LINUX_SIZES) await writeFile(join(dir, `${size}x${size}.png`), at(pngs, size))
      }
    }
  } finally {
    await browser.close()
  }
  console.log('icons written to resources/')
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
