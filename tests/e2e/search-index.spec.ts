import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiCall, expect, navigate, openApp, switchToEnglish, test } from './fixtures'
import type { AppServer } from './fixtures'

const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots')

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平'

/** A few thousand contacts through the API, 16 requests at a time (each is one durable commit). */
async function seedContacts(server: AppServer, n: number): Promise<void> {
  const inputs = Array.from({ length: n }, (_, i) => ({
    name: `${SURNAMES[i % 20]}${GIVEN[(i * 7) % 20]}${GIVEN[(i * 13) % 20]}`,
    // 139 numbers that never end in 7788 and never hold 55507788.
    phone: `139 ${String(i).padStart(4, '0')} ${String(1000 + (i % 6000)).padStart(4, '0')}`,
    email: `user${i}@example.cn`,
  }))
  for (let i = 0; i < inputs.length; i += 16) {
    await Promise.all(inputs.slice(i, i + 16).map((input) => apiCall(server, 'contacts.create', input)))
  }
}

test('search index at a few thousand contacts: Ctrl+K by pinyin and by phone fragment, a register by phone tail', async ({ page, server }) => {
  await seedContacts(server, 3000)
  await apiCall(server, 'contacts.create', { name: '欧阳娜娜', phone: '186-5550-7788', email: 'nana.ouyang@example.com' })
  await apiCall(server, 'contacts.create', { name: '沈伟', city: '长沙' })
  await apiCall(server, 'contacts.create', { name: "Patricia O'Brien" })
  await openApp(page, server)

  await page.keyboard.press('Control+K')
  const box = page.getByRole('combobox', { name: '全局搜索' })
  await expect(box).toBeFocused()
  const target = page.getByRole('option', { name: '欧阳娜娜', exact: true })
  // Pinyin initials, then full pinyin: the name is the first person found.
  await box.fill('oynn')
  await expect(target).toBeVisible()
  await expect(page.getByRole('group', { name: '联系人与校友' }).getByRole('option').first()).toHaveText(/欧阳娜娜/)
  await box.fill('ouyangnana')
  await expect(target).toBeVisible()
  // The middle of a mobile number, typed as it is written on a card.
  await box.fill('5550 77')
  await expect(target).toBeVisible()
  await expect(page.getByRole('group', { name: '联系人与校友' }).getByRole('option')).toHaveCount(1)
  // Typed without the space a user leaves out: a name and a city, pinyin and a character, a Latin name
  // without its apostrophe. The name typed is the one marked.
  await box.fill('沈伟长沙')
  const shen = page.getByRole('option', { name: /沈伟/ })
  await expect(shen).toBeVisible()
  await expect(shen.locator('mark').first()).toHaveText('沈伟')
  await mkdir(shots, { recursive: true })
  await page.screenshot({ path: join(shots, 'search-index-name-and-city.png') })
  await box.fill('zhang伟')
  await expect(page.getByRole('group', { name: '联系人与校友' }).getByRole('option').first()).toHaveText(/^张伟/)
  await box.fill('obrien')
  await expect(page.getByRole('option', { name: /O'Brien/ })).toBeVisible()
  await page.keyboard.press('Escape')

  await navigate(page, 'contacts')
  const search = page.getByTestId('register-search')
  await search.fill('7788')
  const rows = page.getByRole('rowgroup').last().getByRole('row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('欧阳娜娜')
  // A common surname finds many, sorted by name, in pages.
  await search.fill('张伟')
  await expect(rows.first()).toContainText('张伟')
})

const WORDS = {
  'zh-CN': { box: '全局搜索', people: '联系人与校友', register: '张伟 2014' },
  en: { box: 'Search everything', people: 'Contacts & alumni', register: '2014 zhang wei' },
} as const

for (const lang of ['zh-CN', 'en'] as const) {
  test(`Ctrl+K and a register take several words: pinyin by syllables, a name with a space, name and class year (${lang})`, async ({ page, server }) => {
    const w = WORDS[lang]
    await mkdir(shots, { recursive: true })
    await seedContacts(server, 300)
    await apiCall(server, 'contacts.create', { name: '张伟', city: '南昌', alumni: { classYear: 2014, degree: 'master', major: '环境工程' } })
    await apiCall(server, 'contacts.create', { name: '张伟', city: '深圳', alumni: { classYear: 2019, degree: 'bachelor', major: '地理信息' } })
    await openApp(page, server)
    if (lang === 'en') await switchToEnglish(page)

    await page.keyboard.press('Control+K')
    const box = page.getByRole('combobox', { name: w.box })
    const people = page.getByRole('group', { name: w.people }).getByRole('option')
    // Pinyin typed by syllables, given name first as in English, and with a space in the Chinese name:
    // the two 张伟 come first each time.
    for (const q of ['zhang wei', 'Wei Zhang', '张 伟']) {
      await box.fill(q)
      await expect(people.nth(0), q).toHaveText(/张伟/)
      await expect(people.nth(1), q).toHaveText(/张伟/)
    }
    // Name and city: only the one in 深圳.
    await box.fill('张伟 深圳')
    await expect(people).toHaveCount(1)
    // The second line says where, so namesakes can be told apart.
    await expect(people.first()).toContainText('深圳')
    await page.screenshot({ path: join(shots, `${lang}-search-words.png`) })
    await page.keyboard.press('Escape')

    // A register's search box: every word in any field, the class year as offices write it.
    await navigate(page, 'contacts')
    const rows = page.getByRole('rowgroup').last().getByRole('row')
    await page.getByTestId('register-search').fill(w.register)
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('南昌')
    await page.getByTestId('register-search').fill('2019届')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('深圳')
  })
}
