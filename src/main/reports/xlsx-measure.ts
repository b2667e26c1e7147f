// How wide a column must be and how tall a wrapped row is, for every generated
// workbook. Two different readers matter:
//  - Column widths are what Excel and WPS show: a width unit is the digit width
//    of the workbook's normal font (Calibri 11: 7 px = 5.25 pt). A width must
//    hold each word of the header and the values whole ("Afternoon", never
//    "Afternoo|n"), in the report's language.
//  - Row heights. A row written without customHeight is an automatic row: Excel
//    and WPS fit it to its text when they lay the sheet out, and LibreOffice
//    refits it in the window. LibreOffice's headless PDF conversion, though,
//    prints the height stored in the file (measured: a row without one stays one
//    line tall and its text runs over the next rows). So every wrapped row stores
//    the height LibreOffice needs, measured with the metrics of the fonts it falls
//    back to (DejaVu Sans for Calibri and 宋体, WenQuanYi Zen Hei for Chinese),
//    and leaves customHeight out, so every application is free to refit it.

/** DejaVu Sans advance widths of U+0020–U+007E, in hundredths of an em (read from the font's hmtx table). */
const REGULAR = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53,
  100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50,
  50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
]
/** DejaVu Sans Bold, the same range. */
const BOLD = [
  35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 58,
  100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50,
  50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
]
/** Any other narrow character (accented Latin, Greek, symbols): about an uppercase letter. */
const OTHER_NARROW = 72

/** Characters set a full em wide: CJK, kana, hangul, full-width forms. */
export function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  )
}

/** Advance of one character in ems. */
function advance(code: number, bold: boolean): number {
  if (code >= 0x20 && code <= 0x7e) return (bold ? BOLD : REGULAR)[code - 0x20] / 100
  return isWide(code) ? 1 : OTHER_NARROW / 100
}

/** Width of a text in points at a font size. */
export function textPoints(s: string, size: number, bold = false): number {
  let em = 0
  for (const ch of s) em += advance(ch.codePointAt(0) ?? 0, bold)
  return em * size
}

// ------------------------------------------------------------ column widths

/**
 * Points per width unit used to size columns. Excel's unit is 5.25 pt (Calibri 11);
 * a Latin text is measured with DejaVu's advances, which run about 12% wider than
 * Calibri's, against a slightly larger unit, so a word sized here fits Excel,
 * WPS (宋体 Latin is narrower still) and LibreOffice (whose unit on a machine
 * without Calibri is DejaVu's 7 pt digit) alike.
 */
const LATIN_POINTS_PER_UNIT = 5.6
/** A Chinese character at 10 pt takes 1.9 Excel units; 2 leaves the cell's padding. */
const WIDE_UNITS = 2
/** The cell's own padding and gridline, in units. */
const PADDING_UNITS = 1

/** Width units one line of text takes at 10 pt. */
export function textUnits(s: string, bold = false): number {
  let units = 0
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0
    units += isWide(code) ? WIDE_UNITS : (advance(code, bold) * 10) / LATIN_POINTS_PER_UNIT
  }
  return units
}

/** Runs of Latin text between spaces; each Chinese character stands alone (a line may break between any two). */
export function words(s: string): string[] {
  return s.match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/gu) ?? []
}

export interface WidthLimits {
  /** narrowest (default 4) */
  min?: number
  /** widest a column grows for long text, which then wraps (default 40) */
  max?: number
}

/** A word longer than this (a URL) may break rather than widen its column further. */
const LONGEST_WORD = 60

/**
 * The width of a column from its header and the texts it will show, in the
 * report's language: wide enough for its longest line up to `max` (longer text
 * wraps), never narrower than any whole word of its header or values, and the
 * header on at most two lines.
 */
export function fitColumnWidth(header: string, texts: Iterable<string>, limits: WidthLimits = {}): number {
  const min = limits.min ?? 4
  const max = limits.max ?? 40
  let longestWord = 0
  let longestLine = 0
  const headerWords = words(header)
  for (const w of headerWords) longestWord = Math.max(longestWord, textUnits(w, true))
  // A header may take two lines, split between words.
  const headerLine = Math.max(longestWord, headerTwoLines(headerWords))
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const u = textUnits(line)
      if (u > longestLine) longestLine = u
      // Only a line wider than the column can break inside a word; most lines are short.
      if (u + PADDING_UNITS > min) for (const w of words(line)) longestWord = Math.max(longestWord, textUnits(w))
    }
  }
  const wanted = Math.min(Math.max(headerLine, longestLine), max)
  const width = Math.max(wanted, Math.min(longestWord, LONGEST_WORD)) + PADDING_UNITS
  return Math.ceil(Math.max(min, width) * 4) / 4
}

