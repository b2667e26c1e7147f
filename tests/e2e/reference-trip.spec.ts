// The reference trip (/work/shared/domain/reference-trip-report.txt), entered through the UI
// from an empty database as the office would: the delegation created inline from the member
// picker, the trip, every itinerary item of 3–5 December 2025, the people met with their
// titles, the internship base (from the unveiling ceremony), the two liaison offices (from the
// Shanghai alumni forum) and the five follow-up lines of part III. Then the trip totals on the
// page, and every record found again with Ctrl+K.
import type { Locator, Page } from '@playwright/test'
import { expect, navigate, openApp, test } from './fixtures'

const TRIP = '赴上海、南通开展校企合作系列活动'

const ORG = {
  zhuoran: '上海卓然工程技术股份有限公司',
  naham: '上海纳汉流体技术有限公司',
  ascent: '上海艾森特环境科技有限公司',
  shenchu: '江苏申储新材料有限公司',
  yuchuan: '江苏宇川新能源科技有限公司',
  jiangdong: '江东电子材料有限公司',
  haibao: '上海海宝电源科技有限公司',
  rudong: '如东经济技术开发区（高新区）管理委员会',
  beep: '必普帕洛洛（江苏）工程技术有限公司',
  cimc: '南通中集能源装备有限公司',
}

const BASE = '南昌大学本科生实习基地'
const PECE_OFFICE = '过程装备与控制工程专业校友联络处'
const ENV_OFFICE = '环境工程专业校友联络处'

const FOLLOW_UPS = [
  { title: '推动合作意向落地落实：跟进与各走访企业达成的毕业生推荐、实习安排、项目合作意向', category: '招聘就业', owner: '刘军', from: null },
  { title: '加快上海校友会筹备进程：推进正式注册和成立大会筹备', category: '校友工作', owner: '王琪璐', from: '在沪优秀校友专题座谈会' },
  { title: '以新建实习基地为平台深化产教融合：探索“毕业实习+毕业设计+就业导向”一体化培养模式', category: '联合培养', owner: '刘军', from: '“南昌大学本科生实习基地”揭牌仪式' },
  { title: '拓展区域合作：与如东经济技术开发区探索建立“园区—学校—企业”三方合作平台', category: '其他', owner: '邓腾', from: `拜访${ORG.rudong}` },
  { title: '建立访企拓岗与校友联络常态化交流机制', category: '其他', owner: '王立坤', from: null },
] as const

// ---- helpers --------------------------------------------------------------------------------

function activityDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /添加活动|编辑活动/ })
}

/** Types into a RecordPicker and waits until the option (or “Create …”) is offered. */
async function typeInPicker(page: Page, input: Locator, text: string, option: string | RegExp | 'create'): Promise<void> {
  await input.fill(text)
  const listbox = page.getByRole('listbox')
  if (option === 'create') await expect(listbox.getByTestId('picker-create')).toBeVisible()
  // an existing record's option, not “Create “…””, whose text also holds what was typed
  else await expect(listbox.locator('[role="option"]:not([data-testid="picker-create"])', { hasText: option }).first()).toBeVisible()
}

/** Picks an existing record in a RecordPicker: type part of its name, Enter takes the first match. */
async function pickExisting(page: Page, input: Locator, text: string, name: string | RegExp = text): Promise<void> {
  await typeInPicker(page, input, text, name)
  await input.press('Enter')
  await expect(page.getByRole('listbox')).toBeHidden() // chosen (at once, or when the results are in)
}

/** Creates an organisation from a RecordPicker's “Create …” option. */
async function createOrg(page: Page, input: Locator, name: string, city: string, kind?: string): Promise<void> {
  await typeInPicker(page, input, name, 'create')
  await input.press('Enter')
  const dialog = page.getByRole('dialog', { name: '新建单位' })
  await expect(dialog.getByLabel('名称')).toHaveValue(name)
  if (kind) {
    await dialog.getByLabel('类别').click()
    await page.getByRole('option', { name: kind }).click()
  }
  await dialog.getByLabel('城市').fill(city)
  await dialog.getByLabel('城市').press('Enter')
  await expect(dialog).toBeHidden()
}

