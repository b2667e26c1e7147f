import * as XLSX from '@e965/xlsx'
import { StringDecoder } from 'node:string_decoder'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import { fromSerial } from './normalize'
import type { Cell } from './normalize'
import { checkColumn, ImportFileError, LIMITS, tooManyRows } from './limits'
import { denseTable } from './workbook-table'
import type { Merge, SheetTable } from './workbook-table'

/**
 * The fast path for .xlsx: the zip's parts are inflated as streams and SpreadsheetML's cell grammar
 * (rows, cells, shared strings) is read with a few regular expressions, a row at a time. SheetJS
 * builds a whole object model first: 6–8 s and 500–700 MB for a 100,000-row directory, which alone
 * breaks the import's 10 s / 500 MB budget; this reads it in about a second with the rows as the
 * only large thing in memory.
 *
 * It reads only what an import needs (values, the date formats that turn numbers into dates, merged
 * cells, the 1904 flag, the creation date) and ignores everything else in the file, so data
 * validations and defined names cost nothing. Whatever it does not recognise (another namespace
 * spelling, a missing part) makes it step aside with `null`: SheetJS then reads the file, and it
 * stays the reader of record (tests compare the two on every fixture).
 */
export async function readXlsxFast(bytes: Buffer): Promise<{ sheets: SheetTable[]; date1904: boolean; created: string | null } | null> {
  const zip = await openZip(bytes)
  try {
    const entries = await listEntries(zip)
    const part = (name: string): Entry | undefined => entries.get(name.replace(/^\/+/, '').toLowerCase())
    const workbook = part('xl/workbook.xml')
    const rels = part('xl/_rels/workbook.xml.rels')
    if (!workbook || !rels) return null
    const wbXml = await inflate(zip, workbook)
    if (!/<(?:\w+:)?workbook\b[^>]*xmlns(?::\w+)?="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/.test(wbXml)) return null
    const sheetRefs = [...wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)].map((m) => attrs(m[1]))
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(wbXml)
    const targets = new Map(
      [...(await inflate(zip, rels)).matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)].map((m) => {
        const a = attrs(m[1])
        return [a.Id ?? '', a.Target ?? ''] as const
      }),
    )
    if (sheetRefs.length === 0) return null
    if (sheetRefs.length > LIMITS.sheets) throw new ImportFileError('tooManySheets', `The workbook has ${sheetRefs.length} sheets; an import reads at most ${LIMITS.sheets}.`)
    const styles = part('xl/styles.xml')
    const dateStyles = styles ? dateStyleIndexes(await inflate(zip, styles)) : new Set<number>()
    const sstPart = part('xl/sharedStrings.xml')
    const sst = sstPart ? await sharedStrings(zip, sstPart) : []
    const core = part('docProps/core.xml')
    const created = core ? createdOf(await inflate(zip, core)) : null
    const sheets: SheetTable[] = []
    for (const ref of sheetRefs) {
      const name = decodeXml(ref.name ?? '')
      const target = targets.get(ref['r:id'] ?? '')
      if (!target) return null
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`
      const entry = part(path.replace(/\/\.\//g, '/'))
      if (!entry) return null
      sheets.push(await sheet(zip, entry, name, { sst, dateStyles, date1904 }))
    }
    return { sheets, date1904, created }
  } finally {
    zip.close()
  }
}

interface SheetContext {
  sst: string[]
  dateStyles: Set<number>
  date1904: boolean
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g
const VALUE = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/
const TEXT = /<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g
const MERGE = /<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g
const COL = /<(?:\w+:)?col\b([^>]*?)\/?>/g

async function sheet(zip: ZipFile, entry: Entry, name: string, ctx: SheetContext): Promise<SheetTable> {
  const rows: Cell[][] = []
  let lastRow = -1
  let lastCol = -1
  let nextRow = 0
  let tail = ''
  const merges: Merge[] = []
  const scanRows = (text: string) => {
    for (const m of text.matchAll(ROW)) {
      const ref = attr(m[1], 'r')
      const r = ref ? Number(ref) - 1 : nextRow
      nextRow = r + 1
      if (!m[2]) continue
      const out: Cell[] = []
      let nextCol = 0
      for (const c of m[2].matchAll(CELL)) {
        const cellRef = attr(c[1], 'r')
        const col = cellRef ? columnIndex(cellRef) : nextCol
        nextCol = col + 1
        const v = cellValue(attr(c[1], 't') ?? 'n', attr(c[1], 's'), c[2] ?? '', ctx)
        if (v === null) continue
        checkColumn(name, col, r)
        out[col] = v
        if (col > lastCol) lastCol = col
      }
      if (out.length > 0) {
        if (r > LIMITS.rows) {
          throw tooManyRows(name)
        }
        rows[r] = out
        lastRow = r
      }
    }
  }
  // <cols> comes before <sheetData>: held until the rows start, for the columns the file hides.
  let head: string | null = ''
  const hidden: number[] = []
  await eachChunk(zip, entry, (chunk) => {
    if (head !== null) {
      head += chunk
      const at = head.search(/<(?:\w+:)?sheetData\b/)
      if (at >= 0 || head.length > 1_000_000) {
        for (const m of head.slice(0, at >= 0 ? at : head.length).matchAll(COL)) {
          const a = attrs(m[1])
          if (a.hidden !== '1' && a.hidden !== 'true') continue
          const max = Math.min(Number(a.max ?? a.min), LIMITS.columns)
          for (let c = Number(a.min); c <= max; c++) hidden.push(c - 1)
        }
        head = null
      }
    }
    const text = tail + chunk
    // Whole rows only: a row cut by the chunk boundary waits for the rest.
    const end = afterLastClose(text, 'row')
    scanRows(text.slice(0, end))
    tail = text.slice(end)
    if (tail.length > LIMITS.cellChars * LIMITS.columns * 2) throw new ImportFileError('cellTooLong', `Sheet "${name}" has a row longer than an import reads.`)
  })
  scanRows(tail)
  for (const m of tail.matchAll(MERGE)) {
    // denseTable keeps the first 10,000 inside the table; this bounds what a hostile file makes us hold.
    if (merges.length >= 100_000) break
    const r0 = Number(m[2]) - 1
    const c0 = columnIndex(m[1])
    merges.push({ r0, c0, r1: m[4] ? Number(m[4]) - 1 : r0, c1: m[3] ? columnIndex(m[3]) : c0 })
  }
  return denseTable(name, rows, lastRow, lastCol, merges, hidden)
}

function cellValue(t: string, style: string | undefined, body: string, ctx: SheetContext): Cell {
  if (t === 'inlineStr') return text(richText(body))
  const raw = VALUE.exec(body)?.[1]
  if (raw === undefined) return null
  switch (t) {
    case 's':
      return text(ctx.sst[Number(raw)] ?? '')
    case 'str':
      return text(decodeXml(raw))
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true'
    case 'd':
      return /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : null
    case 'e':
      // "#N/A", "#REF!": kept as the text Excel shows, so the import can say the cell held an error.
      return text(decodeXml(raw))
    default: {
      const v = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(v)) return null
      if (style && ctx.dateStyles.has(Number(style))) {
        const d = fromSerial(v, ctx.date1904)
        if (d.ok) return d.value.iso
      }
      return v
    }
  }
}

function text(s: string): Cell {
  if (s.length > LIMITS.cellChars) throw new ImportFileError('cellTooLong', `A cell holds ${s.length} characters; an import reads at most ${LIMITS.cellChars} per cell.`)
  return s === '' ? null : s
}

/** The visible text of a shared string or inline string: its runs, without phonetic guides. */
function richText(body: string): string {
  let out = ''
  for (const m of body.replace(PHONETIC, '').matchAll(TEXT)) out += decodeXml(m[1] ?? '')
  return out
}

async function sharedStrings(zip: ZipFile, entry: Entry): Promise<string[]> {
  const out: string[] = []
  let tail = ''
  const scan = (s: string) => {
    for (const m of s.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(richText(m[1] ?? ''))
  }
  await eachChunk(zip, entry, (chunk) => {
    const s = tail + chunk
    const end = afterLastClose(s, 'si')
    scan(s.slice(0, end))
    tail = s.slice(end)
  })
  scan(tail)
  return out
}

/** Style indexes (positions in cellXfs) whose number format shows a date. */
function dateStyleIndexes(xml: string): Set<number> {
  const custom = new Map<number, string>()
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const a = attrs(m[1])
    custom.set(Number(a.numFmtId), decodeXml(a.formatCode ?? ''))
  }
  const builtin = XLSX.SSF.get_table() as Record<number, string>
  const isDate = (id: number): boolean => {
    const code = custom.get(id) ?? builtin[id]
    // 27–36 and 50–58 are the East Asian locales' built-in date and time formats (年/月/日, 时/分).
    if (code === undefined) return (id >= 27 && id <= 36) || (id >= 50 && id <= 58)
    return XLSX.SSF.is_date(code) as boolean
  }
  const out = new Set<number>()
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? ''
  let i = 0
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    if (isDate(Number(attrs(m[1]).numFmtId ?? 0))) out.add(i)
    i += 1
  }
  return out
}

function createdOf(xml: string): string | null {
  const m = /<dcterms:created\b[^>]*>([^<]*)</.exec(xml)
  const when = m ? new Date(m[1].trim()) : null
  return when && !Number.isNaN(when.getTime()) ? when.toISOString() : null
}

/** Where the text after the last closing tag `</tag>` (or `</prefix:tag>`) starts; 0 if there is none. */
function afterLastClose(text: string, tag: string): number {
  const close = `${tag}>`
  let at = text.lastIndexOf(close)
  while (at > 0) {
    const before = text.slice(Math.max(0, at - 24), at)
    if (before.endsWith('</') || /<\/[\w.-]+:$/.test(before)) return at + close.length
    at = text.lastIndexOf(close, at - 1)
  }
  return 0
}

/** One attribute of a start tag's attribute text, without building them all (1.5 million cells). */
function attr(s: string, name: string): string | undefined {
  let at = s.indexOf(`${name}=`)
  // The name must start the attribute: " r=" but not "spans=" or "xr:uid=".
  while (at >= 0 && at > 0 && !/\s/.test(s[at - 1])) at = s.indexOf(`${name}=`, at + 1)
  if (at < 0) return undefined
  const q = s[at + name.length + 1]
  if (q !== '"' && q !== "'") return undefined
  const end = s.indexOf(q, at + name.length + 2)
  return end < 0 ? undefined : s.slice(at + name.length + 2, end)
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = m[2] ?? m[3] ?? ''
  return out
}

function columnIndex(ref: string): number {
  let n = 0
  for (let i = 0; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i)
    if (code < 65 || code > 90) break
    n = n * 26 + (code - 64)
  }
  return n - 1
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML's CRLF normalisation (as SheetJS does it), entities, then the _xHHHH_ escapes Excel writes for control characters. */
function decodeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0 && s.indexOf('\r') < 0) return s
  return s
    .replace(/\r\n/g, '\n')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : NAMED[e],
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
}

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(new ImportFileError('damaged', 'The workbook is damaged or incomplete. Open it in Excel or WPS, save it again and re-import.'))
      else resolve(zip)
    })
  })
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Entry>()
    zip.on('entry', (e: Entry) => {
      out.set(e.fileName.replace(/^\/+/, '').toLowerCase(), e)
      zip.readEntry()
    })
    zip.on('end', () => resolve(out))
    zip.on('error', reject)
    zip.readEntry()
  })
}

/** Inflates one part as UTF-8 text in chunks; a part that does not inflate means a damaged file. */
function eachChunk(zip: ZipFile, entry: Entry, onText: (s: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(new ImportFileError('damaged', `The workbook is damaged (its part ${entry.fileName} cannot be read). Open it in Excel or WPS, save it again and re-import.`))
        return
      }
      const decoder = new StringDecoder('utf8')
      stream.on('data', (c: Buffer) => {
        try {
          onText(decoder.write(c))
        } catch (e) {
          stream.destroy()
          reject(e)
        }
      })
      stream.on('end', () => {
        try {
          onText(decoder.end())
          resolve()
        } catch (e) {
          reject(e)
        }
      })
      stream.on('error', () =>
        reject(new ImportFileError('damaged', `The workbook is damaged (its part ${entry.fileName} does not inflate). Open it in Excel or WPS, save it again and re-import.`)),
      )
    })
  })
}

async function inflate(zip: ZipFile, entry: Entry): Promise<string> {
  let out = ''
  await eachChunk(zip, entry, (s) => (out += s))
  return out
}
