// exceljs cannot write quotePrefix, the flag Excel sets when someone types a
// leading apostrophe: with it, text such as "=1+1" or "-5 positions" stays text
// even after the cell is edited. xlsx-table.ts gives such cells the built-in
// Text format (numFmtId 49); here every cell style with that format gains
// quotePrefix in the finished package. Used on buffered workbooks; streamed
// registers keep the Text format alone, which also keeps an edit as text.
import { rewritePart } from './zip-part'

/** Adds quotePrefix="1" to the cell formats (cellXfs) that use the Text number format. */
export function quotePrefixStyles(stylesXml: string): string {
  return stylesXml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (block) =>
    block.replace(/<xf\b([^>]*?)(\/?)>/g, (xf, attrs: string, selfClose: string) =>
      /\bnumFmtId="49"/.test(attrs) && !/\bquotePrefix=/.test(attrs) ? `<xf${attrs} quotePrefix="1"${selfClose}>` : xf,
    ),
  )
}

export function withQuotePrefix(xlsx: Buffer): Promise<Buffer> {
  return rewritePart(xlsx, 'xl/styles.xml', quotePrefixStyles)
}
