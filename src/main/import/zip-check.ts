import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import { ImportFileError, LIMITS } from './limits'

function open(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('no zip'))
      else resolve(zip)
    })
  })
}

function entries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const out: Entry[] = []
    zip.on('entry', (e: Entry) => {
      out.push(e)
      if (out.length > LIMITS.zipEntries) {
        zip.close()
        reject(new ImportFileError('zipBomb', `The workbook holds more than ${LIMITS.zipEntries} parts; a spreadsheet has a few dozen. It was not opened.`))
        return
      }
      zip.readEntry()
    })
    zip.on('end', () => resolve(out))
    zip.on('error', reject)
    zip.readEntry()
  })
}

/**
 * Reads only the zip's central directory (nothing is inflated) and refuses what
 * a workbook from Excel or WPS never looks like: too many parts, too much
 * inflated data, absurd compression ratios, encryption, missing workbook parts.
 */
export async function checkZip(bytes: Buffer): Promise<void> {
  let list: Entry[]
  try {
    list = await entries(await open(bytes))
  } catch (err) {
    if (err instanceof ImportFileError) throw err
    throw new ImportFileError('damaged', 'The workbook is damaged or incomplete (its zip directory cannot be read). Open it in Excel or WPS, save it again and re-import.')
  }
  let total = 0
  const names = new Set<string>()
  for (const e of list) {
    names.add(e.fileName.replace(/^\/+/, '').toLowerCase())
    if (e.isEncrypted()) throw new ImportFileError('passwordProtected', 'The workbook is encrypted. Remove the password in Excel or WPS, save and import again.')
    total += e.uncompressedSize
    if (e.uncompressedSize >= LIMITS.zipRatioMinBytes && e.uncompressedSize > LIMITS.zipRatio * Math.max(e.compressedSize, 1)) {
      throw new ImportFileError('zipBomb', `The part "${e.fileName}" would inflate ${Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1))} times its size, which no real spreadsheet does. It was not opened.`)
    }
    if (/^xl\/workbook\.xml$/i.test(e.fileName) && e.uncompressedSize > LIMITS.workbookPartBytes) {
      throw new ImportFileError('zipBomb', `The workbook's definitions (names, sheets) take ${Math.round(e.uncompressedSize / 1024 / 1024)} MB; a real workbook's take a few KB. It was not opened.`)
    }
  }
  if (total > LIMITS.zipTotalBytes) {
    throw new ImportFileError('zipBomb', `The workbook would inflate to ${Math.round(total / 1024 / 1024)} MB, more than the ${LIMITS.zipTotalBytes / 1024 / 1024} MB an import reads. It was not opened.`)
  }
  if (!names.has('[content_types].xml') || !(names.has('xl/workbook.xml') || names.has('xl/workbook.bin'))) {
    throw new ImportFileError('notSpreadsheet', 'The file is a zip archive but not an Excel workbook (it has no workbook part). Save it from Excel or WPS as .xlsx and import again.')
  }
}
