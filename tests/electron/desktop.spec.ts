// The desktop app itself, driven through Playwright's Electron support. These run where the Electron
// binary exists (a developer's Windows or macOS machine) and are skipped, saying why, where it does not.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test as base } from '@playwright/test'
import type { ElectronApplication, Page } from '@playwright/test'
import { electronBinary, root, SKIP_REASON } from './electron-binary'

const binary = electronBinary()

interface Desktop {
  app: ElectronApplication
  page: Page
  dataDir: string
}

const test = base.extend<{ desktop: Desktop }>({
  // eslint-disable-next-line no-empty-pattern
  desktop: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'liaison-electron-'))
    const app = await electron.launch({
      executablePath: binary as string,
      args: [join(root, 'out/main/index.js')],
      env: { ...process.env, LIAISON_DESK_DATA: dataDir },
    })
    try {
      const page = await app.firstWindow()
      await expect(page.getByTestId('nav-dashboard')).toBeVisible()
      await use({ app, page, dataDir })
    } finally {
      await app.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
})

test.skip(binary === null, SKIP_REASON)
// The list reporter shows skipped tests without their reason: say it once.
if (binary === null) console.log(`tests/electron skipped: ${SKIP_REASON}`)

test.beforeAll(() => {
  // The tests drive what `npm run build` makes: main, preload and renderer under out/.
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'pipe' })
})

async function loadSample(page: Page): Promise<void> {
  await page.getByTestId('dashboard-empty').getByRole('button').click()
  await expect(page.getByTestId('count-organizations')).toHaveText('10')
}

test('starts with its window, menu and an empty data folder', async ({ desktop }) => {
  const { app, page, dataDir } = desktop
  await expect(page.getByTestId('dashboard-empty')).toBeVisible()
  const info = await app.evaluate(({ app: a, BrowserWindow, Menu }) => ({
    userData: a.getPath('userData'),
    windows: BrowserWindow.getAllWindows().length,
    menu: Menu.getApplicationMenu()?.items.map((i) => i.label) ?? [],
  }))
  expect(info.userData).toBe(dataDir)
  expect(info.windows).toBe(1)
  expect(info.menu).toEqual(expect.arrayContaining(['文件', '编辑', '视图', '帮助']))
})

test('loads the sample trip', async ({ desktop }) => {
  await loadSample(desktop.page)
  await desktop.page.getByTestId('nav-trips').click()
  await expect(desktop.page.getByRole('row').nth(1)).toBeVisible()
})

test('exports the trip workbook through the save dialog', async ({ desktop }) => {
  const { app, page, dataDir } = desktop
  const target = join(dataDir, 'exported.xlsx')
  // Stub the native dialogs: "save" answers with our path, the "saved" box is closed.
  await app.evaluate(({ dialog }, path) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog
    dialog.showMessageBox = (async () => ({ response: 2, checkboxChecked: false })) as typeof dialog.showMessageBox
  }, target)
  await loadSample(page)
  await page.getByTestId('nav-trips').click()
  await page.getByRole('row').nth(1).click()
  await page.getByTestId('tab-reports').click()
  await page.getByTestId('export-trip-workbook').click()
  await expect(page.getByTestId('export-notice')).toContainText('exported.xlsx')
  expect((await readFile(target)).subarray(0, 2).toString()).toBe('PK')
})

test('reminds of an overdue follow-up with a notification that opens it', async ({ desktop }) => {
  const { app, page } = desktop
  // Record notifications instead of showing them (a CI desktop may have no notification server).
  await app.evaluate(({ Notification }) => {
    const g = globalThis as unknown as { shown: Array<{ title: string; body: string; emit(e: string): void }> }
    g.shown = []
    Notification.isSupported = () => true
    Notification.prototype.show = function (this: unknown) {
      g.shown.push(this as (typeof g.shown)[number])
    }
  })
  const id = await page.evaluate(async () => {
    const api = (globalThis as unknown as { api: Record<string, (x: unknown) => Promise<{ ok: boolean; data: { id: string } }>> }).api
    const r = await api['followUps.create']({ title: 'Call the alumni office', dueDate: '2020-01-01' })
    // Turning reminders back on shows what is due at once (as the daily check would).
    await api['settings.update']({ remindersEnabled: false })
    await api['settings.update']({ remindersEnabled: true })
    return r.data.id
  })
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { shown: Array<{ title: string }> }).shown.map((n) => n.title)))
    .toEqual(['跟进事项到期：Call the alumni office'])
  await app.evaluate(() => (globalThis as unknown as { shown: Array<{ emit(e: string): void }> }).shown[0].emit('click'))
  await expect(page).toHaveURL(new RegExp(`#/follow-ups\\?open=${id}$`))
})
