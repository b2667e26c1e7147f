import { z } from 'zod'
import { cooperationCategory, followUpStatus } from '../enums'
import { defineRecord, isoDate, optionalDate, optionalId, requiredText } from './common'

export const followUpLogEntry = z.strictObject({
  date: isoDate,
  text: z.string().trim().min(1).max(5000),
})

export const followUps = defineRecord({
  title: requiredText(300),
  category: z.enum(cooperationCategory.values).default('other'),
  organizationId: optionalId,
  tripId: optionalId,
  activityId: optionalId,
  ownerId: optionalId,
  dueDate: optionalDate,
  status: z.enum(followUpStatus.values).default('open'),
  log: z.array(followUpLogEntry).max(1000).default([]),
  result: z.string().max(10000).default(''),
})
export type FollowUp = z.infer<typeof followUps.record>
export type FollowUpInput = z.input<typeof followUps.input>
