import { z } from 'zod'
import { idSchema, isoDateTime, ledgerFields } from './common'
import { deviceId } from './sync'

export const EXCHANGE_OUTCOMES = ['new', 'updated', 'unchanged', 'merged', 'conflicting', 'deleted'] as const
export type ExchangeOutcome = (typeof EXCHANGE_OUTCOMES)[number]

export const exchangeScope = z.union([
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('trip'), tripId: idSchema, title: z.string().max(300) }),
])

/** One package received and applied: the exchange log. Kept outside the registers, like the import history. */
export const exchangeRecord = z.object({
  ...ledgerFields,
  fileName: z.string().max(300),
  /** the laptop that made the package */
  device: z.object({ id: deviceId, label: z.string().max(100) }),
  scope: exchangeScope,
  packageCreatedAt: isoDateTime,
  counts: z.object(Object.fromEntries(EXCHANGE_OUTCOMES.map((k) => [k, z.number().int().min(0)])) as Record<ExchangeOutcome, z.ZodNumber>),
  /** device id -> label, as the sender knew them: names the laptops in histories and conflicts */
  devices: z.record(deviceId, z.string().max(100)),
})
export type ExchangeRecord = z.infer<typeof exchangeRecord>
