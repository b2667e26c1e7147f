import { collections } from '../../shared/collections'
import { degree, organizationKind } from '../../shared/enums'
import { rowProblem } from '../../shared/import'
import type { ColumnUseName, ImportCell, RowProblem } from '../../shared/import'
import type { ImportTarget } from './fields'
import { columnLetter } from './limits'
import { excelText, NAME_DOTS, normClassYear, normEmail, normLines, normPhone, normText } from './normalize'
import type { Found } from './normalize'
import { validUscc } from './org-names'
import { orgAndPosition } from './org-position'

export interface ColumnSpec {
  index: number
  label: string
  use: ColumnUseName
}

export interface RowValues {
  /** the create input for the target collection, before zod */
  input: Record<string, unknown>
  /** fields the sheet gave a value for (an empty cell never changes a record) */
  given: Set<string>
  id: string
  organizationName: string
  creditCode: string
  problems: RowProblem[]
  /**
   * The employer's particulars the row gives (单位性质, 单位行业 …): for the organisation when this import
   * creates it (`fields`, and `notes` for what its fields do not hold), else kept in the person's notes
   * (`lines`), since an existing organisation is not changed from a person's row.
   */
  orgDetails: { fields: Record<string, string>; notes: string[]; lines: string[] } | null
}

/** A contact row's column for its organisation's field, with the field's longest value. */
const ORG_DETAIL: Partial<Record<ColumnUseName, { field: string; max: number }>> = {
  orgIndustry: { field: 'industry', max: 100 },
  orgCity: { field: 'city', max: 60 },
  orgAddress: { field: 'address', max: 300 },
  orgWebsite: { field: 'website', max: 300 },
}

const DEGREES: Record<string, (typeof degree.values)[number]> = {
  本科: 'bachelor', 学士: 'bachelor', 大学本科: 'bachelor', bachelor: 'bachelor', "bachelor's": 'bachelor', ba: 'bachelor', bs: 'bachelor', bsc: 'bachelor',
  硕士: 'master', 研究生: 'master', 硕士研究生: 'master', master: 'master', "master's": 'master', ma: 'master', ms: 'master', msc: 'master',
  博士: 'doctor', 博士研究生: 'doctor', doctor: 'doctor', doctorate: 'doctor', phd: 'doctor',
  专科: 'other', 大专: 'other', 其他: 'other', other: 'other',
  未知: 'unknown', 不详: 'unknown', unknown: 'unknown',
}

/**
 * A degree written with more words ("全日制本科", "工程硕士", "本科/硕士"): the highest one it names. Read this
 * way, the cell's own text also goes to the notes, so "工程" or "在职" is not lost.
 */
const DEGREE_WORDS: Array<[RegExp, (typeof degree.values)[number]]> = [
  [/博士|硕博|doctor|ph\.?d|dphil|^d(?:eng|sc)$/, 'doctor'],
  [/硕士|研究生|本硕|master|mba|emba|mpa|mem|mpacc|mfa|llm|^m(?:eng|sc|phil|res|arch|ed|s|a)$/, 'master'],
  [/本科|学士|专升本|bachelor|^b(?:eng|sc|a|s|ba|arch|ed)$|^llb$/, 'bachelor'],
  [/专科|大专|高职|中专|高中|associate/, 'other'],
]

/** An organisation's kind as lists write it ("国企", "民营企业", "事业单位"): read by keyword, the text kept in the notes. */
const KIND_WORDS: Array<[RegExp, (typeof organizationKind.values)[number]]> = [
  [/管委会|管理委员会/, 'devZoneCommittee'],
  [/园区|产业园|科技园|孵化/, 'industrialPark'],
  [/高校|大学|学院/, 'university'],
  [/研究院|研究所|科研|设计院|实验室/, 'institute'],
  [/协会|学会|商会|联合会|社会团体|社团|校友会/, 'association'],
  [/政府|机关|党政|行政/, 'government'],
  [/企|公司|集团|上市|股份|合资|独资|私营|民营|国有|外资|港资|台资/, 'enterprise'],
  [/事业单位|医院|学校|部队|其他/, 'other'],
]
const PART_READ = new Set(['phoneFirstKept', 'phoneNoteLeft', 'classYearNoteLeft', 'classYearFromRange', 'emailFirstKept'])
/**
 * An organisation's kind from its own name, for one a contact row names ("南昌大学", "江西省水利厅"): a
 * name no keyword fits is left to the register's default, as a form left blank is.
 */
