import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, navigate, openApp, startServer, stopServer, test } from './fixtures'

const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')
const PASSPHRASE = 'liaison desk 2026 秘钥'
/** A contact of the sample trip: in plain on disk before, nowhere in plain after. */
const NAME = '詹益斌'

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)))
    else out.push(path)
  }
  return out
}

async function filesHolding(dir: string, text: string): Promise<string[]> {
  const hits: string[] = []
  for (const path of await filesUnder(dir)) if ((await readFile(path)).includes(Buffer.from(text))) hits.push(path)
  return hits
}

test('encryption at rest: turned on in Settings, the next start asks for the passphrase, a wrong one is refused', async ({ page }) => {
  test.setTimeout(180_000) // two server starts
  const dataDir = await mkdtemp(join(tmpdir(), 'liaison-e2e-'))
  await mkdir(shots, { recursive: true })
  try {
    const first = await startServer(dataDir)
    try {
      await openApp(page, first.server)
      await page.getByTestId('dashboard-empty').getByRole('button').click()
      await expect(page.getByText('示例行程已载入')).toBeVisible()
      await navigate(page, 'settings')
      const section = page.getByTestId('encryption-section')
      await expect(section).toContainText('浏览器模式没有系统钥匙串')
      await section.getByLabel('口令', { exact: true }).fill(PASSPHRASE)
      await section.getByLabel('再次输入口令').fill(`${PASSPHRASE}x`)
      await section.getByTestId('encryption-on').click()
      await expect(section).toContainText('两次输入的口令不一致')
      await section.getByLabel('再次输入口令').fill(PASSPHRASE)
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(shots, 'zh-CN-encryption-settings-off.png') })
      await section.getByTestId('encryption-on').click()
      await expect(page.getByTestId('encryption-state')).toContainText('已开启')
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(shots, 'zh-CN-encryption-settings-on.png') })
      await page.getByTestId('lang-en').click()
      await expect(page.getByTestId('encryption-state')).toContainText('On: the data folder on this computer is encrypted.')
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(shots, 'en-encryption-settings-on.png') })
      const saved = page.waitForResponse((r) => r.url().includes('/api/settings.update') && r.ok())
      await page.getByTestId('lang-zh-CN').click()
      await saved
    } finally {
      await stopServer(first.child)
    }
    expect(await filesHolding(dataDir, NAME)).toEqual([])

    const second = await startServer(dataDir)
    try {
      await page.goto(second.server.url)
      const screen = page.getByTestId('unlock-screen')
      await expect(screen).toContainText('数据已加密')
      await page.screenshot({ path: join(shots, 'zh-CN-unlock.png') })
      await screen.getByLabel('口令').fill('not the passphrase')
      await page.getByTestId('unlock').click()
      await expect(screen).toContainText('口令不正确')
      await screen.getByRole('button', { name: 'English' }).click()
      await expect(screen).toContainText('The data is encrypted')
      await screen.getByLabel('Passphrase').fill('still not it')
      await page.getByTestId('unlock').click()
      await expect(screen).toContainText('The passphrase is wrong')
      // The button fades back from its busy look: the picture waits for it to be ready again.
      await expect(page.getByTestId('unlock')).toBeEnabled()
      await page.screenshot({ path: join(shots, 'en-unlock-wrong.png'), animations: 'disabled' })
      await screen.getByLabel('Passphrase').fill(PASSPHRASE)
      await page.getByTestId('unlock').click()
      // The data opens, in the language saved inside it.
      await expect(page.getByTestId('nav-dashboard')).toBeVisible()
      await navigate(page, 'contacts')
      await expect(page.getByText(NAME).first()).toBeVisible()
    } finally {
      await stopServer(second.child)
    }
    expect(await filesHolding(dataDir, NAME)).toEqual([])
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})
