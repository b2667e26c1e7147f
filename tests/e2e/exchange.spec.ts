// Two laptops: two browser-mode servers on two data folders. Both record parts of one trip; the same
// visit is edited on both and a follow-up deleted on one and edited on the other; packages go both
// ways through the Exchange page (a download on one, a file chosen on the other); the conflicts show
// in the navigation and in the lists, are resolved on one laptop, and a third package leaves both
// laptops identical. Screenshots: screenshots/exchange-<lang>-<step>.png.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from '@playwright/test'
import { apiCall, expect, navigate, startServer, stopServer, test } from './fixtures'
import type { AppServer } from './fixtures'

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')
const REGISTERS = ['organizations', 'contacts', 'staff', 'trips', 'activities', 'agreements', 'alumniGroups', 'followUps'] as const

interface Laptop {
  server: AppServer
  page: Page
  stop: () => Promise<void>
}

async function laptop(browser: Browser, label: string): Promise<Laptop> {
  const dataDir = await mkdtemp(join(tmpdir(), 'liaison-e2e-laptop-'))
  const { server, child } = await startServer(dataDir)
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', acceptDownloads: true })
  const page = await context.newPage()
  await apiCall(server, 'settings.update', { deviceLabel: label })
  await page.goto(server.url)
  await expect(page.getByTestId('nav-dashboard')).toBeVisible()
  return {
    server,
    page,
    stop: async () => {
      await context.close()
      await stopServer(child)
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

async function shot(page: Page, lang: string, name: string): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: join(outDir, `exchange-${lang}-${name}.png`) })
}

/** "Send to another laptop": the whole database, saved as a download; returns the file's path. */
async function sendAll(from: Laptop): Promise<string> {
  await navigate(from.page, 'exchange')
  const [download] = await Promise.all([from.page.waitForEvent('download'), from.page.getByTestId('send-package').click()])
  expect(download.suggestedFilename()).toMatch(/\.ldpkg$/)
  const path = join(tmpdir(), `liaison-e2e-${Date.now()}-${download.suggestedFilename()}`)
  await download.saveAs(path)
  return path
}

/** "Receive": choose the file; the preview appears before anything is written. */
async function openPackage(to: Laptop, path: string): Promise<void> {
  await navigate(to.page, 'exchange')
  await to.page.getByTestId('receive-file').setInputFiles(path)
  await expect(to.page.getByTestId('receive-preview')).toBeVisible()
}

async function apply(to: Laptop): Promise<void> {
  await to.page.getByTestId('receive-apply').click()
  await expect(to.page.getByTestId('receive-preview')).toBeHidden()
}

/** Every register as a person sees it: the values, without this copy's bookkeeping. */
async function registers(l: Laptop): Promise<unknown> {
  const out: Record<string, unknown> = {}
  for (const c of REGISTERS) {
    const page = await apiCall<{ items: Array<Record<string, unknown>> }>(l.server, `${c}.list`, { includeDeleted: true, limit: 500 })
    out[c] = page.items.map(({ updatedAt: _u, updatedBy: _b, ...rest }) => rest).sort((x, y) => String(x.id).localeCompare(String(y.id)))
  }
  return out
}

