// @vitest-environment node
// The measures behind every workbook's column widths and row heights. The
// figures asserted here were read off LibreOffice's PDF of the sample trip on
// the build machine (DejaVu Sans and WenQuanYi Zen Hei standing in for Calibri
// and 宋体): a 35-unit column holds 24 Chinese characters of 10 pt a line, and a
// line of Latin text takes 11.72 pt, one with Chinese 12.7 pt.
import { describe, expect, it } from 'vitest'
import { fitColumnWidth, linesHeight, textUnits, words, wrappedLines, wrappedRowHeight } from '../../../src/main/reports/xlsx-measure'

describe('column widths', () => {
  it('counts a Chinese character as two units and a Latin letter as about one', () => {
    expect(textUnits('上午')).toBe(4)
    expect(textUnits('Afternoon')).toBeGreaterThan(8)
    expect(textUnits('Afternoon')).toBeLessThan(11)
    // Narrow and wide letters differ, as they do on the page.
    expect(textUnits('iiii')).toBeLessThan(textUnits('MMMM') / 2)
  })

  it('splits text into Latin words and single Chinese characters (a line may break between any two)', () => {
    expect(words('Visit to 上海 Co., Ltd.')).toEqual(['Visit', 'to', '上', '海', 'Co.,', 'Ltd.'])
  })

  it('sizes a column per language from its header and values: English words whole, Chinese narrower', () => {
    const en = fitColumnWidth('Period', ['Morning', 'Afternoon'], { max: 7 })
    const zh = fitColumnWidth('时段', ['上午', '下午'], { max: 7 })
    // "Afternoo|n" never: the longest word fits with the cell's padding, even past `max`.
    expect(en).toBeGreaterThanOrEqual(textUnits('Afternoon') + 1)
    expect(zh).toBeLessThan(en)
    expect(zh).toBeGreaterThanOrEqual(textUnits('上午') + 1)
  })

  it('lets long text wrap at `max`, but never narrower than its longest word', () => {
    const long = 'Positive intention reached on recruiting graduates of Nanchang University, especially of the School of Resources'
    expect(fitColumnWidth('Outcomes', [long], { max: 34 })).toBe(35)
    expect(fitColumnWidth('Outcomes', ['short'], { max: 34 })).toBeLessThan(12)
    // A URL longer than any column may break rather than stretch the sheet.
    expect(fitColumnWidth('Website', ['https://example.com/' + 'a'.repeat(200)], { max: 20 })).toBeLessThanOrEqual(61)
  })

  it('keeps the header on at most two lines, split between words, and a short Chinese header on one', () => {
    const w = fitColumnWidth('Positions offered', ['12'], { max: 30 })
    expect(w).toBeGreaterThanOrEqual(textUnits('Positions', true) + 1)
    expect(w).toBeLessThan(textUnits('Positions offered', true))
    expect(fitColumnWidth('岗位名称', [], { max: 30 })).toBeGreaterThanOrEqual(textUnits('岗位名称', true) + 1)
  })

  it('stays within its bounds for empty columns', () => {
    expect(fitColumnWidth('', [], { min: 6 })).toBe(6)
  })
})

describe('row heights (what LibreOffice prints)', () => {
  it('fits 24 Chinese characters of 10 pt on a line of a 35-unit column, as LibreOffice sets them', () => {
    expect(wrappedLines('一'.repeat(24), 35).lines).toBe(1)
    expect(wrappedLines('一'.repeat(25), 35).lines).toBe(2)
    expect(wrappedLines('一'.repeat(48), 35).lines).toBe(2)
    expect(wrappedLines('一'.repeat(49), 35)).toEqual({ lines: 3, wide: true })
  })

  it('breaks Latin text between words, never inside one that fits a line, and counts typed line breaks', () => {
    // 'aaaa bbbb' fits one 12-unit line (79 pt of room); a third word goes to the next line whole.
    expect(wrappedLines('aaaa bbbb', 12)).toEqual({ lines: 1, wide: false })
    expect(wrappedLines('aaaa bbbb cccccccc', 12).lines).toBe(2)
    expect(wrappedLines('a\nb\n\nc', 40).lines).toBe(4)
    // After a hyphen, as LibreOffice breaks "university-|enterprise".
    expect(wrappedLines('aaaa-bbbb', 8).lines).toBe(2)
    expect(wrappedLines('aaaa-bbbb', 12).lines).toBe(1)
    // A word wider than the line breaks where it must.
    expect(wrappedLines('x'.repeat(60), 12).lines).toBeGreaterThan(2)
  })

  it('gives each line the pitch measured in LibreOffice, with room above and below', () => {
    expect(linesHeight(8, 10, false)).toBeGreaterThanOrEqual(8 * 11.72 + 3)
    expect(linesHeight(4, 10, true)).toBeGreaterThanOrEqual(4 * 12.7 + 3)
    // …and not the double height that pushed sheets onto extra pages.
    expect(linesHeight(8, 10, false)).toBeLessThan(9 * 11.72)
    expect(linesHeight(100, 10, false)).toBe(409)
  })

  it('leaves a row whose cells all fit one line at the default height', () => {
    expect(wrappedRowHeight([{ text: '上海', width: 8 }, { text: 'Afternoon', width: 12 }])).toBeUndefined()
    expect(wrappedRowHeight([{ text: '上海', width: 8 }, { text: '一'.repeat(30), width: 35 }])).toBe(linesHeight(2, 10, true))
  })
})
