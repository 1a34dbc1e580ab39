/** The three statuses the old Web SMS showed, each mapped to the code it corresponds to today. */
import type { Lang, StatusText } from './types.ts'

export interface LegacyStatusDefinition {
  /** The Swedish name the old Web SMS showed. */
  name: string
  /** The catalogue code it corresponds to now. */
  code: number
  text: Record<Lang, StatusText>
}

export const LEGACY_STATUSES = [
  {
    name: 'Levererad',
    code: 201,
    text: {
      sv: {
        meaning:
          'Gamla Web SMS: operatören har bekräftat att telefonen fick SMS:et, så det har nästan säkert kommit fram. Motsvarar 201 DeliveredToHandset.',
        action: 'Inget, det har kommit fram.',
      },
      en: {
        meaning:
          'Old Web SMS: the operator confirmed the phone got the SMS, so it has almost certainly arrived. Same as 201 DeliveredToHandset.',
        action: 'Nothing; it arrived.',
      },
    },
  },
  {
    name: 'Skickad',
    code: 111,
    text: {
      sv: {
        meaning:
          'Gamla Web SMS: SMS:et har lämnat oss men ingen leveransbekräftelse har kommit än. Motsvarar 111 DeliveredToGateway.',
        action:
          'Vänta. Besked kommer först när SMS:et levererats eller giltighetstiden gått ut, vilket kan ta upp till 72 timmar.',
      },
      en: {
        meaning:
          'Old Web SMS: the SMS has left us but no delivery confirmation has come back yet. Same as 111 DeliveredToGateway.',
        action:
          'Wait. Word comes only once the SMS is delivered or its validity has run out, which can take up to 72 hours.',
      },
    },
  },
  {
    name: 'Fel',
    code: 515,
    text: {
      sv: {
        meaning:
          'Gamla Web SMS: mottagarens operatör svarade att utskicket misslyckades. Motsvarar 515 GenericDeliveryFailure.',
        action: 'Kontrollera att numret stämmer och skicka igen.',
      },
      en: {
        meaning:
          "Old Web SMS: the recipient's operator answered that the send failed. Same as 515 GenericDeliveryFailure.",
        action: 'Check that the number is right and send again.',
      },
    },
  },
] as const satisfies readonly LegacyStatusDefinition[]

export type LegacyStatus = (typeof LEGACY_STATUSES)[number]
export type LegacyStatusName = LegacyStatus['name']
