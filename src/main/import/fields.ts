import { normText } from './normalize'

export const IMPORT_TARGETS = ['contacts', 'organizations', 'staff'] as const
export type ImportTarget = (typeof IMPORT_TARGETS)[number]

/** The fields a column can fill, per register; `id` matches the app's own exports back to their records. */
export const TARGET_FIELDS = {
  contacts: ['id', 'name', 'organization', 'position', 'orgAndPosition', 'orgKind', 'orgIndustry', 'orgCity', 'orgAddress', 'orgWebsite', 'orgCreditCode', 'phone', 'email', 'wechat', 'city', 'classYear', 'degree', 'major', 'notes', 'tags'],
  organizations: ['id', 'name', 'kind', 'industry', 'city', 'province', 'address', 'website', 'creditCode', 'aliases', 'notes', 'tags'],
  staff: ['id', 'name', 'title', 'department', 'phone', 'notes', 'tags'],
} as const satisfies Record<ImportTarget, readonly string[]>
export type ImportField = (typeof TARGET_FIELDS)[ImportTarget][number]

/** What a column becomes: a field, kept in the notes as "header: value", or ignored. */
export type ColumnUse = ImportField | 'keepInNotes' | 'ignore'

/** Synonyms after normHeader; earlier entries win when two columns claim one field. */
const COMMON: Record<string, string[]> = {
  id: ['id', '记录id', '记录编号', 'recordid'],
  phone: ['手机', '手机号', '手机号码', '本人手机', '个人手机', '本人电话', '联系电话', '电话', '移动电话', '电话号码', '联系手机', '联络电话', '联系方法', 'mobile', 'phone', 'tel', 'telephone', 'cellphone', 'mobilephone'],
  notes: ['备注', '说明', '备注说明', 'notes', 'note', 'remark', 'remarks', 'comment', 'comments'],
  tags: ['标签', 'tags', 'tag'],
  city: ['城市', '所在地', '所在城市', '工作城市', '现居城市', '常住地', '现居住地', '居住地', '工作地', '工作地点', '地区', '所在地区', 'city', 'location'],
}