const NAME_KINDS: Array<[RegExp, (typeof organizationKind.values)[number]]> = [
  [/管委会|管理委员会/, 'devZoneCommittee'],
  [/产业园|科技园|工业园|软件园|创业园|园区|孵化/, 'industrialPark'],
  [/公司|集团|股份|厂$|事务所|银行|\b(?:ltd|inc|corp|co|gmbh|llc|plc|ag|sa)\b\.?/i, 'enterprise'],
  [/医院|中学|小学|学校$|大队|站$|馆$/, 'other'],
  [/大学|学院|高等专科学校|university|college/i, 'university'],
  [/研究院|研究所|设计院|科学院|实验室|institute|laboratory/i, 'institute'],
  [/协会|学会|商会|联合会|校友会|association|society/i, 'association'],
  [/政府|[厅局委办]$|人民代表大会|政协|ministry|government/i, 'government'],
]
export const kindFromName = (name: string) => byWords(NAME_KINDS, normText(name))

const byWords = <T>(words: Array<[RegExp, T]>, text: string): T | undefined => words.find(([re]) => re.test(text))?.[1]

const KINDS = new Map<string, (typeof organizationKind.values)[number]>()
for (const v of organizationKind.values) {
  KINDS.set(v.toLowerCase(), v)
  KINDS.set(organizationKind.labels[v]['zh-CN'], v)
  KINDS.set(organizationKind.labels[v].en.toLowerCase(), v)
}
KINDS.set('公司', 'enterprise').set('园区', 'industrialPark').set('研究院', 'institute').set('大学', 'university').set('学会', 'association').set('协会', 'association')

/**
 * What offices type in a cell they have nothing for ("无", "/", "—") and what survey sites export for an
 * unanswered question ("(空)", "(跳过)" after NFKC): no value, so a record never states "无" as a phone.
 */
const NOTHING = new Set(['无', '暂无', '没有', '不详', '/', '-', '--', '—', '——', '(空)', '(跳过)', '(无)', '(空缺)', '空缺', 'n/a', 'na', 'none', 'null'])
const NOTHING_STARTS = new Set([...NOTHING].map((t) => t[0]).concat(['N']))
const saysNothing = (text: string) => text.length <= 4 && NOTHING_STARTS.has(text[0]) && NOTHING.has(text.toLowerCase())

/** What Excel shows in a cell whose formula failed (a CSV saved from it writes the same text). */
const FORMULA_ERROR = /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/

/** A person's name as typed to line up in a column ("王  芳" beside "欧阳明"): the Chinese name without the padding. */
const PADDED_HAN_NAME = /^\p{Script=Han}+(?: \p{Script=Han}+)+$/u
/** The dot between the parts of a name written in Chinese (阿依古丽·买买提), however typed: the one dot, ·. */
const NAME_DOT = new RegExp(`(?<=\\p{Script=Han})\\s*[${NAME_DOTS}]\\s*(?=\\p{Script=Han})`, 'gu')
const ANY_DOT = new RegExp(`[${NAME_DOTS}]`)
const personName = (text: string) => {
  const name = PADDED_HAN_NAME.test(text) ? text.replace(/ /g, '') : text
  return ANY_DOT.test(name) ? name.replace(NAME_DOT, '·') : name
}

/**
 * A name as lists write it with more than the name: a title after a Chinese name (詹益斌博士) or before a
 * Latin one (Dr. Chen) is the contact's honorific; a remark in brackets (张三（班长）) is not the name.
 * 张老师, 王先生 are left whole: without them there is only a surname.
 */
const TITLE_AFTER = /^(\p{Script=Han}{2,4})(博士|教授|副教授|院士|研究员)$/u
const TITLE_BEFORE = /^(dr|prof|professor)\.?\s+(\S.*)$/i
const REMARK_AFTER = /^(\p{Script=Han}{2,4}(?:·\p{Script=Han}+)?)\s*\(([^()]+)\)$/u
function nameParts(name: string): { name: string; honorific: string; remark: string } {
  // Most names end in none of these and start with neither: three string checks, not three expressions, per row.
  const end = name[name.length - 1]
  const start = name.slice(0, 2).toLowerCase()
  if (end !== '士' && end !== '授' && end !== '员' && end !== ')' && start !== 'dr' && start !== 'pr') return { name, honorific: '', remark: '' }
  let m = TITLE_AFTER.exec(name)
  if (m) return { name: m[1], honorific: m[2], remark: '' }
  m = TITLE_BEFORE.exec(name)
  if (m) return { name: m[2], honorific: m[1].toLowerCase().startsWith('prof') ? 'Prof.' : 'Dr.', remark: '' }
  m = REMARK_AFTER.exec(name)
  if (m) return { name: m[1], honorific: '', remark: m[2] }
  return { name, honorific: '', remark: '' }
}

