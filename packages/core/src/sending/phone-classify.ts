/**
 * The number-type check of libphonenumber-js (`helpers/getNumberType.js`), with each region's patterns compiled
 * once instead of on every call — the library builds a fresh RegExp per test, which dominated big batches.
 * Used only for canonical E.164 input with an unshared calling code; phone.test.ts checks it agrees with the library.
 */
import { Metadata, type NumberType } from 'libphonenumber-js/core'
import maxMetadata from 'libphonenumber-js/metadata.max.json'

type KnownType = NonNullable<NumberType>

/** The part of the library's `Metadata` class we read; its published typings leave these methods out. */
interface NumberingPlanReader {
  selectNumberingPlan(region: string): void
  hasTypes(): boolean
  nationalNumberPattern(): string
  type(type: KnownType): { pattern(): string; possibleLengths(): number[] | undefined } | undefined
}

interface TypeRule {
  pattern: RegExp
  lengths: readonly number[] | undefined
}

interface RegionRules {
  general: RegExp
  fixedLine: TypeRule | null
  /** How the library reads a fixed-line match: the mobile pattern is missing or empty when it equals fixed-line. */
  mobileSameAsFixed: boolean
  mobile: TypeRule | null
  others: readonly [KnownType, TypeRule][]
}

// The order the library tries them in after fixed line; the first match wins.
const NON_FIXED_LINE_TYPES: readonly KnownType[] = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
]

const cache = new Map<string, RegionRules | null>()

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`)

function rulesFor(region: string): RegionRules | null {
  const cached = cache.get(region)
  if (cached !== undefined) return cached
  const metadata = new Metadata(maxMetadata) as unknown as NumberingPlanReader
  metadata.selectNumberingPlan(region)
  let rules: RegionRules | null = null
  // Regions without type data are validated differently by the library; leave those to it.
  if (metadata.hasTypes()) {
    const rule = (type: KnownType): TypeRule | null => {
      const definition = metadata.type(type)
      const pattern = definition?.pattern()
      if (!definition || !pattern) return null
      return { pattern: whole(pattern), lengths: definition.possibleLengths() }
    }
    const mobileDefinition = metadata.type('MOBILE')
    rules = {
      general: whole(metadata.nationalNumberPattern()),
      fixedLine: rule('FIXED_LINE'),
      mobileSameAsFixed: !mobileDefinition || mobileDefinition.pattern() === '',
      mobile: rule('MOBILE'),
      others: NON_FIXED_LINE_TYPES.flatMap((t) => {
        const r = rule(t)
        return r ? [[t, r] as [KnownType, TypeRule]] : []
      }),
    }
  }
  cache.set(region, rules)
  return rules
}

const matches = (national: string, rule: TypeRule | null) =>
  rule !== null && (!rule.lengths || rule.lengths.includes(national.length)) && rule.pattern.test(national)

/**
 * The type of a national number in `region` exactly as libphonenumber-js would say, `undefined` when it is not
 * valid there, or `null` when this region must be left to the library.
 */
export function classifyNationalNumber(region: string, national: string): NumberType | null {
  const rules = rulesFor(region)
  if (!rules) return null
  if (!rules.general.test(national)) return undefined
  if (matches(national, rules.fixedLine)) {
    if (rules.mobileSameAsFixed || matches(national, rules.mobile)) return 'FIXED_LINE_OR_MOBILE'
    return 'FIXED_LINE'
  }
  for (const [type, rule] of rules.others) if (matches(national, rule)) return type
  return undefined
}
