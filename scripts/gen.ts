// npx tsx scripts/gen.ts --contacts 100000 --out <folder> [--organizations 5000] [--activities 2000] [--seed 1] [--no-index-cache]
// Writes a deterministic large data folder (same seed, same bytes) for benchmarks and scale tests, as the
// app leaves it: db.json and, for a large folder, the search index's cache its worker writes once the
// app is idle (`--no-index-cache`: without it, as the first open after a migration finds the folder).
// Records are built to the shared zod schemas and the whole database passes the real validation.
import { readdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { dbSchema } from '../src/main/db/schema'
import type { DbData } from '../src/main/db/schema'
import { settingsSchema } from '../src/shared/domain/settings'
import type { Activity, Contact, Organization, Staff } from '../src/shared/domain'
import { activityKind, cooperationCategory, degree, organizationKind, period } from '../src/shared/enums'
import { openStore } from '../src/main/store'
import { CACHE_MIN_RECORDS, writeIndexCache } from '../src/main/search-index/index-cache'
import { mulberry32 } from './prng'
import { stampWrite } from '../src/main/exchange/record-state'

export interface GenOptions {
  contacts: number
  organizations: number
  activities: number
  staff: number
  seed: number
}

export const DEFAULT_GEN: GenOptions = { contacts: 100000, organizations: 5000, activities: 2000, staff: 40, seed: 1 }


const SURNAME_LIST = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'].concat(['欧阳', '司马', '上官', '诸葛'])
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬建国建华志强志明海燕雪梅晓东晓明文博子涵浩然宇轩欣怡梓萱思远嘉怡俊杰天佑雨桐一鸣']
const LATIN_FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Anna', 'Lukas', 'Sophie', 'Mateo', 'Chloé', 'Zoë', 'François', 'Yuki', 'Hiroshi', 'Min-jun']
const LATIN_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Müller', 'Schmidt', 'Dubois', 'Rossi', 'Tanaka', 'Kim', 'Nguyen', "O'Brien", 'van der Berg', 'Kowalski']
const CITIES: Array<[string, string]> = [
  ['北京', '北京'], ['上海', '上海'], ['深圳', '广东'], ['广州', '广东'], ['杭州', '浙江'], ['苏州', '江苏'], ['南京', '江苏'], ['武汉', '湖北'],
  ['成都', '四川'], ['西安', '陕西'], ['重庆', '重庆'], ['天津', '天津'], ['青岛', '山东'], ['宁波', '浙江'], ['合肥', '安徽'], ['长沙', '湖南'],
  ['郑州', '河南'], ['无锡', '江苏'], ['佛山', '广东'], ['东莞', '广东'], ['厦门', '福建'], ['大连', '辽宁'], ['沈阳', '辽宁'], ['昆明', '云南'],
]
const INDUSTRIES = ['智能制造', '新能源', '集成电路', '生物医药', '新材料', '软件与信息服务', '汽车及零部件', '装备制造', '人工智能', '电子信息', '化工', '建筑工程', '金融科技', '现代物流', '节能环保']
const BRANDS = [...'华中天海新远恒瑞博达安盛宏信鼎泰合创科航联佳宇星光明']
const SUFFIX = ['科技有限公司', '股份有限公司', '集团有限公司', '技术有限公司', '研究院', '智能装备有限公司', '电子有限公司']
const LATIN_ORGS = ['Siemens', 'Bosch', 'Schneider Electric', 'ABB', 'Philips', 'Honeywell', 'Continental', 'BASF', 'Bayer', 'Michelin', 'Valeo', 'Infineon']
const POSITIONS = ['总经理', '副总经理', '人力资源总监', 'HR经理', '招聘主管', '技术总监', '研发经理', '工程师', '高级工程师', '项目经理', '校园招聘专员', '董事长', 'CTO', 'HR Business Partner', 'Talent Acquisition Lead']
const MAJORS = ['机械工程', '电气工程及其自动化', '计算机科学与技术', '软件工程', '材料科学与工程', '化学工程与工艺', '土木工程', '自动化', '电子信息工程', '工商管理', '会计学', '车辆工程']
const DOMAINS = ['example.com', 'example.cn', 'mail.example.org', 'corp.example.net', 'hr.example.com']
const PINYIN = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'gao', 'lin', 'luo']
const NOTES = [
  '对接校园招聘，每年秋季来校宣讲。',
  '曾在学院举办技术讲座，愿意提供实习岗位。',
  'Prefers contact by email; visiting campus in spring.',
  '校友，热心母校事务，可联系组织专业座谈。',
  '关注联合培养与定制课程，需跟进合作协议草案。',
  '2023年起连续接收我院实习生，反馈良好；下次走访时带上实习生名单与评价表。',
  'Met at the regional industry forum; interested in a joint lab on battery materials and in hiring master graduates.',
  '负责华东区校园招聘，可协调企业高管来校参加就业双选会。',
]

