/** 1xx: where along the way a message is. None of them is final. */
import type { StatusDefinition } from './types.ts'

export const INFO_STATUSES = [
  {
    code: 101,
    name: 'Accepted',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Meddelandet har tagits emot och ska behandlas.',
        action: 'Inget, det går vidare av sig självt.',
      },
      en: {
        meaning: 'We have received the message and will process it.',
        action: 'Nothing; it moves on by itself.',
      },
    },
  },
  {
    code: 102,
    name: 'Queued',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Meddelandet väntar i kön på att skickas, också när det är schemalagt till senare.',
        action: 'Vänta. Så länge det står i kön kan du avbryta det.',
      },
      en: {
        meaning: 'The message is waiting in line to go out, also when it is scheduled for later.',
        action: 'Wait. While it is queued you can still cancel it.',
      },
    },
  },
  {
    code: 103,
    name: 'Funded',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Kostnaden är dragen från saldot och meddelandet får skickas.',
        action: 'Inget, utskicket följer.',
      },
      en: {
        meaning: 'The price has been taken from your balance, so the message may go out.',
        action: 'Nothing; sending follows.',
      },
    },
  },
  {
    code: 104,
    name: 'Refunded',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Kostnaden för meddelandet har lagts tillbaka på saldot eftersom det inte kom iväg.',
        action: 'Titta på statusen före den här för att se varför det inte skickades.',
      },
      en: {
        meaning: 'The price of the message went back to your balance because it was not sent.',
        action: 'Look at the status before this one to see why it was not sent.',
      },
    },
  },
  {
    code: 110,
    name: 'Sending',
    group: 'Info',
    final: false,
    text: {
      sv: { meaning: 'Meddelandet lämnas över till SMS-nätet just nu.', action: 'Vänta en kort stund.' },
      en: { meaning: 'We are handing the message to the SMS network right now.', action: 'Wait a moment.' },
    },
  },
  {
    code: 111,
    name: 'DeliveredToGateway',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Nästa gateway i kedjan har tagit emot meddelandet.',
        action: 'Vänta på leveransrapporten. Är telefonen avstängd kan den dröja upp till 72 timmar.',
      },
      en: {
        meaning: 'The next gateway along the way has taken the message.',
        action: 'Wait for the delivery report. If the phone is switched off it can take up to 72 hours.',
      },
    },
  },
  {
    code: 112,
    name: 'DeliveredToCarrier',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Mottagarens mobiloperatör har fått meddelandet.',
        action: 'Vänta på leveransrapporten.',
      },
      en: {
        meaning: "The recipient's mobile operator has the message.",
        action: 'Wait for the delivery report.',
      },
    },
  },
  {
    code: 113,
    name: 'DeliveredToGSM',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Meddelandet är ute i mobilnätet på väg till telefonen.',
        action: 'Vänta. Det kommer fram så fort telefonen går att nå.',
      },
      en: {
        meaning: 'The message is out on the mobile network, on its way to the phone.',
        action: 'Wait. It arrives as soon as the phone can be reached.',
      },
    },
  },
  {
    code: 114,
    name: 'QueuedAtGateway',
    group: 'Info',
    final: false,
    text: {
      sv: {
        meaning: 'Gatewayen längre fram håller meddelandet i sin kö.',
        action: 'Vänta, det skickas vidare automatiskt.',
      },
      en: {
        meaning: 'The gateway further along holds the message in its queue.',
        action: 'Wait; it is passed on by itself.',
      },
    },
  },
] as const satisfies readonly StatusDefinition[]
