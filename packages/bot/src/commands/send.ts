/** `send` from chat: quote first, ask for confirmation when big or costly, then send and hand over for tracking. */

import type { Quote, SendRequest } from '@smsdesk/core'
import { formatAmount, formatTime } from '../i18n/index.ts'
import { COMPOSE_TEXTS } from '../i18n/later.ts'
import type { Answer } from './answer.ts'
import type { Command } from './command.ts'
import { batchAnswer } from './progress.ts'
import { rejectionWords } from './rejections.ts'
import type { Scope } from './scope.ts'
import { resolveTime } from './when.ts'

/** Used when neither the config nor the account names a sender. */
const FALLBACK_SENDER = 'SMSDesk'

export async function startSend(scope: Scope, command: Extract<Command, { kind: 'send' }>): Promise<Answer> {
  const { ctx, t, lang, settings } = scope
  const c = COMPOSE_TEXTS[lang]
  const problem = (text: string): Answer => ({ title: t.problemTitle, tone: 'warning', text, private: true })
  let sendAt: Date | undefined = command.sendAt
  if (sendAt === undefined && command.when !== undefined) {
    const at = resolveTime(command.when, scope.desk.clock.now(), settings.timeZone)
    if (at === null) return problem(c.notATime(command.when))
    sendAt = at
  }
  // A time already past is refused, however it was given (typed, or the form's plain field).
  if (sendAt !== undefined && sendAt.getTime() <= scope.desk.clock.now().getTime()) {
    const written = command.when ?? formatTime(sendAt, settings.timeZone)
    return problem(c.timeInPast(written, formatTime(sendAt, settings.timeZone)))
  }
  const request: SendRequest = {
    sender: await senderFor(scope),
    recipients: command.recipients,
    groups: command.groups,
    body: command.body,
    ...(command.template ? { template: command.template.name, variables: command.template.variables } : {}),
    ...(sendAt ? { sendAt } : {}),
    ...(command.validityHours !== undefined ? { validityHours: command.validityHours } : {}),
    source: ctx.platform,
    createdBy: `${ctx.platform}:${ctx.userId}`,
  }
  const quote = await scope.desk.messages.quote(scope.accountId, request)
  const rejected = quote.recipients.filter((r) => r.status !== null)
  if (quote.total.messages === 0)
    return {
      title: t.allRejectedTitle,
      tone: 'warning',
      text: t.allRejected,
      list: await Promise.all(
        rejected.map(
          async (r) =>
            `${r.input} · ${r.status?.code} ${r.status?.name}${await rejectionWords(scope.desk, scope.accountId, r.recipient, r.status, lang, settings.timeZone)}${r.status?.code === 408 && r.reason ? ` ${r.reason}` : ''}`,
        ),
      ),
      private: true,
    }
  if (quote.total.price.amount > quote.balance.amount)
    return {
      title: t.insufficientTitle,
      tone: 'warning',
      text: t.insufficient(formatAmount(quote.balance, lang), formatAmount(quote.total.price, lang)),
      private: true,
    }

  // A scheduled send always shows its absolute time, and a template one filled example, before anything is booked.
  const needsConfirmation =
    sendAt !== undefined ||
    command.template !== undefined ||
    quote.recipients.length > settings.confirmAboveRecipients ||
    quote.total.price.amount > settings.confirmAboveAmount
  if (!needsConfirmation) return sendNow(scope, request, ctx.idempotencyKey)

  const pendingId = await scope.desk.chat.createPendingSend(
    ctx.platform,
    ctx.workspaceId,
    ctx.userId,
    request,
    settings.pendingTtlMs,
  )
  return {
    ...(await quoteAnswer(scope, quote, request)),
    buttons: [
      { action: 'confirm_send', label: t.sendButton, value: pendingId, style: 'primary' },
      { action: 'cancel_send', label: t.cancelButton, value: pendingId, style: 'danger' },
    ],
  }
}

