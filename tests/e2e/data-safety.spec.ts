import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, navigate, openApp, startServer, stopServer, test } from './fixtures'

const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

test('a damaged data file: the recovery notice is shown on every page and every start until dismissed', async ({ page }) => {
  test.setTimeout(240_000) // four server starts
  const dataDir = await mkdtemp(join(tmpdir(), 'liaison-e2e-'))
  try {
    const first = await startServer(dataDir)
    try {
      await openApp(page, first.server)
      await page.getByTestId('dashboard-empty').getByRole('button').click()
      await expect(page.getByText('示例行程已载入')).toBeVisible()
    } finally {
      await stopServer(first.child)
    }
    await writeFile(join(dataDir, 'db.json'), '{"schemaVersion": 1, "organizations": [', 'utf8')
    // A journal line whose checksum does not match: skipped, kept, and named in the notice.
    await writeFile(join(dataDir, 'journal.jsonl'), '{"seq":1,"puts":[],"crc":"00000000"}\n', 'utf8')

    const second = await startServer(dataDir)
    try {
      await openApp(page, second.server)
      const banner = page.getByTestId('recovery-banner')
      await expect(banner).toContainText('数据文件已自动恢复')
      await expect(banner).toContainText('db.json')
      await expect(banner.getByTestId('recovery-skipped')).toContainText('有 1 条变更无法使用而被跳过')
      await expect(banner.getByTestId('recovery-skipped')).toContainText('journal.jsonl.damaged-')
      await navigate(page, 'organizations')
      await expect(banner).toBeVisible()
      await mkdir(shots, { recursive: true })
      await page.screenshot({ path: join(shots, 'zh-CN-recovery-banner.png') })
      await navigate(page, 'settings')
      await expect(page.getByText('移到一旁保留的文件：').first()).toBeVisible()
      await page.getByTestId('lang-en').click()
      await expect(banner).toContainText('The data file was recovered')
      await expect(banner.getByTestId('recovery-skipped')).toContainText('Changes skipped because they could not be used: 1.')
      await page.screenshot({ path: join(shots, 'en-recovery-banner.png') })
      // The interface switches at once; the choice is saved after. Stop the server only once it is
      // saved, or the next start comes up in English.
      const saved = page.waitForResponse((r) => r.url().includes('/api/settings.update') && r.ok())
      await page.getByTestId('lang-zh-CN').click()
      await saved
    } finally {
      await stopServer(second.child)
    }

    // Not dismissed: still there after a restart.
    const third = await startServer(dataDir)
    try {
      await openApp(page, third.server)
      const banner = page.getByTestId('recovery-banner')
      await expect(banner).toContainText('db.json')
      await banner.getByRole('button', { name: '知道了' }).click()
      await expect(banner).toBeHidden()
      await navigate(page, 'trips')
      await expect(banner).toBeHidden()
    } finally {
      await stopServer(third.child)
    }

    // Dismissed: gone for good.
    const fourth = await startServer(dataDir)
    try {
      await openApp(page, fourth.server)
      await navigate(page, 'settings')
      await expect(page.getByText('数据文件完好，未发生过恢复。')).toBeVisible()
      await expect(page.getByTestId('recovery-banner')).toBeHidden()
    } finally {
      await stopServer(fourth.child)
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})

test('restoring a backup asks first, then shows the restored data', async ({ page, server }) => {
  await openApp(page, server)
  await page.getByTestId('dashboard-empty').getByRole('button').click()
  await expect(page.getByTestId('count-organizations')).toHaveText('10')

  await navigate(page, 'settings')
  const backups = page.getByTestId('backups')
  await expect(backups.getByRole('row').nth(1)).toBeVisible() // header + at least one backup
  const before = await backups.getByRole('row').count()
  // The oldest backup is the empty file made at the first start.
  const oldest = backups.getByRole('row').last()
  await oldest.getByRole('button', { name: '恢复此备份' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('当前数据会先自动备份')
  await dialog.getByRole('button', { name: '恢复此备份' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('notice')).toContainText('已恢复备份')
  // The state before the restore was backed up, and so was the restored state the journal now builds on.
  await expect(backups.getByRole('row')).toHaveCount(before + 2)

  await navigate(page, 'dashboard')
  await expect(page.getByTestId('dashboard-empty')).toBeVisible()
})