test('two laptops exchange packages both ways; both conflicts show, are resolved on one and travel back', async ({ browser }) => {
  await mkdir(outDir, { recursive: true })
  const a = await laptop(browser, '笔记本A')
  const b = await laptop(browser, '笔记本B')
  try {
    // Laptop A plans the trip: the delegation, the company, the morning visit and a follow-up.
    const leader = await apiCall<{ id: string }>(a.server, 'staff.create', { name: '李明', title: '党委副书记' })
    const org = await apiCall<{ id: string }>(a.server, 'organizations.create', { name: '上海卓然工程技术股份有限公司', kind: 'enterprise', city: '上海' })
    const trip = await apiCall<{ id: string }>(a.server, 'trips.create', { title: '2025年上海访企拓岗', startDate: '2025-12-02', endDate: '2025-12-04', leaderId: leader.id })
    const visit = await apiCall<{ id: string }>(a.server, 'activities.create', {
      tripId: trip.id, date: '2025-12-02', period: 'morning', kind: 'enterpriseVisit', title: '走访上海卓然', organizationIds: [org.id], staffIds: [leader.id], outcomes: '双方同意共建实习基地。',
    })
    const task = await apiCall<{ id: string }>(a.server, 'followUps.create', { title: '推进实习基地协议', category: 'internship', tripId: trip.id, organizationId: org.id, ownerId: leader.id })
    await openPackage(b, await sendAll(a))
    await expect(b.page.getByTestId('count-new')).toContainText('5')
    await apply(b)

    // Offline, each records its part: B the afternoon forum; both edit the visit's outcomes; A drops the follow-up while B records its result.
    await apiCall(b.server, 'activities.create', { tripId: trip.id, date: '2025-12-02', period: 'afternoon', kind: 'forum', title: '校友座谈会', consensus: '成立上海校友联络处。' })
    await apiCall(a.server, 'activities.update', { id: visit.id, changes: { outcomes: '双方同意共建实习基地，企业提供20个暑期实习岗位。' } })
    await apiCall(b.server, 'activities.update', { id: visit.id, changes: { outcomes: '签署校企合作协议，揭牌实习基地。', positionsOffered: 20 } })
    await apiCall(a.server, 'followUps.delete', { id: task.id })
    await apiCall(b.server, 'followUps.update', { id: task.id, changes: { result: '协议已于12月10日签署。', status: 'done' } })

    // A's package on B: the preview shows both conflicts before anything is written.
    await openPackage(b, await sendAll(a))
    await expect(b.page.getByTestId('count-conflicting')).toContainText('2')
    await expect(b.page.getByTestId('preview-conflicting')).toHaveCount(2)
    await shot(b.page, 'zh-CN', 'preview')
    await apply(b)
    await expect(b.page.getByTestId('nav-conflicts-count')).toHaveText('2')

    // B's package on A, whose screen is in English.
    await a.page.getByTestId('appbar-language').click()
    await openPackage(a, await sendAll(b))
    await expect(a.page.getByTestId('count-conflicting')).toContainText('2')
    await expect(a.page.getByTestId('count-new')).toContainText('1')
    await shot(a.page, 'en', 'preview')
    await apply(a)
    await expect(a.page.getByTestId('nav-conflicts-count')).toHaveText('2')
    await expect(a.page.getByTestId('conflict-row')).toHaveCount(2)

    // Resolve the visit on A: keep both texts of the outcomes, take B's positions.
    await a.page.getByTestId(`resolve-${visit.id}`).click()
    const dialog = a.page.getByTestId('conflict-dialog')
    await expect(dialog.getByTestId('conflict-field-outcomes')).toBeVisible()
    await dialog.getByTestId('both-outcomes').click()
    await shot(a.page, 'en', 'resolve')
    await dialog.getByTestId('resolve-save').click()
    await expect(dialog).toBeHidden()
    await expect(a.page.getByTestId('nav-conflicts-count')).toHaveText('1')

    // The follow-up, deleted on A and done on B: bring it back with B's result. In Chinese this time.
    await a.page.getByTestId('appbar-language').click()
    await a.page.getByTestId(`resolve-${task.id}`).click()
    await expect(dialog.getByTestId('resolve-restore')).toBeVisible()
    await dialog.getByTestId('resolve-restore').click()
    for (const field of ['result', 'status']) {
      const pick = dialog.getByTestId(`conflict-field-${field}`).getByText(field === 'result' ? '协议已于12月10日签署。' : '已完成', { exact: true })
      await pick.click()
    }
    await shot(a.page, 'zh-CN', 'resolve')
    await dialog.getByTestId('resolve-save').click()
    await expect(dialog).toBeHidden()
    await expect(a.page.getByTestId('nav-conflicts-count')).toHaveCount(0)

    // The resolutions travel: B has no conflict left, and both laptops hold the same records.
    await openPackage(b, await sendAll(a))
    await expect(b.page.getByTestId('count-conflicting')).toContainText('0')
    await apply(b)
    await expect(b.page.getByTestId('nav-conflicts-count')).toHaveCount(0)
    // One more round the other way changes nothing on A.
    await openPackage(a, await sendAll(b))
    await apply(a)
    expect(await registers(a)).toEqual(await registers(b))
    expect(await apiCall(a.server, 'trips.totals', { id: trip.id })).toEqual(await apiCall(b.server, 'trips.totals', { id: trip.id }))
    const kept = await apiCall<{ outcomes: string; positionsOffered: number }>(a.server, 'activities.get', { id: visit.id })
    expect(kept.outcomes).toContain('20个暑期实习岗位')
    expect(kept.outcomes).toContain('揭牌实习基地')
    expect(kept.positionsOffered).toBe(20)
    expect(await apiCall(a.server, 'followUps.get', { id: task.id })).toMatchObject({ deletedAt: null, status: 'done', result: '协议已于12月10日签署。' })

    // The visit's history says who changed what, including the resolution.
    await a.page.goto(`${a.server.url.split('#')[0]}#/history/activities/${visit.id}`)
    await expect(a.page.getByTestId('history-item').first()).toContainText('解决冲突')
    await shot(a.page, 'zh-CN', 'history')
  } finally {
    await a.stop()
    await b.stop()
  }
})