function make(opts: GenOptions): DbData {
  const rnd = mulberry32(opts.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1))
  const hex = (n: number): string => {
    let s = ''
    for (let i = 0; i < n; i += 1) s += Math.floor(rnd() * 16).toString(16)
    return s
  }
  // UUID-shaped like the app's randomUUID() ids, but from the seed.
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
  const base = Date.UTC(2021, 0, 1)
  const span = Date.UTC(2025, 11, 31) - base
  const stamp = (): { createdAt: string; updatedAt: string } => {
    const created = base + Math.floor(rnd() * span)
    const updated = created + Math.floor(rnd() * (base + span - created))
    return { createdAt: new Date(created).toISOString(), updatedAt: new Date(updated).toISOString() }
  }
  const system = (): { id: string; createdAt: string; updatedAt: string; updatedBy: string; deletedAt: null } => ({
    id: uuid(),
    ...stamp(),
    updatedBy: pick(['办公室电脑', 'Office PC', '笔记本']),
    deletedAt: null,
  })
  const chineseName = (): string => pick(SURNAME_LIST) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '')
  const latinName = (): string => `${pick(LATIN_FIRST)} ${pick(LATIN_LAST)}`
  const mobile = (): string => {
    const n = `1${pick(['3', '5', '7', '8', '9'])}${int(0, 9)}${String(int(0, 99999999)).padStart(8, '0')}`
    const r = rnd()
    if (r < 0.5) return n
    if (r < 0.8) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`
    return `+86 ${n}`
  }

  const staff: Staff[] = Array.from({ length: opts.staff }, () => ({
    ...system(),
    name: chineseName(),
    titleEn: '',
    title: pick(['副院长', '办公室主任', '就业专员', '校友工作专员', '教授', '副教授']),
    department: pick(['学院办公室', '就业指导中心', '校友办', '教务办']),
    phone: mobile(),
    active: rnd() < 0.9,
    tags: [],
    notes: '',
  }))

  const organizations: Organization[] = Array.from({ length: opts.organizations }, (_, i) => {
    const [city, province] = pick(CITIES)
    const latin = i % 25 === 0
    const name = latin
      ? `${pick(LATIN_ORGS)} (${city}) Co., Ltd. #${i}`
      : `${city}${pick(BRANDS)}${pick(BRANDS)}${pick(INDUSTRIES)}${pick(SUFFIX)}${i % 7 === 0 ? `第${i}分公司` : ''}`
    return {
      ...system(),
      name,
      nameEn: '',
      kind: rnd() < 0.8 ? 'enterprise' : pick(organizationKind.values),
      industry: pick(INDUSTRIES),
      city,
      province,
      address: `${province}${city}${pick(['高新区', '经开区', '工业园区', '新区'])}${int(1, 999)}号`,
      website: rnd() < 0.5 ? `https://www.example-${i}.com` : '',
      alumniFounded: rnd() < 0.08,
      aliases: [],
      creditCode: '',
      tags: rnd() < 0.3 ? [pick(['重点企业', '实习基地', '校友企业', '500强'])] : [],
      notes: pick(NOTES),
    }
  })

  const contacts: Contact[] = Array.from({ length: opts.contacts }, (_, i) => {
    const latin = rnd() < 0.12
    const name = latin ? latinName() : chineseName()
    const org = rnd() < 0.92 ? organizations[Math.floor(rnd() * organizations.length)] : null
    const isAlumnus = rnd() < 0.35
    const local = latin ? name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '') : `${pick(PINYIN)}.${pick(PINYIN)}`
    return {
      ...system(),
      name,
      organizationId: org ? org.id : null,
      position: pick(POSITIONS),
      honorific: '',
      positionEn: '',
      phone: rnd() < 0.95 ? mobile() : '',
      email: rnd() < 0.85 ? `${local}${i}@${pick(DOMAINS)}` : '',
      wechat: rnd() < 0.5 ? `wx_${hex(8)}` : '',
      city: org ? org.city : pick(CITIES)[0],
      alumni: isAlumnus ? { classYear: int(1985, 2024), degree: pick(degree.values), major: pick(MAJORS) } : null,
      tags: rnd() < 0.2 ? [pick(['HR', '技术', '校友', '决策人', '重要'])] : [],
      notes: rnd() < 0.3 ? '' : Array.from({ length: int(1, 3) }, () => pick(NOTES)).join(''),
    }
  })

  const activities: Activity[] = Array.from({ length: opts.activities }, () => {
    const orgs = Array.from({ length: int(1, 3) }, () => pick(organizations))
    const day = new Date(base + Math.floor(rnd() * span)).toISOString().slice(0, 10)
    return {
      ...system(),
      tripId: null,
      date: day,
      period: pick(period.values),
      startTime: '',
      endTime: '',
      kind: rnd() < 0.7 ? 'enterpriseVisit' : pick(activityKind.values),
      title: `走访${orgs[0].name}`.slice(0, 200),
      city: orgs[0].city,
      location: orgs[0].address,
      organizationIds: [...new Set(orgs.map((o) => o.id))],
      contactIds: [...new Set(Array.from({ length: int(1, 4) }, () => pick(contacts).id))],
      staffIds: [...new Set(Array.from({ length: int(1, 3) }, () => pick(staff).id))],
      topics: '围绕毕业生就业、实习基地建设、联合培养等议题进行交流。',
      outcomes: rnd() < 0.5 ? '双方同意推进实习基地共建，企业提供暑期实习岗位。' : '',
      consensus: '',
      outcomesEn: '',
      attendeesCount: null,
      alumniAttendeesCount: null,
      visitMethod: rnd() < 0.9 ? 'onSite' : 'online',
      positionsOffered: rnd() < 0.8 ? int(0, 50) : null,
      jobTitles: rnd() < 0.5 ? ['工艺工程师', '软件开发工程师'] : [],
      majorsWanted: [pick(MAJORS)],
      intentions: [pick(cooperationCategory.values)],
      agreementIds: [],
      alumniGroupIds: [],
      tags: [],
      notes: '',
    }
  })

  const empty = dbSchema.empty()
  // Each record as the app writes it: with its merge version and the history entry of its creation,
  // so the benchmark pays for the metadata every real record carries.
  const stamped = <T extends object>(list: T[]): T[] =>
    list.map((r) => stampWrite(undefined, r as Record<string, unknown>, { device: 'dGENERATED000', by: '基准测试', now: new Date(String((r as { createdAt: string }).createdAt)), kind: 'import' }) as T)
  return {
    ...empty,
    settings: settingsSchema.parse({ university: '示例大学', school: '机械与电气工程学院', office: '校企合作办公室', deviceLabel: '基准测试' }),
    staff: stamped(staff),
    organizations: stamped(organizations),
    contacts: stamped(contacts),
    activities: stamped(activities),
  }
}

