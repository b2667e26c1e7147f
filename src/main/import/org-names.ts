import { normText } from './normalize'

/**
 * Organisation names reduced to what tells two organisations apart, so that
 * "江西铜业股份有限公司", "江西铜业（集团）有限公司 " and "江西铜业公司" meet.
 * Order matters: brackets first (a bracketed region), then legal suffixes
 * (longest first), then a leading province or city.
 */
const LEGAL_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '集团', '公司',
  'co.,ltd.', 'co.,ltd', 'co.ltd.', 'co.ltd', 'company', 'limited', 'ltd.', 'ltd', 'inc.', 'inc', 'corporation', 'corp.', 'corp', 'group', ',', '.',
]

const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北',
  '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门', '中国',
]
/** Cities offices often put before a company's name; a list, not a guess at any two characters before 市. */
const CITIES = [
  '南昌', '九江', '赣州', '景德镇', '萍乡', '新余', '鹰潭', '吉安', '宜春', '抚州', '上饶', '深圳', '广州', '东莞', '佛山', '珠海', '杭州', '宁波', '温州',
  '苏州', '无锡', '南京', '常州', '合肥', '武汉', '长沙', '成都', '西安', '郑州', '济南', '青岛', '厦门', '福州', '昆明', '贵阳', '南宁', '沈阳', '大连',
  '长春', '哈尔滨', '石家庄', '太原', '兰州', '乌鲁木齐', '呼和浩特', '海口', '拉萨', '银川', '西宁', '宁德', '中山',
]
const REGION_WORDS = [...PROVINCES, ...CITIES].sort((a, b) => b.length - a.length)

const BRANCH = /(分公司|分行|支行|办事处|分厂|分院|分部|分中心)$/
/**
 * A unit named after its company's full legal name: "江西铜业股份有限公司贵溪冶炼厂",
 * "某某集团有限公司技术中心". The last legal suffix ends the parent (greedy), so "…集团有限公司" stays whole.
 */
const UNIT_AFTER_COMPANY = /^(.{2,}(?:股份有限公司|有限责任公司|有限公司|集团公司|集团))(.{2,}(?:厂|矿|车间|中心|研究院|研究所|设计院|项目部|事业部|工程处|营业部|分局))$/

function stripBrackets(s: string): string {
  // A bracketed part is a region or a former name: (江苏), (中国), (集团).
  return s.replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
}

function stripSuffix(s: string): string {
  let out = s
  for (let changed = true; changed; ) {
    changed = false
    for (const suffix of LEGAL_SUFFIXES) {
      if (out.length > suffix.length && out.endsWith(suffix)) {
        out = out.slice(0, -suffix.length)
        changed = true
        break
      }
    }
  }
  return out
}

function splitRegion(s: string): { region: string; rest: string } {
  for (const r of REGION_WORDS) {
    for (const w of [`${r}省`, `${r}市`, `${r}自治区`, r]) {
      // Keep at least two characters: "江西铜业" -> "铜业", but "江西" alone stays.
      if (s.startsWith(w) && s.length - w.length >= 2) return { region: r, rest: s.slice(w.length) }
    }
  }
  return { region: '', rest: s }
}

export interface OrgKeys {
  /** the name without brackets, punctuation and legal suffixes */
  full: string
  /** full without a leading province or city */
  core: string
  /** that province or city, '' when none */
  region: string
}

export function orgKeys(name: string): OrgKeys {
  let s = normText(name).toLowerCase()
  s = stripBrackets(s).replace(/[\s·•'"“”‘’\-_&]/g, '')
  s = stripSuffix(s).replace(/[.,，、。]/g, '')
  const { region, rest } = splitRegion(s)
  return { full: s, core: stripSuffix(rest), region }
}

/**
 * Same organisation by name: equal after normalisation, or equal once a leading
 * region is dropped from a name that has one ("江西铜业" and "铜业有限公司"; "江西省…"
 * and "江西…"), but never two names whose regions differ ("江西铜业" and "云南铜业").
 */
export function sameOrgName(a: OrgKeys, b: OrgKeys): boolean {
  if (a.full === '' || b.full === '') return false
  if (a.full === b.full) return true
  return a.core === b.core && a.core.length >= 2 && (a.region === '' || b.region === '' || a.region === b.region)
}

/**
 * "某某公司南昌分公司" is part of 某某公司, not the same organisation: returns the
 * parent's name (to be offered as "part of", never merged), or null for a name that is no branch.
 */
export function branchParent(name: string): string | null {
  const s = stripBrackets(normText(name))
  const unit = UNIT_AFTER_COMPANY.exec(s)
  if (unit) return unit[1]
  const m = BRANCH.exec(s)
  if (!m) return null
  const head = s.slice(0, m.index)
  // the branch's own place: "中国建设银行股份有限公司南昌分行" -> "中国建设银行股份有限公司"
  for (const r of REGION_WORDS) {
    for (const w of [`${r}市`, `${r}省`, r]) {
      if (head.endsWith(w) && head.length - w.length >= 2) return head.slice(0, -w.length)
    }
  }
  return head.length >= 2 ? head : null
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17. */
export function validUscc(code: string): boolean {
  const s = normText(code).toUpperCase()
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(s)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(s[i]) * USCC_WEIGHTS[i]
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARS[check] === s[17]
}

/** Character bigrams' Dice coefficient: a proposal signal only. */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1
  if (a.length < 2 || b.length < 2) return 0
  const grams = (s: string) => {
    const out = new Map<string, number>()
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1)
    return out
  }
  const ga = grams(a)
  const gb = grams(b)
  let common = 0
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0)
  return (2 * common) / (a.length - 1 + b.length - 1)
}
