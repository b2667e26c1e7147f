// @vitest-environment node
import { describe, expect, it } from 'vitest'
import * as F from '../../../scripts/make-import-fixtures'
import { ImportFileError } from '../../../src/main/import/limits'
import { parseFile } from '../../../src/main/import/parse-file'
import { forkLauncher, parseInChild } from '../../../src/main/import/parse-runner'
import type { ParseLauncher } from '../../../src/main/import/parse-runner'
import iconv from 'iconv-lite'
import { decodeText, sniffDelimiter } from '../../../src/main/import/text-table'

const launcher = forkLauncher()
const inChild = (bytes: Buffer, fileName: string) => parseInChild({ bytes, fileName }, { launcher })

async function refusal(p: Promise<unknown>): Promise<ImportFileError> {
  try {
    await p
  } catch (err) {
    if (err instanceof ImportFileError) return err
    throw err
  }
  throw new Error('the file was accepted')
}

describe('text files', () => {
  it('reads a GBK CSV with Chinese headers as GB18030, phones kept as text', async () => {
    const f = await parseFile({ bytes: F.gbkCsv(), fileName: '校友.csv' })
    expect(f.encoding).toBe('gb18030')
    expect(f.delimiter).toBe(',')
    expect(f.sheets[0].rows[0]).toContain('工作单位')
    expect(f.sheets[0].rows[1][1]).toBe('张伟')
    expect(f.sheets[0].rows[4][8]).toBe('1.38E+10')
  })

  it("reads Excel's Unicode text (UTF-16LE, tabs)", async () => {
    const f = await parseFile({ bytes: F.utf16TabText(), fileName: 'alumni.txt' })
    expect(f.encoding).toBe('utf-16le')
    expect(f.delimiter).toBe('\t')
    expect(f.sheets[0].rows[2][6]).toBe('中国瑞林工程技术股份有限公司')
  })

  it('lets the user override the encoding', async () => {
    const f = await parseFile({ bytes: F.gbkCsv(), fileName: 'a.csv', encoding: 'utf-8' })
    expect(f.encoding).toBe('utf-8')
    expect(f.sheets[0].rows[0].join('')).not.toContain('工作单位')
  })

  it('prefers strict UTF-8 and a BOM', () => {
    expect(decodeText(Buffer.from('姓名,手机', 'utf8')).encoding).toBe('utf-8')
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名')])).text).toBe('姓名')
  })

  it("reads an English Excel's CSV (Windows-1252) as such, and a Chinese file with one damaged byte still as GB18030", () => {
    const latin = iconv.encode('Name,City,Company\nJosé Müller,Zürich,Nestlé\nRenée Dubois,Besançon,Société Générale\nSøren Ødegård,Århus,Mærsk\n', 'windows-1252')
    const read = decodeText(latin)
    expect(read.encoding).toBe('windows-1252')
    expect(read.text).toContain('Renée Dubois,Besançon,Société Générale')
    const gbk = iconv.encode('姓名,单位,城市\n张伟,江西铜业集团,南昌\n李娜,中国瑞林工程技术股份有限公司,南昌\nPython工程师,A座,B栋\n', 'gbk')
    const damaged = Buffer.concat([gbk.subarray(0, 20), Buffer.from([0xff]), gbk.subarray(20)])
    expect(decodeText(damaged).encoding).toBe('gb18030')
    expect(decodeText(gbk).text).toContain('中国瑞林工程技术股份有限公司')
    expect(decodeText(latin, 'windows-1252').text).toContain('Søren Ødegård')
  })

  it("reads a Hong Kong chapter's Big5 CSV as Big5, and a GBK file with traditional-looking names still as GB18030", () => {
    const big5 = iconv.encode('姓名,英文姓名,畢業年份,公司名稱,職位,聯絡電話\n陳大文,Chan Tai Man,1998,香港中華煤氣有限公司,工程經理,+852 9123 4567\n黃美玲,Wong Mei Ling,2003,滙豐銀行,客戶經理,+852 6123 4567\n', 'big5')
    const read = decodeText(big5)
    expect(read.encoding).toBe('big5')
    expect(read.text).toContain('陳大文,Chan Tai Man,1998,香港中華煤氣有限公司')
    const gbk = iconv.encode('姓名,单位,职务\n张伟,江西铜业集团,工程师\n李娜,南昌大学,教授\n', 'gbk')
    expect(decodeText(gbk).encoding).toBe('gb18030')
  })

  it('sniffs comma, tab, semicolon and the full-width comma', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3')).toBe(',')
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3')).toBe('\t')
    expect(sniffDelimiter('a;b;c\n1;2;3')).toBe(';')
    expect(sniffDelimiter('姓名，手机，单位\n张三，138，某公司')).toBe('，')
    expect(sniffDelimiter('姓名,备注\n张三,"好，很好，非常好"\n李四,"一，二"')).toBe(',')
  })

  it('keeps text starting with = + - @ as text', async () => {
    const f = await parseFile({ bytes: Buffer.from('姓名,备注\n张三,=1+1\n李四,@SUM(A1)\n王五,-5+3\n', 'utf8'), fileName: 'a.csv' })
    expect(f.sheets[0].rows.slice(1).map((r) => r[1])).toEqual(['=1+1', '@SUM(A1)', '-5+3'])
  })
})