interface NewContact {
  name: string
  position: string
  /** when the organisation the dialog suggests is not the right one */
  organization?: string
  alumni?: { classYear: string; major: string }
}

/** Creates a contact from a RecordPicker's “Create …” option (the organisation is prefilled). */
async function createContact(page: Page, input: Locator, c: NewContact): Promise<void> {
  await typeInPicker(page, input, c.name, 'create')
  await input.press('Enter')
  const dialog = page.getByRole('dialog', { name: '新建联系人' })
  await expect(dialog.getByLabel('姓名')).toHaveValue(c.name)
  await expect(dialog.getByLabel('职务')).toBeFocused()
  await page.keyboard.type(c.position)
  if (c.organization) await pickExisting(page, dialog.getByRole('combobox', { name: '单位' }), c.organization)
  if (c.alumni) {
    await dialog.getByLabel('本院校友').check()
    await dialog.getByLabel('届别').fill(c.alumni.classYear)
    await dialog.getByLabel('专业').fill(c.alumni.major)
  }
  await dialog.getByLabel('职务').press('Enter')
  await expect(dialog).toBeHidden()
}

/** Creates a staff member from a RecordPicker's “Create …” option. */
async function createStaff(page: Page, input: Locator, name: string, title: string): Promise<void> {
  await typeInPicker(page, input, name, 'create')
  await input.press('Enter')
  const dialog = page.getByRole('dialog', { name: '新建本院人员' })
  await expect(dialog.getByLabel('职务/职称')).toBeFocused()
  await page.keyboard.type(title)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
}

interface Item {
  date: string
  period: 'morning' | 'afternoon'
  kind?: '座谈会' | '会见/会谈' | '仪式'
  title?: string
  orgs: Array<{ name: string; city?: string; kind?: string; existing?: string }>
  people?: Array<NewContact | { existing: string }>
  topics?: string
  outcomes?: string
  consensus?: string
}

/** Adds one itinerary item through the slot's quick-add (N on the focused slot). */
async function addItem(page: Page, item: Item): Promise<void> {
  const slot = page.getByTestId(`slot-${item.date}-${item.period}`)
  await slot.focus()
  await page.keyboard.press('n')
  const dialog = activityDialog(page)
  await expect(dialog).toBeVisible()
  const orgs = dialog.getByRole('combobox', { name: /到访单位|参会单位/ })
  await expect(orgs).toBeFocused()
  // The kind carries over from the day's previous item: click only when this one differs.
  const kind = dialog.getByRole('button', { name: item.kind ?? '企业走访', exact: true })
  if ((await kind.getAttribute('aria-pressed')) !== 'true') await kind.click()
  for (const o of item.orgs) {
    if (o.existing) await pickExisting(page, orgs, o.existing, o.name)
    else await createOrg(page, orgs, o.name, o.city ?? '', o.kind)
  }
  const people = dialog.getByRole('combobox', { name: /会见人员|参会人员/ })
  for (const p of item.people ?? []) {
    if ('existing' in p) await pickExisting(page, people, p.existing)
    else await createContact(page, people, p)
  }
  if (item.topics) await dialog.getByLabel('交流内容').fill(item.topics)
  if (item.outcomes) await dialog.getByLabel('成果与意向').fill(item.outcomes)
  if (item.consensus) await dialog.getByLabel('座谈共识').fill(item.consensus)
  if (item.title) await dialog.getByRole('textbox', { name: '标题' }).fill(item.title)
  await page.keyboard.press('Control+Enter')
  await expect(dialog).toBeHidden()
  await expect(slot).toBeFocused() // back on the slot: N adds the next one
}

function card(page: Page, title: string): Locator {
  return page.getByTestId('activity-card').filter({ has: page.getByTestId('activity-title').getByText(title, { exact: true }) })
}