/** A header as a note's label: "职务：" would give "职务：: 教授". */
const noteLabel = (label: string) => label.replace(/\s*[:：]+\s*$/, '') || label

/**
 * What a column's header gives each of its notes, worked out once per header: the label, and for a
 * survey's option column the question and the option (a sheet's rows share a handful of headers).
 */
interface NoteHeader {
  label: string
  option: { question: string; option: string } | null
}
const noteHeaders = new Map<string, NoteHeader>()
function noteHeader(label: string): NoteHeader {
  let h = noteHeaders.get(label)
  if (h === undefined) {
    const m = OPTION_COLUMN.exec(label)
    h = { label: noteLabel(label), option: m === null ? null : { question: noteLabel(m[1]), option: m[2].trim() } }
    if (noteHeaders.size > 10_000) noteHeaders.clear()
    noteHeaders.set(label, h)
  }
  return h
}
/** A survey's option column: the numbered question, then the option in brackets. */
const OPTION_COLUMN = /^((?:q?\d+|第\d+题).*?)\s*[(（]([^()（）]+)[)）]$/i

/**
 * Two people in one name cell, as a visit ledger lists who received the delegation ("张三、李四",
 * "王芳/刘洋", "张三和李四"): no one record can be both, and which one the row's phone belongs to is
 * not written, so the row waits for the user.
 */
const SEVERAL_NAMES = /^\p{Script=Han}{2,4}(?:\s*[、,，;；/&]\s*|和|及)\p{Script=Han}{2,4}/u
/** A name with a phone number after it in one cell ("张三 13800138000", "李四：0791-88888888"). */
const NAME_WITH_NUMBER = /^(\p{Script=Han}{2,4}(?:·\p{Script=Han}+)?)\s*[:：]?\s*(\+?\d[\d\s-]{6,})$/u

const splitList = (s: string) => s.split(/[,，、;；/|]/).map((x) => x.trim()).filter((x) => x !== '')