const SYNONYMS: Record<ImportTarget, Record<string, string[]>> = {
  contacts: {
    ...COMMON,
    name: ['姓名', '名字', '校友姓名', '联系人', '联系人姓名', '全名', '学生姓名', '毕业生姓名', '接待人', '接待人员', '单位接待人', '接待人姓名', '对接人', '负责人', '人员姓名', 'name', 'fullname', 'contactperson'],
    organization: ['工作单位', '单位', '单位名称', '公司', '公司名称', '企业', '企业名称', '所在单位', '现单位', '现工作单位', '工作单位名称', '任职单位', '就职单位', '就业单位', '签约单位', '用人单位', '接收单位', '工作单位全称', '走访单位', '走访企业', '拜访单位', '依托单位', 'organisation', 'organization', 'company', 'employer'],
    position: ['职务', '职位', '岗位', '现任职务', '担任职务', '职务职称', '单位职务', '接待人职务', '职称', 'position', 'title', 'jobtitle'],
    orgAndPosition: ['工作单位及职务', '工作单位和职务', '工作单位与职务', '单位及职务', '单位和职务', '工作单位及职位', '单位及职位', '现工作单位及职务', '任职单位及职务', '工作单位职务', '单位职务职称', 'organisationandposition', 'companyandposition'],
    // The employer's own particulars on a person's row (a 就业方案's 单位性质, 单位行业, 单位所在地): the organisation's, not the person's.
    orgKind: ['单位性质', '企业性质', '单位类型', '单位类别', '企业类型', '公司性质', '公司类型', '用人单位性质', '就业单位性质'],
    orgIndustry: ['单位行业', '所属行业', '单位所属行业', '企业所属行业', '行业', '行业类别', '行业领域', '用人单位行业', '就业单位行业'],
    orgCity: ['单位所在地', '单位所在城市', '企业所在地', '公司所在地', '用人单位所在地', '就业单位所在地', '单位地区'],
    orgAddress: ['单位地址', '企业地址', '公司地址', '单位详细地址', '单位通讯地址', '用人单位地址'],
    orgCreditCode: ['统一社会信用代码', '单位统一社会信用代码', '社会信用代码', '信用代码', '单位信用代码', '用人单位统一社会信用代码', 'uscc', 'creditcode'],
    orgWebsite: ['单位网址', '企业网址', '公司网址', '单位网站', '企业官网', '单位官网'],
    email: ['邮箱', '电邮', '电子邮箱', '电子邮件', '邮件', '电子信箱', '邮箱地址', '电子邮箱地址', 'email', 'e-mail', 'mail', 'emailaddress'],
    wechat: ['微信', '微信号', '微信号码', 'wechat', 'weixin'],
    classYear: ['届别', '届', '届次', '毕业年份', '毕业年届', '毕业届别', '毕业年月', '毕业日期', '毕业时间', 'classof', 'classyear', 'graduationyear', 'yearofgraduation', 'class', 'year', '级', '年级'],
    major: ['专业', '所学专业', '毕业专业', '专业名称', '学系', '就读专业', 'major', 'programme', 'program'],
    degree: ['学历', '学位', '学历层次', '学历学位', 'degree'],
  },
  organizations: {
    ...COMMON,
    name: ['单位名称', '企业名称', '公司名称', '名称', '单位', '企业', '公司', '机构名称', '依托单位', 'organisation', 'organization', 'company', 'name'],
    kind: ['类型', '单位类型', '单位性质', '单位类别', '机构类型', '机构性质', '企业性质', '企业类型', '公司类型', '公司性质', '性质', 'kind', 'type'],
    industry: ['行业', '所属行业', '行业类别', '行业分类', '行业领域', '所属领域', '产业领域', 'industry', 'sector'],
    province: ['省份', '省', '所在省份', '所属省份', '所在省', '所属省', 'province'],
    address: ['地址', '详细地址', '单位地址', '通讯地址', '企业地址', '公司地址', '注册地址', '办公地址', '联系地址', '单位详细地址', 'address'],
    website: ['网址', '网站', '官网', '主页', '单位网址', '企业网址', '公司网址', '网站地址', '官方网站', 'website', 'web', 'url'],
    creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc', 'creditcode'],
    aliases: ['简称', '别名', '曾用名', '单位简称', '企业简称', '公司简称', 'alias', 'aliases', 'shortname'],
  },
  staff: {
    ...COMMON,
    name: ['姓名', '名字', 'name', 'fullname'],
    title: ['职务', '职称', '职位', '职务职称', 'title', 'position'],
    department: ['部门', '科室', '所在部门', '部门名称', '所在系', '系', '系部', '所在系部', '院系', '所在院系', '教研室', '单位', 'department', 'office'],
  },
}

/**
 * A survey site's question around the header (问卷星, 腾讯问卷 export "1、您的姓名：", "Q3. 请填写您的工作单位",
 * "第2题 您的手机号码是？"): the number, the polite words and the question mark, after the spaces are gone.
 */
const QUESTION_NUMBER = /^(?:q?\d+[、.)]|第\d+题[、.:]?)/
const QUESTION_WORDS = /^(?:请(?:填写|输入|选择|留下|提供)?)?(?:(?:您|你)的?)?/
const QUESTION_END = /(?:是(?:什么|多少)?)?[?？]*$/

/**
 * What a survey site adds to every answer about the answering itself (问卷星: 提交答卷时间, 所用时间,
 * 来源, 来源详情, 来自IP; 腾讯问卷: 开始答题时间, 答题时长, 填写设备 …): nothing about the person.
 */
const SURVEY_BOOKKEEPING = new Set(['提交答卷时间', '所用时间', '来源详情', '来自ip', 'ip', 'ip地址', 'ip来源', '开始答题时间', '结束答题时间', '答题时间', '答题时长', '填写时间', '填写时长', '填写设备', '提交时间', '操作系统', '浏览器', '用户id', '答卷编号', '总分', 'submittime', 'submittedat', 'ipaddress', 'responseid', 'starttime', 'endtime', 'duration'])
/** Ignored like 序号 when next to survey bookkeeping: alone, 来源 or 编号 can be the office's own. */
const SURVEY_COUNTERS = new Set(['序号', 'no', '编号', '来源', '昵称'])
/** A header that asks rather than names ("5、您目前所在的城市"): read by the field name it ends with. */
const ASKS = /^(?:q?\d+[、.)]|第\d+题)|^(?:请|您|你)|[?？]$/i