async function itemAction(page: Page, title: string, action: string): Promise<void> {
  await card(page, title).getByRole('button', { name: `“${title}”的更多操作` }).click()
  await page.getByRole('menuitem', { name: action }).click()
}

async function addFollowUp(page: Page, f: (typeof FOLLOW_UPS)[number]): Promise<void> {
  const dialog = page.getByRole('dialog', { name: /新建跟进事项/ })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('标题').fill(f.title)
  await dialog.getByLabel('类别').click()
  await page.getByRole('option', { name: f.category, exact: true }).click()
  await pickExisting(page, dialog.getByRole('combobox', { name: '负责人' }), f.owner)
  await dialog.getByLabel('截止日期').fill('2026-03-31')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
}

/** Ctrl+K, then each name in turn: every one must be offered (by its exact name). */
async function findAllWithCtrlK(page: Page, queries: ReadonlyArray<readonly [string, string]>): Promise<void> {
  await page.keyboard.press('Control+K')
  const search = page.getByTestId('global-search')
  await expect(search).toBeVisible()
  const input = search.getByTestId('global-search-input')
  for (const [text, name] of queries) {
    await input.fill(text)
    await expect(search.getByRole('option', { name, exact: true }).first()).toBeVisible()
  }
  await page.keyboard.press('Escape')
  await expect(search).toBeHidden()
}

// ---- the test -----------------------------------------------------------------------------------

