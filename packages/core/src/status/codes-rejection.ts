/** 4xx: something about the message itself stopped it before it was sent. All final. */
import type { StatusDefinition } from './types.ts'

export const REJECTION_STATUSES = [
  {
    code: 402,
    name: 'InsufficientFunds',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning: 'Saldot räckte inte till hela utskicket, så ingenting skickades och ingenting drogs.',
        action: 'Fyll på saldot och skicka igen.',
      },
      en: {
        meaning: 'Your balance did not cover the whole send, so nothing was sent and nothing was charged.',
        action: 'Top up your balance and send again.',
      },
    },
  },
  {
    code: 403,
    name: 'SenderRejected',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning:
          'Avsändaren godtogs inte: den är inte registrerad på kontot eller kan misstas för någon annan.',
        action: 'Använd en registrerad avsändare, eller be supporten verifiera den här.',
      },
      en: {
        meaning:
          'The sender was refused: it is not registered to your account or could pass for someone else.',
        action: 'Use one of your registered senders, or ask support to verify this one.',
      },
    },
  },
  {
    code: 404,
    name: 'ContentRejected',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning:
          'Texten innehåller något som inte är tillåtet, till exempel spel om pengar, vuxeninnehåll eller spärrade ord.',
        action: 'Skriv om texten och skicka igen.',
      },
      en: {
        meaning:
          'The text contains something not allowed, such as gambling, adult content or words your account bans.',
        action: 'Rewrite the text and send again.',
      },
    },
  },
  {
    code: 405,
    name: 'RecipientRejected',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning: 'Vi får inte skicka till mottagaren, till exempel för att numret finns i blockeringslistan.',
        action:
          'Vill personen ha dina SMS igen kan den skicka START, eller så tar du bort numret ur blockeringslistan.',
      },
      en: {
        meaning: 'We may not send to this recipient, for example because the number is on your blocklist.',
        action:
          'If the person wants your texts again they can send START, or you remove the number from the blocklist.',
      },
    },
  },
  {
    code: 406,
    name: 'GenericRejected',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning:
          'Meddelandet nekades av ett skäl som de andra koderna inte täcker, till exempel ett nordamerikanskt nummer utan registrerad kampanj.',
        action: 'Läs orsaken som står vid statusen. Kontakta supporten om den är oklar.',
      },
      en: {
        meaning:
          'The message was refused for a reason the other codes do not cover, such as a North American number without a registered campaign.',
        action: 'Read the reason given with the status. Contact support if it is unclear.',
      },
    },
  },
  {
    code: 407,
    name: 'InvalidSender',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning:
          'Avsändaren har fel form. Den ska vara 3–11 tecken A–Z, a–z och 0–9, eller ett nummer på högst 15 siffror.',
        action: 'Rätta avsändaren och skicka igen.',
      },
      en: {
        meaning:
          'The sender has the wrong form. Use 3–11 characters A–Z, a–z and 0–9, or a number of at most 15 digits.',
        action: 'Correct the sender and send again.',
      },
    },
  },
  {
    code: 408,
    name: 'InvalidContent',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning:
          'Texten går inte att skicka som den är: den är tom, för lång eller har tecken som inte kan skickas.',
        action: 'Korta av eller rätta texten och skicka igen.',
      },
      en: {
        meaning:
          'The text cannot be sent as it is: it is empty, too long or has characters that cannot be sent.',
        action: 'Shorten or correct the text and send again.',
      },
    },
  },
  {
    code: 409,
    name: 'InvalidRecipient',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning: 'Mottagaren är inte ett giltigt mobilnummer.',
        action: 'Kontrollera numret, även landsnumret, och skicka igen.',
      },
      en: {
        meaning: 'The recipient is not a valid mobile number.',
        action: 'Check the number, including its country code, and send again.',
      },
    },
  },
  {
    code: 410,
    name: 'MissingSmsSubscription',
    group: 'Rejection',
    final: true,
    text: {
      sv: {
        meaning:
          'Numret har inget abonnemang som kan ta emot SMS, till exempel en fast telefon eller ett rent datakort.',
        action: 'Nå personen på annat sätt, eller be om ett mobilnummer.',
      },
      en: {
        meaning:
          'The number has no subscription that can receive SMS, such as a landline or a data-only SIM.',
        action: 'Reach the person another way, or ask for a mobile number.',
      },
    },
  },
] as const satisfies readonly StatusDefinition[]