/**
 * The traditional characters of the headers a Hong Kong or Taiwan chapter writes (畢業年份, 公司名稱,
 * 聯絡電話), as their simplified forms, so one dictionary reads both.
 */
const TRADITIONAL = new Map(['畢毕', '業业', '學学', '稱称', '職职', '聯联', '絡络', '電电', '話话', '郵邮', '單单', '屆届', '級级', '歷历', '專专', '號号', '機机', '務务', '備备', '註注', '標标', '籤签', '區区', '縣县', '網网', '類类', '產产', '處处', '門门', '與与', '會会', '員员', '負负', '責责', '實实', '習习', '齡龄', '碼码', '經经', '擔担', '現现', '證证', '書书', '國国', '廣广', '灣湾', '臺台', '個个', '說说', '繫系', '傳传', '鄉乡', '鎮镇', '營营', '師师', '長长', '總总', '監监', '財财', '發发', '開开', '關关', '醫医', '衛卫', '詳详', '細细', '屬属'].map((pair): [string, string] => [pair[0], pair[1]]))
const TRADITIONAL_CHARS = new RegExp(`[${[...TRADITIONAL.keys()].join('')}]`, 'g')

/** Header text as compared: NFKC, no spaces, no "*", no "(必填)"/"(选填)", no trailing colon, no survey wording, lower case. */
export function normHeader(label: string): string {
  const key = normText(label)
    .toLowerCase()
    .replace(/\((必填|选填|可选|必须|自动|required|optional)\)/g, '')
    .replace(/[\s*:：]/g, '')
    .replace(TRADITIONAL_CHARS, (ch) => TRADITIONAL.get(ch) ?? ch)
  return key.replace(QUESTION_NUMBER, '').replace(QUESTION_WORDS, '').replace(QUESTION_END, '') || key
}

/** Each register's dictionary, limited to the fields that register has (COMMON names phone, which an organisation lacks). */
const DICTIONARY = Object.fromEntries(IMPORT_TARGETS.map((t) => {
  const fields = new Set<string>(TARGET_FIELDS[t])
  return [t, Object.entries(SYNONYMS[t]).filter(([field]) => fields.has(field)) as Array<[ImportField, string[]]>]
})) as Record<ImportTarget, Array<[ImportField, string[]]>>

function byDictionary(target: ImportTarget, key: string): ImportField | null {
  for (const [field, words] of DICTIONARY[target]) if (words.includes(key)) return field
  return null
}

/** A bracketed qualifier after NFKC: "工作单位（全称）", "届别[年]", "手机【必填】". */
const QUALIFIER = /\([^)]*\)|\[[^\]]*\]|【[^】]*】/g
/** Between two names of one column: "职务/职称", "学历、学位", "届别|年级". */
const ALTERNATIVES = /[/、|]/

/**
 * The field a header names by the dictionary, or null. A two-row header "联系方式 / 手机" is matched
 * by its lower part first. A header with a qualifier in brackets, or two names of one field
 * ("职务/职称", "学历、学位"), is matched without the qualifier, by the names that are in the
 * dictionary, when they all name the same field; "工作单位/职务" names both of a contact's, read apart per row.
 */
export function fieldForHeader(target: ImportTarget, label: string): ImportField | null {
  const parts = [...label.split(' / ').reverse(), label]
  for (const part of parts) {
    const exact = byDictionary(target, normHeader(part))
    if (exact) return exact
  }
  for (const part of parts) {
    const pieces = normHeader(normText(part).replace(QUALIFIER, '')).split(ALTERNATIVES).filter((p) => p !== '')
    const named = new Set(pieces.map((p) => byDictionary(target, p)).filter((f) => f !== null))
    if (named.size === 1) return [...named][0]
    // "工作单位/职务": both in one cell, read apart per row.
    if (named.size === 2 && named.has('organization') && named.has('position') && target === 'contacts') return 'orgAndPosition'
  }
  // A header in two languages ("姓名 Name", "届别\nClass of"): its words, when those the dictionary knows name one field.
  const words = normText(label).split(/\s+/).map(normHeader).filter((w) => w !== '')
  if (words.length > 1 && /\p{Script=Han}/u.test(label) && /[a-z]/i.test(label)) {
    const named = new Set(words.map((w) => byDictionary(target, w)).filter((f) => f !== null))
    if (named.size === 1) return [...named][0]
  }
  return ASKS.test(normText(label).trim()) ? askedField(target, normHeader(label)) : null
}

