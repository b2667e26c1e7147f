// Rewrites one XML part of a finished OOXML package (an .xlsx or a .docx), for
// the few things the writers cannot say themselves: quotePrefix in a workbook's
// styles, a paragraph that leaves the document grid in Word.
import type JSZipType from 'jszip'

let jszip: Promise<typeof JSZipType> | null = null
function loadZip(): Promise<typeof JSZipType> {
  jszip ??= import('jszip').then((m) => (m as unknown as { default?: typeof JSZipType }).default ?? (m as unknown as typeof JSZipType))
  return jszip
}

/** The package with `path` passed through `edit`; the same bytes when the part is missing or unchanged. */
export async function rewritePart(pkg: Buffer, path: string, edit: (xml: string) => string): Promise<Buffer> {
  const JSZip = await loadZip()
  const zip = await JSZip.loadAsync(pkg)
  const file = zip.file(path)
  if (!file) return pkg
  const xml = await file.async('string')
  const changed = edit(xml)
  if (changed === xml) return pkg
  zip.file(path, changed)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
