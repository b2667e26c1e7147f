// The reports: pure functions from data and options to bytes (trip files) or
// to a stream (registers). Saving the bytes is the transport's job.
export { collectTripReportInput, tripLookup, visitedOrganizations } from './collect'
export type { TripReportInput, TripLookup, TripMemberInfo } from './collect'
export { tripWorkbook } from './trip-workbook'
export type { TripWorkbookOptions } from './trip-workbook'
export { tripReportDocx } from './trip-report-docx'
export { tripReportOutline, outlineText } from './trip-report-text'
export type { Block, TripReportOptions } from './trip-report-text'
export { itineraryDocx, itineraryWorkbook } from './itinerary'
export type { ItineraryOptions } from './itinerary'
export { selectAlumni, termStatus, writeAlumniDirectory, writeAlumniGroups, writeFollowUps, writeInternshipBases, writeVisitsLedger } from './registers'
export type {
  AlumniDirectoryOptions, AlumniFilter, AlumniGroupsOptions, DateRange, FollowUpsOptions, InternshipBasesOptions, RegisterResult, TermStatus, VisitsLedgerOptions,
} from './registers'
