// exceljs cannot write quotePrefix, the flag Excel sets when someone types a
// leading apostrophe: with it, text such as "=1+1" or "-5 positions" stays text
// even after the cell is edited. xlsx-table.ts gives such cells the built-in
// Text format (numFmtId 49); here every cell style with that format gains
// quotePrefix in the finished package. Used on buffered workbooks; streamed
// registers keep the Text format alone, which also keeps an edit as text.
import type JSZipType from 'jszip'

let jszip: Promise<typeof JSZipType> | null = null
function loadZip(): Promise<typeof JSZipType> {
  jszip ??= import('jszip').then((m) => (m as unknown as { default?: typeof JSZipType }).default ?? (m as unknown as typeof JSZipType))
  return jszip
}

/** Adds quotePrefix="1" to the cell formats (cellXfs) that use the Text number format. */
export function quotePrefixStyles(stylesXml: string): string {
  return stylesXml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (block) =>
    block.replace(/<xf\b([^>]*?)(\/?)>/g, (xf, attrs: string, selfClose: string) =>
      /\bnumFmtId="49"/.test(attrs) && !/\bquotePrefix=/.test(attrs) ? `<xf${attrs} quotePrefix="1"${selfClose}>` : xf,
    ),
  )
}

export async function withQuotePrefix(xlsx: Buffer): Promise<Buffer> {
  const JSZip = await loadZip()
  const zip = await JSZip.loadAsync(xlsx)
  const file = zip.file('xl/styles.xml')
  if (!file) return xlsx
  const styles = await file.async('string')
  const marked = quotePrefixStyles(styles)
  if (marked === styles) return xlsx
  zip.file('xl/styles.xml', marked)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
