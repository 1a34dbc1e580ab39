/**
 * `status <number>`: every SMS to a number and from it in one timeline, newest first and paged, with its blocklist
 * state; one implementation for an account's workspace and for support's look-up across accounts.
 */

import type { StatusRef } from '@smsdesk/core'
import { formatTime } from '../i18n/index.ts'
import type { Answer, AnswerButton, AnswerField } from './answer.ts'
import type { HandlerSettings } from './context.ts'

/** Lines of a timeline page; each page also offers each message's history and the next page as buttons. */
export const TIMELINE_PAGE = 5

export interface TimelineMessage {
  id: string
  createdAt: Date
  status: StatusRef
  body: string
  recipient: string
  /** Whose message it is, where several accounts show (support). */
  owner?: string
}

export interface TimelineInbound {
  receivedAt: Date
  body: string
  owner?: string
}

/** Where a timeline reads from: the newest `limit` of each kind, newest first. */
export interface TimelineSource {
  messages(limit: number): Promise<TimelineMessage[]>
  inbound(limit: number): Promise<TimelineInbound[]>
}

/** The words around a timeline, chosen by the caller's scope. */
export interface TimelineView {
  settings: HandlerSettings
  prefix: string
  title(number: string): string
  none(number: string): string
  /** Prefix of an inbound line. */
  inboundLabel: string
  /** Prefix of an outbound line. */
  outboundLabel: string
  /** The blocklist state, always shown. */
  blocklist: AnswerField
  morePage(page: number): string
  moreButton: string
  historyButton(id: string): string
  note?: string
}

type Entry =
  | { kind: 'out'; at: Date; message: TimelineMessage }
  | { kind: 'in'; at: Date; inbound: TimelineInbound }

/** Page `page` (1 is the newest) of the merged timeline of `number`. */
export async function numberTimeline(
  view: TimelineView,
  source: TimelineSource,
  number: string,
  page: number,
): Promise<Answer> {
  // The newest n of the merged timeline are among the newest n of each kind.
  const upTo = TIMELINE_PAGE * page + 1
  const [sent, received] = await Promise.all([source.messages(upTo), source.inbound(upTo)])
  const entries: Entry[] = [
    ...sent.map((message): Entry => ({ kind: 'out', at: message.createdAt, message })),
    ...received.map((inbound): Entry => ({ kind: 'in', at: inbound.receivedAt, inbound })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime())
  const shown = entries.slice(TIMELINE_PAGE * (page - 1), TIMELINE_PAGE * page)
  const more = entries.length > TIMELINE_PAGE * page
  const time = (at: Date) => formatTime(at, view.settings.timeZone)
  const owner = (o: string | undefined) => (o ? ` · ${o}` : '')
  const list = shown.map((e) =>
    e.kind === 'out'
      ? `${time(e.at)} · ${view.outboundLabel} · ${e.message.status.code} ${e.message.status.name}${owner(e.message.owner)} · ${e.message.id} · “${clip(e.message.body, 40)}”`
      : `${view.inboundLabel}: ${time(e.at)}${owner(e.inbound.owner)} · “${clip(e.inbound.body, 60)}”`,
  )
  const buttons: AnswerButton[] = shown.flatMap((e) =>
    e.kind === 'out'
      ? [
          {
            action: 'run_command' as const,
            label: view.historyButton(e.message.id),
            value: `status ${e.message.id}`,
            style: 'default' as const,
          },
        ]
      : [],
  )
  if (more)
    buttons.push({
      action: 'run_command',
      label: view.moreButton,
      value: `status ${number} more ${page + 1}`,
      style: 'primary',
    })
  const recipient = sent[0]?.recipient ?? number
  const notes = [
    ...(page > 1 || more ? [view.morePage(page)] : []),
    ...(more ? [`\`${view.prefix}status ${number} more ${page + 1}\``] : []),
    ...(view.note ? [view.note] : []),
  ]
  return {
    title: view.title(recipient),
    tone: 'info',
    ...(entries.length === 0 ? { text: view.none(number) } : {}),
    fields: [view.blocklist],
    ...(list.length > 0 ? { list } : {}),
    ...(buttons.length > 0 ? { buttons } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    private: true,
  }
}

function clip(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' '))
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}
