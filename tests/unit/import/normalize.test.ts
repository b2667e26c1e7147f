// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { detectDateOrder, normClassYear, normDate, normEmail, normLines, normPhone, normText } from '../../../src/main/import/normalize'

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }) => (r.ok ? r.value : `ERROR: ${r.error}`)

describe('normText', () => {
  it('applies NFKC, the ideographic space included, and trims', () => {
    expect(normText('\u3000张三\u3000')).toBe('张三')
    expect(normText('ＡＢＣ１２３')).toBe('ABC123')
    expect(normText('南昌  大学')).toBe('南昌 大学')
    expect(normText(13800138000)).toBe('13800138000')
    expect(normText(null)).toBe('')
  })
})

describe('normLines', () => {
  it("keeps a note's lines (Alt+Enter in Excel), each normalised, and drops empty ones", () => {
    expect(normLines('已调离，\r\n\r\n  去向不明 ')).toBe('已调离,\n去向不明')
    expect(normLines('一行　文字')).toBe('一行 文字')
    expect(normLines(2015)).toBe('2015')
  })
})

describe('normPhone', () => {
  it.each([
    [13812345678, '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['０７９１－８３９６９１２３', '079183969123'],
    ['(0791) 8396 9123', '079183969123'],
    ['', ''],
    [null, ''],
  ])('%s -> %s', (input, expected) => {
    expect(value(normPhone(input))).toBe(expected)
  })

  it('refuses a number that lost digits to scientific notation, and says so', () => {
    const r = normPhone('1.38E+10')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/scientific notation/)
  })

  it('refuses what is not a phone number, naming the value', () => {
    const r = normPhone('见备注')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain('见备注')
    expect(normPhone(1381234.5).ok).toBe(false)
  })

  it('keeps the first of several numbers and warns about the rest', () => {
    const r = normPhone('13812345678/13987654321')
    expect(r).toMatchObject({ ok: true, value: '13812345678' })
    expect(r.ok && r.warning).toMatch(/13987654321/)
  })

  it.each([
    ['手机：13812345678', '13812345678', null],
    ['Tel: +86 138 1234 5678', '13812345678', null],
    ['电话0791-83969123', '079183969123', null],
    ['13812345678（微信同号）', '13812345678', '(微信同号)'],
    ['13812345678 微信同号', '13812345678', '微信同号'],
    ['0791-83969123转8001', '079183969123', '转8001'],
    ['0791-8396 9123 ext. 8001', '079183969123', 'ext. 8001'],
  ])('takes the number out of a labelled or annotated cell: %s -> %s', (input, expected, note) => {
    const r = normPhone(input)
    expect(r).toMatchObject({ ok: true, value: expected })
    // What was left out is named, so the user can put it in the notes.
    if (note === null) expect(r.ok && r.warning).toBeFalsy()
    else expect(r.ok && r.warning).toContain(note)
  })

  it('still refuses a cell whose text is not around a number', () => {
    expect(normPhone('见备注').ok).toBe(false)
    expect(normPhone('微信同号').ok).toBe(false)
    expect(normPhone('138abc5678').ok).toBe(false)
  })

  it('splits numbers one per line, and two whole numbers with one space, but not a number written in groups', () => {
    expect(normPhone('13812345678\n13987654321')).toMatchObject({ ok: true, value: '13812345678', warningFound: { code: 'phoneFirstKept', params: { rest: '13987654321' } } })
    expect(normPhone('13812345678 13987654321')).toMatchObject({ ok: true, value: '13812345678', warningFound: { code: 'phoneFirstKept' } })
    expect(normPhone('0791 83969123')).toEqual({ ok: true, value: '079183969123' })
    expect(normPhone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' })
    // A mobile and a landline with its dash, as one line.
    expect(normPhone('13800000008 0791-83969999')).toMatchObject({ ok: true, value: '13800000008', warningFound: { code: 'phoneFirstKept', params: { rest: '0791-83969999' } } })
  })

  it('takes the mobile of a landline and a mobile in one cell', () => {
    expect(normPhone('0797-8312001/13907970201')).toMatchObject({ ok: true, value: '13907970201', warningFound: { code: 'phoneFirstKept', params: { rest: '0797-8312001' } } })
    expect(normPhone('13907970201/0797-8312001')).toMatchObject({ ok: true, value: '13907970201' })
    // Labelled numbers on one line, each after the other.
    expect(normPhone('电话：0791-88888888 手机：13800138000')).toMatchObject({ ok: true, value: '13800138000', warningFound: { code: 'phoneFirstKept', params: { rest: '电话:0791-88888888' } } })
    expect(normPhone('办公电话0791-88888888手机13800138000')).toMatchObject({ ok: true, value: '13800138000' })
    expect(normPhone('Tel: 0791-88888888 Mobile: 13800138000')).toMatchObject({ ok: true, value: '13800138000' })
  })

  it("flags a landline whose leading 0 a CSV lost, and nothing that is a whole number", () => {
    expect(normPhone('79188888888')).toMatchObject({ ok: true, value: '79188888888', warningFound: { code: 'landlineNoZero' } })
    expect(normPhone('7918888888')).toMatchObject({ ok: true, warningFound: { code: 'landlineNoZero' } })
    for (const whole of ['13800138000', '079188888888', '88888888', '0791-88888888', '+85291234567']) expect(normPhone(whole), whole).not.toHaveProperty('warningFound')
  })

  it("keeps a landline's extension out of the number, and names it", () => {
    for (const cell of ['0791-83969999-8001', '0791-83969999(8001)', '0791-83969999（8001）', '0791-83969999转8001']) {
      expect(normPhone(cell), cell).toMatchObject({ ok: true, value: '079183969999', warningFound: { code: 'phoneNoteLeft' } })
    }
    // A mobile written in groups with dashes is one number, not a number and an extension.
    expect(normPhone('138-1234-5678')).toEqual({ ok: true, value: '13812345678' })
    expect(normPhone('010-12345678')).toEqual({ ok: true, value: '01012345678' })
  })

  it("keeps another country's number with its code", () => {
    expect(value(normPhone('+852 9123 4567'))).toBe('+85291234567')
    expect(value(normPhone('001-650-555-1234'))).toBe('+16505551234')
    expect(value(normPhone('+86 138 1234 5678'))).toBe('13812345678')
  })

  it('warns that a landline stored as a number may have lost its leading 0', () => {
    const r = normPhone(79183969123)
    expect(r.ok && r.warning).toMatch(/leading 0/)
  })
})

describe('normDate', () => {
  it.each([
    ['2019-05-06', '2019-05-06'],
    ['2019/5/6', '2019-05-06'],
    ['2019.5.6', '2019-05-06'],
    ['2019年5月6日', '2019-05-06'],
    ['２０１９年５月６日', '2019-05-06'],
    ['20190506', '2019-05-06'],
    [20190506, '2019-05-06'],
    [43591, '2019-05-06'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    ['2019-5', '2019-05'],
    ['2019年5月', '2019-05'],
    ['6/5/2019', 'ERROR'],
    ['25/12/2019', '2019-12-25'],
    ['12/25/2019', '2019-12-25'],
  ])('%s -> %s', (input, expected) => {
    const r = normDate(input)
    if (expected === 'ERROR') expect(r.ok).toBe(false)
    else expect(r.ok && r.value?.iso).toBe(expected)
  })

  it('reads serial numbers on the 1904 system when the workbook says so', () => {
    expect(normDate(42129, { date1904: true })).toMatchObject({ ok: true, value: { iso: '2019-05-06' } })
    expect(normDate(42129)).toMatchObject({ ok: true, value: { iso: '2015-05-05' } })
  })

  it('never swaps day and month silently: an ambiguous value needs the column order', () => {
    const r = normDate('05/06/2019')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/day\/month or month\/day/)
    expect(normDate('05/06/2019', { order: 'dmy' })).toMatchObject({ value: { iso: '2019-06-05' } })
    expect(normDate('05/06/2019', { order: 'mdy' })).toMatchObject({ value: { iso: '2019-05-06' } })
  })

  it('refuses days that are not in the calendar', () => {
    expect(normDate('2019-02-30').ok).toBe(false)
    expect(normDate('2019-13-01').ok).toBe(false)
    expect(normDate(60).ok).toBe(false)
    expect(normDate('下周一').ok).toBe(false)
  })

  it('chooses the day/month order per column from the values that decide it', () => {
    expect(detectDateOrder(['05/06/2019', '25/06/2019'])).toBe('dmy')
    expect(detectDateOrder(['05/06/2019', '06/25/2019'])).toBe('mdy')
    expect(detectDateOrder(['05/06/2019', '06/05/2019'])).toBeNull()
    expect(detectDateOrder(['25/06/2019', '06/25/2019'])).toBeNull()
  })
})

describe('normClassYear', () => {
  it.each([
    ['2019届', 2019],
    ['19届', 2019],
    ['2019级', 2019],
    ['98级', 1998],
    ['２０１９届', 2019],
    [2019, 2019],
    ['2019年', 2019],
    ['2019-06', 2019],
    // A graduation date: ambiguous as a day (5 June or 6 May), never as a year.
    ['05/06/2019', 2019],
    ['30/6/2019', 2019],
    ['2019年6月30日', 2019],
    // "2015.07" and "2015.10" typed into a General cell are the numbers 2015.07 and 2015.1.
    [2015.07, 2015],
    [2015.1, 2015],
    ['2015.07', 2015],
    ['15', 2015],
    [15, 2015],
    ['Class of 2015', 2015],
    ['2019/6/30 0:00:00', 2019],
    ['2020-06-30 00:00:00', 2020],
    ['2015届（本科）', 2015],
    ['2015年6月毕业', 2015],
    ['', null],
  ])('%s -> %s', (input, expected) => {
    expect(value(normClassYear(input))).toBe(expected)
  })
  it('takes the year from a cell that says more, and names what it left out', () => {
    expect(normClassYear('2015届硕士')).toMatchObject({ ok: true, value: 2015, warningFound: { code: 'classYearNoteLeft', params: { note: '硕士' } } })
    expect(normClassYear('本科2015届')).toMatchObject({ ok: true, value: 2015, warningFound: { params: { note: '本科' } } })
    expect(normClassYear('2015届毕业生')).toEqual({ ok: true, value: 2015 })
    expect(normClassYear('2015年毕业')).toEqual({ ok: true, value: 2015 })
  })
  it('reads years of study as the class of the year they end, and says so', () => {
    expect(normClassYear('2011-2015')).toMatchObject({ ok: true, value: 2015, warningFound: { code: 'classYearFromRange' } })
    expect(normClassYear('2011.09—2015.06')).toMatchObject({ ok: true, value: 2015 })
    expect(normClassYear('2011～2015')).toMatchObject({ ok: true, value: 2015 })
    // Not a span of study: refused rather than guessed.
    expect(normClassYear('2015-2011').ok).toBe(false)
    expect(normClassYear('1990-2015').ok).toBe(false)
  })
  it('reads a date pasted as its serial number, and says which date', () => {
    expect(normClassYear(42186)).toMatchObject({ ok: true, value: 2015, warningFound: { code: 'classYearFromSerial', params: { value: 42186, date: '2015-07-01' } } })
  })
  it('says that 2015级 is, strictly, the year of entry', () => {
    expect(normClassYear('2015级')).toMatchObject({ ok: true, value: 2015, warningFound: { code: 'classYearEntering', params: { value: 2015 } } })
    expect(normClassYear('15级')).toMatchObject({ ok: true, value: 2015, warningFound: { code: 'classYearEntering' } })
    expect(normClassYear('2015届').ok && normClassYear('2015届')).not.toHaveProperty('warningFound')
  })
  it('refuses what is not a year', () => {
    expect(normClassYear('研究生').ok).toBe(false)
    expect(normClassYear(1850).ok).toBe(false)
    expect(normClassYear('31/31/2019').ok).toBe(false)
  })
})

describe('normEmail', () => {
  it('normalises full-width characters and the domain case', () => {
    expect(value(normEmail('ｚｈａｎｇ＠QQ.COM'))).toBe('zhang@qq.com')
    expect(normEmail('zhang.qq.com').ok).toBe(false)
  })
  it('keeps the first of several addresses and warns; takes a mailto link; refuses a broken domain', () => {
    expect(normEmail('a@qq.com; b@163.com')).toMatchObject({ ok: true, value: 'a@qq.com', warningFound: { code: 'emailFirstKept', params: { rest: 'b@163.com' } } })
    expect(normEmail('mailto:A@QQ.com')).toEqual({ ok: true, value: 'A@qq.com' })
    expect(normEmail('zhang@qq,com').ok).toBe(false)
    expect(normEmail('zhang@qq').ok).toBe(false)
    expect(normEmail('a@qq.com 见备注').ok).toBe(false)
  })
})
