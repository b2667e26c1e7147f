import { z } from 'zod'
import { idSchema, isoDate } from './domain/common'
import { followUpStatus, LANGS } from './enums'
import { filters } from './contract'
import { packageExportInput } from './exchange'
import type { ApiResult } from './contract'

/**
 * Files the app writes: the trip's documents and the registers. They are part
 * of the contract like any method, but their result is a file, which each
 * transport saves its own way (a save dialog in Electron, a download in the browser).
 */
const lang = z.enum(LANGS).optional()
const range = { from: isoDate.optional(), to: isoDate.optional() }
const trip = z.strictObject({ tripId: idSchema, lang })

export const exportsContract = {
  'trip.workbook': trip,
  'trip.report': z.strictObject({ tripId: idSchema, lang, date: isoDate.optional(), kind: z.enum(['news', 'work']).optional() }),
  'trip.itineraryDocx': trip,
  'trip.itineraryXlsx': trip,
  'register.visits': z.strictObject({ lang, ...range }),
  // Registers take the same filter object as their list, so an export holds what the list shows.
  'register.internshipBases': z.strictObject({ lang, ...range, filter: filters.agreements.optional() }),
  'register.alumni': z.strictObject({
    lang,
    classYear: z.number().int().min(1940).max(2100).optional(),
    major: z.string().trim().max(100).optional(),
    city: z.string().trim().max(60).optional(),
    filter: filters.contacts.optional(),
  }),
  'register.alumniGroups': z.strictObject({ lang, ...range, filter: filters.alumniGroups.optional() }),
  'register.followUps': z.strictObject({ lang, ...range, status: z.enum(followUpStatus.values).optional(), filter: filters.followUps.optional() }),
  // A merge package for another laptop (the whole database or one trip): a file like any export.
  'exchange.package': packageExportInput,
} as const

export type ExportName = keyof typeof exportsContract
export type ExportInput<N extends ExportName> = z.input<(typeof exportsContract)[N]>
export const EXPORT_NAMES = Object.keys(exportsContract) as ExportName[]

export function isExportName(name: string): name is ExportName {
  return Object.prototype.hasOwnProperty.call(exportsContract, name)
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

export interface ExportResult {
  /** false when the user cancelled the save dialog */
  saved: boolean
  fileName: string
  /** where Electron saved it; browser mode only knows the download's name */
  path?: string
}

export type ExportFn = <N extends ExportName>(name: N, input: ExportInput<N>) => Promise<ApiResult<ExportResult>>
