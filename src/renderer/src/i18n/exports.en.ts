import type { ExportsMessages } from './exports.zh-CN'

export const exportsEn: ExportsMessages = {
  working: 'Preparing…',
  saved: 'Saved: {{file}}',
  failed: 'Export failed: {{message}}',
  export: 'Export to Excel',
  language: 'Report language',
  registers: {
    visits: 'Export visits ledger',
    internshipBases: 'Export internship bases',
    alumni: 'Export alumni directory',
    alumniGroups: 'Export alumni organisations',
    followUps: 'Export follow-ups',
  },
  reports: {
    title: 'Reports',
    intro: 'Made from this trip’s records, ready to hand in.',
    workbook: 'Trip summary workbook',
    workbookHint: 'Overview, itinerary, organisations visited, people met, outcomes, follow-ups (Excel)',
    report: 'Trip report',
    reportHint: 'The written summary of the trip, laid out for submission (Word)',
    itinerary: 'Itinerary',
    itineraryHint: 'By day and period, with the people to meet and their phones, for the delegation to carry',
    date: 'Report date',
    docx: 'Word',
    xlsx: 'Excel',
  },
}
