/** Opt-out schemas: the account's settings and the operator's service switch. */
import { z } from '@hono/zod-openapi'
import type { OptOutServiceView, OptOutSettingsView, OptOutSubscription } from '@smsdesk/core'
import { MoneySchema } from './common.ts'

const Texts = (description: string, example: { sv: string; en: string }) =>
  z.object({ sv: z.string(), en: z.string() }).openapi({ description, example })

const TextsUpdate = z
  .strictObject({
    sv: z.string().max(200).nullable().optional(),
    en: z.string().max(200).nullable().optional(),
  })
  .openapi({ description: 'null returns a language to the default text' })

export const OptOutSettingsSchema = z
  .object({
    mode: z.enum(['off', 'link', 'reply']).openapi({ description: 'What marketing messages get added' }),
    effectiveMode: z
      .enum(['off', 'link', 'reply'])
      .openapi({ description: 'What they get now: off while the chosen mode’s service is off' }),
    lang: z.enum(['sv', 'en']).openapi({ description: 'Which text goes into the messages' }),
    linkText: Texts('Introduces the link; {link} is replaced by it', {
      sv: 'Avregistrera: {link}',
      en: 'Unsubscribe: {link}',
    }),
    replyText: Texts('Asks for STOP; {number} is replaced by the virtual number', {
      sv: 'Svara STOPP till {number} för att avregistrera dig',
      en: 'Reply STOP to {number} to unsubscribe',
    }),
    requiredForMarketing: z
      .boolean()
      .openapi({ description: 'Refuse sends not marked transactional while no opt-out can be added' }),
    confirmations: z
      .boolean()
      .openapi({ description: 'One confirmation SMS after STOP, a used link or START (charged)' }),
    services: z.object({ link: z.boolean(), reply: z.boolean() }),
    virtualNumber: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('OptOutSettings')

export const OptOutSettingsUpdateSchema = z
  .strictObject({
    mode: z.enum(['off', 'link', 'reply']).optional(),
    lang: z.enum(['sv', 'en']).optional(),
    linkText: TextsUpdate.optional(),
    replyText: TextsUpdate.optional(),
    requiredForMarketing: z.boolean().optional(),
    confirmations: z.boolean().optional(),
  })
  .openapi('OptOutSettingsUpdate')

export const OptOutServiceBodySchema = z
  .strictObject({ link: z.boolean(), reply: z.boolean() })
  .openapi('OptOutServiceSwitch')

const SubscriptionSchema = z
  .object({
    id: z.string(),
    service: z.enum(['link', 'reply']),
    yearlyPrice: MoneySchema,
    startedAt: z.string(),
    committedUntil: z.string(),
    cancelledAt: z.string().nullable(),
    paidUntil: z.string().nullable(),
  })
  .openapi('OptOutSubscription')

export const OptOutServiceSchema = z
  .object({
    current: z.object({ link: SubscriptionSchema.nullable(), reply: SubscriptionSchema.nullable() }),
    history: z.array(SubscriptionSchema),
    prices: z.object({ link: MoneySchema, reply: MoneySchema }),
  })
  .openapi('OptOutService')

export function optOutSettingsJson(s: OptOutSettingsView): z.infer<typeof OptOutSettingsSchema> {
  return {
    mode: s.mode,
    effectiveMode: s.effectiveMode,
    lang: s.lang,
    linkText: s.linkText,
    replyText: s.replyText,
    requiredForMarketing: s.requiredForMarketing,
    confirmations: s.confirmations,
    services: s.services,
    virtualNumber: s.virtualNumber,
    updatedAt: s.updatedAt?.toISOString() ?? null,
  }
}

function subscriptionJson(s: OptOutSubscription): z.infer<typeof SubscriptionSchema> {
  return {
    id: s.id,
    service: s.service,
    yearlyPrice: s.yearlyPrice,
    startedAt: s.startedAt.toISOString(),
    committedUntil: s.committedUntil.toISOString(),
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
    paidUntil: s.paidUntil?.toISOString() ?? null,
  }
}

export function optOutServiceJson(v: OptOutServiceView): z.infer<typeof OptOutServiceSchema> {
  return {
    current: {
      link: v.current.link ? subscriptionJson(v.current.link) : null,
      reply: v.current.reply ? subscriptionJson(v.current.reply) : null,
    },
    history: v.history.map(subscriptionJson),
    prices: v.prices,
  }
}