/**
 * The field a survey question ends by naming: "您目前所在的城市" → city, "您的最高学历" → degree. The
 * longest Chinese synonym of two characters or more wins, so "现工作单位名称" is the organisation, not
 * 名称. Latin synonyms are not used: with the spaces gone, "which hotel" ends with "tel".
 */
const CHINESE_WORD = /^\p{Script=Han}{2,}$/u
function askedField(target: ImportTarget, key: string): ImportField | null {
  // "您的工作单位及职务" asks two things in one answer; the user decides.
  if (/[及和与/、]/.test(key)) return null
  let best: { field: ImportField; length: number } | null = null
  for (const [field, words] of DICTIONARY[target]) {
    if (field === 'id') continue
    for (const w of words) if (CHINESE_WORD.test(w) && w.length < key.length && key.endsWith(w) && (best === null || w.length > best.length)) best = { field, length: w.length }
  }
  return best?.field ?? null
}

/** How well a synonym names its field: its place in the field's list (a second-row match, or one of two names, ranks last). */
function rankOf(target: ImportTarget, field: ImportField, label: string): number {
  const words = DICTIONARY[target].find(([f]) => f === field)?.[1] ?? []
  const parts = label.split(' / ').reverse().concat(label, normText(label).split(/\s+/))
  const at = parts.map((p) => words.indexOf(normHeader(p))).find((i) => i >= 0)
  return at ?? words.length
}

/**
 * Every header's use: a dictionary field, else kept in the notes (a 序号 column, and a survey's
 * bookkeeping columns, ignored: when an answer was sent, from which IP, how long it took). Two columns
 * naming one field: the better synonym takes it (毕业时间 before 年级), the first column on a tie, and
 * the other goes to the notes. A phone right after an organisation's contact person (单位联系人 | 联系电话
 * in a graduates' employment list) is that person's, not the row's: it goes to the notes too.
 */
export function suggestMapping(target: ImportTarget, labels: readonly string[]): ColumnUse[] {
  const keys = labels.map(normHeader)
  const survey = keys.some((k) => SURVEY_BOOKKEEPING.has(k))
  const bookkeeping = (key: string) => SURVEY_BOOKKEEPING.has(key) || (survey && SURVEY_COUNTERS.has(key))
  const claims = labels.map((label, col) => (keys[col] === '' || bookkeeping(keys[col]) ? null : fieldForHeader(target, label)))
  const winner = new Map<ImportField, { col: number; rank: number }>()
  claims.forEach((f, col) => {
    if (f === null) return
    const rank = rankOf(target, f, labels[col])
    const best = winner.get(f)
    if (best === undefined || rank < best.rank) winner.set(f, { col, rank })
  })
  return labels.map((_, col) => {
    const key = keys[col]
    if (key === '' || bookkeeping(key)) return 'ignore'
    const f = claims[col]
    if (f === null) return key === '序号' || key === 'no' ? 'ignore' : 'keepInNotes'
    if (winner.get(f)?.col !== col) return 'keepInNotes'
    if (f === 'phone' && afterOthersContact(target, labels, col)) return 'keepInNotes'
    return f
  })
}

/** The column right after an organisation's contact person ("单位联系人") that the row's person has not claimed. */
export function afterOthersContact(target: ImportTarget, labels: readonly string[], col: number): boolean {
  return col > 0 && normHeader(labels[col - 1]).endsWith('联系人') && fieldForHeader(target, labels[col - 1]) === null
}

/** A file's header signature: the same headers, in any order, get the mapping remembered from last time. */
export function headerSignature(target: ImportTarget, labels: readonly string[]): string {
  return `${target}:${labels.map(normHeader).filter((l) => l !== '').sort().join('|')}`
}
