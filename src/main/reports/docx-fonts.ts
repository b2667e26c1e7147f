// The Word font table (word/fontTable.xml) the docx package cannot write by
// itself: it only lists embedded fonts. Word reads a font's altName, panose
// number and character set to choose a substitute when the named font is not
// installed, so a report asking for 仿宋_GB2312 opens in 仿宋 on a stock Windows
// instead of in a Western font.

export interface FontEntry {
  name: string
  /** the font Word should use when `name` is not installed */
  altName?: string
  /** PANOSE-1 classification, 20 hex digits: what the font looks like */
  panose: string
  /** 86 = GB2312 (simplified Chinese), 00 = ANSI */
  charset: '86' | '00'
  family: 'roman' | 'swiss' | 'modern' | 'auto'
  pitch: 'variable' | 'fixed'
}

export const FONT_TABLE: Record<string, FontEntry> = {
  'Times New Roman': { name: 'Times New Roman', panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
  Calibri: { name: 'Calibri', panose: '020F0502020204030204', charset: '00', family: 'swiss', pitch: 'variable' },
  宋体: { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  黑体: { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋: { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体: { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋_GB2312: { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体_GB2312: { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  // No Windows ships 小标宋; 宋体 is the nearest face every machine has.
  方正小标宋简体: { name: '方正小标宋简体', altName: '宋体', panose: '02000000000000000000', charset: '86', family: 'auto', pitch: 'variable' },
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** word/fontTable.xml listing `names` (unknown names are listed by name only). */
export function fontTableXml(names: readonly string[]): string {
  const fonts = [...new Set(names)].map((n) => {
    const f = FONT_TABLE[n]
    if (!f) return `<w:font w:name="${escapeXml(n)}"/>`
    return (
      `<w:font w:name="${escapeXml(f.name)}">` +
      (f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : '') +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
      `</w:font>`
    )
  })
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts.join('') +
    '</w:fonts>'
  )
}

/** The override the docx Packer takes to replace its (empty) font table. */
export function fontTableOverride(names: readonly string[]): { path: string; data: string } {
  return { path: 'word/fontTable.xml', data: fontTableXml(names) }
}