test('the reference trip, entered through the UI from an empty database', async ({ page, server }) => {
  // About 5 minutes on two shared cores; the limit is for a hang, not for speed.
  test.setTimeout(600_000)
  await openApp(page, server)
  await navigate(page, 'trips')
  await expect(page.getByTestId('register-empty')).toContainText('新建行程')

  // The trip, with its leader created from the picker.
  await page.getByRole('button', { name: '新建行程' }).click()
  const newTrip = page.getByRole('dialog', { name: '新建出访行程' })
  await newTrip.getByLabel('标题').fill(TRIP)
  await newTrip.getByLabel('主题').fill('深化校企合作、拓展就业岗位、凝聚校友力量')
  await newTrip.getByLabel('开始日期').fill('2025-12-02')
  await newTrip.getByLabel('结束日期').fill('2025-12-05')
  const destinations = newTrip.getByLabel('目的地')
  await destinations.fill('上海')
  await destinations.press('Enter')
  await destinations.fill('江苏省南通市如东县')
  await destinations.press('Enter')
  await createStaff(page, newTrip.getByRole('combobox', { name: '带队领导' }), '王立坤', '学院党委书记')
  await newTrip.getByRole('button', { name: '保存' }).click()
  await expect(newTrip).toBeHidden()
  await expect(page.getByRole('heading', { name: TRIP })).toBeVisible()
  await expect(page.getByTestId('trip-dates')).toHaveText('2025-12-02 – 2025-12-05')

  // The delegation: the leader is picked once, in the Leader field (not repeated as a member row);
  // the others are created from the member picker.
  await page.getByRole('tab', { name: '概况' }).click()
  const members = page.getByTestId('trip-members')
  await expect(page.getByRole('combobox', { name: '带队领导' })).toHaveValue('王立坤')
  await expect(members.getByTestId('member-row')).toHaveCount(0)
  const delegation = [
    ['邓腾', '副教授，学院原副院长'],
    ['刘军', '博士，党支部书记，过程装备与控制工程系副主任，学生工程实践与创新中心主任'],
    ['王琪璐', '党政办公室工作人员'],
  ] as const
  for (const [i, [name, title]] of delegation.entries()) {
    await page.getByRole('button', { name: '添加成员' }).click()
    const input = members.getByRole('combobox', { name: `成员 ${i + 1}` })
    await expect(input).toBeFocused()
    await createStaff(page, input, name, title)
    await expect(input).toHaveValue(name)
  }
  const objectives = ['深入开展访企拓岗，了解产业需求，推荐优秀毕业生', '推进校企合作，探索共建实习基地、联合培养人才等机制', '联络凝聚当地校友，商讨校友组织建设与发展']
  for (const [i, objective] of objectives.entries()) {
    await page.getByRole('button', { name: '添加目标' }).click()
    await expect(page.getByLabel(`目标 ${i + 1}`)).toBeFocused()
    await page.keyboard.type(objective)
  }
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('notice')).toContainText(`已保存“${TRIP}”`)
  await expect(page.getByTestId('overview-unsaved')).toBeHidden()

  // The itinerary: every day of the trip, split into morning / afternoon / evening.
  await page.getByRole('tab', { name: /行程安排/ }).click()
  await expect(page.getByTestId('itinerary-empty')).toBeVisible()
  for (const d of ['2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05']) await expect(page.getByTestId(`day-${d}`)).toBeVisible()

  // 3 December, morning — the keystroke budget of a new visit from a blank day, counted:
  //   N                         1  (on the focused slot: quick-add opens, cursor in “organisations”)
  //   <organisation name> Enter 2  (nothing matches: Enter takes “Create …”)
  //   <city> Enter              3  (the inline organisation dialog saves)
  //   Tab                       4  (to “people met”)
  //   <name> Enter              5  (“Create …” again)
  //   <position> Enter          6  (the inline contact dialog saves; the organisation is prefilled)
  //   Tab <topics>              7
  //   Tab <outcomes>            8
  //   Ctrl+Enter                9  (saves; title “走访…” filled in from the organisation, date and
  //                                 period from the slot, our attendees = the delegation)
  // 9 keystrokes plus the text typed, two of them creating the organisation and the person.
  {
    const slot = page.getByTestId('slot-2025-12-03-morning')
    await slot.focus()
    await page.keyboard.press('n') // 1
    const dialog = activityDialog(page)
    await expect(dialog).toBeVisible()
    await page.keyboard.type(ORG.zhuoran)
    await expect(page.getByTestId('picker-create')).toBeVisible()
    await page.keyboard.press('Enter') // 2
    const orgDialog = page.getByRole('dialog', { name: '新建单位' })
    await expect(orgDialog.getByLabel('城市')).toBeFocused()
    await page.keyboard.type('上海')
    await page.keyboard.press('Enter') // 3
    await expect(orgDialog).toBeHidden()
    await page.keyboard.press('Tab') // 4
    await expect(dialog.getByRole('combobox', { name: '会见人员' })).toBeFocused()
    await page.keyboard.type('詹益斌')
    await expect(page.getByTestId('picker-create')).toBeVisible()
    await page.keyboard.press('Enter') // 5
    const contactDialog = page.getByRole('dialog', { name: '新建联系人' })
    await expect(contactDialog.getByLabel('职务')).toBeFocused()
    await expect(contactDialog.getByRole('combobox', { name: '单位' })).toHaveValue(ORG.zhuoran)
    await page.keyboard.type('企业负责人（博士）')
    await page.keyboard.press('Enter') // 6
    await expect(contactDialog).toBeHidden()
    await page.keyboard.press('Tab') // 7
    await page.keyboard.type('企业回访与访企拓岗；毕业生招聘；校企联合培养人才；定制课程')
    await page.keyboard.press('Tab') // 8
    await page.keyboard.type('就招聘学院相关专业毕业生达成积极意向；詹益斌博士明确表达了招收优秀学子的迫切愿望')
    await expect(dialog.getByRole('textbox', { name: '标题' })).toHaveValue(`走访${ORG.zhuoran}`)
    await page.keyboard.press('Control+Enter') // 9
    await expect(dialog).toBeHidden()
    await expect(slot).toBeFocused()
    const zhuoran = card(page, `走访${ORG.zhuoran}`)
    await expect(zhuoran).toContainText('詹益斌（企业负责人（博士））')
    await expect(zhuoran).toContainText('上海')
  }

  // 3 December, afternoon: Naham (an alumni enterprise), then the Shanghai alumni forum.
  await addItem(page, {
    date: '2025-12-03',
    period: 'afternoon',
    orgs: [{ name: ORG.naham, city: '上海' }],
    people: [{ name: '罗小秋', position: '总经理', alumni: { classYear: '2001', major: '过程装备与控制工程' } }],
    outcomes: '校友创办的企业，表达了吸纳母校人才的强烈意愿',
  })
  await addItem(page, {
    date: '2025-12-03',
    period: 'afternoon',
    kind: '座谈会',
    title: '在沪优秀校友专题座谈会',
    orgs: [
      { name: ORG.naham, existing: '纳汉' },
      { name: ORG.ascent, city: '上海' },
    ],
    people: [{ existing: '罗小秋' }, { name: '江文华', position: '总经理' }],
    consensus: '一致认为成立“南昌大学资源与环境学院上海校友会”十分必要；决定先行设立两个专业校友联络处',
  })
  const forum = card(page, '在沪优秀校友专题座谈会')
  await expect(forum.getByTestId('alumni-chip')).toHaveText('校友 2001级')
  await expect(forum.getByTestId('activity-people')).toContainText('江文华（总经理）')
  await expect(forum.getByTestId('activity-consensus')).toContainText('上海校友会')

  // The two liaison offices, set up at this forum.
  for (const office of [
    { name: PECE_OFFICE, host: '纳汉', hostName: ORG.naham, leader: '罗小秋', focus: '过程装备与控制工程' },
    { name: ENV_OFFICE, host: '艾森特', hostName: ORG.ascent, leader: '江文华', focus: '环境工程' },
  ]) {
    await itemAction(page, '在沪优秀校友专题座谈会', '新建校友组织')
    const dialog = page.getByRole('dialog', { name: /新建校友组织/ })
    await dialog.getByLabel('名称').fill(office.name)
    await pickExisting(page, dialog.getByRole('combobox', { name: '依托单位' }), office.host, office.hostName)
    await pickExisting(page, dialog.getByRole('combobox', { name: '负责人' }), office.leader)
    await dialog.getByLabel('专业方向').fill(office.focus)
    await expect(dialog.getByLabel('成立日期')).toHaveValue('2025-12-03')
    await expect(dialog.getByLabel('地区')).toHaveValue('上海')
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect(dialog).toBeHidden()
    await expect(forum.getByTestId('activity-links')).toContainText(office.name)
  }

  // 4 December, afternoon, Rudong: four enterprises and the development-zone committee.
  await addItem(page, { date: '2025-12-04', period: 'afternoon', orgs: [{ name: ORG.shenchu, city: '南通' }], people: [{ name: '彭海泉', position: '企业负责人' }] })
  await addItem(page, { date: '2025-12-04', period: 'afternoon', orgs: [{ name: ORG.yuchuan, city: '南通' }] })
  await addItem(page, { date: '2025-12-04', period: 'afternoon', orgs: [{ name: ORG.jiangdong, city: '南通' }] })
  await addItem(page, { date: '2025-12-04', period: 'afternoon', orgs: [{ name: ORG.haibao, city: '南通' }] })
  await addItem(page, {
    date: '2025-12-04',
    period: 'afternoon',
    kind: '会见/会谈',
    orgs: [{ name: ORG.rudong, city: '南通', kind: '开发区管委会' }],
    people: [{ name: '陈武侠', position: '书记' }],
    outcomes: '继续欢迎南昌大学学生到区内实习、就业和生活，承诺搭建校企合作对接平台',
  })
  await expect(card(page, `拜访${ORG.rudong}`)).toContainText('陈武侠（书记）')

  // 5 December, morning: Beep Palolo, the internship-base unveiling, the forum with Nantong CIMC.
  await addItem(page, { date: '2025-12-05', period: 'morning', orgs: [{ name: ORG.beep, city: '南通' }], people: [{ name: '舒雪艳', position: '总经理' }] })
  await addItem(page, { date: '2025-12-05', period: 'morning', kind: '仪式', title: '“南昌大学本科生实习基地”揭牌仪式', orgs: [{ name: ORG.beep, existing: '必普' }] })
  await itemAction(page, '“南昌大学本科生实习基地”揭牌仪式', '新建协议/实习基地')
  {
    const dialog = page.getByRole('dialog', { name: /新建协议\/实习基地/ })
    await expect(dialog.getByRole('combobox', { name: '单位' })).toHaveValue(ORG.beep)
    await expect(dialog.getByLabel('揭牌日期')).toHaveValue('2025-12-05')
    await dialog.getByLabel('标题').fill(BASE)
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect(dialog).toBeHidden()
  }
  await expect(card(page, '“南昌大学本科生实习基地”揭牌仪式').getByTestId('activity-links')).toContainText(BASE)
  await addItem(page, {
    date: '2025-12-05',
    period: 'morning',
    kind: '座谈会',
    title: '访企拓岗与产教融合座谈会',
    orgs: [
      { name: ORG.beep, existing: '必普' },
      { name: ORG.cimc, city: '南通' },
    ],
    consensus: '探讨企业真实项目转化为毕业设计选题、合作开展企业技术人员研究生层次继续教育',
  })

  // The five follow-up lines of part III: three from the items they came from, two for the trip.
  for (const f of FOLLOW_UPS) {
    if (f.from) {
      await itemAction(page, f.from, '新建跟进事项')
      await addFollowUp(page, f)
    }
  }
  await page.getByRole('tab', { name: /成果与跟进/ }).click()
  for (const f of FOLLOW_UPS) {
    if (!f.from) {
      await page.getByRole('button', { name: '新建跟进事项' }).click()
      await addFollowUp(page, f)
    }
  }
  await expect(page.getByTestId('outcomes-followUps').getByTestId('followup-row')).toHaveCount(5)
  await expect(page.getByTestId('outcomes-agreements')).toContainText(BASE)
  await expect(page.getByTestId('outcomes-alumniGroups')).toContainText(PECE_OFFICE)
  await expect(page.getByTestId('outcomes-alumniGroups')).toContainText(ENV_OFFICE)

  // The figures the report quotes, as the page shows them.
  const totals = page.getByTestId('trip-totals')
  await expect(totals.getByTestId('total-enterprisesVisited-value')).toHaveText('8')
  await expect(totals.getByTestId('total-internshipBases-value')).toHaveText('1')
  await expect(totals.getByTestId('total-alumniGroupsFounded-value')).toHaveText('2')
  await expect(totals.getByTestId('total-peopleMet-value')).toHaveText('6')
  await expect(totals.getByTestId('total-alumniMet-value')).toHaveText('1')
  await expect(totals.getByTestId('total-followUpsOpen-value')).toHaveText('5')
  await expect(page.getByRole('tab', { name: /行程安排/ })).toHaveText('行程安排（11）')

  // Every record can be found again with Ctrl+K.
  const same = (name: string) => [name, name] as const
  await findAllWithCtrlK(page, [
    ['校企合作系列', TRIP],
    ...Object.values(ORG).map(same),
    ...['詹益斌', '彭海泉', '舒雪艳', '罗小秋', '江文华', '陈武侠'].map(same),
    ...['王立坤', '邓腾', '刘军', '王琪璐'].map(same),
    same(BASE),
    same(PECE_OFFICE),
    same(ENV_OFFICE),
    ...FOLLOW_UPS.map((f) => same(f.title)),
    ...['在沪优秀校友专题座谈会', '访企拓岗与产教融合座谈会', '“南昌大学本科生实习基地”揭牌仪式', `走访${ORG.zhuoran}`, `拜访${ORG.rudong}`].map(same),
  ])

  // And the item opens from its search result.
  await page.keyboard.press('Control+K')
  await page.getByTestId('global-search-input').fill('在沪优秀校友专题座谈会')
  await expect(page.getByTestId('global-search').getByRole('option', { name: '在沪优秀校友专题座谈会' })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('global-search')).toBeHidden()
  await expect(card(page, '在沪优秀校友专题座谈会')).toBeVisible()
})