/** One sheet row to a create input: every value normalised, every problem tied to its column. */
export function rowValues(target: ImportTarget, columns: readonly ColumnSpec[], cells: readonly ImportCell[], sheetClassYear: number | null): RowValues {
  const input: Record<string, unknown> = {}
  const given = new Set<string>()
  const problems: RowProblem[] = []
  const notes: string[] = []
  const alumni: Record<string, unknown> = {}
  let id = ''
  let organizationName = ''
  let creditCode = ''
  let classYearUnread = false
  let namePhone: { col: ColumnSpec; name: string; number: string } | null = null
  let orgDetails: RowValues['orgDetails'] = null
  /** field: where the organisation keeps the value; the text also goes to its notes when no field holds it exactly. */
  const orgDetail = (col: ColumnSpec, text: string, field: { name: string; value: string } | null, textToNotes: boolean) => {
    orgDetails ??= { fields: {}, notes: [], lines: [] }
    const line = `${noteHeader(col.label).label}: ${text}`
    orgDetails.lines.push(line)
    if (field !== null) orgDetails.fields[field.name] = field.value
    if (textToNotes) orgDetails.notes.push(line)
  }
  const noteOf = (col: ColumnSpec, text: string) => notes.push(`${noteHeader(col.label).label}: ${text}`)
  /**
   * A column kept whole in the notes. A survey's multiple-choice question comes one column per option,
   * "8、您希望学院提供的服务(校友活动)", holding 1 or 0: the note says the option chosen, and an option
   * not chosen says nothing. 问卷星 joins the options of one answer with ┋.
   */
  const keptColumn = (col: ColumnSpec, text: string) => {
    const { option } = noteHeader(col.label)
    if (option !== null && (text === '0' || text === '1')) {
      if (text === '1') notes.push(`${option.question}: ${option.option}`)
      return
    }
    noteOf(col, text.includes('┋') ? text.replaceAll('┋', '、') : text)
  }
  const problem = (col: ColumnSpec, level: RowProblem['level'], f: Found) =>
    problems.push(rowProblem(level, f.code, f.params, { column: col.label, letter: columnLetter(col.index) }))
  /** A value read from a longer text: the text stays in the notes, and the user is told how it was read. */
  const keptBeside = (col: ColumnSpec, readAs: { code: 'kindReadAs'; kind: string } | { code: 'degreeReadAs'; degree: string }, text: string) => {
    noteOf(col, text)
    const { code, ...value } = readAs
    problem(col, 'warning', { code, params: { ...value, text } })
  }

  /**
   * A value no rule reads: the field stays empty and the cell's text goes to the notes, so one cell an
   * office wrote its own way ("M.Sc.", an old 注册号, "Class of 2015") neither loses the person nor
   * becomes a guess. Only what cannot be kept is an error (a missing name, digits Excel already lost).
   */
  const keptInNotes = (col: ColumnSpec, f: Found, text: string) => {
    noteOf(col, text)
    problem(col, 'warning', { code: 'keptInNotes', params: { ...f.params, why: f.code } })
  }
  /** A value read from part of its cell (the first of two numbers, a year with words): the whole cell stays in the notes. */
  const readFromPart = (col: ColumnSpec, f: Found | undefined, text: string) => {
    if (f === undefined) return
    if (PART_READ.has(f.code)) noteOf(col, text)
    problem(col, 'warning', f)
  }

  for (const col of columns) {
    if (col.use === 'ignore') continue
    const read = excelText(cells[col.index] ?? null)
    const said = normText(read)
    const failed = said.charCodeAt(0) === 35 && FORMULA_ERROR.test(said)
    if (failed) problem(col, 'warning', { code: 'formulaError', params: { value: said } })
    const raw = failed || saysNothing(said) ? null : read
    const text = raw === null ? '' : said
    if (col.use === 'keepInNotes') {
      if (text !== '') keptColumn(col, normLines(raw))
      continue
    }
    if (text === '' && col.use !== 'classYear') continue
    switch (col.use) {
      case 'id':
        id = text
        break
      case 'phone': {
        const r = normPhone(raw)
        if (!r.ok) {
          if (r.found.code === 'phoneScientific') problem(col, 'error', r.found)
          else keptInNotes(col, r.found, text)
        } else {
          readFromPart(col, r.warningFound, text)
          input.phone = r.value
          given.add('phone')
        }
        break
      }
      case 'email': {
        const r = normEmail(raw)
        if (!r.ok) keptInNotes(col, r.found, text)
        else {
          readFromPart(col, r.warningFound, text)
          input.email = r.value
          given.add('email')
        }
        break
      }
      case 'classYear': {
        const r = normClassYear(raw)
        if (!r.ok) {
          keptInNotes(col, r.found, text)
          classYearUnread = true
        }
        else if (r.value !== null) {
          readFromPart(col, r.warningFound, text)
          alumni.classYear = r.value
          given.add('classYear')
        }
        break
      }
      case 'degree': {
        // "M.Sc.", "B. Eng.": the letters alone.
        const key = text.toLowerCase().replace(/[\s.]+/g, '')
        const d = DEGREES[key] ?? byWords(DEGREE_WORDS, key)
        if (d === undefined) keptInNotes(col, { code: 'unknownDegree', params: { value: text } }, text)
        else {
          alumni.degree = d
          given.add('degree')
          if (DEGREES[key] === undefined) keptBeside(col, { code: 'degreeReadAs', degree: d }, text)
        }
        break
      }
      case 'major':
        alumni.major = text
        given.add('major')
        break
      case 'organization':
        organizationName = text
        given.add('organization')
        break
      case 'orgAndPosition': {
        const both = orgAndPosition(text)
        if (both === null) {
          keptInNotes(col, { code: 'orgPositionUnread', params: { value: text } }, text)
          break
        }
        organizationName = both.organization
        given.add('organization')
        if (both.position !== '') {
          input.position = both.position
          given.add('position')
        }
        if (both.by === 'words') problem(col, 'warning', { code: 'orgPositionSplit', params: { organization: both.organization, position: both.position } })
        break
      }
      case 'orgKind': {
        // "国有企业" is an enterprise, and the organisation's notes keep the words; no warning on every row.
        const exact = KINDS.get(text.toLowerCase())
        const k = exact ?? byWords(KIND_WORDS, text.toLowerCase())
        orgDetail(col, text, k === undefined ? null : { name: 'kind', value: k }, exact === undefined)
        break
      }
      case 'orgCreditCode': {
        // A code whose check character fails is not the organisation's: the words stay with it, in its notes.
        const code = text.toUpperCase().replace(/\s+/g, '')
        orgDetail(col, text, validUscc(code) ? { name: 'creditCode', value: code } : null, !validUscc(code))
        break
      }
      case 'orgIndustry':
      case 'orgCity':
      case 'orgAddress':
      case 'orgWebsite': {
        const d = ORG_DETAIL[col.use]
        if (d !== undefined) orgDetail(col, text, text.length <= d.max ? { name: d.field, value: text } : null, text.length > d.max)
        break
      }
      case 'kind': {
        const exact = KINDS.get(text.toLowerCase())
        const k = exact ?? byWords(KIND_WORDS, text.toLowerCase())
        if (k !== undefined && exact === undefined) keptBeside(col, { code: 'kindReadAs', kind: k }, text)
        if (k === undefined) keptInNotes(col, { code: 'unknownKind', params: { value: text, kinds: organizationKind.values.map((v) => organizationKind.labels[v]['zh-CN']).join('、') } }, text)
        else {
          input.kind = k
          given.add('kind')
        }
        break
      }
      case 'creditCode': {
        const code = text.toUpperCase().replace(/\s+/g, '')
        if (!validUscc(code)) keptInNotes(col, { code: 'badCreditCode', params: { value: text } }, text)
        else {
          creditCode = code
          input.creditCode = code
          given.add('creditCode')
        }
        break
      }
      case 'aliases':
      case 'tags':
        input[col.use] = splitList(text)
        given.add(col.use)
        break
      case 'notes':
        notes.unshift(normLines(raw))
        break
      case 'name': {
        if (target !== 'contacts') {
          input.name = target === 'organizations' ? text : personName(text)
          given.add('name')
          break
        }
        if (SEVERAL_NAMES.test(text)) {
          problem(col, 'error', { code: 'severalNames', params: { value: text } })
          // The cell is not empty: the one error is the one above, not also "no name".
          input.name = text
          break
        }
        const withNumber = NAME_WITH_NUMBER.exec(text)
        if (withNumber) namePhone = { col, name: withNumber[1], number: withNumber[2] }
        const parts = nameParts(personName(withNumber?.[1] ?? text))
        input.name = parts.name
        given.add('name')
        if (parts.honorific !== '') {
          input.honorific = parts.honorific
          given.add('honorific')
          problem(col, 'warning', { code: 'nameHonorific', params: { name: parts.name, honorific: parts.honorific } })
        }
        if (parts.remark !== '') {
          noteOf(col, text)
          problem(col, 'warning', { code: 'nameRemark', params: { name: parts.name, remark: parts.remark } })
        }
        break
      }
      default:
        input[col.use] = text
        given.add(col.use)
    }
  }
  if (namePhone !== null) {
    // The number beside a name is the phone when the row has none of its own; else it is kept.
    const r = normPhone(namePhone.number)
    if (r.ok && input.phone === undefined) {
      input.phone = r.value
      given.add('phone')
      problem(namePhone.col, 'warning', { code: 'nameWithPhone', params: { name: namePhone.name, phone: r.value } })
    } else noteOf(namePhone.col, namePhone.number)
  }
  if (target === 'contacts') {
    // A cell that states a year no rule reads is not overruled by the sheet's name: it stays unknown.
    if (alumni.classYear === undefined && sheetClassYear !== null && !classYearUnread) {
      alumni.classYear = sheetClassYear
      given.add('classYear')
    }
    // Only a row that says something about the school makes the person an alumnus.
    if (Object.keys(alumni).length > 0) input.alumni = alumni
  }
  // An organisation list without a kind column: the kind its name says, as for one a contact row names.
  if (target === 'organizations' && input.kind === undefined && typeof input.name === 'string') {
    const kind = kindFromName(input.name)
    if (kind !== undefined) input.kind = kind
  }
  if (notes.length > 0) {
    input.notes = notes.join('\n')
    given.add('notes')
  }
  // zod on the whole input: lengths, required name, formats; problems named by column.
  const parsed = collections[target].input.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[issue.path.length - 1] ?? issue.path[0] ?? '')
      const col = columns.find((c) => c.use === field) ?? (field === 'notes' ? columns.find((c) => c.use === 'keepInNotes') : undefined)
      const f: Found =
        issue.code === 'too_big' && typeof issue.maximum === 'number' && issue.origin === 'string'
          ? { code: 'tooLong', params: { max: issue.maximum } }
          : field === 'name' && input.name === undefined
            ? { code: 'noName', params: {} }
            : { code: 'invalidValue', params: { field, detail: issue.message } }
      if (col) problem(col, 'error', f)
      else problems.push(field === 'name' ? rowProblem('error', 'noName', {}) : rowProblem('error', f.code, f.code === 'invalidValue' ? f.params : { field, detail: issue.message }))
    }
  }
  return { input, given, id, organizationName, creditCode, problems, orgDetails }
}