async function quoteAnswer(scope: Scope, quote: Quote, request: SendRequest): Promise<Answer> {
  const { t, lang } = scope
  const c = COMPOSE_TEXTS[lang]
  const rejected = quote.recipients.filter((r) => r.status !== null)
  const first = quote.recipients.find((r) => r.status === null)
  const textLabel = request.template !== undefined && first ? c.exampleFor(first.recipient) : t.finalText
  return {
    title: t.quoteTitle(quote.total.messages),
    tone: 'warning',
    text: t.quoteText,
    fields: [
      { label: c.sender, value: request.sender },
      ...(request.sendAt
        ? [
            {
              label: c.sendAt,
              value: `${formatTime(request.sendAt, scope.settings.timeZone)} (${scope.settings.timeZone})`,
            },
          ]
        : []),
      ...(request.validityHours !== undefined
        ? [{ label: c.validity, value: c.hours(request.validityHours) }]
        : []),
      ...(quote.optOut.example === null ? [] : [{ label: textLabel, value: quote.optOut.example }]),
      { label: t.messages, value: String(quote.total.messages) },
      { label: t.encoding, value: quote.encoding },
      {
        label: t.segmentsPerMessage,
        value:
          quote.optOut.mode === null
            ? String(quote.segmentsPerMessage)
            : `${quote.segmentsPerMessage} (${t.optOutAdded(quote.optOut.addedSegments)})`,
      },
      { label: t.totalSegments, value: String(quote.total.segments) },
      { label: t.price, value: formatAmount(quote.total.price, lang) },
      {
        label: t.balanceAfter,
        value: formatAmount(
          { amount: quote.balance.amount - quote.total.price.amount, currency: quote.balance.currency },
          lang,
        ),
      },
    ],
    ...(rejected.length > 0
      ? {
          list: await Promise.all(
            rejected
              .slice(0, 10)
              .map(
                async (r) =>
                  `${r.input} · ${t.notCharged(`${r.status?.code} ${r.status?.name}`)}${await rejectionWords(scope.desk, scope.accountId, r.recipient, r.status, lang, scope.settings.timeZone)}${r.status?.code === 408 && r.reason ? ` ${r.reason}` : ''}`,
              ),
          ),
        }
      : {}),
    note: t.confirmNote(Math.round(scope.settings.pendingTtlMs / 60_000)),
    private: true,
  }
}

/** Sends and answers with the live progress message (which the platform posts and keeps current). */
async function sendNow(
  scope: Scope,
  request: SendRequest,
  idempotencyKey: string | undefined,
): Promise<Answer> {
  const result = await scope.desk.messages.send(scope.accountId, {
    ...request,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  })
  const progress = await batchAnswer(scope.desk, scope.accountId, result.batchId, scope.lang, scope.settings)
  if (request.sendAt === undefined || progress.track?.final) return progress
  const c = COMPOSE_TEXTS[scope.lang]
  return {
    ...progress,
    title: c.scheduledSendTitle(result.total.messages),
    text: c.scheduledSent(formatTime(request.sendAt, scope.settings.timeZone), result.batchId, scope.prefix),
  }
}

/** A Send click: the stored request is taken exactly once, so a second click (or a replay) sends nothing. */
export async function confirmSend(scope: Scope, pendingId: string): Promise<Answer> {
  const { ctx, t } = scope
  const request = await scope.desk.chat.takePendingSend(pendingId, ctx.platform, ctx.workspaceId)
  if (request === null)
    return { title: t.problemTitle, tone: 'info', text: t.confirmationGone, private: true }
  return sendNow(scope, request, `chat-confirm:${pendingId}`)
}

/** A Cancel click uses the confirmation up too, so Send cannot be pressed afterwards. */
export async function cancelSend(scope: Scope, pendingId: string): Promise<Answer> {
  const { ctx, t } = scope
  const request = await scope.desk.chat.takePendingSend(pendingId, ctx.platform, ctx.workspaceId)
  return {
    title: t.done,
    tone: 'info',
    text: request === null ? t.confirmationGone : t.cancelled,
    private: true,
  }
}

async function senderFor(scope: Scope): Promise<string> {
  if (scope.settings.defaultSender) return scope.settings.defaultSender
  const account = await scope.desk.accounts.get(scope.accountId)
  // A virtual number first: replies to it come back into the chat thread.
  return account.virtualNumbers[0] ?? account.registeredSenders[0] ?? FALLBACK_SENDER
}
