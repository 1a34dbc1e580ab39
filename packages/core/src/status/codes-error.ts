/** 5xx: delivery went wrong somewhere we do not control. All final except 503, which the network keeps retrying. */
import type { StatusDefinition } from './types.ts'

const SEND_AGAIN_SV = 'Skicka igen. Kontakta supporten om det fortsätter att misslyckas.'
const SEND_AGAIN_EN = 'Send again. Contact support if it keeps failing.'

export const ERROR_STATUSES = [
  {
    code: 500,
    name: 'InternalError',
    group: 'Error',
    final: true,
    text: {
      sv: { meaning: 'Något oväntat gick fel på vägen.', action: SEND_AGAIN_SV },
      en: { meaning: 'Something unexpected went wrong along the way.', action: SEND_AGAIN_EN },
    },
  },
  {
    code: 501,
    name: 'UnknownSubscriber',
    group: 'Error',
    final: true,
    text: {
      sv: {
        meaning: 'Mobilnätet känner inte till någon abonnent med det här numret.',
        action: 'Stäm av numret med mottagaren. Det kan vara uppsagt eller felskrivet.',
      },
      en: {
        meaning: 'The mobile network knows no subscriber with this number.',
        action: 'Check the number with the recipient. It may be closed or mistyped.',
      },
    },
  },
  {
    code: 502,
    name: 'SubscriberUnreachable',
    group: 'Error',
    final: true,
    text: {
      sv: {
        meaning: 'Telefonen gick inte att nå, till exempel avstängd eller utan täckning, och nätet gav upp.',
        action: 'Skicka igen lite senare.',
      },
      en: {
        meaning:
          'The phone could not be reached, for example switched off or out of coverage, and the network gave up.',
        action: 'Send again a little later.',
      },
    },
  },
  {
    code: 503,
    name: 'SubscriberOffline',
    group: 'Error',
    final: false,
    text: {
      sv: {
        meaning:
          'Telefonen är inte nåbar just nu. Nätet försöker igen tills giltighetstiden är slut, ofta 72 timmar.',
        action: 'Vänta. Blir telefonen inte nåbar i tid slutar meddelandet som 202 Expired.',
      },
      en: {
        meaning:
          'The phone cannot be reached right now. The network keeps trying until the validity ends, often 72 hours.',
        action: 'Wait. If the phone stays out of reach the message ends as 202 Expired.',
      },
    },
  },
  {
    code: 511,
    name: 'DeliveryToGatewayFailed',
    group: 'Error',
    final: true,
    text: {
      sv: { meaning: 'Nästa gateway i kedjan tog inte emot meddelandet.', action: SEND_AGAIN_SV },
      en: { meaning: 'The next gateway along the way would not take the message.', action: SEND_AGAIN_EN },
    },
  },
  {
    code: 512,
    name: 'DeliveryToCarrierFailed',
    group: 'Error',
    final: true,
    text: {
      sv: { meaning: 'Meddelandet kunde inte lämnas till mottagarens operatör.', action: SEND_AGAIN_SV },
      en: { meaning: "The message could not be handed to the recipient's operator.", action: SEND_AGAIN_EN },
    },
  },
  {
    code: 513,
    name: 'DeliveryToGSMFailed',
    group: 'Error',
    final: true,
    text: {
      sv: { meaning: 'Meddelandet kom aldrig ut i mobilnätet.', action: SEND_AGAIN_SV },
      en: { meaning: 'The message never made it onto the mobile network.', action: SEND_AGAIN_EN },
    },
  },
  {
    code: 514,
    name: 'DeliveryToHandsetFailed',
    group: 'Error',
    final: true,
    text: {
      sv: {
        meaning:
          'Nätet nådde telefonen men den tog inte emot meddelandet, till exempel för att minnet var fullt.',
        action: 'Be mottagaren se över telefonen och skicka sedan igen.',
      },
      en: {
        meaning:
          'The network reached the phone but it did not take the message, for example because its memory was full.',
        action: 'Ask the recipient to check the phone, then send again.',
      },
    },
  },
  {
    code: 515,
    name: 'GenericDeliveryFailure',
    group: 'Error',
    final: true,
    text: {
      sv: {
        meaning: 'Leveransen misslyckades utan någon närmare orsak.',
        action: 'Kontrollera numret och skicka igen. Kontakta supporten om det händer igen.',
      },
      en: {
        meaning: 'Delivery failed without a more precise reason.',
        action: 'Check the number and send again. Contact support if it happens again.',
      },
    },
  },
  {
    code: 516,
    name: 'GatewayError',
    group: 'Error',
    final: true,
    text: {
      sv: {
        meaning: 'En gateway på vägen svarade med ett fel som vi inte kunde tolka.',
        action: SEND_AGAIN_SV,
      },
      en: {
        meaning: 'A gateway along the way answered with an error we could not make sense of.',
        action: SEND_AGAIN_EN,
      },
    },
  },
  {
    code: 599,
    name: 'Unknown',
    group: 'Error',
    final: true,
    text: {
      sv: {
        meaning: 'Meddelandet lämnade oss men ingen läsbar leveransrapport kom tillbaka.',
        action: 'Fråga mottagaren om det kom fram, och skicka igen om inte.',
      },
      en: {
        meaning: 'The message left us, but no readable delivery report ever came back.',
        action: 'Ask the recipient whether it arrived, and send again if not.',
      },
    },
  },
] as const satisfies readonly StatusDefinition[]
