/** 2xx: the message's journey ended the way the system expects (delivered, timed out, or stopped by you). */
import type { StatusDefinition } from './types.ts'

export const SUCCESS_STATUSES = [
  {
    code: 201,
    name: 'DeliveredToHandset',
    group: 'Success',
    final: true,
    text: {
      sv: {
        meaning: 'Mottagarens telefon har tagit emot meddelandet.',
        action: 'Inget, det har kommit fram.',
      },
      en: { meaning: "The recipient's phone has received the message.", action: 'Nothing; it arrived.' },
    },
  },
  {
    code: 202,
    name: 'Expired',
    group: 'Success',
    final: true,
    text: {
      sv: {
        meaning: 'Giltighetstiden tog slut innan telefonen gick att nå, så meddelandet levererades aldrig.',
        action:
          'Kontrollera numret och skicka igen när mottagaren troligen är nåbar; i chatten kan du schemalägga det (send <nummer> kl 09:00 imorgon <text>), i API:t med sendAt.',
      },
      en: {
        meaning: 'The validity period ran out before the phone could be reached, so it was never delivered.',
        action:
          'Check the number and send again when the recipient is likely reachable; in chat you can schedule it (send <number> tomorrow at 9:00 <text>), in the API with sendAt.',
      },
    },
  },
  {
    code: 203,
    name: 'Canceled',
    group: 'Success',
    final: true,
    text: {
      sv: {
        meaning:
          'Meddelandet stoppades av dig eller någon på kontot innan det skickades. Kostnaden återbetalas.',
        action: 'Skicka det på nytt om det avbröts av misstag.',
      },
      en: {
        meaning:
          'You or someone on your account stopped the message before it was sent. Its price is refunded.',
        action: 'Send it again if it was canceled by mistake.',
      },
    },
  },
] as const satisfies readonly StatusDefinition[]
