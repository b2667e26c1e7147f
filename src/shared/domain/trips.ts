import { z } from 'zod'
import { memberRole, tripStatus } from '../enums'
import { MESSAGES } from '../messages'
import { defineRecord, idSchema, isoDate, optionalId, requiredText, shortText, textList } from './common'

/** What the delegation needs to know about one travel day: how it travels and where it sleeps. */
export const tripDay = z.strictObject({
  date: isoDate,
  transport: shortText(200).default(''),
  lodging: shortText(200).default(''),
})
export type TripDay = z.infer<typeof tripDay>

export const tripMember = z.strictObject({
  staffId: idSchema,
  /** one of the offered roles (memberRole), or what the user typed (秘书长助理, 摄影) */
  role: z.union([z.enum(memberRole.values), requiredText(40)]).default('member'),
})

const base = defineRecord({
  title: requiredText(200),
  /** the title in English, for English reports */
  titleEn: shortText(300).default(''),
  theme: shortText(300).default(''),
  startDate: isoDate,
  endDate: isoDate,
  destinations: textList(30).default([]),
  leaderId: optionalId,
  members: z.array(tripMember).max(100).default([]),
  objectives: textList(30).default([]),
  status: z.enum(tripStatus.values).default('planned'),
  summary: z.string().max(20000).default(''),
  experience: z.string().max(20000).default(''),
  outlook: z.string().max(20000).default(''),
  days: z.array(tripDay).max(366).default([]),
})

// The check lives on the object so it also guards updates, which merge a patch first.
const datesInOrder = (t: { startDate: string; endDate: string }) => t.endDate >= t.startDate
const datesMessage = { message: MESSAGES.endBeforeStart, path: ['endDate'] }

export const trips = {
  input: base.input.refine(datesInOrder, datesMessage),
  record: base.record.refine(datesInOrder, datesMessage),
  inputShape: base.input,
}
export type Trip = z.infer<typeof trips.record>
export type TripInput = z.input<typeof trips.input>
