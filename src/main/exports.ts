import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import type { z } from 'zod'
import type { Lang } from '../shared/enums'
import { DOCX_MIME, exportsContract, isExportName, XLSX_MIME } from '../shared/exports'
import type { ExportName } from '../shared/exports'
import type { ApiErrorBody } from '../shared/contract'
import { AppError, validationError } from './errors'
import {
  collectTripReportInput, itineraryDocx, itineraryWorkbook, tripReportDocx, tripWorkbook,
  writeAlumniDirectory, writeAlumniGroups, writeFollowUps, writeInternshipBases, writeVisitsLedger,
} from './reports'
import type { TripReportInput } from './reports'
import { localToday } from './reports/format'
import type { Ctx } from './services/context'
import { filterPredicates } from './services/queries'
import type { DbData } from './db/schema'
import type { CollectionName } from '../shared/collections'
import { createInsightService } from './services/insights'
import { createExchangeService } from './services/exchange'
import { blobFiles } from './attachments/blob-files'
import { workerThumbnailer } from './attachments/thumbnails'
import { workerSheets } from './reports/sheet-runner'
import { reportAttachments, reportFigures } from './attachments/report-figures'
import { PACKAGE_EXTENSION, PACKAGE_MIME } from '../shared/exchange'

/** A validated export, ready to be written wherever the transport chose. */
export interface PreparedExport {
  fileName: string
  mime: string
  write(out: Writable): Promise<void>
}

export interface Exporter {
  prepare(name: string, input: unknown): { ok: true; job: PreparedExport } | { ok: false; error: ApiErrorBody }
}

type Input<N extends ExportName> = z.output<(typeof exportsContract)[N]>

const MAX_NAME = 80

/**
 * File names a person can tell apart in a folder: what, for which trip or range, and the date.
 * A long title is shortened (with "…"); the date at the end never is.
 */
export function fileBase(title: string, date: string): string {
  // Control characters and the characters Windows forbids in file names.
  // eslint-disable-next-line no-control-regex
  const clean = (t: string) => t.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim()
  const tail = clean(date)
  const room = MAX_NAME - (tail === '' ? 0 : tail.length + 1)
  const chars = [...clean(title)]
  const head = chars.length > room ? `${chars.slice(0, room - 1).join('').trimEnd()}…` : chars.join('')
  return [head, tail].filter((x) => x !== '').join(' ') || 'export'
}

const CAPTIONS: Record<ExportName, Record<Lang, string>> = {
  'trip.workbook': { 'zh-CN': '出访汇总表', en: 'Trip summary' },
  'trip.report': { 'zh-CN': '出访工作报告', en: 'Trip report' },
  'trip.itineraryDocx': { 'zh-CN': '行程安排', en: 'Itinerary' },
  'trip.itineraryXlsx': { 'zh-CN': '行程安排', en: 'Itinerary' },
  'register.visits': { 'zh-CN': '访企拓岗台账', en: 'Visits ledger' },
  'register.internshipBases': { 'zh-CN': '实习基地名录', en: 'Internship bases' },
  'register.alumni': { 'zh-CN': '校友名录', en: 'Alumni directory' },
  'register.alumniGroups': { 'zh-CN': '校友组织名录', en: 'Alumni organisations' },
  'register.followUps': { 'zh-CN': '跟进事项清单', en: 'Follow-ups' },
  'exchange.package': { 'zh-CN': '数据交换包', en: 'Exchange package' },
}

const REGISTER_COLLECTION: Partial<Record<ExportName, CollectionName>> = {
  'register.internshipBases': 'agreements',
  'register.alumni': 'contacts',
  'register.alumniGroups': 'alumniGroups',
  'register.followUps': 'followUps',
}