export function generate(partial: Partial<GenOptions> = {}): DbData {
  return make({ ...DEFAULT_GEN, ...partial })
}

/** Writes the data as a fresh data folder through the store itself: validated, streamed, durable. */
export async function writeDataFolder(dir: string, data: DbData): Promise<void> {
  const existing = await readdir(dir).catch(() => [] as string[])
  if (existing.includes('db.json')) throw new Error(`${dir} already holds a database; choose an empty folder`)
  const store = await openStore({ dir, schema: dbSchema, backupOnOpen: false })
  try {
    await store.replaceAll(data)
  } finally {
    await store.close()
  }
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const out = argValue(args, 'out')
  if (!out) {
    process.stderr.write('usage: npx tsx scripts/gen.ts --contacts 100000 --out <folder> [--organizations 5000] [--activities 2000] [--seed 1] [--no-index-cache]\n')
    process.exit(2)
  }
  const num = (name: keyof GenOptions): number => Number(argValue(args, name) ?? DEFAULT_GEN[name])
  const opts: GenOptions = { contacts: num('contacts'), organizations: num('organizations'), activities: num('activities'), staff: num('staff'), seed: num('seed') }
  const t0 = performance.now()
  const data = generate(opts)
  const t1 = performance.now()
  await writeDataFolder(resolve(out), data)
  const records = dbSchema.collections.reduce((n, c) => n + ((data as unknown as Record<string, unknown[]>)[c]?.length ?? 0), 0)
  const t2 = performance.now()
  process.stdout.write(
    `generated ${opts.contacts} contacts, ${opts.organizations} organizations, ${opts.activities} activities, ${opts.staff} staff ` +
      `(seed ${opts.seed}) in ${(t1 - t0).toFixed(0)} ms; validated and written to ${resolve(out)} in ${(t2 - t1).toFixed(0)} ms\n`,
  )
  if (!args.includes('--no-index-cache') && records >= CACHE_MIN_RECORDS) {
    const written = await writeIndexCache({ dir: resolve(out) })
    if (written.type !== 'done') throw new Error(`the search index cache was not written: ${written.message}`)
    process.stdout.write(`search index cache written in ${(performance.now() - t2).toFixed(0)} ms\n`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  })
}
