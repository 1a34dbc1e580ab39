/** A new account's request, checked, and the customer number it gets when none is given. */
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import { toE164 } from '../contacts/number.ts'
import type { NewAccount } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { assertPriceList, type PriceList } from '../sending/pricing.ts'
import { assertValidSender } from '../sending/validate.ts'
import type { Database } from '../store/schema.ts'

/** A customer number another account holds; the creator retries a generated one, and reports a chosen one. */
export class CustomerNumberTaken extends Error {
  constructor(readonly number: string) {
    super(`customer number ${number} is taken`)
  }
}

/**
 * The first free number from 100001 upwards, past the count of accounts (numbers the operator chose may sit
 * between). A retry after losing a race starts a little further on, so racing creations spread out.
 */
export async function nextCustomerNumber(trx: Kysely<Database>, attempt: number): Promise<string> {
  const row = await trx
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  const spread = attempt > 1 ? randomInt(0, attempt * 4) : 0
  for (let candidate = 100001 + Number(row.n) + spread; ; candidate++) {
    const taken = await trx
      .selectFrom('accounts')
      .select('id')
      .where('customer_number', '=', String(candidate))
      .executeTakeFirst()
    if (!taken) return String(candidate)
  }
}

export interface ValidAccount {
  customerNumber: string | null
  priceList: PriceList | null
  name: string
  currency: string
  balance: number
  naCampaign: boolean
  bannedWords: string[]
  registeredSenders: string[]
  virtualNumbers: string[]
}

/** The creation request checked, with defaults applied; throws `InvalidRequest` (or `InvalidSender`) otherwise. */
export function validateNewAccount(input: NewAccount, defaultCountry: string): ValidAccount {
  const name = typeof input?.name === 'string' ? input.name.trim() : ''
  if (!name) throw new DeskError('InvalidRequest', 'An account needs a name')
  const currency = (input.currency ?? 'SEK').trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency))
    throw new DeskError('InvalidRequest', `Currency must be a 3-letter code, got "${input.currency}"`)
  const balance = input.balance ?? 0
  if (!Number.isSafeInteger(balance) || balance < 0) {
    throw new DeskError(
      'InvalidRequest',
      'Opening balance must be a whole, non-negative number of minor units',
    )
  }
  const customerNumber = input.customerNumber === undefined ? null : String(input.customerNumber).trim()
  if (customerNumber !== null && !CUSTOMER_NUMBER.test(customerNumber))
    throw new DeskError('InvalidRequest', 'A customer number is 1 to 32 letters, digits or dashes', {
      details: { field: 'customerNumber' },
    })
  return {
    customerNumber,
    priceList: input.priceList ? assertPriceList(input.priceList) : null,
    name,
    currency,
    balance,
    naCampaign: input.naCampaign === true,
    bannedWords: distinct((input.bannedWords ?? []).map((w) => String(w).trim()).filter(Boolean)),
    // A registered sender that could never send is a typo worth hearing about now (407 InvalidSender).
    registeredSenders: distinct(
      (input.registeredSenders ?? []).map((s) => assertValidSender(String(s).trim())),
    ),
    virtualNumbers: distinct(
      (input.virtualNumbers ?? []).map((n) => toE164(n, defaultCountry, 'virtual number')),
    ),
  }
}

const CUSTOMER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/

function distinct(values: string[]): string[] {
  return [...new Set(values)]
}
