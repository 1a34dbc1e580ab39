/** Texts for templates, scheduled sends and canceling, in both languages. */
import type { Lang } from '@smsdesk/core'

export interface ComposeTexts {
  templatesTitle(count: number): string
  templatesNone(prefix: string): string
  templateSaved(name: string, placeholders: string[]): string
  templateDeleted(name: string): string
  sender: string
  text: string
  exampleFor(recipient: string): string
  sendAt: string
  validity: string
  hours(n: number): string
  scheduledSendTitle(count: number): string
  scheduledSent(time: string, batchId: string, prefix: string): string
  notATime(phrase: string): string
  timeInPast(phrase: string, time: string): string
  scheduledTitle(count: number): string
  scheduledNone: string
  scheduledItem(time: string, recipient: string, id: string, batchId: string): string
  canceledTitle: string
  canceled(count: number, refund: string): string
  notCanceled(count: number): string
  nothingToCancel(id: string): string
}

export const COMPOSE_TEXTS: Record<Lang, ComposeTexts> = {
  sv: {
    templatesTitle: (n) => (n === 1 ? '1 mall' : `${n} mallar`),
    templatesNone: (p) =>
      `Inga mallar än. Spara en: \`${p}template save tid Hej {firstName|vän}! Din tid är {date}.\``,
    templateSaved: (name, ph) =>
      `Mallen ”${name}” är sparad${ph.length > 0 ? ` (fylls med ${ph.map((x) => `{${x}}`).join(', ')})` : ''}. Skicka den med template:${name}.`,
    templateDeleted: (name) => `Mallen ”${name}” är borttagen.`,
    sender: 'Avsändare',
    text: 'Text',
    exampleFor: (r) => `Exempel (till ${r})`,
    sendAt: 'Skickas',
    validity: 'Giltighetstid',
    hours: (n) => `${n} timmar`,
    scheduledSendTitle: (n) => (n === 1 ? 'Schemalagt till 1 mottagare' : `Schemalagt till ${n} mottagare`),
    scheduledSent: (time, batch, p) =>
      `Skickas ${time}. Priset är draget; \`${p}cancel ${batch}\` stoppar utskicket och ger pengarna tillbaka.`,
    notATime: (phrase) =>
      `”${phrase}” kan jag inte läsa som en tid. Skriv till exempel kl 09:00 imorgon eller 2026-12-24 09:00.`,
    timeInPast: (phrase, time) => `”${phrase}” blir ${time}, och det har redan varit. Inget skickades.`,
    scheduledTitle: (n) => (n === 1 ? '1 schemalagt SMS' : `${n} schemalagda SMS`),
    scheduledNone: 'Inga schemalagda SMS väntar.',
    scheduledItem: (time, r, id, batch) => `${time} · ${r} · ${id} (${batch})`,
    canceledTitle: 'Stoppat',
    canceled: (n, refund) =>
      `${n === 1 ? '1 SMS stoppades' : `${n} SMS stoppades`} (203 Canceled); ${refund} gick tillbaka till saldot.`,
    notCanceled: (n) => `${n} hade redan gått iväg och kunde inte stoppas.`,
    nothingToCancel: (id) => `Inget i ${id} väntar längre, så inget kunde stoppas.`,
  },
  en: {
    templatesTitle: (n) => (n === 1 ? '1 template' : `${n} templates`),
    templatesNone: (p) =>
      `No templates yet. Save one: \`${p}template save booking Hi {firstName|there}! Your time is {date}.\``,
    templateSaved: (name, ph) =>
      `The template “${name}” is saved${ph.length > 0 ? ` (filled with ${ph.map((x) => `{${x}}`).join(', ')})` : ''}. Send it with template:${name}.`,
    templateDeleted: (name) => `The template “${name}” is deleted.`,
    sender: 'Sender',
    text: 'Text',
    exampleFor: (r) => `Example (to ${r})`,
    sendAt: 'Goes out',
    validity: 'Validity',
    hours: (n) => `${n} hours`,
    scheduledSendTitle: (n) => (n === 1 ? 'Scheduled to 1 recipient' : `Scheduled to ${n} recipients`),
    scheduledSent: (time, batch, p) =>
      `Goes out ${time}. The price is taken; \`${p}cancel ${batch}\` stops the send and gives the money back.`,
    notATime: (phrase) =>
      `I cannot read “${phrase}” as a time. Write e.g. tomorrow 09:00 or 2026-12-24 09:00.`,
    timeInPast: (phrase, time) => `“${phrase}” is ${time}, which has passed. Nothing was sent.`,
    scheduledTitle: (n) => (n === 1 ? '1 scheduled SMS' : `${n} scheduled SMS`),
    scheduledNone: 'No scheduled SMS are waiting.',
    scheduledItem: (time, r, id, batch) => `${time} · ${r} · ${id} (${batch})`,
    canceledTitle: 'Stopped',
    canceled: (n, refund) =>
      `${n === 1 ? '1 SMS was stopped' : `${n} SMS were stopped`} (203 Canceled); ${refund} went back to the balance.`,
    notCanceled: (n) => `${n} had already gone out and could not be stopped.`,
    nothingToCancel: (id) => `Nothing in ${id} is waiting any more, so nothing could be stopped.`,
  },
}
