// npx tsx scripts/make-import-fixtures.ts <folder>
// Writes the import fixtures: files made the way Chinese offices make them, and
// hostile files the import must refuse. Tests call the same functions, so no
// binary fixture is checked in. Workbooks are written as raw SpreadsheetML so a
// fixture can hold exactly the oddity it tests (merges, 1904 dates, whole-sheet
// validations, huge defined names) and nothing else.
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { crc32, deflateRawSync } from 'node:zlib'
import iconv from 'iconv-lite'

// ---------- zip ----------
export interface ZipPart {
  name: string
  data: Buffer
  /** store the declared sizes as given (to fake a zip bomb's directory cheaply) */
  declaredSize?: number
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8')
    const packed = deflateRawSync(p.data)
    const crc = crc32(p.data)
    const size = p.declaredSize ?? p.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += local.length + name.length + packed.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

// ---------- SpreadsheetML ----------
export type FixtureCell = string | number | { f: string; v?: string | number } | { date: number } | null
export interface FixtureSheet {
  name: string
  rows: FixtureCell[][]
  merges?: string[]
  /** extra XML after </sheetData> (merges are written for you) */
  extra?: string
  dimension?: string
  /** 0-based columns the sheet hides, as Excel writes them (<col hidden="1">) */
  hiddenColumns?: number[]
}
export interface FixtureBook {
  sheets: FixtureSheet[]
  date1904?: boolean
  definedNames?: Array<{ name: string; value: string }>
  /** docProps/core.xml dcterms:created, ISO */
  created?: string
  /** strings in xl/sharedStrings.xml, as Excel and WPS write them, instead of inline in each cell */
  sharedStrings?: boolean
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function colName(i: number): string {
  let n = i + 1
  let s = ''
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** Index of each distinct string in xl/sharedStrings.xml, in first-use order. */
type SharedStrings = Map<string, number>

function cellXml(v: FixtureCell, ref: string, shared?: SharedStrings): string {
  if (v === null) return ''
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`
  if (typeof v === 'string' && shared) {
    let i = shared.get(v)
    if (i === undefined) shared.set(v, (i = shared.size))
    return `<c r="${ref}" t="s"><v>${i}</v></c>`
  }
  if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`
  if ('date' in v) return `<c r="${ref}" s="1"><v>${v.date}</v></c>`
  const cached = v.v === undefined ? '' : typeof v.v === 'number' ? `<v>${v.v}</v>` : `<v>${esc(v.v)}</v>`
  return `<c r="${ref}"${typeof v.v === 'string' ? ' t="str"' : ''}><f>${esc(v.f)}</f>${cached}</c>`
}

function sheetXml(s: FixtureSheet, shared?: SharedStrings): string {
  const rows = s.rows
    .map((row, r) => {
      const cells = row.map((v, c) => cellXml(v, `${colName(c)}${r + 1}`, shared)).join('')
      return cells === '' ? '' : `<row r="${r + 1}">${cells}</row>`
    })
    .join('')
  const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : ''
  const dim = s.dimension ? `<dimension ref="${s.dimension}"/>` : ''
  const cols = s.hiddenColumns?.length ? `<cols>${s.hiddenColumns.map((c) => `<col min="${c + 1}" max="${c + 1}" width="0" hidden="1" customWidth="1"/>`).join('')}</cols>` : ''
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dim}${cols}<sheetData>${rows}</sheetData>${merges}${s.extra ?? ''}</worksheet>`
}

export function xlsx(book: FixtureBook): Buffer {
  const sheets = book.sheets
  const shared: SharedStrings | undefined = book.sharedStrings ? new Map() : undefined
  const sheetParts = sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(sheetXml(s, shared)) }))
  const names = (book.definedNames ?? []).map((d) => `<definedName name="${esc(d.name)}">${esc(d.value)}</definedName>`).join('')
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${book.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}</workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      ),
    },
    {
      // style 1 is a date format (numFmtId 14: m/d/yyyy, shown by Excel in the local short-date form)
      name: 'xl/styles.xml',
      data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'),
    },
    ...sheetParts,
  ]
  if (shared) {
    parts[0].data = Buffer.from(parts[0].data.toString().replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    parts[3].data = Buffer.from(parts[3].data.toString().replace('</Relationships>', '<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    const items = [...shared.keys()].map((t) => `<si><t xml:space="preserve">${esc(t)}</t></si>`).join('')
    parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.size}" uniqueCount="${shared.size}">${items}</sst>`) })
  }
  if (book.created) {
    parts[0].data = Buffer.from(parts[0].data.toString().replace('</Types>', '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'))
    parts[1].data = Buffer.from(parts[1].data.toString().replace('</Relationships>', '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'))
    parts.push({
      name: 'docProps/core.xml',
      data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Liaison Desk</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${book.created}</dcterms:created></cp:coreProperties>`),
    })
  }
  return zip(parts)
}

// ---------- realistic fixtures ----------
const ALUMNI_HEADER = ['序号', '姓名', '性别', '届别', '专业', '学历', '工作单位', '职务', '手机号', '邮箱', '所在城市', '备注']

export function alumniRows(): FixtureCell[][] {
  return [
    [1, '张伟', '男', '2019届', '环境工程', '本科', '江西铜业股份有限公司', '工程师', 13807910001, 'zhangwei@example.com', '南昌', ''],
    [2, '李娜', '女', '2019届', '环境工程', '硕士', '中国瑞林工程技术股份有限公司', '设计师', '138-0791-0002', '', '南昌', '校友会理事'],
    [3, '王磊', '男', '2018届', '地质工程', '本科', '江西铜业集团有限公司', '主管', '+86 138 0791 0003', 'wanglei@example.com', '鹰潭', ''],
    [4, '刘洋', '男', '2018届', '地质工程', '本科', '', '', '1.38E+10', '', '', '手机号码被Excel改成科学计数法'],
    [5, '陈静', '女', '19届', '资源勘查工程', '博士', '赣锋锂业股份有限公司', '研究员', 13807910005, 'chenjing＠example.com', '新余', ''],
  ]
}

/** A title row merged across the table, then a two-row header ("联系方式" over 手机 and 邮箱). */
export function titledAlumniWorkbook(): Buffer {
  const header1 = ['序号', '姓名', '届别', '专业', '工作单位', '联系方式', null, '备注']
  const header2 = [null, null, null, null, null, '手机', '邮箱', null]
  const body = alumniRows().map((r) => [r[0], r[1], r[3], r[4], r[6], r[8], r[9], r[11]])
  return xlsx({
    sheets: [{
      name: '校友名录',
      rows: [['南昌大学资源与环境学院校友名录', null, null, null, null, null, null, null], header1, header2, ...body],
      merges: ['A1:H1', 'F2:G2', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'H2:H3'],
    }],
  })
}

/** One sheet per class year; the sheet name is the class year. */
export function classYearWorkbook(): Buffer {
  const header = ['姓名', '专业', '工作单位', '手机']
  return xlsx({
    sheets: [
      { name: '2017届', rows: [header, ['赵敏', '环境工程', '南昌水业集团', 13907910011], ['钱进', '地质工程', '', 13907910012]] },
      { name: '2018届', rows: [header, ['孙丽', '环境科学', '江西省水利规划设计研究院', 13907910013]] },
    ],
  })
}

/** Dates as serial numbers on the 1904 system (old Mac Excel). */
export function workbook1904(): Buffer {
  return xlsx({ date1904: true, sheets: [{ name: 'Sheet1', rows: [['姓名', '入职日期', '手机'], ['周杰', { date: 42129 }, 13907910021]] }] })
}

export function gbkCsv(): Buffer {
  const lines = [ALUMNI_HEADER.join(','), ...alumniRows().map((r) => r.map((v) => (v === null ? '' : typeof v === 'object' ? '' : String(v))).join(','))]
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk')
}

/** Excel's "Unicode text": UTF-16LE with a BOM, tab-separated. */
export function utf16TabText(): Buffer {
  const lines = [ALUMNI_HEADER.join('\t'), ...alumniRows().map((r) => r.map((v) => (v === null || typeof v === 'object' ? '' : String(v))).join('\t'))]
  return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(lines.join('\r\n'), 'utf-16le')])
}

/**
 * A class list as a counsellor keeps it in WPS: a title and a "填表单位 / 填表日期" line above the header,
 * two-character names padded to line up ("王  芳"), "无" and "/" for nothing, two numbers in one cell
 * under a header the dictionary does not know ("联系方式"),
 * an alumnus abroad, and a total and the signatures under the table.
 */
export function officeClassList(): Buffer {
  return xlsx({
    sheets: [{
      name: 'Sheet1',
      rows: [
        ['资源与环境学院2015届毕业生去向汇总表', null, null, null, null, null, null, null],
        ['填表单位：学工办', null, null, null, null, null, '填表日期：2024年3月5日', null],
        ['序号', '姓  名', '毕业时间', '专业班级', '工作单位', '联系方式', '电子邮箱', '备注'],
        [1, '欧阳明', '2011-2015', '环境工程151班', '江西铜业股份有限公司', '13807910011\n13907910011', 'ouyang@163.com;oym@qq.com', '无'],
        [2, '王  芳', '2015届硕士', '环境科学152班', '南昌市生态环境局', '="079188305678"', '无', '/'],
        [3, '李 娜', '2015届', '环境工程151班', '无', "'13807910013", '—', '读研'],
        [4, '陈静', 2015, '地质工程', 'Tech Ltd (Hong Kong)', '+852 9123 4567', 'mailto:chenjing@example.com', ''],
        [null, null, null, null, null, null, null, null],
        ['合计：4人', null, null, null, null, null, null, null],
        ['制表人：张老师', null, null, null, '审核人：李老师', null, null, null],
      ],
      merges: ['A1:H1'],
    }],
  })
}

/**
 * A graduate office's workbook: an instructions sheet, one sheet per class named with more words
 * ("2017届（硕士）", "2019届就业方案"), a two-row header whose 序号 and 姓名 are merged down both rows,
 * degrees written the English way, a name with a Japanese middle dot, and an employer's contact
 * person with the employer's phone beside the graduate's own mobile.
 */
export function graduateSheets(): Buffer {
  return xlsx({
    sheets: [
      { name: '填表说明', rows: [['填表说明'], ['1. 每届一个工作表'], ['2. 手机号请填写11位']] },
      {
        name: '2017届（硕士）',
        rows: [
          ['2017届硕士研究生校友名录', null, null, null, null, null, null, null],
          ['序号', '姓名', '基本信息', null, '工作信息', null, '联系方式', null],
          [null, null, '性别', '学位', '工作单位', '职务', '手机', '邮箱'],
          [1, '邓超', '男', 'M.Eng.', '江西铜业集团有限公司', '工程师', 13800000041, 'dengchao@example.com'],
          [2, '阿依古丽・买买提', '女', '硕士', '江西省水利厅', '科员', 13800000042, null],
        ],
        merges: ['A1:H1', 'A2:A3', 'B2:B3', 'C2:D2', 'E2:F2', 'G2:H2'],
      },
      {
        name: '2019届就业方案',
        rows: [
          ['姓名', '专业', '学历', '就业单位', '单位联系人', '联系电话', '本人手机'],
          ['夏雨', '环境工程', '本科', '南昌大学', '刘老师', '0791-83969999-8001', 13800000043],
        ],
      },
    ],
  })
}

/**
 * A graduate employment list as a school office keeps it: the class only in the title, one column for
 * the employer and the position, the employer's own particulars beside the person's.
 */
export function employmentList(): Buffer {
  return xlsx({
    sheets: [{
      name: 'Sheet1',
      rows: [
        ['南昌大学资源与环境学院2019届毕业生就业去向', null, null, null, null, null, null],
        ['序号', '姓名', '工作单位及职务', '单位性质', '单位行业', '单位所在地', '手机'],
        [1, '周杰', '江西洪都航空工业集团有限责任公司/助理工程师', '国有企业', '制造业', '江西省南昌市', 13900000051],
        [2, '吴敏', '南昌大学资源与环境学院辅导员', '高等教育单位', '教育', '江西省南昌市', 13900000052],
        [3, '郑爽', '江西洪都航空工业集团有限责任公司 技术员', '国有企业', '制造业', '江西省南昌市', 13900000053],
      ],
      merges: ['A1:G1'],
    }],
  })
}

/** A class list laid out twice across the page to print on fewer sheets, under one title. */
export function twoAcrossList(): Buffer {
  const header = ['序号', '姓名', '工作单位', '手机']
  return xlsx({
    sheets: [{
      name: '通讯录',
      rows: [
        ['资源与环境学院2016届校友通讯录', null, null, null, null, null, null, null, null],
        [...header, null, ...header],
        [1, '陶然', '江西省地质局', 13900000061, null, 2, '沈伟', '南昌水业集团', 13900000062],
        [3, '范冰', '江西铜业股份有限公司', 13900000063, null, 4, '黎明', '南昌大学', 13900000064],
        [5, '程功', '中国瑞林工程技术股份有限公司', 13900000065, null, null, null, null, null],
      ],
      merges: ['A1:I1'],
    }],
  })
}

/** A survey site's export (问卷星): numbered questions as headers, "(空)" and "(跳过)" for unanswered ones, GBK. */
export function surveyCsv(): Buffer {
  const lines = [
    '序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您的姓名：,2、您的手机号码：,3、请填写您的工作单位,Q4. 您的职务是？,第5题 毕业年份,6、所学专业：,7、您目前所在的城市,8、您希望学院提供的服务(校友活动),8、您希望学院提供的服务(就业推荐),9、对学院的建议：',
    '1,2024/3/5 10:02:11,120秒,微信,N/A,117.40.1.1(江西-南昌),周杰,13912345678,江西省水利规划设计研究院有限公司,高级工程师,2010,水文与水资源工程,南昌,1,1,多组织返校活动┋加强校企合作',
    '2,2024/3/5 10:05:40,98秒,手机提交,直接访问,223.104.2.9(广东-深圳),吴敏,(空),(跳过),(跳过),2012届,"环境科学\n（辅修经济学）",深圳,0,1,(空)',
  ]
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk')
}

export function formulaWorkbook(): Buffer {
  return xlsx({
    sheets: [{
      name: 'Sheet1',
      rows: [
        ['姓名', '手机', '备注'],
        ['吴刚', 13907910031, { f: 'HYPERLINK("http://example.com","点我")', v: '点我' }],
        ['郑爽', { f: '13907910000+32', v: 13907910032 }, '=1+1'],
        ['冯巩', 13907910033, '@SUM(A1)'],
      ],
    }],
  })
}

// ---------- hostile fixtures ----------
export function zipBomb(): Buffer {
  // 20 MB of zeros deflates to ~20 KB: a ratio of ~1000.
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) },
  ])
}

export function wholeSheetValidation(): Buffer {
  return xlsx({
    sheets: [{
      name: 'Sheet1',
      rows: [['姓名', '手机'], ['测试', 13900000000]],
      extra: '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>',
    }],
  })
}

export function hugeDefinedNames(): Buffer {
  const big = Array.from({ length: 20000 }, (_, i) => `Sheet1!$A$${i + 1}`).join(',')
  return xlsx({
    sheets: [{ name: 'Sheet1', rows: [['姓名'], ['测试']] }],
    definedNames: Array.from({ length: 50 }, (_, i) => ({ name: `N${i}`, value: big })),
  })
}

/** One real cell at XFD1048576, the last cell a sheet can have. */
export function xlsxWithFarCell(): Buffer {
  const row: FixtureCell[] = new Array<FixtureCell>(16384).fill(null)
  row[16383] = '远'
  const rows: FixtureCell[][] = [['姓名'], ['测试']]
  rows[1048575] = row
  return xlsx({ sheets: [{ name: 'Sheet1', rows: rows.map((r) => r ?? []) }] })
}

export function truncatedZip(): Buffer {
  const whole = titledAlumniWorkbook()
  return whole.subarray(0, Math.floor(whole.length / 2))
}

/** The OLE wrapper Excel writes around an encrypted .xlsx: recognised by its EncryptedPackage stream. */
export function encryptedWorkbook(): Buffer {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  const body = Buffer.alloc(4096)
  Buffer.from('EncryptionInfo', 'utf16le').copy(body, 1024)
  Buffer.from('EncryptedPackage', 'utf16le').copy(body, 1152)
  return Buffer.concat([head, body])
}

export function textRenamedXlsx(): Buffer {
  return Buffer.from('姓名,手机\n张三,13800000000\n', 'utf8')
}

export function millionRowCsv(): Buffer {
  const line = Buffer.from('张三,13800000000\n', 'utf8')
  const out = Buffer.alloc(line.length * 1_000_001)
  for (let i = 0; i < 1_000_001; i++) line.copy(out, i * line.length)
  return out
}

export const FIXTURES: Record<string, () => Buffer> = {
  'alumni-gbk.csv': gbkCsv,
  'alumni-unicode.txt': utf16TabText,
  'alumni-titled.xlsx': titledAlumniWorkbook,
  'alumni-by-class-year.xlsx': classYearWorkbook,
  'dates-1904.xlsx': workbook1904,
  'office-class-list.xlsx': officeClassList,
  'graduate-sheets.xlsx': graduateSheets,
  'survey-export.csv': surveyCsv,
  'employment-list.xlsx': employmentList,
  'two-across-list.xlsx': twoAcrossList,
  'formulas.xlsx': formulaWorkbook,
  'hostile-zip-bomb.xlsx': zipBomb,
  'hostile-whole-sheet-validation.xlsx': wholeSheetValidation,
  'hostile-defined-names.xlsx': hugeDefinedNames,
  'hostile-far-cell.xlsx': xlsxWithFarCell,
  'hostile-truncated.xlsx': truncatedZip,
  'hostile-encrypted.xlsx': encryptedWorkbook,
  'hostile-text-renamed.xlsx': textRenamedXlsx,
  'hostile-million-rows.csv': millionRowCsv,
}

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'import-fixtures')
  await mkdir(out, { recursive: true })
  for (const [name, make] of Object.entries(FIXTURES)) await writeFile(join(out, name), make())
  console.log(`Wrote ${Object.keys(FIXTURES).length} fixtures to ${out}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
