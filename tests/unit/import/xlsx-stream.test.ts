// @vitest-environment node
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import * as F from '../../../scripts/make-import-fixtures'
import { ImportFileError } from '../../../src/main/import/limits'
import { readWorkbookTables } from '../../../src/main/import/workbook-table'
import { readXlsxFast } from '../../../src/main/import/xlsx-stream'

/** What an office's Excel writes: shared strings, rich text, custom date formats, booleans, formulas, escapes. */
async function excelLikeWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.created = new Date(Date.UTC(2026, 10, 20, 2, 30))
  const ws = wb.addWorksheet('校友 & 企业')
  ws.addRow(['姓名', '入职日期', '毕业日期', '手机', '是否校友', '备注', '公式', '单位'])
  ws.addRow(['张三', new Date(Date.UTC(2019, 4, 6)), 43591, 13807910001, true, 'A & B <c> "d" \'e\'', { formula: 'D2+1', result: 13807910002 }, { formula: 'VLOOKUP(A2,X!A:B,2,0)', result: { error: '#N/A' } }])
  ws.addRow([{ richText: [{ text: '李', font: { bold: true } }, { text: '四' }] }, null, 43592, '+86 138 0791 0003', false, '第一行\r\n第二行', { formula: 'A2&"x"', result: '张三x' }])
  ws.addRow([])
  ws.addRow(['王五', null, null, null, null, '  前后空格  ', null])
  ws.getColumn(2).numFmt = 'yyyy"年"m"月"d"日"'
  ws.getCell('C2').numFmt = 'yyyy/m/d'
  ws.getCell('C3').numFmt = '0.00'
  ws.mergeCells('F5:G5')
  const other = wb.addWorksheet('2019届')
  other.addRow(['姓名', '手机'])
  other.addRow(['赵六', 13907910011])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function same(bytes: Buffer): Promise<void> {
  const fast = await readXlsxFast(bytes)
  expect(fast).not.toBeNull()
  expect(fast).toEqual(readWorkbookTables(bytes))
}

describe('the fast .xlsx reader reads what SheetJS reads', () => {
  for (const [name, make] of Object.entries({
    titled: F.titledAlumniWorkbook,
    classYears: F.classYearWorkbook,
    dates1904: F.workbook1904,
    formulas: F.formulaWorkbook,
    officeClassList: F.officeClassList,
    graduateSheets: F.graduateSheets,
    hiddenColumn: () => F.xlsx({ sheets: [{ name: 'S', rows: [['姓名', '身份证号', '手机', '辅助列'], ['张三', '360102199001011234', 13800000001, 'x']], hiddenColumns: [1, 3, 9] }] }),
    wholeSheetValidation: F.wholeSheetValidation,
    definedNames: F.hugeDefinedNames,
  })) {
    it(`${name} (inline strings)`, () => same(make()))
  }

  it('a workbook written the way Excel writes one (shared strings, rich text, custom date formats, escapes)', async () => {
    const bytes = await excelLikeWorkbook()
    await same(bytes)
    const fast = await readXlsxFast(bytes)
    const rows = fast?.sheets[0].rows ?? []
    expect(rows[1].slice(0, 6)).toEqual(['张三', '2019-05-06', '2019-05-06', 13807910001, true, 'A & B <c> "d" \'e\''])
    // A formula's error is read as Excel shows it, for the import to name.
    expect(rows[1][7]).toBe('#N/A')
    expect(rows[2][0]).toBe('李四')
    expect(rows[2][2]).toBe(43592)
    expect(fast?.sheets.map((s) => s.name)).toEqual(['校友 & 企业', '2019届'])
  })

  it('names the columns a workbook hides, as Excel and WPS write them', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('S')
    ws.addRow(['姓名', '身份证号', '手机'])
    ws.addRow(['张三', '360102199001011234', 13800000001])
    ws.getColumn(2).hidden = true
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    await same(bytes)
    expect((await readXlsxFast(bytes))?.sheets[0].hiddenColumns).toEqual([1])
  })

  it('the benchmark directory with shared strings', () => {
    const rows = F.alumniRows()
    return same(F.xlsx({ sheets: [{ name: '校友名录', rows: [['序号', '姓名', '性别', '届别'], ...rows, ...rows] }], sharedStrings: true }))
  })

  it('a cell at XFD1048576 is refused by the column limit without reading a million rows', async () => {
    const err = await readXlsxFast(F.xlsxWithFarCell()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportFileError)
    expect((err as ImportFileError).code).toBe('tooManyColumns')
    expect((err as ImportFileError).message).toContain('XFD1048576')
  })

  it('steps aside for what it does not recognise, so SheetJS reads it', async () => {
    const strict = F.xlsx({ sheets: [{ name: 'S', rows: [['a']] }] })
    // A workbook part in another namespace (ISO strict) is not guessed at.
    const { zip } = F
    expect(await readXlsxFast(zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }]))).toBeNull()
    expect(await readXlsxFast(strict)).not.toBeNull()
  })
})
