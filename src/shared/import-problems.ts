// What can be wrong with an imported cell or row, in both languages. The main side finds the problem
// and sends its code and values; the import grid shows it in the interface language, and the English
// text travels too (for logs, the error-rows file and anything that predates the code).

import { degree, organizationKind } from './enums'

export type ImportProblemLang = 'zh-CN' | 'en'
export type ImportProblemParams = Record<string, string | number>

const TEXT = {
  notPhone: {
    en: '"{value}" is not a phone number',
    'zh-CN': '“{value}”不是电话号码',
  },
  phoneScientific: {
    en: '"{value}" was saved in scientific notation and has lost digits; format the column as text in Excel, type the numbers again and re-import',
    'zh-CN': '“{value}”被存成了科学计数法，数字已经丢失：请在 Excel 中把这一列设为文本格式，重新输入号码后再导入',
  },
  phoneFirstKept: {
    en: 'One number is the phone (the first, or the mobile beside a landline); {rest} is kept in the notes',
    'zh-CN': '只取一个号码作为电话（第一个，或座机旁的手机）；{rest} 保留在备注中',
  },
  phoneNoteLeft: {
    en: 'Imported as {value}; "{note}" is not part of a phone number and is kept in the notes',
    'zh-CN': '按 {value} 导入；“{note}”不是电话号码的一部分，保留在备注中',
  },
  phoneChars: {
    en: '"{value}" is not a phone number (only digits, with + ( ) - and spaces, are allowed)',
    'zh-CN': '“{value}”不是电话号码（只能包含数字、空格和 + ( ) -）',
  },
  phoneLength: {
    en: '"{value}" has {digits} digits; a phone number has between 5 and 20',
    'zh-CN': '“{value}”有 {digits} 位数字；电话号码应为 5 到 20 位',
  },
  landlineZero: {
    en: "Stored as a number: a landline's leading 0 may have been lost ({value})",
    'zh-CN': '该单元格存的是数字：座机号码开头的 0 可能已丢失（{value}）',
  },
  landlineNoZero: {
    en: '"{value}" looks like a landline whose leading 0 was lost when the file was saved from Excel; imported as it is, check it',
    'zh-CN': '“{value}”像是从 Excel 保存文件时丢了开头 0 的座机号码：按原样导入，请核对',
  },
  orgPositionSplit: {
    en: 'Read as the organisation "{organization}" and the position "{position}"',
    'zh-CN': '读作工作单位“{organization}”和职务“{position}”',
  },
  orgPositionUnread: {
    en: '"{value}" does not read as an organisation and a position',
    'zh-CN': '“{value}”无法分成工作单位和职务',
  },
  sameRecordTwice: {
    en: 'Row {row} of {sheet} already updates {name}; one import updates a record from one row, so this row is left out (put what it adds in that row, or import it next)',
    'zh-CN': '{sheet} 第 {row} 行已更新“{name}”；一次导入只用一行更新同一条记录，本行未导入（请把本行的内容并入那一行，或下次再导入）',
  },
  formulaError: {
    en: 'The file holds the error {value} here (a formula Excel could not work out); read as an empty cell',
    'zh-CN': '文件在此处是错误值 {value}（Excel 未能算出的公式）：按空单元格导入',
  },
  notDate: {
    en: '"{value}" is not a date',
    'zh-CN': '“{value}”不是日期',
  },
  dateNotInCalendar: {
    en: '"{value}" is not a date in the calendar',
    'zh-CN': '日历上没有“{value}”这一天',
  },
  serial60: {
    en: 'Excel serial 60 is 1900-02-29, a day that did not exist',
    'zh-CN': 'Excel 序号 60 表示 1900-02-29，这一天并不存在',
  },
  monthNotInCalendar: {
    en: '"{value}" is not a month in the calendar',
    'zh-CN': '“{value}”不是有效的年月',
  },
  dateAmbiguous: {
    en: '"{value}" could be day/month or month/day; choose the order for this column',
    'zh-CN': '“{value}”既可能是“日/月”也可能是“月/日”，请为这一列选择日期顺序',
  },
  dateUnknownForm: {
    en: '"{value}" is not a date this import understands (for example 2019-05-06, 2019/5/6, 2019年5月6日)',
    'zh-CN': '无法识别日期“{value}”（可用的写法如 2019-05-06、2019/5/6、2019年5月6日）',
  },
  notClassYear: {
    en: '"{value}" is not a class year (for example 2019届, 19届, 2019级 or 2019)',
    'zh-CN': '“{value}”不是届别（可用的写法如 2019届、19届、2019级 或 2019）',
  },
  classYearRange: {
    en: '"{value}" is outside 1940–2100',
    'zh-CN': '“{value}”不在 1940–2100 之间',
  },
  classYearNoteLeft: {
    en: 'Imported as the class of {value}; "{note}" is not part of a class year and is kept in the notes',
    'zh-CN': '按 {value} 届导入；“{note}”不是届别的一部分，保留在备注中',
  },
  classYearFromSerial: {
    en: 'Read as the class of {value}: the cell holds the number {value}, which Excel counts as the date {date}',
    'zh-CN': '单元格中是数字，按 Excel 的日期 {date} 读作 {value} 届',
  },
  classYearEntering: {
    en: '{value}级 usually names the year of entry, and the class year is the year of graduation: imported as {value}, correct it if the list means the entering class',
    'zh-CN': '“{value}级”通常指入学年份，而届别是毕业年份：按 {value} 导入，如名单指的是入学年级请更正',
  },
  classYearFromRange: {
    en: 'Read as the class of {value}, the year {range} ends',
    'zh-CN': '按 {range} 的结束年份，作为 {value} 届导入',
  },
  emailFirstKept: {
    en: 'Only the first address is the e-mail; {rest} is kept in the notes',
    'zh-CN': '只把第一个地址作为邮箱；{rest} 保留在备注中',
  },
  notEmail: {
    en: '"{value}" is not an e-mail address',
    'zh-CN': '“{value}”不是电子邮箱地址',
  },
  unknownDegree: {
    en: '"{value}" is not a degree this import knows (本科, 硕士, 博士, 其他)',
    'zh-CN': '无法识别学历“{value}”（可填：本科、硕士、博士、其他）',
  },
  unknownKind: {
    en: '"{value}" is not a kind of organisation ({kinds})',
    'zh-CN': '“{value}”不是单位类型（可填：{kinds}）',
  },
  kindReadAs: {
    en: 'Read as {kind}; "{text}" is kept in the notes',
    'zh-CN': '按“{kind}”导入；原文“{text}”保留在备注中',
  },
  degreeReadAs: {
    en: 'Read as {degree}; "{text}" is kept in the notes',
    'zh-CN': '按“{degree}”导入；原文“{text}”保留在备注中',
  },
  badCreditCode: {
    en: '"{value}" is not a valid unified social credit code (18 characters with a check character)',
    'zh-CN': '“{value}”不是有效的统一社会信用代码（18 位，末位为校验码）',
  },
  keptInNotes: {
    en: '{why}. Kept in the notes; the field is left empty',
    'zh-CN': '{why}。原文已保留在备注中，该项留空',
  },
  nameHonorific: {
    en: 'Imported as {name}, with the title {honorific}',
    'zh-CN': '按姓名“{name}”、称谓“{honorific}”导入',
  },
  severalNames: {
    en: '"{value}" names several people; put each on a row of their own, or correct the cell here',
    'zh-CN': '“{value}”包含多个人名：请每人一行，或在此处更正该单元格',
  },
  nameWithPhone: {
    en: 'Imported as {name}, with the number {phone} written beside the name as the phone',
    'zh-CN': '按姓名“{name}”导入，姓名旁的号码 {phone} 作为电话',
  },
  nameRemark: {
    en: 'Imported as {name}; "{remark}" is not part of the name and is kept in the notes',
    'zh-CN': '按姓名“{name}”导入；“{remark}”不是姓名的一部分，保留在备注中',
  },
  headerAgain: {
    en: "The table's header again (a list printed with it on every page), not a record: skipped",
    'zh-CN': '表头重复出现（打印时每页都带表头），不是记录：已跳过',
  },
  exampleRow: {
    en: "The template's example row, not a record: skipped",
    'zh-CN': '模板中的示例行，不是记录：已跳过',
  },
  footerRow: {
    en: '"{text}" is a line under the table (a total, a signature or a note), not a record: skipped',
    'zh-CN': '“{text}”是表格下方的合计、签名或说明行，不是记录：已跳过',
  },
  headingRow: {
    en: '"{text}" is a heading inside the table, not a record: skipped',
    'zh-CN': '“{text}”是表格中的分组标题，不是记录：已跳过',
  },
  noName: {
    en: 'The row has no name',
    'zh-CN': '这一行没有名称',
  },
  invalidValue: {
    en: '{field}: {detail}',
    'zh-CN': '{field}：{detail}',
  },
  tooLong: {
    en: 'Too long: at most {max} characters',
    'zh-CN': '太长：最多 {max} 个字符',
  },
  unknownId: {
    en: 'No record in this register has the ID {id}; the row is matched by its other values',
    'zh-CN': '没有 ID 为 {id} 的记录；这一行按其他内容匹配',
  },
  sameMobile: {
    en: 'The same mobile number belongs to {name}',
    'zh-CN': '同一手机号属于 {name}',
  },
  branchOf: {
    en: 'A branch of {name}: created as its own organisation',
    'zh-CN': '是“{name}”的分支机构：作为单独的单位新建',
  },
  createOnlyLeaves: {
    en: 'Already in the register as {name} ({matchedBy}); "create only" leaves it',
    'zh-CN': '名册中已有“{name}”（{matchedBy}）；“仅新建”模式不改动它',
  },
} as const satisfies Record<string, Record<ImportProblemLang, string>>

export type ImportProblemCode = keyof typeof TEXT

/** Params that carry one of the domain's closed values, shown by its label in the reader's language. */
const LABELLED: Record<string, { labels: Record<string, Record<ImportProblemLang, string>> }> = { kind: organizationKind, degree }

function shown(name: string, value: string | number, lang: ImportProblemLang, params: ImportProblemParams): string {
  // keptInNotes says why in the words of the problem the value had.
  if (name === 'why' && typeof value === 'string' && value in TEXT && value !== 'keptInNotes') return importProblemText(value as ImportProblemCode, params, lang)
  const label = typeof value === 'string' ? LABELLED[name]?.labels[value]?.[lang] : undefined
  return label ?? String(value)
}

export function importProblemText(code: ImportProblemCode, params: ImportProblemParams, lang: ImportProblemLang): string {
  return TEXT[code][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? shown(name, params[name], lang, params) : whole))
}

export const IMPORT_PROBLEM_CODES = Object.keys(TEXT) as ImportProblemCode[]