/** A Chinese header this short stays on one line: "岗位名/称" reads badly. */
const SHORT_HEADER_CHARS = 5

/** The wider of the two lines a header broken at its best word boundary takes. */
function headerTwoLines(ws: string[]): number {
  if (ws.length === 0) return 0
  if (ws.length <= SHORT_HEADER_CHARS && ws.every((w) => isWide(w.codePointAt(0) ?? 0))) return textUnits(ws.join(''), true)
  const widths = ws.map((w) => textUnits(w, true))
  const space = textUnits(' ', true)
  const joined = (from: number, to: number) => {
    let u = 0
    for (let i = from; i < to; i++) u += widths[i] + (i > from && !isWide(ws[i].codePointAt(0) ?? 0) ? space : 0)
    return u
  }
  let best = joined(0, ws.length)
  for (let cut = 1; cut < ws.length; cut++) best = Math.min(best, Math.max(joined(0, cut), joined(cut, ws.length)))
  return best
}

// ------------------------------------------------------------ row heights

/** LibreOffice's width unit where Calibri is missing: DejaVu Sans 11's digit, 0.636 em. */
const LO_POINTS_PER_UNIT = 7
/**
 * Cell margins and gridline, in points: read off the PDF, a 25-unit column holds a
 * 170.6 pt line and a 22-unit one 150 pt of Chinese but not 160.
 */
const LO_PADDING = 4
/**
 * Line pitch per point of font size, as measured in LibreOffice's PDF: 1.172 em
 * with DejaVu Sans, 1.27 em for a line with Chinese (WenQuanYi Zen Hei).
 */
const LATIN_PITCH = 1.18
const WIDE_PITCH = 1.28
/**
 * The space above the first line (about 2.8 pt) and below the last: LibreOffice
 * hides a whole last line that would reach past the row's bottom edge.
 */
const ROW_PADDING = 5
/** Excel's tallest row. */
export const MAX_ROW_HEIGHT = 409

/**
 * What a line may break between: a run of spaces, one Chinese character, a word
 * up to and including its hyphens ("university-" then "enterprise", as LibreOffice
 * breaks them), or the rest of a word.
 */
const LINE_TOKENS = /\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\-\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+-+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/gu

/**
 * Lines a text takes when wrapped in a column `width` units wide, breaking as
 * LibreOffice does: at spaces, after a hyphen inside a word, and between any
 * two Chinese characters; a word wider than the line breaks where it must.
 */
export function wrappedLines(text: string, width: number, size = 10, bold = false): { lines: number; wide: boolean } {
  const room = Math.max(size, width * LO_POINTS_PER_UNIT - LO_PADDING)
  let lines = 0
  let wide = false
  for (const para of text.split('\n')) {
    lines += 1
    let x = 0
    for (const token of para.match(LINE_TOKENS) ?? []) {
      const w = textPoints(token, size, bold)
      if (/^\s/.test(token)) {
        // A space at the end of a line is not carried to the next.
        x += w
        continue
      }
      if (isWide(token.codePointAt(0) ?? 0)) wide = true
      if (x > 0 && x + w > room) {
        lines += 1
        x = 0
      }
      if (w <= room) {
        x += w
        continue
      }
      // A word wider than the line: broken by characters.
      for (const ch of token) {
        const cw = textPoints(ch, size, bold)
        if (x > 0 && x + cw > room) {
          lines += 1
          x = 0
        }
        x += cw
      }
    }
  }
  return { lines, wide }
}

/** The height in points of `lines` lines at a font size. */
export function linesHeight(lines: number, size: number, wide: boolean): number {
  return Math.min(MAX_ROW_HEIGHT, Math.ceil((lines * size * (wide ? WIDE_PITCH : LATIN_PITCH) + ROW_PADDING) * 4) / 4)
}

export interface MeasuredCell {
  text: string
  width: number
}

/**
 * The height a row of wrapped cells needs, or undefined when every cell fits
 * on one line (the sheet's default height then serves).
 */
export function wrappedRowHeight(cells: Iterable<MeasuredCell>, size = 10, bold = false): number | undefined {
  let tallest: number | undefined
  for (const { text, width } of cells) {
    // Fast path for the common short cell: even all full-width it fits on one line.
    if (text.length * size <= width * LO_POINTS_PER_UNIT - LO_PADDING && !text.includes('\n')) continue
    const m = wrappedLines(text, width, size, bold)
    if (m.lines > 1) tallest = Math.max(tallest ?? 0, linesHeight(m.lines, size, m.wide))
  }
  return tallest
}