describe('workbooks', () => {
  it('reads a titled workbook with merges, phones as numbers', async () => {
    const f = await parseFile({ bytes: F.titledAlumniWorkbook(), fileName: '校友名录.xlsx' })
    expect(f.format).toBe('xlsx')
    const s = f.sheets[0]
    expect(s.rows[0][0]).toBe('南昌大学资源与环境学院校友名录')
    expect(s.rows[3][5]).toBe(13807910001)
    expect(s.merges).toContainEqual({ r0: 1, c0: 5, r1: 1, c1: 6 })
  })

  it('turns date-formatted serials into dates, on the 1904 system too', async () => {
    const f = await parseFile({ bytes: F.workbook1904(), fileName: 'd.xlsx' })
    expect(f.date1904).toBe(true)
    expect(f.sheets[0].rows[1][1]).toBe('2019-05-06')
  })

  it('reads formula cells as their cached values and never as formulas', async () => {
    const f = await parseFile({ bytes: F.formulaWorkbook(), fileName: 'f.xlsx' })
    const rows = f.sheets[0].rows
    expect(rows[1][2]).toBe('点我')
    expect(rows[2][1]).toBe(13907910032)
    expect(rows[2][2]).toBe('=1+1')
    expect(rows[3][2]).toBe('@SUM(A1)')
  })

  it('lists every sheet of a one-sheet-per-class-year workbook', async () => {
    const f = await parseFile({ bytes: F.classYearWorkbook(), fileName: 'c.xlsx' })
    expect(f.sheets.map((s) => [s.name, s.rows.length])).toEqual([['2017届', 3], ['2018届', 2]])
  })
})

describe('hostile files are refused in the parsing process, with a message, within seconds', () => {
  const cases: Array<[string, () => Buffer, string, RegExp]> = [
    ['zip bomb', F.zipBomb, 'book.xlsx', /inflate/],
    ['50 huge defined names', F.hugeDefinedNames, 'names.xlsx', /inflate|definitions/],
    ['a cell at XFD1048576', F.xlsxWithFarCell, 'far.xlsx', /rows|column XFD/],
    ['a truncated zip', F.truncatedZip, 'cut.xlsx', /damaged or incomplete/],
    ['an encrypted workbook', F.encryptedWorkbook, 'secret.xlsx', /password/],
    ['a text file renamed .xlsx', F.textRenamedXlsx, 'list.xlsx', /plain text/],
    ['a 1,000,000-row CSV', F.millionRowCsv, 'big.csv', /more than 200,000 rows/],
    ['a picture', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2, 3, 4, 5, 6, 7, 8]), 'photo.xlsx', /not a spreadsheet/],
  ]
  it.each(cases)('%s', async (_label, make, name, message) => {
    // The specific message proves the checks refused it, not the 30 s watchdog; no wall-clock
    // assertion, so a loaded machine makes this slower, not red.
    const err = await refusal(inChild(make(), name))
    expect(err.message).toMatch(message)
  })

  it('a whole-sheet data validation costs nothing: the two real rows are read', async () => {
    const f = await inChild(F.wholeSheetValidation(), 'dv.xlsx')
    expect(f.sheets[0].rows).toEqual([['姓名', '手机'], ['测试', 13900000000]])
  })
})

describe('the parsing process', () => {
  it('a child that dies means "this file cannot be read"', async () => {
    const dying: ParseLauncher = (_req, _onReply, onExit) => {
      queueMicrotask(() => onExit('signal SIGABRT: JavaScript heap out of memory'))
      return { kill: () => undefined }
    }
    const err = await refusal(parseInChild({ bytes: F.gbkCsv(), fileName: 'a.csv' }, { launcher: dying }))
    expect(err.code).toBe('unreadable')
    expect(err.message).toMatch(/cannot be read/)
  })

  it('a child that never answers is stopped by the watchdog', async () => {
    let killed = false
    const silent: ParseLauncher = () => ({ kill: () => (killed = true) })
    const err = await refusal(parseInChild({ bytes: F.gbkCsv(), fileName: 'a.csv' }, { launcher: silent, timeoutMs: 50 }))
    expect(err.code).toBe('timeout')
    expect(killed).toBe(true)
  })

  it('a real child over its heap cap dies alone', async () => {
    const tiny = forkLauncher({ heapMb: 8 })
    const big = Buffer.from(Array.from({ length: 150_000 }, (_, i) => `姓名${i},1380000${String(i).padStart(4, '0')},${'备注'.repeat(20)}`).join('\n'))
    const err = await refusal(parseInChild({ bytes: big, fileName: 'big.csv' }, { launcher: tiny }))
    expect(err.code).toBe('unreadable')
    expect(process.memoryUsage().rss).toBeGreaterThan(0)
  })
})