export function createExporter(ctx: Ctx): Exporter {
  const insights = createInsightService(ctx)
  const exchange = createExchangeService(ctx)
  const blobs = blobFiles(ctx.dataDir, ctx.codec)
  // The office's day, not UTC's: a report exported at 07:00 in Shanghai is dated that day.
  const today = () => localToday(ctx.now())
  const langOf = (l: Lang | undefined): Lang => l ?? ctx.store.data.settings.reportLanguage

  function tripInput(tripId: string): TripReportInput {
    return collectTripReportInput(ctx.store.data, tripId, insights.tripTotals(tripId))
  }

  /** The data with the register's collection cut down by the list's own filter predicate. */
  function narrowed(name: ExportName, filter: Record<string, unknown> | undefined): DbData {
    const data = ctx.store.data
    const collection = REGISTER_COLLECTION[name]
    if (!filter || !collection) return data
    const keep = filterPredicates[collection] as (r: unknown, f: Record<string, unknown>) => boolean
    return { ...data, [collection]: (data[collection] as unknown[]).filter((r) => keep(r, filter)) }
  }

  /** A file made in memory, written as it is, or as its pieces one after the other. */
  function bytes(fileName: string, mime: string, make: () => Promise<Buffer | Buffer[]>): PreparedExport {
    return {
      fileName,
      mime,
      write: async (out) => {
        const made = await make()
        await pipeline(Readable.from(Array.isArray(made) ? made : [made]), out)
      },
    }
  }

  const sheets = ctx.sheetWriter ?? workerSheets()

  function tripFile<N extends 'trip.workbook' | 'trip.report' | 'trip.itineraryDocx' | 'trip.itineraryXlsx'>(name: N, input: Input<N>): PreparedExport {
    const lang = langOf(input.lang)
    const data = tripInput(input.tripId)
    const base = fileBase(`${CAPTIONS[name][lang]} ${data.trip.title}`, data.trip.startDate)
    switch (name) {
      case 'trip.workbook':
        return bytes(`${base}.xlsx`, XLSX_MIME, () => tripWorkbook(data, { lang, asOf: today() }, sheets))
      case 'trip.report':
        return bytes(`${base}.docx`, DOCX_MIME, async () => {
          const figures = await reportFigures(blobs, reportAttachments(ctx.store.data.attachments, data), undefined, ctx.thumbnailer ?? workerThumbnailer())
          return tripReportDocx(data, { lang, date: (input as Input<'trip.report'>).date ?? today(), kind: (input as Input<'trip.report'>).kind }, figures)
        })
      case 'trip.itineraryDocx':
        return bytes(`${base}.docx`, DOCX_MIME, () => itineraryDocx(data, { lang }))
      default:
        return bytes(`${base}.xlsx`, XLSX_MIME, () => itineraryWorkbook(data, { lang }, sheets))
    }
  }

  function register(name: ExportName, input: Input<'register.followUps'> & Input<'register.alumni'>): PreparedExport {
    const lang = langOf(input.lang)
    const span = input.from || input.to ? ` ${input.from ?? ''}–${input.to ?? ''}` : ''
    const fileName = `${fileBase(`${CAPTIONS[name][lang]}${span}`, today())}.xlsx`
    const data = narrowed(name, input.filter as Record<string, unknown> | undefined)
    const range = { from: input.from, to: input.to }
    const writers: Partial<Record<ExportName, (out: Writable) => Promise<unknown>>> = {
      'register.visits': (out) => writeVisitsLedger(data, { lang, ...range }, out, sheets),
      'register.internshipBases': (out) => writeInternshipBases(data, { lang, ...range, asOf: today() }, out, sheets),
      'register.alumni': (out) => writeAlumniDirectory(data, { lang, filter: { classYear: input.classYear, major: input.major, city: input.city } }, out, sheets),
      'register.alumniGroups': (out) => writeAlumniGroups(data, { lang, ...range }, out, sheets),
      'register.followUps': (out) => writeFollowUps(data, { lang, ...range, status: input.status, asOf: today() }, out, sheets),
    }
    const write = writers[name]
    if (!write) throw new Error(`No register writer for ${name}`)
    return { fileName, mime: XLSX_MIME, write: async (out) => void (await write(out)) }
  }

  /** Named for the laptop it comes from (and the trip), so the receiver can tell packages apart. */
  function packageFile(input: Input<'exchange.package'>): PreparedExport {
    const lang = ctx.store.data.settings.language
    const scope = input.scope
    const trip = scope.kind === 'trip' ? (ctx.store.get('trips', scope.tripId) as { title?: string } | undefined) : undefined
    if (scope.kind === 'trip' && !trip) throw new AppError('NOT_FOUND', `No trip with id ${scope.tripId}`, { 'scope.tripId': ['Not found'] })
    const what = [CAPTIONS['exchange.package'][lang], ctx.deviceLabel(), trip?.title ?? ''].filter((x) => x !== '').join(' ')
    return bytes(`${fileBase(what, today())}.${PACKAGE_EXTENSION}`, PACKAGE_MIME, async () => (await exchange.packageFile(scope, input.passphrase)).parts)
  }

  return {
    prepare(name, raw) {
      if (!isExportName(name)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown export ${name}`, fieldErrors: {} } }
      const parsed = exportsContract[name].safeParse(raw ?? {})
      if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody() }
      try {
        if (name === 'exchange.package') return { ok: true, job: packageFile(parsed.data as Input<'exchange.package'>) }
        const job = name.startsWith('trip.')
          ? tripFile(name as 'trip.workbook', parsed.data as Input<'trip.workbook'>)
          : register(name, parsed.data as Input<'register.followUps'> & Input<'register.alumni'>)
        return { ok: true, job }
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toBody() }
        throw e
      }
    },
  }
}
