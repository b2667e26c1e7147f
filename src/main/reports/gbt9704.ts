// Page and type of a Chinese official document (GB/T 9704-2012, 党政机关公文格式),
// which a school office's reports are expected to follow. Values are in the
// units Word stores: twips (1/20 pt) for lengths, half-points for font sizes.

/** 1 mm in twips (1440 per inch / 25.4). */
export const TWIPS_PER_MM = 56.7
export const mm = (n: number): number => Math.round(n * TWIPS_PER_MM)

/** A4, 210 x 297 mm. */
export const A4 = { width: 11906, height: 16838 } as const

export const GBT9704 = {
  // 天头 37 mm, 订口 28 mm: the text block is 156 x 225 mm.
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  // The page number sits about 7 mm below the text block (35 mm - 7 mm - one 14 pt line).
  footer: mm(23),
  header: mm(15),
  size: {
    title: 44, // 二号, 22 pt
    heading: 32, // 三号, 16 pt
    body: 32, // 三号, 16 pt
    pageNumber: 28, // 四号, 14 pt
  },
  // 22 lines on the 225 mm text block (12,756 twips): 579.8 twips a line; 579 keeps all 22 on the page.
  line: 579,
  /**
   * 28 characters on the 156 mm line (8,844 twips = 442.2 pt): a 16 pt character set 0.25 pt
   * (5 twips) tighter is 15.75 pt, and 28 of them take 441 pt while a 29th would not fit.
   */
  tracking: -5,
  charsPerLine: 28,
  linesPerPage: 22,
  /** first-line indent of two characters, in hundredths of a character */
  firstLineChars: 200,
  /** the same in twips at 16 pt, for programs that ignore character units */
  firstLine: 640,
} as const

/**
 * The fonts GB/T 9704 names. Offices that have the GB2312 cuts installed get
 * exactly them; elsewhere Word follows `altName` in the font table (see
 * docx-fonts.ts) to the cut every Chinese Windows ships (仿宋, 楷体), WPS
 * substitutes by itself, and LibreOffice falls back to any CJK font.
 */
export const GBT9704_FONTS = {
  title: '方正小标宋简体', // 标题: 2号小标宋体
  heading1: '黑体', // 一级标题 "一、": 3号黑体
  heading2: '楷体_GB2312', // 二级标题 "（一）": 3号楷体
  body: '仿宋_GB2312', // 正文与三级标题 "1.": 3号仿宋 (三级加粗)
  pageNumber: '宋体', // 页码: 4号半角宋体
  latin: 'Times New Roman', // digits and Latin letters
} as const
