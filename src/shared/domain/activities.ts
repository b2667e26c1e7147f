import { z } from 'zod'
import { activityKind, cooperationCategory, period, visitMethod } from '../enums'
import { clockTime, defineRecord, idList, isoDate, optionalCount, optionalId, requiredText, shortText, textList } from './common'

export const activities = defineRecord({
  tripId: optionalId,
  date: isoDate,
  period: z.enum(period.values).default('morning'),
  /** HH:mm, '' when not planned to the minute */
  startTime: clockTime,
  endTime: clockTime,
  kind: z.enum(activityKind.values).default('enterpriseVisit'),
  title: requiredText(200),
  city: shortText(60).default(''),
  location: shortText(200).default(''),
  organizationIds: idList.default([]),
  /** people met */
  contactIds: idList.default([]),
  /** our attendees */
  staffIds: idList.default([]),
  topics: z.string().max(5000).default(''),
  outcomes: z.string().max(10000).default(''),
  /** the outcomes in English, for an English report of a trip recorded in Chinese */
  outcomesEn: z.string().max(10000).default(''),
  /** forums: the consensus reached */
  consensus: z.string().max(10000).default(''),
  /** forums: how many attended and how many of them were alumni ("约N人"); null = not recorded */
  attendeesCount: optionalCount,
  alumniAttendeesCount: optionalCount,
  // What schools report upwards about a visit ("visit enterprises, expand jobs").
  visitMethod: z.enum(visitMethod.values).default('onSite'),
  /** null = nobody recorded a number; unknown is not zero */
  positionsOffered: optionalCount,
  jobTitles: textList(100).default([]),
  majorsWanted: textList(50).default([]),
  intentions: z.array(z.enum(cooperationCategory.values)).max(20).default([]),
  agreementIds: idList.default([]),
  alumniGroupIds: idList.default([]),
})
export type Activity = z.infer<typeof activities.record>
export type ActivityInput = z.input<typeof activities.input>

/**
 * Organisations count as visited through enterprise visits and calls on them (meetings),
 * not through forums or ceremonies they attended: the rule behind "8 enterprises and parks visited".
 */
export const VISIT_KINDS: ReadonlySet<Activity['kind']> = new Set(['enterpriseVisit', 'meeting'])
