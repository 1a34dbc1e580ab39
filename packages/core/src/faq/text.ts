/** Per-language term processing for FAQ search: lower-case, drop filler words, Snowball-stem. */
import { stemmer as englishStemmer } from '@orama/stemmers/english'
import { stemmer as swedishStemmer } from '@orama/stemmers/swedish'
import type { FaqLang } from './types.ts'

// Words that occur in almost every question; matching on them only adds noise to the ranking.
const STOP_WORDS: Record<FaqLang, ReadonlySet<string>> = {
  sv: new Set(
    'och i att det som en ett på är av för med till den de inte om men var jag så när kan hur vad mitt min mina mig du dig din ditt vi oss vår man från eller ska vill får går har varför vilka vilken finns där här sig sin'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the a an to of in is are was my i me how do does did what why which can could for and or it its with be by at from this that there you your we our will would should'.split(
      ' ',
    ),
  ),
}

const STEMMERS: Record<FaqLang, (word: string) => string> = { sv: swedishStemmer, en: englishStemmer }

/** Words as the index sees them: letters and digits, split on everything else (also hyphens: "opt-out"). */
export const WORD = /[\p{L}\p{N}]+/gu

/** The index term for one word, or null for a filler word. */
export function faqTerm(word: string, lang: FaqLang): string | null {
  const lower = word.toLowerCase()
  if (STOP_WORDS[lang].has(lower)) return null
  // Numbers (status codes, 72 hours) are matched exactly; stemming "404" or "72" would only blur them.
  if (/^\p{N}+$/u.test(lower)) return lower
  return STEMMERS[lang](lower)
}

/** Splits text into words for MiniSearch's tokenizer. */
export function faqWords(text: string): string[] {
  return text.match(WORD) ?? []
}

// Words nearly every article has: a hit on these alone says little about which article is meant.
const GENERIC_WORDS: Record<FaqLang, readonly string[]> = {
  sv: ['sms', 'skicka', 'skickar', 'nummer', 'numret', 'meddelande', 'meddelanden', 'mottagare', 'tjänst'],
  en: ['sms', 'send', 'sending', 'message', 'messages', 'number', 'numbers', 'text', 'recipient', 'service'],
}
// Each word stemmed by both stemmers: an English query runs through the Swedish index and back.
const GENERIC_TERMS: ReadonlySet<string> = new Set(
  [...GENERIC_WORDS.sv, ...GENERIC_WORDS.en].flatMap((word) => [STEMMERS.sv(word), STEMMERS.en(word)]),
)

/**
 * Whether an index term is one of the generic words that do not tell articles apart. A generic word of
 * either language counts: "skicka sms" asked on an English page must not win through the word "Skickad".
 */
export function isGenericTerm(term: string): boolean {
  return GENERIC_TERMS.has(term)
}
