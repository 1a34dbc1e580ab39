/**
 * A small Swedish decompounder for FAQ search: "spärrlistan" is also searched as "spärr" + "lista".
 *
 * Swedish writes compounds as one word, so a customer's "spärrlistan" shares no term with an article
 * that says "spärra" and "lista". A word is split into two or more known parts when every part is a
 * word of the FAQ vocabulary (or one with a common ending removed); the linking -s- of "kontoslistan"
 * style compounds is allowed. Short words and unknown parts are left alone, so a split never invents
 * a meaning the articles do not have. The whole word is always kept beside its parts.
 */

/** Endings stripped from a part before looking it up: definite forms and plurals (-listan → -lista). */
const ENDINGS = ['orna', 'arna', 'erna', 'en', 'et', 'na', 'an', 'ar', 'er', 'or', 'n', 't'] as const
const MIN_PART = 3
const MIN_WORD = 2 * MIN_PART + 1
/** Common words that head or tail customers' compounds even when no article spells them out alone. */
const SEED =
  'sms lista spärr block konto kod nummer mejl post lösen ord status rapport länk tjänst kontakt leverans snabb app'

export interface Decompounder {
  /** The parts of a compound, e.g. `["spärr", "lista"]`, or an empty list when `word` is not one. */
  split(word: string): string[]
}

/** A decompounder over the given vocabulary (lower-case words of the articles, titles, tags and aliases). */
export function createDecompounder(vocabulary: Iterable<string>): Decompounder {
  const known = new Set<string>(SEED.split(' '))
  for (const word of vocabulary) if (word.length >= MIN_PART) known.add(word.toLowerCase())

  const base = (part: string): string | null => {
    // The base form first, so "listan" is looked up as "lista" and "mejlet" as "mejl".
    for (const ending of ENDINGS) {
      const stem = part.slice(0, -ending.length)
      if (part.endsWith(ending) && stem.length >= MIN_PART) {
        if (known.has(stem)) return stem
        if (known.has(`${stem}a`)) return `${stem}a`
      }
    }
    return known.has(part) ? part : null
  }

  const cache = new Map<string, string[]>()
  const split = (word: string, depth: number): string[] => {
    if (word.length < MIN_WORD || depth > 2) return []
    // Longest head first: "lösenordsmejlet" is "lösenord" + "mejlet", not "lösen" + "ordsmejlet".
    for (let cut = word.length - MIN_PART; cut >= MIN_PART; cut--) {
      const head = word.slice(0, cut)
      const tail = word.slice(cut)
      const headBase = known.has(head) ? head : head.endsWith('s') ? base(head.slice(0, -1)) : null
      if (!headBase) continue
      const tailBase = base(tail)
      if (tailBase) return [headBase, tailBase]
      const rest = split(tail, depth + 1)
      if (rest.length > 0) return [headBase, ...rest]
    }
    return []
  }

  return {
    split(word) {
      const lower = word.toLowerCase()
      let parts = cache.get(lower)
      if (!parts) {
        parts = split(lower, 0)
        cache.set(lower, parts)
      }
      return parts
    },
  }
}
